"""Four clients send 10,000 events with duplicates and overlapping batches at once: every
eventId is applied exactly once, every answer to it is the same, and the final cards equal a
sequential replay through the domain rules."""

from __future__ import annotations

import random
import threading
import uuid
from collections import defaultdict
from datetime import timedelta
from typing import Any

import httpx
import pytest

from server.demo_data import DEMO_STAMP_CARDS, DEMO_STAMP_MASTERS
from stamps.models import CardInstance, Event, InstanceStatus
from stamps.rules import StampPolicy, replay
from stamps.timestamps import format_timestamp
from stamps.wire import from_api
from tests.helpers.service_clients import CONTROL_HEADERS, FINTIV_HEADERS, SERVICE_NOW, fintiv_for

pytestmark = pytest.mark.dates

EVENTS = 10_000
CARDS = 40
CLIENTS = 4
BATCH = 50
STEP = 40  # consecutive batches overlap by BATCH - STEP events
BASE = SERVICE_NOW - timedelta(days=1)  # events of yesterday, as the service sees it


def test_concurrent_clients_apply_each_event_exactly_once(make_server: Any) -> None:
    running = make_server()
    fintiv = fintiv_for(running)
    rng = random.Random(7)
    cards = {card.stamp_card_id: card for _, card in DEMO_STAMP_CARDS}
    instances = []
    for n in range(CARDS):
        stamp_card_id = list(cards)[n % len(cards)]
        instances.append((fintiv.new_card(stamp_card_id)["cardInstanceId"], stamp_card_id))
    events = []
    for i in range(EVENTS):
        cid, stamp_card_id = rng.choice(instances)
        events.append({
            "eventId": str(uuid.uuid4()), "cardInstanceId": cid,
            "eventTime": format_timestamp(BASE + timedelta(milliseconds=i)),
            "eventType": "STAMP",
            "stampValue": DEMO_STAMP_MASTERS[stamp_card_id][0].stamp_value,
        })
    batches = [events[i:i + BATCH] for i in range(0, EVENTS, STEP)]
    batches += [rng.sample(events, BATCH) for _ in range(30)]  # random resends
    rng.shuffle(batches)
    answers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def client(share: list[list[dict[str, Any]]]) -> None:
        try:
            with httpx.Client(base_url=running.base_url, headers=FINTIV_HEADERS,
                              timeout=60) as http:
                for batch in share:
                    response = http.post("/stampcard/v2/reportMultiStampEvents",
                                         json={"events": batch})
                    response.raise_for_status()
                    results = response.json()["eventResults"]
                    assert [r["eventId"] for r in results] == [e["eventId"] for e in batch]
                    with lock:
                        for result in results:
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
    assert len(answers) == EVENTS
    for results in answers.values():
        assert results[0]["result"] == {"code": 0}
        assert all(r == results[0] for r in results)  # a resend gets the original answer
    assert sum(len(r) for r in answers.values()) > EVENTS  # there were duplicates

    stats = httpx.get(running.base_url + "/_control/stats", headers=CONTROL_HEADERS).json()
    assert stats["duplicateEvents"] == []
    assert stats["rememberedEventIds"] == EVENTS

    listed = {c["cardInstanceId"]: c for c in fintiv("getCards", {})["cards"]}
    per_card: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        per_card[e["cardInstanceId"]].append(from_api(Event, e))
    with running.services.db.read() as conn:
        reward_counts = dict(conn.execute(
            "SELECT card_instance_id, count(*) FROM reward_instances GROUP BY card_instance_id"
        ).fetchall())
    n = 0

    def new_id() -> str:
        nonlocal n
        n += 1
        return f"r{n}"

    for cid, stamp_card_id in instances:
        start = CardInstance(
            card_instance_id=cid, stamp_card_id=stamp_card_id, current_stamps=0,
            total_stamps=0, issue_date=BASE, expiration_date=None,
            status=InstanceStatus.ACTIVE,
        )
        policy = StampPolicy(accepted_stamp_values=frozenset(
            m.stamp_value for m in DEMO_STAMP_MASTERS[stamp_card_id]))
        expected, refused = replay(start, per_card[cid], cards[stamp_card_id], policy, new_id)
        assert refused == [None] * len(per_card[cid])
        got = listed[cid]
        assert (got["currentStamps"], got["totalStamps"]) == (
            expected.current_stamps, expected.total_stamps)
        assert reward_counts.get(cid, 0) == len(expected.rewards)
