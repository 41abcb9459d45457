"""The engine pushing events to the reference service over loopback: results per event,
per-card order, rejections, retries, bisection, batch shrinking, credentials refused."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import timedelta

import httpx
import pytest

from ledger.outbox import OutboxEvent
from server import demo_data as demo
from sync.engine import DrainResult
from sync.status import Connectivity

from .conftest import fast_settings, record, stamp_count, start_service

pytestmark = pytest.mark.dates


class Recording(httpx.BaseTransport):
    """Forwards to the real service and remembers each reportMultiStampEvents body; can
    refuse batches containing a given event with a 400, as a strict service would."""

    def __init__(self, poison: str | None = None) -> None:
        self.inner = httpx.HTTPTransport()
        self.batches: list[list[dict]] = []
        self.poison = poison

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("reportMultiStampEvents"):
            events = json.loads(request.content)["events"]
            if self.poison and any(e["eventId"] == self.poison for e in events):
                return httpx.Response(400, json={"result": {
                    "code": 40002, "message": "request.invalid"}, "errors": {"eventTime": "bad"}})
            self.batches.append(events)
        return self.inner.handle_request(request)


def test_drain_syncs_every_event_once_and_stores_server_state(service, store, make_engine):
    cards = service.new_cards(12)
    before = stamp_count(service.stats())
    ids = record(store, cards, 300)
    result = make_engine().drain(timeout=60)
    assert result is DrainResult.DRAINED
    assert store.outbox.counts()["synced"] == len(ids)
    stats = service.stats()
    assert stamp_count(stats) - before == 300
    assert stats["duplicateEvents"] == []
    server_cards = {c.card_instance_id: c for c in service.client().get_cards()}
    for cid in cards:
        local, confirmed = store.cards.get(cid)
        assert confirmed
        assert local.current_stamps == server_cards[cid].current_stamps
        assert local.rewards == server_cards[cid].rewards


def test_events_of_one_card_are_sent_in_order_and_others_not_held_back(
    service, store, make_engine
):
    cards = service.new_cards(6)
    record(store, cards, 120)
    transport = Recording()
    engine = make_engine(client=service.client(transport=transport),
                         settings=fast_settings(batch_size=7))
    assert engine.drain(timeout=60) is DrainResult.DRAINED
    sent: dict[str, list[str]] = defaultdict(list)
    for batch in transport.batches:
        assert len(batch) <= 7
        for e in batch:
            sent[e["cardInstanceId"]].append(e["eventTime"])
    for times in sent.values():
        assert times == sorted(times)
    # several cards share each batch: one card's queue does not block the others
    assert max(len({e["cardInstanceId"] for e in b}) for b in transport.batches) > 1


def test_final_code_is_rejected_once_told_and_card_corrected(store, db_path):
    thread = start_service(min_stamp_interval=3600)
    try:
        from .conftest import Service

        service = Service(thread)
        card = service.new_cards(1)[0]
        now = store.clock.now() - timedelta(minutes=5)
        ids = record(store, [card], 3, start=now)  # 1 ms apart: 2nd and 3rd are too soon
        transport = Recording()
        from sync.engine import Clients, SyncEngine

        client = service.client(transport=transport)
        engine = SyncEngine(db_path, Clients(fintiv=client), fast_settings())
        assert engine.drain(timeout=30) is DrainResult.DRAINED
        states = {eid: store.outbox.get(eid) for eid in ids}
        assert states[ids[0]].state == "synced"
        assert [states[i].state for i in ids[1:]] == ["rejected", "rejected"]
        assert states[ids[1]].result_code == 33003
        sent = [e["eventId"] for b in transport.batches for e in b]
        assert sorted(sent) == sorted(ids)  # never retried
        # one notice for the two refusals, with their count (issue 12 #10)
        notices = [n for n in store.journal.notices() if n.kind == "rejected"]
        assert [n.ref for n in notices] == [ids[1]]
        assert "too soon" in notices[0].message and "2 stamps" in notices[0].message
        local, confirmed = store.cards.get(card)
        assert confirmed and local.current_stamps == 1
    finally:
        thread.stop()


def test_unknown_code_is_retried_a_bounded_number_of_times_then_held(
    service, store, make_engine
):
    cards = service.new_cards(2)
    ids = record(store, cards, 4)
    # A time the service cannot parse: it answers that event alone with code 40002.
    store.db.execute("UPDATE outbox SET event_time = 'not a time' WHERE event_id = ?", (ids[0],))
    transport = Recording()
    engine = make_engine(client=service.client(transport=transport),
                         settings=fast_settings(max_retries=3))
    assert engine.drain(timeout=30) is DrainResult.HELD
    held = store.outbox.get(ids[0])
    assert held.state == "held" and held.result_code == 40002
    assert [e["eventId"] for b in transport.batches for e in b].count(ids[0]) == 3
    assert all(store.outbox.get(i).state == "synced" for i in ids[1:])
    assert any(n.kind == "held" and n.ref == ids[0] for n in store.journal.notices())


def test_batch_refused_with_400_is_bisected_to_hold_the_bad_event(service, store, make_engine):
    cards = service.new_cards(8)
    ids = record(store, cards, 40)
    transport = Recording(poison=ids[17])
    engine = make_engine(client=service.client(transport=transport),
                         settings=fast_settings(batch_size=16))
    assert engine.drain(timeout=30) is DrainResult.HELD
    bad = store.outbox.get(ids[17])
    assert bad.state == "held" and "eventTime" in (bad.last_error or "")
    assert sum(store.outbox.get(i).state == "synced" for i in ids) == 39
    assert service.stats()["duplicateEvents"] == []


def test_oversized_batch_shrinks_the_batch_size(service, store, make_engine):
    cards = service.new_cards(40)
    before = stamp_count(service.stats())
    record(store, cards, 1500)
    engine = make_engine(settings=fast_settings(batch_size=1400))
    assert engine.drain(timeout=60) is DrainResult.DRAINED
    assert stamp_count(service.stats()) - before == 1500
    assert store.outbox.counts()["synced"] == 1500


def test_refused_credentials_pause_sync_and_keep_events(service, store, make_engine):
    cards = service.new_cards(1)
    ids = record(store, cards, 5)
    states = []
    engine = make_engine(client=service.client(api_key="wrong"), on_state=states.append)
    assert engine.drain(timeout=5) is DrainResult.UNFINISHED
    assert engine.status.connectivity is Connectivity.AUTH_REFUSED
    assert "credentials" in engine.status.summary()
    assert store.outbox.counts()["pending"] == len(ids)
    assert store.outbox.get(ids[0]).attempts == 0  # a refusal is not the event's fault
    assert any(n.kind == "auth" for n in store.journal.notices())
    assert store.journal.meta("auth_refused") is True
    assert make_engine().drain(timeout=30) is DrainResult.DRAINED
    assert store.journal.meta("auth_refused") is False


def test_unreachable_service_leaves_events_pending_and_reports_offline(store, db_path):
    from sync.engine import Clients, SyncEngine
    from sync.fintiv import FintivClient
    from sync.http import HttpSettings, build_client

    record(store, ["card-1"], 3)
    http = build_client(HttpSettings("http://127.0.0.1:9/stampcard/v2/", connect_timeout=0.2))
    engine = SyncEngine(db_path, Clients(fintiv=FintivClient(http, api_key="k", token="t")),
                        fast_settings())
    assert engine.drain(timeout=1.0) is DrainResult.UNFINISHED
    assert engine.status.connectivity is Connectivity.OFFLINE
    counts = store.outbox.counts()
    assert counts["pending"] == 3 and counts["in_flight"] == 0
    assert all(e.attempts == 0 for e in store.outbox.recent())


def test_in_flight_batch_left_by_a_crash_is_reconciled_not_resent(service, store, make_engine):
    cards = service.new_cards(3)
    before = stamp_count(service.stats())
    ids = record(store, cards, 9)
    # A previous engine marked six events in flight and sent only the first three before it
    # died: the service applied those three, never saw the others.
    store.db.execute(
        "UPDATE outbox SET state = 'in_flight', batch_id = 'b1', attempts = 1, "
        "next_attempt_at = 0 WHERE seq <= 6"
    )
    rows = [OutboxEvent.from_row(r) for r in store.db.query("SELECT * FROM outbox ORDER BY seq")]
    service.client().report_multi_stamp_events([r.to_api() for r in rows[:3]])
    transport = Recording()
    engine = make_engine(client=service.client(transport=transport))
    assert engine.drain(timeout=30) is DrainResult.DRAINED
    assert stamp_count(service.stats()) - before == 9
    assert service.stats()["duplicateEvents"] == []
    resent = {e["eventId"] for b in transport.batches for e in b}
    assert resent.isdisjoint(ids[:3])
    found = store.outbox.get(ids[0])
    assert found.state == "synced" and found.result_message == "found in the event history"


def test_clock_offset_is_recorded_and_a_large_skew_warned(service, store, make_engine):
    from email.utils import formatdate

    class Skewed(httpx.BaseTransport):
        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = self.inner.handle_request(request)
            response.headers["date"] = formatdate(store.clock.epoch() + 600, usegmt=True)
            return response

    record(store, service.new_cards(1), 2)
    engine = make_engine(client=service.client(transport=Skewed()))
    assert engine.drain(timeout=30) is DrainResult.DRAINED
    assert engine.status.clock_skew_warning
    assert 590 < engine.status.clock_offset < 610
    assert "clock" in engine.status.summary()
    assert store.journal.meta("clock_offset_seconds") > 500


def test_demo_card_known_to_the_service_syncs(service, store, make_engine):
    record(store, [demo.CARD_NEW], 2, stamp_value=demo.BAKERY_TAP_STAMP)
    assert make_engine().drain(timeout=30) is DrainResult.DRAINED
    assert store.cards.get(demo.CARD_NEW)[0].current_stamps == 2
