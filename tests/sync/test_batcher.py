"""Choosing batches: oldest first, per-card order, no global head-of-line blocking."""

from datetime import UTC, datetime, timedelta

import pytest

from ledger import Ledger
from stamps.models import Event, EventType
from sync.batcher import next_batch

pytestmark = pytest.mark.dates

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    s = Ledger(tmp_path / "pos.db")
    yield s
    s.close()


def add(store, card, n, *, start=0):
    ids = []
    with store.db.transaction():
        for i in range(n):
            eid = f"{card}-{start + i}"
            store.outbox.add(Event(card_instance_id=card, event_type=EventType.STAMP,
                                   event_time=T0 + timedelta(milliseconds=start + i),
                                   stamp_value="V", event_id=eid))
            ids.append(eid)
    return ids


def test_batches_are_oldest_first_and_bounded(store):
    add(store, "a", 3)
    add(store, "b", 3)
    batch = next_batch(store.db, 4)
    assert [e.event_id for e in batch] == ["a-0", "a-1", "a-2", "b-0"]


def test_a_card_with_an_event_in_flight_is_held_back_but_others_are_not(store):
    add(store, "a", 2)
    add(store, "b", 2)
    store.outbox.mark_in_flight(["a-0"], "batch-1")
    batch = next_batch(store.db, 10)
    assert [e.event_id for e in batch] == ["b-0", "b-1"]
    store.outbox.mark_synced(["a-0"])
    assert [e.event_id for e in next_batch(store.db, 10)] == ["a-1", "b-0", "b-1"]


def test_backoff_holds_the_card_until_due(store):
    add(store, "a", 2)
    store.outbox.mark_in_flight(["a-0"], "x")
    store.outbox.back_to_pending(["a-0"], next_attempt_at=1e12, error="timeout")
    assert next_batch(store.db, 10) == []
    assert next_batch(store.db, 10, now=2e12)[0].event_id == "a-0"
    got = store.outbox.get("a-0")
    assert got and got.attempts == 1 and got.last_error == "timeout"


def test_settled_states_release_the_card(store):
    add(store, "a", 3)
    store.outbox.mark_in_flight(["a-0", "a-1"], "x")
    store.outbox.mark_rejected([("a-0", 33003, "stamp.multiple.stamp.attempt", "too soon")])
    store.outbox.mark_held([("a-1", 99999, "weird", "unknown code")])
    assert [e.event_id for e in next_batch(store.db, 10)] == ["a-2"]
    counts = store.outbox.counts()
    assert counts == {"pending": 1, "in_flight": 0, "synced": 0, "rejected": 1, "held": 1}


def test_event_ids_are_unique(store):
    add(store, "a", 1)
    with pytest.raises(Exception, match="UNIQUE"):
        add(store, "a", 1)
    assert store.outbox.counts()["pending"] == 1


def test_api_body_uses_the_documents_field_names(store):
    add(store, "a", 1)
    body = next_batch(store.db, 1)[0].to_api()
    assert body == {"eventId": "a-0", "cardInstanceId": "a",
                    "eventTime": "2026-01-05T09:00:00.000+0000", "eventType": "STAMP",
                    "stampValue": "V"}
