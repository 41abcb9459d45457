"""FintivClient against canned answers (MockTransport): shapes, headers, per-event results."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from stamps.models import Event, EventType, InstanceStatus
from sync.errors import ApiValidationError, BusinessError, InvalidResponse
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client

pytestmark = pytest.mark.dates

CARD = {
    "cardInstanceId": "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
    "stampCardId": "0616DE94-DED7-4D51-B766-2203296654FB",
    "currentStamps": 4,
    "totalStamps": 0,
    "issueDate": "2019-03-14T14:19:04.141+0000",
    "updateTime": "2019-03-14T17:46:44.173+0000",
    "expirationDate": "2030-03-14T03:59:59.000+0000",
    "status": "ACTIVE",
    "rewards": [],
}
REWARD_INSTANCE = {
    "rewardInstanceId": "71584867-2b99-4d76-b628-dbb8526f66b7",
    "cardInstanceId": CARD["cardInstanceId"],
    "reward": {"rewardId": "68B3", "name": "Free coffee", "threshold": 5},
    "status": "ACTIVE",
    "rewardedTime": "2019-03-14T17:37:37.103+0000",
    "rewardExpirationDate": "2019-04-13T17:37:37.103+0000",
}


def _client(handler) -> FintivClient:
    http = build_client(
        HttpSettings("http://fintiv.test/stampcard/v2"), transport=httpx.MockTransport(handler)
    )
    return FintivClient(http, api_key="KEY", token="TOKEN")


def _event(n: int) -> Event:
    return Event(
        card_instance_id=CARD["cardInstanceId"],
        event_type=EventType.STAMP,
        event_time=datetime(2019, 3, 14, 18, 30, 3, n * 1000, tzinfo=UTC),
        stamp_value="GZ23-A457",
        reward_instance_id="68B3",
        event_id=f"e{n}",
    )


def test_headers_and_path_match_the_document():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"result": {"code": 0}, "cards": [CARD]})

    cards = _client(handler).get_cards(sort_type=4)
    assert cards[0].current_stamps == 4 and cards[0].status is InstanceStatus.ACTIVE
    req = seen[0]
    assert req.method == "POST"
    assert req.url.path == "/stampcard/v2/getCards"
    assert req.headers["api-key"] == "KEY"
    assert req.headers["authorization"] == "Bearer TOKEN"
    assert json.loads(req.content) == {"sortType": 4}


def test_multi_stamp_results_are_per_event():
    def handler(request):
        events = json.loads(request.content)["events"]
        assert [e["eventId"] for e in events] == ["e1", "e2"]
        assert events[0]["eventTime"] == "2019-03-14T18:30:03.001+0000"
        return httpx.Response(200, json={
            "result": {"code": 0},
            "eventResults": [
                {"result": {"code": 33003, "message": "stamp.multiple.stamp.attempt"},
                 "eventId": "e1"},
                {"result": {"code": 0}, "eventId": "e2", "cardInstance": CARD,
                 "rewards": [REWARD_INSTANCE]},
            ],
        })

    results = _client(handler).report_multi_stamp_events([_event(1), _event(2)])
    assert results["e1"].code == 33003 and not results["e1"].ok
    assert results["e1"].message == "stamp.multiple.stamp.attempt"
    assert results["e2"].ok and results["e2"].card_instance is not None
    assert results["e2"].card_instance.current_stamps == 4
    assert results["e2"].rewards[0].reward.threshold == 5


def test_missing_event_results_are_simply_absent():
    def handler(request):
        return httpx.Response(200, json={"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e2", "cardInstance": CARD}]})

    results = _client(handler).report_multi_stamp_events([_event(1), _event(2)])
    assert set(results) == {"e2"}


@pytest.mark.parametrize(
    "body",
    [
        {"result": {"code": 0}},  # no eventResults
        {"result": {"code": 0}, "eventResults": {"e1": 0}},  # wrong type
        {"eventResults": []},  # no result
        {"result": {"code": "0"}, "eventResults": []},  # code as text
        {"result": {"code": 0}, "eventResults": [{"result": {"code": 0}}]},  # no eventId
        {"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": {"cardInstanceId": 5}}]},
        {"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": CARD},
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": CARD}]},  # duplicate
        [1, 2, 3],
        "text",
    ],
)
def test_malformed_answers_raise_invalid_response(body):
    client = _client(lambda r: httpx.Response(200, json=body))
    with pytest.raises(InvalidResponse):
        client.report_multi_stamp_events([_event(1)])


def test_non_zero_top_level_code_is_a_business_error():
    client = _client(lambda r: httpx.Response(
        200, json={"result": {"code": 33009, "message": "stamp.card.instance.unknown"}}))
    with pytest.raises(BusinessError) as info:
        client.get_event_history("nope")
    assert info.value.code == 33009
    assert info.value.key == "stamp.card.instance.unknown"


def test_400_carries_field_errors():
    client = _client(lambda r: httpx.Response(
        400, json={"result": {"code": 400, "message": "bad"}, "errors": {"eventTime": "bad"}}))
    with pytest.raises(ApiValidationError) as info:
        client.report_multi_stamp_events([_event(1)])
    assert info.value.field_errors == {"eventTime": "bad"}


def test_catalog_is_read_page_by_page():
    calls = []
    card = {"stampCardId": "C{}", "name": "Coffee", "stampType": "QR", "stampCount": 5}

    def handler(request):
        body = json.loads(request.content)
        calls.append(body)
        skip, size = body["skipRows"], body["maxResults"]
        items = [dict(card, stampCardId=f"C{i}") for i in range(skip, min(skip + size, 7))]
        return httpx.Response(200, json={"result": {"code": 0}, "catalog": items})

    cards = [card for card, _idx in _client(handler).iter_catalog(page_size=3)]
    assert [c.stamp_card_id for c in cards] == [f"C{i}" for i in range(7)]
    assert [c["skipRows"] for c in calls] == [0, 3, 6]


def test_every_endpoint_posts_to_its_own_path():
    paths = []

    def handler(request):
        paths.append(request.url.path.rsplit("/", 1)[1])
        return httpx.Response(200, json={
            "result": {"code": 0}, "cardInstance": CARD, "rewards": [], "events": [],
            "merchants": [], "stamps": [], "catalog": [], "cards": []})

    c = _client(handler)
    c.add_card("S")
    c.get_cards()
    c.get_catalog()
    c.get_event_history("I")
    c.get_merchants()
    c.get_rewards("I")
    c.get_stamps("S")
    c.remove_card("I")
    c.report_stamp_event(_event(1))
    c.update_card_sequences([("I", 1)])
    with pytest.raises(InvalidResponse):
        c.report_multi_stamp_events([_event(1)])  # answer lacks eventResults
    assert paths == [
        "addCard", "getCards", "getCatalog", "getEventHistory", "getMerchants", "getRewards",
        "getStamps", "removeCard", "reportStampEvent", "updateCardSequences",
        "reportMultiStampEvents",
    ]


def test_repeated_rewards_are_parsed_once_and_bad_ones_still_refused():
    card = dict(CARD, rewards=[REWARD_INSTANCE])
    bad = dict(REWARD_INSTANCE, rewardInstanceId="other", status="LOST")
    answers = [
        {"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": card}]},
        {"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": card}]},
        {"result": {"code": 0}, "eventResults": [
            {"result": {"code": 0}, "eventId": "e1", "cardInstance": dict(CARD, rewards=[bad])}]},
    ]
    client = _client(lambda r: httpx.Response(200, json=answers.pop(0)))
    first = client.report_multi_stamp_events([_event(1)])["e1"].card_instance
    second = client.report_multi_stamp_events([_event(1)])["e1"].card_instance
    assert first.rewards[0] is second.rewards[0]
    assert first.rewards[0].reward.name == "Free coffee"
    with pytest.raises(InvalidResponse):
        client.report_multi_stamp_events([_event(1)])
