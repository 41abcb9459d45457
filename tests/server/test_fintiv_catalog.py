"""getCatalog, getMerchants, getStamps, getCards, getRewards/getCouponDetail, addCard,
removeCard and updateCardSequences against the document's examples."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from server.demo_data import (
    BAKERY_MERCHANT_ID,
    BAKERY_TAP_ID,
    CARD_EXPIRED,
    CARD_NEAR_REWARD,
    CARD_WITH_REWARD,
    COFFEE_CLUB_ID,
    DEMO_CARD_IDS,
    DEMO_REWARD_INSTANCE,
    KOPI_MERCHANT_ID,
    PAPER_PASSPORT_ID,
)
from stamps.timestamps import format_timestamp
from tests.helpers.service_clients import SERVICE_NOW, Fintiv, fintiv_for
from tests.server.test_fintiv_events import TIMESTAMP, check_card_shape

pytestmark = pytest.mark.dates

KEMANG = {"latitude": -6.2607, "longitude": 106.8137}  # a Kopi Senja store
CATALOG_KEYS = {"stampCardId", "name", "stampType", "stampCount", "phoneNumber",
                "isPublishToMarket", "backgroundImageUrl", "stampAreaImageUrl", "rewards",
                "merchant", "cardIdx"}
STORE_KEYS = {"storeId", "storeName", "street1", "city", "state", "zip", "country",
              "latitude", "longitude"}


def test_catalog_entries_have_the_documented_fields_and_a_card_idx(fintiv: Fintiv) -> None:
    catalog = fintiv("getCatalog", {})["catalog"]
    assert {c["stampType"] for c in catalog} == {"QR", "NFC", "STAMP"}
    for card in catalog:
        assert set(card) >= CATALOG_KEYS
        assert isinstance(card["cardIdx"], int)
        merchant = card["merchant"]
        assert {"merchantId", "merchantName", "merchantImageUrl", "updateDtim", "store"} <= set(
            merchant)
        assert TIMESTAMP.fullmatch(merchant["updateDtim"])
        assert set(merchant["store"]) >= STORE_KEYS
        for reward in card["rewards"]:
            assert {"rewardId", "serviceId", "name", "threshold", "imageUrl", "rewardMessage",
                    "rewardDescription"} <= set(reward)
    thresholds = {c["name"]: [r["threshold"] for r in c["rewards"]] for c in catalog}
    assert thresholds["Coffee Club"] == [5, 10]


def test_catalog_filters_by_card_merchant_and_distance_and_pages(fintiv: Fintiv) -> None:
    one = fintiv("getCatalog", {"stampCardId": BAKERY_TAP_ID})["catalog"]
    assert [c["stampCardId"] for c in one] == [BAKERY_TAP_ID]
    kopi = fintiv("getCatalog", {"merchantIds": [KOPI_MERCHANT_ID]})["catalog"]
    assert {c["stampCardId"] for c in kopi} == {COFFEE_CLUB_ID, PAPER_PASSPORT_ID}
    near = fintiv("getCatalog", {**KEMANG, "radius": 1.0})["catalog"]
    assert {c["merchant"]["merchantId"] for c in near} == {KOPI_MERCHANT_ID}
    assert all(c["merchant"]["store"]["distance"] < 0.01 for c in near)
    everywhere = fintiv("getCatalog", {**KEMANG, "radius": 100000})["catalog"]
    assert len(everywhere) == 3
    page = fintiv("getCatalog", {"skipRows": 1, "maxResults": 1})["catalog"]
    assert [c["stampCardId"] for c in page] == [everywhere[1]["stampCardId"]]
    example = {"latitude": 34.044454912173904, "longitude": -84.48063315578163,
               "maxResults": 20, "radius": 100000, "merchantIds": [BAKERY_MERCHANT_ID],
               "serviceId": "10520", "skipRows": 0, "stampCardId": BAKERY_TAP_ID}
    assert len(fintiv("getCatalog", example)["catalog"]) == 1


def test_merchants_search_by_name_and_sort(fintiv: Fintiv) -> None:
    merchants = fintiv("getMerchants", {"searchType": 2})["merchants"]
    names = [m["merchantName"] for m in merchants]
    assert names == sorted(names, key=str.lower)
    for m in merchants:
        assert set(m) == {"merchantId", "merchantName", "merchantImageUrl", "updateDtim"}
    found = fintiv("getMerchants", {"merchantName": "roti"})["merchants"]
    assert [m["merchantId"] for m in found] == [BAKERY_MERCHANT_ID]
    menteng = {"latitude": -6.1955, "longitude": 106.8320}
    nearest = fintiv("getMerchants", {**menteng, "radius": 10000, "searchType": 1})
    assert nearest["merchants"][0]["merchantId"] == BAKERY_MERCHANT_ID
    assert fintiv("getMerchants", {**menteng, "radius": 0.5})["merchants"][0][
        "merchantId"] == BAKERY_MERCHANT_ID


def test_stamps_are_the_card_master_data(fintiv: Fintiv) -> None:
    stamps = fintiv("getStamps", {"stampCardId": COFFEE_CLUB_ID})["stamps"]
    assert stamps and set(stamps[0]) == {"stampId", "stampValue", "stampState", "awardStamps",
                                         "rewardId", "stampEventType"}
    unknown = fintiv("getStamps", {"stampCardId": "nope"})
    assert unknown["result"]["code"] == 34001


def test_cards_list_every_instance_with_filters_and_sorts(fintiv: Fintiv) -> None:
    cards = fintiv("getCards", {})["cards"]
    ids = {c["cardInstanceId"] for c in cards}
    assert set(DEMO_CARD_IDS) <= ids
    for card in cards:
        check_card_shape(card)
    expired = next(c for c in cards if c["cardInstanceId"] == CARD_EXPIRED)
    assert expired["status"] == "EXPIRED"
    budi = fintiv("getCards", {"memberId": 2})["cards"]
    assert [c["cardInstanceId"] for c in budi] == [CARD_WITH_REWARD]
    assert budi[0]["rewards"][0]["rewardInstanceId"] == DEMO_REWARD_INSTANCE
    one = fintiv("getCards", {"cardInstanceId": CARD_NEAR_REWARD})["cards"]
    assert [c["currentStamps"] for c in one] == [4]
    example = {"latitude": 34.044454912173904, "longitude": -84.48063315578163,
               "radius": 10000, "sortType": 4}
    assert fintiv("getCards", example)["cards"] == []  # Jakarta is far from Georgia
    by_name = fintiv("getCards", {"sortType": 1})["cards"]
    merchants = {COFFEE_CLUB_ID: "kopi", PAPER_PASSPORT_ID: "kopi", BAKERY_TAP_ID: "roti"}
    order = [merchants.get(c["stampCardId"], "") for c in by_name]
    assert order == sorted(order)
    for sort in range(8):
        assert len(fintiv("getCards", {**KEMANG, "sortType": sort})["cards"]) == len(cards)


def test_card_sequences_order_sort_type_7(make_server: Any) -> None:
    fintiv = fintiv_for(make_server())
    ids = list(DEMO_CARD_IDS[:3])
    seq = [{"cardInstanceId": cid, "sequence": 3 - n} for n, cid in enumerate(ids)]
    assert fintiv("updateCardSequences", {"updateCardSeqList": seq}) == {"result": {"code": 0}}
    ordered = [c["cardInstanceId"] for c in fintiv("getCards", {"sortType": 7})["cards"]]
    assert ordered[:3] == list(reversed(ids))
    unknown = fintiv("updateCardSequences", {"updateCardSeqList": [
        {"cardInstanceId": ids[0], "sequence": 9}, {"cardInstanceId": "nope", "sequence": 1}]})
    assert unknown["result"]["code"] == 33009
    again = [c["cardInstanceId"] for c in fintiv("getCards", {"sortType": 7})["cards"]]
    assert again == ordered  # nothing changed


def test_usage_sorts_put_the_most_stamped_card_first(make_server: Any) -> None:
    fintiv = fintiv_for(make_server())
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    fintiv("reportStampEvent", {"cardInstanceId": cid,
                                "eventTime": format_timestamp(SERVICE_NOW - timedelta(hours=1)),
                                "eventType": "STAMP", "stampValue": "GZ23-A457-Z50-E56X-O23G"})
    most = fintiv("getCards", {"sortType": 5})["cards"]
    least = fintiv("getCards", {"sortType": 6})["cards"]
    assert most[0]["cardInstanceId"] == cid
    assert least[-1]["cardInstanceId"] == cid


def test_add_and_remove_card(fintiv: Fintiv) -> None:
    answer = fintiv("addCard", {"stampCardId": PAPER_PASSPORT_ID, "memberId": 4})
    assert answer["result"] == {"code": 0}
    card = answer["cardInstance"]
    check_card_shape(card)
    assert (card["currentStamps"], card["status"]) == (0, "ACTIVE")
    assert card["cardInstanceId"] in {c["cardInstanceId"] for c in fintiv(
        "getCards", {"memberId": 4})["cards"]}
    assert fintiv("addCard", {"stampCardId": "nope"})["result"]["code"] == 34001
    assert fintiv("removeCard", {"cardInstanceId": card["cardInstanceId"]}) == {
        "result": {"code": 0}}
    listed = fintiv("getCards", {"cardInstanceId": card["cardInstanceId"]})["cards"]
    assert listed[0]["status"] == "DELETED"
    assert fintiv("removeCard", {"cardInstanceId": card["cardInstanceId"]})["result"][
        "code"] == 33001
    assert fintiv("removeCard", {"cardInstanceId": "nope"})["result"]["code"] == 33009


def test_rewards_are_listed_by_get_rewards_and_get_coupon_detail(fintiv: Fintiv) -> None:
    body = {"cardInstanceId": CARD_WITH_REWARD}
    rewards = fintiv("getRewards", body)
    assert rewards == fintiv("getCouponDetail", body)
    [reward] = rewards["rewards"]
    assert reward["rewardInstanceId"] == DEMO_REWARD_INSTANCE
    assert reward["status"] == "ACTIVE" and reward["reward"]["threshold"] == 5
    assert fintiv("getRewards", {"cardInstanceId": "nope"})["result"]["code"] == 33009
    everyone = fintiv("getRewards", {})["rewards"]
    assert DEMO_REWARD_INSTANCE in {r["rewardInstanceId"] for r in everyone}
