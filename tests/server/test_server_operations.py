"""What an operator watches: ``/healthz`` (no credentials; is the database answering?) and
``/metrics`` in Prometheus text format (loopback only), on both backends."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest

from server.demo_data import COFFEE_CLUB_ID
from tests.helpers.service_clients import fintiv_for
from tests.server.test_fintiv_events import stamp

pytestmark = pytest.mark.dates


def test_healthz_says_whether_the_database_answers(make_server: Any) -> None:
    running = make_server()
    answer = httpx.get(running.base_url + "/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok", "database": True})
    running.services.db.close()
    down = httpx.get(running.base_url + "/healthz")
    assert (down.status_code, down.json()) == (503, {"status": "unavailable", "database": False})


def test_metrics_count_requests_latency_applied_and_refused_events(make_server: Any) -> None:
    running = make_server(min_stamp_interval=60)
    fintiv = fintiv_for(running)
    cid = fintiv.new_card(COFFEE_CLUB_ID)["cardInstanceId"]
    events = [stamp(cid, 0, "a"), stamp(cid, 0.5, "b"), stamp(cid, 2, "c")]
    fintiv("reportMultiStampEvents", {"events": events})
    fintiv("reportMultiStampEvents", {"events": events})  # resent: answered, not counted again
    httpx.get(running.base_url + "/api/stamp/v1/stamps/NOSUCHCODE")
    text = httpx.get(running.base_url + "/metrics").text
    batch = 'method="POST",endpoint="/stampcard/v2/reportMultiStampEvents"'
    assert f'stamp_requests_total{{{batch},status="200"}} 2' in text
    assert f'stamp_request_seconds_bucket{{{batch},le="+Inf"}} 2' in text
    assert re.search(rf"stamp_request_seconds_sum{{{batch}}} \d+\.\d+", text)
    assert "stamp_events_applied_total 2" in text
    assert 'stamp_events_rejected_total{code="33003"} 1' in text
    assert 'endpoint="/api/stamp/v1/stamps/{code}"' in text  # the route, never the code
    assert "NOSUCHCODE" not in text


def test_metrics_answer_loopback_clients_only(make_server: Any) -> None:
    running = make_server()

    async def from_afar() -> int:
        transport = httpx.ASGITransport(app=running.app, client=("10.1.2.3", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://stamp.test") as c:
            return (await c.get("/metrics")).status_code

    assert asyncio.run(from_afar()) == 403
