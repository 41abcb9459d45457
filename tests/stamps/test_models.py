import json

import pytest

from stamps.errors import ValidationError
from stamps.models import CardInstance, Event, EventType, RewardInstance, StampCard
from stamps.wire import from_api, to_api

CATALOG_ENTRY = json.loads("""{
  "stampCardId": "1F7C3F59-2478-44DD-8059-6E6969542099", "name": "Coffee House",
  "stampType": "QR", "stampCount": 0, "phoneNumber": "2024419862", "isPublishToMarket": "N",
  "rewards": [{"rewardId": "F175099B-C54D-4BC8-B567-6DFEADD50ED5", "serviceId": "10520",
    "name": "Free Coffee", "threshold": 5, "rewardMessage": "Congratulations, this on is on us!",
    "rewardDescription": "Free Coffee"}],
  "merchant": {"merchantId": "1467250E-1CB1-40F4-85B2-85C5BE4EB0A0", "merchantName": "Coffee House",
    "updateDtim": "2018-12-19T17:42:26.000+0000",
    "store": {"storeId": "2A439A70-B572-45EF-BE50-2D900E4B64DA",
      "storeName": "Coffee House - Alpharetta", "city": "Alpharetta", "latitude": 34.089487,
      "longitude": -84.270758, "distance": 19.971244473406266}}
}""")

CARD_INSTANCE = json.loads("""{
  "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
  "stampCardId": "0616DE94-DED7-4D51-B766-2203296654FB", "currentStamps": 4, "totalStamps": 0,
  "issueDate": "2019-03-14T14:19:04.141+0000", "updateTime": "2019-03-14T17:46:44.173+0000",
  "expirationDate": "2030-03-14T03:59:59.000+0000", "status": "ACTIVE",
  "rewards": [{"rewardInstanceId": "71584867-2b99-4d76-b628-dbb8526f66b7",
    "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
    "reward": {"rewardId": "68B3D3E6-E681-482D-9797-89D517DDA94E", "walletId": "JANUS",
      "serviceId": "10520", "name": "Test stamp reward 0301-01", "threshold": 5},
    "status": "ACTIVE", "rewardedTime": "2019-03-14T17:37:37.103+0000",
    "rewardExpirationDate": "2019-04-13T17:37:37.103+0000"}]
}""")


def test_catalog_entry_round_trips():
    card = from_api(StampCard, CATALOG_ENTRY)
    assert card.rewards[0].threshold == 5
    assert card.merchant and card.merchant.store and card.merchant.store.city == "Alpharetta"
    assert from_api(StampCard, to_api(card)) == card
    assert to_api(card)["merchant"]["updateDtim"] == "2018-12-19T17:42:26.000+0000"


def test_card_instance_round_trips():
    card = from_api(CardInstance, CARD_INSTANCE)
    assert card.current_stamps == 4
    assert isinstance(card.rewards[0], RewardInstance)
    assert to_api(card) == CARD_INSTANCE


@pytest.mark.parametrize("field, value, message", [
    ("currentStamps", "4", "expected int"), ("currentStamps", -1, "negative"),
    ("status", "GONE", "expected one of"), ("issueDate", "yesterday", "timestamp"),
    ("cardInstanceId", None, "required"), ("currentStamps", True, "expected int"),
])
def test_bad_shapes_raise_validation_errors(field, value, message):
    bad = {**CARD_INSTANCE, field: value}
    with pytest.raises(ValidationError, match=message) as info:
        from_api(CardInstance, bad)
    assert field in info.value.errors


def test_event_matching_ignores_event_id_and_offset():
    a = from_api(Event, {"cardInstanceId": "c", "eventType": "STAMP", "eventId": "1",
                        "eventTime": "2019-03-14T18:30:03.278-0000", "stampValue": "V"})
    b = from_api(Event, {"cardInstanceId": "c", "eventType": "STAMP",
                        "eventTime": "2019-03-14T13:30:03.278-0500", "stampValue": "V"})
    assert a.matches(b)
    c = from_api(Event, {"cardInstanceId": "c", "eventType": "STAMP",
                        "eventTime": "2019-03-14T18:30:03.279+0000", "stampValue": "V"})
    assert not a.matches(c)
    assert a.event_type is EventType.STAMP
