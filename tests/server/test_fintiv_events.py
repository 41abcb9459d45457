"""reportStampEvent, reportMultiStampEvents and getEventHistory over loopback HTTP: the
document's example shapes, the stamping rules' per-event codes, and idempotency."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.demo_data import (
    BAKERY_TAP_ID,
    CARD_EXPIRED,
    COFFEE_CLUB_ID,
    COFFEE_CLUB_STAMP,
    DEMO_STAMP_MASTERS,
)
from stamps.timestamps import format_timestamp, parse_timestamp
from tests.helpers.service_clients import SERVICE_NOW, Fintiv, fintiv_for

pytestmark = pytest.mark.dates

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}")
CARD_KEYS = {"cardInstanceId", "stampCardId", "currentStamps", "totalStamps", "issueDate",
             "updateTime", "expirationDate", "status", "rewards"}
REWARD_INSTANCE_KEYS = {"rewardInstanceId", "cardInstanceId", "reward", "status",
                        "rewardedTime", "rewardExpirationDate"}
REWARD_KEYS = {"rewardId", "walletId", "serviceId", "name", "threshold", "imageUrl",
               "rewardMessage", "rewardDescription"}
# Events a day before the service's frozen now: the rewards they earn (30 days) are valid.
BASE = SERVICE_NOW - timedelta(days=1)


def at(minutes: float) -> str:
    return format_timestamp(BASE + timedelta(minutes=minutes))


def stamp(card_id: str, minutes: float, event_id: str | None = None,
          value: str = COFFEE_CLUB_STAMP) -> dict[str, Any]:
    event = {"cardInstanceId": card_id, "eventTime": at(minutes), "eventType": "STAMP",
             "rewardInstanceId": "68B3D3E6-E681-482D-9797-89D517DDA94E", "stampValue": value}
    if event_id is not None:
        event["eventId"] = event_id
    return event


def check_card_shape(card: dict[str, Any]) -> None:
    assert set(card) >= CARD_KEYS, card
    for key in ("issueDate", "updateTime", "expirationDate"):
        assert TIMESTAMP.fullmatch(card[key]), card[key]
    assert isinstance(card["currentStamps"], int) and isinstance(card["totalStamps"], int)
    assert card["status"] in {"ACTIVE", "REDEEMED", "DELETED", "EXPIRED"}
    for reward in card["rewards"]:
        check_reward_instance_shape(reward)


def check_reward_instance_shape(reward: dict[str, Any]) -> None:
    assert set(reward) == REWARD_INSTANCE_KEYS, reward
    assert set(reward["reward"]) == REWARD_KEYS
    assert TIMESTAMP.fullmatch(reward["rewardedTime"])
    assert TIMESTAMP.fullmatch(reward["rewardExpirationDate"])


def test_report_stamp_event_answers_the_documented_shape(fintiv: Fintiv) -> None:
    card = fintiv.new_card(COFFEE_CLUB_ID)
    answer = fintiv("reportStampEvent", stamp(card["cardInstanceId"], 0))
    assert answer["result"] == {"code": 0}
    assert answer["rewards"] == []
    check_card_shape(answer["cardInstance"])
    assert answer["cardInstance"]["currentStamps"] == 1
    assert answer["cardInstance"]["updateTime"] == at(0)


def test_multi_events_answer_in_request_order_with_the_rewards_each_earned(
    fintiv: Fintiv,
) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    events = [stamp(cid, n, f"m{n}") for n in range(6)]
    answer = fintiv("reportMultiStampEvents", {"events": events})
    assert answer["result"] == {"code": 0}
    results = answer["eventResults"]
    assert [r["eventId"] for r in results] == [f"m{n}" for n in range(6)]
    assert [r["result"] for r in results] == [{"code": 0}] * 6
    assert [r["cardInstance"]["currentStamps"] for r in results] == [1, 2, 3, 4, 5, 6]
    assert [len(r["rewards"]) for r in results] == [0, 0, 0, 0, 1, 0]
    earned = results[4]["rewards"][0]
    check_reward_instance_shape(earned)
    assert earned["status"] == "ACTIVE" and earned["cardInstanceId"] == cid
    assert earned["reward"]["threshold"] == 5
    assert earned["rewardedTime"] == at(4)
    for r in results:
        check_card_shape(r["cardInstance"])
    # the card carries its redeemable reward from then on
    assert [x["rewardInstanceId"] for x in results[5]["cardInstance"]["rewards"]] == [
        earned["rewardInstanceId"]]


def test_event_history_is_newest_first_with_a_reward_event_1ms_after_its_stamp(
    fintiv: Fintiv,
) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    answer = fintiv("reportMultiStampEvents",
                    {"events": [stamp(cid, n, f"h{n}") for n in range(5)]})
    reward_id = answer["eventResults"][4]["rewards"][0]["rewardInstanceId"]
    history = fintiv("getEventHistory", {"cardInstanceId": cid})
    assert history["result"] == {"code": 0}
    events = history["events"]
    assert [e["eventType"] for e in events] == ["REWARD"] + ["STAMP"] * 5
    times = [parse_timestamp(e["eventTime"]) for e in events]
    assert times == sorted(times, reverse=True)
    assert times[0] - times[1] == timedelta(milliseconds=1)
    assert events[0]["rewardInstanceId"] == reward_id
    master = DEMO_STAMP_MASTERS[COFFEE_CLUB_ID][0]
    for e in events:
        assert set(e) == {"cardInstanceId", "eventTime", "eventType", "stampId", "stampValue",
                          "rewardInstanceId"}
        assert e["stampId"] == master.stamp_id and e["stampValue"] == master.stamp_value
        assert TIMESTAMP.fullmatch(e["eventTime"])


def test_redeem_marks_the_reward_redeemed_and_cannot_repeat(fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    answer = fintiv("reportMultiStampEvents",
                    {"events": [stamp(cid, n, f"r{n}") for n in range(5)]})
    reward_id = answer["eventResults"][4]["rewards"][0]["rewardInstanceId"]
    listed = fintiv("getRewards", {"cardInstanceId": cid})["rewards"]
    assert [r["rewardInstanceId"] for r in listed] == [reward_id]
    redeem = {"cardInstanceId": cid, "eventTime": at(10), "eventType": "REDEEM",
              "rewardInstanceId": reward_id}
    first = fintiv("reportStampEvent", redeem)
    assert first["result"] == {"code": 0}
    assert first["cardInstance"]["rewards"] == []
    assert fintiv("getRewards", {"cardInstanceId": cid})["rewards"] == []
    again = fintiv("reportStampEvent", {**redeem, "eventTime": at(11)})
    assert again["result"]["code"] == 33005
    assert again["result"]["message"] == "stamp.reward.not.redeemable"


def test_refused_events_carry_their_code_and_key(fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    removed = fintiv.new_card(BAKERY_TAP_ID)["cardInstanceId"]
    assert fintiv("removeCard", {"cardInstanceId": removed}) == {"result": {"code": 0}}
    events = [
        stamp(cid, 0, "bad-value", value="NOPE-NOPE-NOPE"),
        stamp("00000000-0000-4000-8000-000000000000", 0, "no-card"),
        stamp(removed, 0, "removed"),
        stamp(CARD_EXPIRED, 0, "expired"),
        {**stamp(cid, 1, "reward-by-terminal"), "eventType": "REWARD"},
    ]
    results = fintiv("reportMultiStampEvents", {"events": events})["eventResults"]
    got = {r["eventId"]: (r["result"]["code"], r["result"]["message"]) for r in results}
    assert got == {
        "bad-value": (33004, "stamp.value.unknown"),
        "no-card": (33009, "stamp.card.instance.unknown"),
        "removed": (33001, "stamp.card.not.active"),
        "expired": (33002, "stamp.card.expired"),
        "reward-by-terminal": (33008, "stamp.event.not.allowed"),
    }
    for r in results:
        assert set(r) == {"result", "eventId"}
        assert r["result"]["description"]  # a sentence beside the key
    single = fintiv("reportStampEvent", stamp(CARD_EXPIRED, 0))
    assert single["result"]["code"] == 33002


def test_a_second_stamp_within_the_minimum_interval_answers_33003(make_server: Any) -> None:
    fintiv = fintiv_for(make_server(min_stamp_interval=60))
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    events = [stamp(cid, 0, "1"), stamp(cid, 0.5, "2"), stamp(cid, 2, "3")]
    results = fintiv("reportMultiStampEvents", {"events": events})["eventResults"]
    assert results[0]["result"] == {"code": 0}
    assert results[1]["result"]["code"] == 33003
    assert results[1]["result"]["message"] == "stamp.multiple.stamp.attempt"
    assert set(results[1]) == {"result", "eventId"}
    assert results[2]["cardInstance"]["currentStamps"] == 2


def test_an_event_dated_beyond_the_clock_skew_answers_33010_and_changes_nothing(
    make_server: Any,
) -> None:
    fintiv = fintiv_for(make_server(max_future_skew_hours=2))
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    now = SERVICE_NOW  # the service's frozen clock
    events = [
        {**stamp(cid, 0, "far"), "eventTime": format_timestamp(now + timedelta(days=2))},
        {**stamp(cid, 0, "near"), "eventTime": format_timestamp(now + timedelta(minutes=30))},
    ]
    far, near = fintiv("reportMultiStampEvents", {"events": events})["eventResults"]
    assert far["result"]["code"] == 33010
    assert far["result"]["message"] == "stamp.event.time.future"
    assert "date and time" in far["result"]["description"]
    assert near["result"] == {"code": 0}
    assert near["cardInstance"]["currentStamps"] == 1  # the future stamp was not applied
    history = fintiv("getEventHistory", {"cardInstanceId": cid})["events"]
    assert len([e for e in history if e["eventType"] == "STAMP"]) == 1


def test_a_resent_event_id_gets_its_first_answer_and_is_applied_once(fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    batch = {"events": [stamp(cid, n, f"{cid}-{n}") for n in range(3)]}
    first = fintiv("reportMultiStampEvents", batch)
    again = fintiv("reportMultiStampEvents", batch)
    assert again == first
    overlapping = {"events": [stamp(cid, n, f"{cid}-{n}") for n in range(2, 5)]}
    third = fintiv("reportMultiStampEvents", overlapping)
    assert third["eventResults"][0] == first["eventResults"][2]
    assert [r["cardInstance"]["currentStamps"] for r in third["eventResults"][1:]] == [4, 5]
    history = fintiv("getEventHistory", {"cardInstanceId": cid})["events"]
    assert sum(e["eventType"] == "STAMP" for e in history) == 5


def test_without_idempotency_a_resent_event_is_applied_again(make_server: Any) -> None:
    fintiv = fintiv_for(make_server(idempotency=False))
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    batch = {"events": [stamp(cid, 0, "same")]}
    fintiv("reportMultiStampEvents", batch)
    again = fintiv("reportMultiStampEvents", batch)
    assert again["eventResults"][0]["cardInstance"]["currentStamps"] == 2


def test_malformed_events_are_refused_one_by_one_and_not_remembered(fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    bad = {"eventId": "fix-me", "cardInstanceId": cid, "eventTime": "yesterday",
           "eventType": "STAMP", "stampValue": COFFEE_CLUB_STAMP}
    results = fintiv("reportMultiStampEvents",
                     {"events": [bad, stamp(cid, 0, "fine"), 42]})["eventResults"]
    assert [r["result"]["code"] for r in results] == [40002, 0, 40002]
    assert results[0]["result"]["message"] == "event.invalid"
    assert "eventTime" in results[0]["result"]["description"]
    fixed = fintiv("reportMultiStampEvents", {"events": [stamp(cid, 1, "fix-me")]})
    assert fixed["eventResults"][0]["result"] == {"code": 0}


def test_a_malformed_single_event_is_a_400_with_the_result_envelope(fintiv: Fintiv) -> None:
    response = fintiv.raw("reportStampEvent", {"eventType": "STAMP"})
    assert response.status_code == 400
    assert response.json()["result"]["code"] == 40002


def test_redeemed_rewards_keep_their_answers_after_many_rounds(fintiv: Fintiv) -> None:
    """Batches read only a card's ACTIVE rewards plus those the events name: a second REDEEM
    and a REMOVE_REWARD of a redeemed reward still get the rules' answers."""
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    results = fintiv("reportMultiStampEvents",
                     {"events": [stamp(cid, n, f"{cid}-k{n}") for n in range(10)]})["eventResults"]
    first, second = (r["rewards"][0]["rewardInstanceId"] for r in (results[4], results[9]))
    redeem = {"cardInstanceId": cid, "eventType": "REDEEM", "rewardInstanceId": first}
    answers = fintiv("reportMultiStampEvents", {"events": [
        {**redeem, "eventId": f"{cid}-r1", "eventTime": at(20)},
        {**redeem, "eventId": f"{cid}-r2", "eventTime": at(21)},
        {**redeem, "eventId": f"{cid}-x", "eventTime": at(22), "eventType": "REMOVE_REWARD"},
    ]})["eventResults"]
    assert [a["result"]["code"] for a in answers] == [0, 33005, 0]
    again = fintiv("reportStampEvent", {**redeem, "eventTime": at(23)})
    assert again["result"]["code"] == 33005  # a deleted reward is not redeemable either
    left = fintiv("getRewards", {"cardInstanceId": cid})["rewards"]
    assert [r["rewardInstanceId"] for r in left] == [second]


def test_a_time_out_of_range_is_refused_without_changing_the_card(make_server: Any) -> None:
    # A reward valid 3 million days from 2030 would end after year 9999 (the clock-skew check
    # is widened so that 2030 gets that far).
    fintiv = fintiv_for(make_server(reward_validity_days=3_000_000,
                                    max_future_skew_hours=24 * 366 * 20))
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    late = datetime(2030, 12, 31, 20, 0, tzinfo=UTC)
    events = [{**stamp(cid, 0, f"late{n}"),
               "eventTime": format_timestamp(late + timedelta(minutes=n))} for n in range(5)]
    results = fintiv("reportMultiStampEvents", {"events": events})["eventResults"]
    assert [r["result"]["code"] for r in results] == [0, 0, 0, 0, 40002]
    assert fintiv("getCards", {"cardInstanceId": cid})["cards"][0]["currentStamps"] == 4
    history = fintiv("getEventHistory", {"cardInstanceId": cid})["events"]
    assert [e["eventType"] for e in history] == ["STAMP"] * 4
