"""Every example request of the Fintiv document, sent as written, and its answer compared
field by field with the document's example response (same keys, same JSON types, timestamps in
the document's format). The documents' ids are demo ids, so the requests work unchanged."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.helpers.service_clients import Fintiv, fintiv_for

pytestmark = pytest.mark.dates

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}")
REWARD = {
    "rewardInstanceId": "71584867-2b99-4d76-b628-dbb8526f66b7",
    "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
    "reward": {"rewardId": "68B3D3E6-E681-482D-9797-89D517DDA94E", "walletId": "JANUS",
               "serviceId": "10520", "name": "Test stamp reward 0301-01", "threshold": 5,
               "imageUrl": "http://api-dev.fintiv.co:8080/image/stampcard/x.png",
               "rewardMessage": "reward message test", "rewardDescription": "reward description"},
    "status": "ACTIVE", "rewardedTime": "2019-03-14T17:37:37.103+0000",
    "rewardExpirationDate": "2019-04-13T17:37:37.103+0000",
}
CARD = {"cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
        "stampCardId": "0616DE94-DED7-4D51-B766-2203296654FB", "currentStamps": 1,
        "totalStamps": 0, "issueDate": "2019-03-14T14:19:04.141+0000",
        "updateTime": "2019-03-14T17:37:37.149+0000",
        "expirationDate": "2030-03-14T03:59:59.000+0000", "status": "ACTIVE", "rewards": []}
LISTED_CARD = {k: v for k, v in CARD.items() if k not in ("updateTime", "rewards")}
MERCHANT = {"merchantId": "1467250E-1CB1-40F4-85B2-85C5BE4EB0A0",
            "merchantName": "Coffee House", "merchantImageUrl": "http://x/y.png",
            "updateDtim": "2018-12-19T17:42:26.000+0000"}
CATALOG_ENTRY = {
    "stampCardId": "1F7C3F59-2478-44DD-8059-6E6969542099", "name": "Coffee House",
    "stampType": "QR", "stampCount": 0, "phoneNumber": "2024419862", "isPublishToMarket": "N",
    "backgroundImageUrl": "http://x/bg.png", "stampAreaImageUrl": "http://x/stamp.png",
    "rewards": [{k: v for k, v in REWARD["reward"].items() if k != "walletId"}],
    "merchant": {**MERCHANT, "store": {
        "storeId": "2A439A70-B572-45EF-BE50-2D900E4B64DA", "storeName": "Coffee House",
        "street1": "12600 Deerfield Parkway Suite 425", "city": "Alpharetta",
        "state": "Georgia", "zip": "30004", "country": "US", "latitude": 34.089487,
        "longitude": -84.270758, "distance": 19.971244473406266}},
}
EVENT = {"cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
         "eventTime": "2019-03-14T21:32:03.278+0000", "eventType": "STAMP",
         "stampId": "450CEE46-4E66-4C37-A095-5C3D7B661A23",
         "stampValue": "GZ23-A457-Z50-E56X-O23G",
         "rewardInstanceId": "68B3D3E6-E681-482D-9797-89D517DDA94E"}
OK = {"result": {"code": 0}}
MULTI_REQUEST = {"events": [
    {"eventId": "1", "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
     "eventTime": "2019-03-14T18:30:03.278-0000", "eventType": "STAMP",
     "rewardInstanceId": "68B3D3E6-E681-482D-9797-89D517DDA94E",
     "stampValue": "GZ23-A457-Z50-E56X-O23G"},
    {"eventId": "2", "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
     "eventTime": "2019-03-14T19:30:03.278-0000", "eventType": "STAMP",
     "rewardInstanceId": "68B3D3E6-E681-482D-9797-89D517DDA94E",
     "stampValue": "GZ23-A457-Z50-E56X-O23G"},
]}
REFUSED = {"result": {"code": 33003, "message": "stamp.multiple.stamp.attempt"}, "eventId": "1"}


def same_shape(actual: Any, example: Any, where: str = "$") -> None:
    """``actual`` has every field of ``example`` with the same JSON type; lists are checked
    item by item against the example's first item."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), where
        for key, value in example.items():
            assert key in actual, f"{where}.{key} missing"
            same_shape(actual[key], value, f"{where}.{key}")
    elif isinstance(example, list):
        assert isinstance(actual, list), where
        for n, item in enumerate(actual):
            if example:
                same_shape(item, example[0], f"{where}[{n}]")
    elif isinstance(example, str) and TIMESTAMP.fullmatch(example):
        assert isinstance(actual, str) and TIMESTAMP.fullmatch(actual), (where, actual)
    elif isinstance(example, float):
        assert isinstance(actual, int | float), where
    else:
        assert type(actual) is type(example), (where, actual)


@pytest.fixture(scope="module")
def fintiv(server: Any) -> Fintiv:  # a module-private service (the conftest's is per module)
    return fintiv_for(server)


@pytest.fixture(scope="module")
def server(database: Any) -> Any:
    from server.config import ServerConfig
    from server.runner import ServerThread

    # Rewards valid for a century, so rewards earned at the document's 2019 times are ACTIVE.
    with ServerThread(ServerConfig(port=0, demo_data=True, reward_validity_days=36500,
                                   **database())) as running:
        yield running


def test_report_multi_stamp_events_example(fintiv: Fintiv) -> None:
    answer = fintiv("reportMultiStampEvents", MULTI_REQUEST)
    example = {**OK, "eventResults": [
        {**OK, "eventId": "1", "cardInstance": CARD, "rewards": [REWARD]},
        {**OK, "eventId": "2", "cardInstance": CARD, "rewards": []},
    ]}
    same_shape(answer, example)
    first, second = answer["eventResults"]
    assert (first["eventId"], second["eventId"]) == ("1", "2")
    assert len(first["rewards"]) == 1 and second["rewards"] == []  # the 5th stamp earned it


def test_report_stamp_event_example(fintiv: Fintiv) -> None:
    answer = fintiv("reportStampEvent", {
        "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
        "eventTime": "2019-03-14T14:30:03.278-0000", "eventType": "STAMP",
        "rewardInstanceId": "68B3D3E6-E681-482D-9797-89D517DDA94E",
        "stampValue": "GZ23-A457-Z50-E56X-O23G"})
    same_shape(answer, {**OK, "cardInstance": CARD, "rewards": []})
    assert answer["rewards"] == []


def test_get_rewards_and_coupon_detail_examples(fintiv: Fintiv) -> None:
    body = {"cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54"}
    for name in ("getRewards", "getCouponDetail"):
        answer = fintiv(name, body)
        same_shape(answer, {**OK, "rewards": [REWARD]})
        assert len(answer["rewards"]) == 1


def test_get_event_history_example(fintiv: Fintiv) -> None:
    answer = fintiv("getEventHistory", {"cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54"})
    same_shape(answer, {**OK, "events": [EVENT]})
    types = [e["eventType"] for e in answer["events"]]
    assert "REWARD" in types and types.count("STAMP") == 7


def test_get_catalog_example(fintiv: Fintiv) -> None:
    answer = fintiv("getCatalog", {
        "latitude": 34.044454912173904, "longitude": -84.48063315578163, "maxResults": 20,
        "radius": 100000, "merchantIds": ["1467250E-1CB1-40F4-85B2-85C5BE4EB0A0"],
        "serviceId": "10520", "skipRows": 0,
        "stampCardId": "1F7C3F59-2478-44DD-8059-6E6969542099"})
    same_shape(answer, {**OK, "catalog": [CATALOG_ENTRY]})
    assert len(answer["catalog"]) == 1


def test_get_cards_and_merchants_examples(fintiv: Fintiv) -> None:
    georgia = {"latitude": 34.044454912173904, "longitude": -84.48063315578163}
    cards = fintiv("getCards", {**georgia, "radius": 10000, "sortType": 4})
    assert cards == {**OK, "cards": []}  # the demo stores are in Jakarta, 16,000 km away
    wider = fintiv("getCards", {**georgia, "radius": 100000, "sortType": 4})
    same_shape(wider, {**OK, "cards": [LISTED_CARD]})
    assert len(wider["cards"]) >= 8
    merchants = fintiv("getMerchants", {**georgia, "radius": 10000, "searchType": 1})
    assert merchants == {**OK, "merchants": []}
    wider = fintiv("getMerchants", {**georgia, "radius": 100000, "searchType": 1})
    same_shape(wider, {**OK, "merchants": [MERCHANT]})
    assert len(wider["merchants"]) == 2


def test_get_stamps_example(fintiv: Fintiv) -> None:
    answer = fintiv("getStamps", {"stampCardId": "0616DE94-DED7-4D51-B766-2203296654FB"})
    same_shape(answer, {**OK, "stamps": [{
        "stampId": "450CEE46-4E66-4C37-A095-5C3D7B661A23",
        "stampValue": "GZ23-A457-Z50-E56X-O23G", "stampState": "ACTIVE", "awardStamps": 0,
        "rewardId": "68B3D3E6-E681-482D-9797-89D517DDA94E", "stampEventType": "REDEEM"}]})
    assert answer["stamps"][0]["stampValue"] == "GZ23-A457-Z50-E56X-O23G"


def test_card_management_examples(fintiv: Fintiv) -> None:
    added = fintiv("addCard", {"stampCardId": "1F7C3F59-2478-44DD-8059-6E6969542099"})
    assert added["result"] == {"code": 0}
    sequences = fintiv("updateCardSequences", {"updateCardSeqList": [
        {"cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54", "sequence": 3},
        {"cardInstanceId": "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d", "sequence": 2},
        {"cardInstanceId": "0131cef8-56e1-461a-b82b-7e220b925481", "sequence": 1}]})
    assert sequences == OK
    first = [c["cardInstanceId"] for c in fintiv("getCards", {"sortType": 7})["cards"][:3]]
    assert first == ["0131cef8-56e1-461a-b82b-7e220b925481",
                     "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d",
                     "3ab8fd17-2fb5-468c-9079-dfb887aacc54"]
    assert fintiv("removeCard", {"cardInstanceId": "0131cef8-56e1-461a-b82b-7e220b925481"}) == OK


def test_multiple_stamp_attempt_examples(make_server: Any) -> None:
    """The document's second and third answers: 33003 for stamps within the minimum interval."""
    fintiv = fintiv_for(make_server(min_stamp_interval=3601, idempotency=False))
    # The document's events on a card with no later stamps (the demo card has 2026 stamps).
    cid = fintiv.new_card("0616DE94-DED7-4D51-B766-2203296654FB")["cardInstanceId"]
    request = {"events": [{**e, "cardInstanceId": cid} for e in MULTI_REQUEST["events"]]}
    first = fintiv("reportMultiStampEvents", request)["eventResults"]
    assert first[0]["result"] == {"code": 0}
    same_shape(first[1], {**REFUSED, "eventId": "2"})
    assert first[1]["result"]["code"] == 33003 and set(first[1]) == {"result", "eventId"}
    again = fintiv("reportMultiStampEvents", request)
    same_shape(again, {**OK, "eventResults": [REFUSED, {**REFUSED, "eventId": "2"}]})
    assert [r["result"]["message"] for r in again["eventResults"]] == [
        "stamp.multiple.stamp.attempt"] * 2
