"""``stamp-pos server --workers 4`` on PostgreSQL: 32 clients stamp the same 10 cards at once,
with resends, through four processes. Each card ends with exactly the stamps and rewards its
accepted events earned, no reward is earned twice, a resent eventId gets its first answer
whichever worker takes it, and the minimum stamp interval holds across workers."""

from __future__ import annotations

import random
import threading
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psycopg
import pytest

from server.demo_data import COFFEE_CLUB_ID, DEMO_STAMP_MASTERS
from stamps.timestamps import format_timestamp, parse_timestamp
from tests.helpers.service_clients import CONTROL_HEADERS, CONTROL_TOKEN, FINTIV_HEADERS
from tests.server.postgres_cluster import Cluster
from tests.server.test_server_cli import serving

pytestmark = pytest.mark.dates

WORKERS, CLIENTS, CARDS = 4, 32, 10
EVENTS_PER_CARD = 120
BATCH = 5
INTERVAL = 60  # seconds; events on a card are 30 s apart, so about half are refused (33003)
BASE = datetime(2026, 11, 1, tzinfo=UTC)


def test_four_workers_32_clients_10_cards(postgres: Cluster) -> None:
    url_db = postgres.new_database()
    with (
        serving("--db", url_db, "--workers", str(WORKERS), "--demo-data", "--test-controls",
                "--min-stamp-interval", str(INTERVAL),
                env={"STAMP_SERVER_CONTROL_TOKEN": CONTROL_TOKEN}) as url,
        httpx.Client(base_url=url, headers=FINTIV_HEADERS, timeout=60) as http,
    ):
        cards = [http.post("/stampcard/v2/addCard", json={"stampCardId": COFFEE_CLUB_ID})
                 .json()["cardInstance"]["cardInstanceId"] for _ in range(CARDS)]
        value = DEMO_STAMP_MASTERS[COFFEE_CLUB_ID][0].stamp_value
        events = [
            {"eventId": str(uuid.uuid4()), "cardInstanceId": cid, "eventType": "STAMP",
             "stampValue": value,
             "eventTime": format_timestamp(BASE + timedelta(seconds=30 * k))}
            for cid in cards for k in range(EVENTS_PER_CARD)
        ]
        rng = random.Random(17)
        rng.shuffle(events)
        batches = [events[i:i + BATCH] for i in range(0, len(events), BATCH)]
        batches += [rng.sample(events, BATCH) for _ in range(len(batches) // 10)]  # resends
        rng.shuffle(batches)
        answers = _send_concurrently(url, batches)
        stats = http.get("/_control/stats", headers=CONTROL_HEADERS).json()
        listed = {c["cardInstanceId"]: c
                  for c in http.post("/stampcard/v2/getCards", json={}).json()["cards"]}

    assert len(answers) == len(events)
    for results in answers.values():
        assert all(r == results[0] for r in results)  # the first answer, from any worker
    first = {eid: results[0] for eid, results in answers.items()}
    assert {r["result"]["code"] for r in first.values()} == {0, 33003}
    by_id = {e["eventId"]: e for e in events}
    accepted: dict[str, list[datetime]] = defaultdict(list)
    earned: dict[str, list[str]] = defaultdict(list)
    for eid, result in first.items():
        if result["result"]["code"] == 0:
            cid = by_id[eid]["cardInstanceId"]
            accepted[cid].append(parse_timestamp(by_id[eid]["eventTime"]))
            earned[cid] += [r["rewardInstanceId"] for r in result["rewards"]]
    all_rewards = [rid for rids in earned.values() for rid in rids]
    assert len(all_rewards) == len(set(all_rewards)) > 0  # no reward earned twice
    applied = _stamps_in_applied_order(url_db)
    for cid in cards:
        assert len(accepted[cid]) >= EVENTS_PER_CARD // 4
        assert listed[cid]["totalStamps"] == len(accepted[cid])
        assert sorted(applied[cid]) == sorted(accepted[cid])
        # The rule, replayed in the order the workers applied: each accepted STAMP was at
        # least INTERVAL from the card's latest stamp then (an older one does not move it).
        latest: datetime | None = None
        for moment in applied[cid]:
            assert latest is None or abs(moment - latest) >= timedelta(seconds=INTERVAL)
            latest = moment if latest is None else max(latest, moment)
    assert stats["duplicateEvents"] == []
    assert stats["eventsByType"]["REWARD"] - _demo_rewards(stats) == len(all_rewards)
    assert stats["rememberedEventIds"] == len(events)


def _stamps_in_applied_order(url_db: str) -> dict[str, list[datetime]]:
    """Each card's STAMP times in the order they were logged: one card's batches hold its row
    lock until they commit, so its events' sequence numbers follow the order of application."""
    out: dict[str, list[datetime]] = defaultdict(list)
    with psycopg.connect(url_db) as conn:
        for cid, time in conn.execute(
            "SELECT card_instance_id, event_time FROM events WHERE event_type = 'STAMP'"
            " ORDER BY seq"
        ):
            out[cid].append(parse_timestamp(time))
    return out


def _demo_rewards(stats: dict[str, Any]) -> int:
    """REWARD events of the demo history, which the test did not send."""
    from server.demo_data import demo_card_instances, demo_history
    from tests.helpers.service_clients import SERVICE_NOW

    return sum(e.event_type.value == "REWARD" for c in demo_card_instances(SERVICE_NOW)
               for e in demo_history(c))


def _send_concurrently(
    url: str, batches: list[list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    answers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def client(share: list[list[dict[str, Any]]]) -> None:
        try:
            with httpx.Client(base_url=url, headers=FINTIV_HEADERS, timeout=60) as http:
                for batch in share:
                    response = http.post("/stampcard/v2/reportMultiStampEvents",
                                         json={"events": batch})
                    assert response.status_code == 200, response.text
                    with lock:
                        for result in response.json()["eventResults"]:
                            answers[result["eventId"]].append(result)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(batches[k::CLIENTS],))
               for k in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    return answers
