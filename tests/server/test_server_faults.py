"""Fault injection: 500 before processing, dropped connections after commit, partial and
malformed answers, delays; set mid-run through the loopback-only control endpoint."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from server.config import ServerConfig
from server.demo_data import COFFEE_CLUB_ID
from server.runner import ServerThread
from tests.helpers.service_clients import CONTROL_HEADERS, CONTROL_TOKEN, Fintiv, fintiv_for
from tests.server.postgres_cluster import Database
from tests.server.test_fintiv_events import stamp

pytestmark = pytest.mark.dates


@pytest.fixture(scope="module")
def running(database: Database) -> Iterator[ServerThread]:
    with ServerThread(ServerConfig(port=0, demo_data=True, control_token=CONTROL_TOKEN,
                                   **database())) as server:
        yield server


@pytest.fixture
def fintiv(running: ServerThread) -> Iterator[Fintiv]:
    client = fintiv_for(running)
    yield client
    set_faults(running, {})


def set_faults(running: ServerThread, faults: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(running.base_url + "/_control/faults", json=faults,
                          headers=CONTROL_HEADERS)
    assert response.status_code == 200, response.text
    return dict(response.json())


def stamps_on(fintiv: Fintiv, cid: str) -> int:
    events = fintiv("getEventHistory", {"cardInstanceId": cid})["events"]
    return sum(e["eventType"] == "STAMP" for e in events)


def test_fail_500_happens_before_processing(running: ServerThread, fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    set_faults(running, {"fail_500_next": 1, "paths": ["reportMultiStampEvents"]})
    response = fintiv.raw("reportMultiStampEvents", {"events": [stamp(cid, 0, "f1")]})
    assert response.status_code == 500
    assert response.json()["result"]["message"] == "server.fault.injected"
    assert stamps_on(fintiv, cid) == 0
    ok = fintiv("reportMultiStampEvents", {"events": [stamp(cid, 0, "f1")]})
    assert ok["eventResults"][0]["result"] == {"code": 0}


def test_drop_commits_then_closes_without_an_answer(running: ServerThread, fintiv: Fintiv) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    set_faults(running, {"drop_next": 1})
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        fintiv.raw("reportMultiStampEvents", {"events": [stamp(cid, 0, f"{cid}-d")]})
    assert stamps_on(fintiv, cid) == 1
    resent = fintiv("reportMultiStampEvents", {"events": [stamp(cid, 0, f"{cid}-d")]})
    assert resent["eventResults"][0]["cardInstance"]["currentStamps"] == 1
    assert stamps_on(fintiv, cid) == 1


def test_partial_answers_cover_a_prefix_but_every_event_is_applied(
    running: ServerThread, fintiv: Fintiv
) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    set_faults(running, {"partial_next": 1, "partial_keep": 0.5})
    events = [stamp(cid, n, f"{cid}-p{n}") for n in range(4)]
    answer = fintiv("reportMultiStampEvents", {"events": events})
    assert [r["eventId"] for r in answer["eventResults"]] == [f"{cid}-p0", f"{cid}-p1"]
    assert stamps_on(fintiv, cid) == 4


def test_malformed_answers_are_not_json_but_the_work_is_done(
    running: ServerThread, fintiv: Fintiv
) -> None:
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    set_faults(running, {"malformed_next": 1})
    response = fintiv.raw("reportStampEvent", stamp(cid, 0))
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert stamps_on(fintiv, cid) == 1


def test_delay_holds_the_answer(running: ServerThread, fintiv: Fintiv) -> None:
    set_faults(running, {"delay_seconds": 2.0, "paths": ["getCatalog"]})
    with pytest.raises(httpx.ReadTimeout):
        fintiv.client.post(fintiv.prefix + "getCatalog", json={}, timeout=0.2)
    assert fintiv("getStamps", {"stampCardId": COFFEE_CLUB_ID})["result"] == {"code": 0}


def test_rates_and_bad_fault_settings(running: ServerThread, fintiv: Fintiv) -> None:
    set_faults(running, {"fail_500_rate": 1.0, "paths": ["getCatalog"], "seed": 1})
    assert fintiv.raw("getCatalog", {}).status_code == 500
    assert fintiv.raw("getStamps", {"stampCardId": COFFEE_CLUB_ID}).status_code == 200
    current = set_faults(running, {})
    assert current["fail_500_rate"] == 0 and current["paths"] == []
    for bad in ({"nope": 1}, {"drop_next": -1}, {"paths": "x"}, {"fail_500_rate": "1"}):
        assert httpx.post(running.base_url + "/_control/faults", json=bad,
                          headers=CONTROL_HEADERS).status_code == 400
    stats = httpx.get(running.base_url + "/_control/stats", headers=CONTROL_HEADERS).json()
    assert stats["duplicateEvents"] == [] and stats["events"] > 0


def test_controls_refuse_non_loopback_clients(running: ServerThread) -> None:
    async def from_afar() -> list[int]:
        transport = httpx.ASGITransport(app=running.app, client=("10.1.2.3", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://stamp.test") as c:
            c.headers.update(CONTROL_HEADERS)
            return [(await c.post("/_control/faults", json={"fail_500_next": 5})).status_code,
                    (await c.get("/_control/stats")).status_code]

    assert asyncio.run(from_afar()) == [403, 403]
    url = running.base_url + "/_control/faults"
    assert httpx.get(url, headers=CONTROL_HEADERS).json()["fail_500_next"] == 0
    for wrong in ({}, {"x-stamp-control-token": "guess"}):
        assert httpx.post(url, json={"fail_500_next": 5}, headers=wrong).status_code == 401
        assert httpx.get(running.base_url + "/_control/stats", headers=wrong).status_code == 401
    assert httpx.get(url, headers=CONTROL_HEADERS).json()["fail_500_next"] == 0


def test_controls_do_not_exist_without_a_token(make_server: Any) -> None:
    running = make_server(control_token=None)
    for path in ("/_control/faults", "/_control/stats"):
        assert httpx.get(running.base_url + path, headers=CONTROL_HEADERS).status_code == 404
