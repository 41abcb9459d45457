"""Reconciliation works card by card and keeps what it learned: a card whose history was read
is settled even when another card's lookup failed, and a success resets the backoff."""

from __future__ import annotations

import pytest

from ledger.outbox import OutboxEvent
from sync.backoff import Backoff
from sync.engine_settings import EngineSettings
from sync.lock import SyncLock
from sync.push import EventPusher, PushSettings, Step
from sync.reconcile import reconcile

from .conftest import record

pytestmark = pytest.mark.dates

HISTORY = ["getEventHistory"]


def _interrupted(service, store, cards: list[str]) -> tuple[list[str], list[str]]:
    """Two events per card marked in flight; the service applied the first of each card."""
    ids = record(store, cards, 2 * len(cards))
    store.db.execute("UPDATE outbox SET state = 'in_flight', attempts = 1, next_attempt_at = 0")
    rows = [OutboxEvent.from_row(r) for r in store.db.query("SELECT * FROM outbox ORDER BY seq")]
    service.client().report_multi_stamp_events([r.to_api() for r in rows[:len(cards)]])
    return ids[:len(cards)], ids[len(cards):]


def test_a_card_whose_history_fails_does_not_hold_back_the_others(service, store):
    cards = service.new_cards(3)
    applied, missing = _interrupted(service, store, cards)
    due = [OutboxEvent.from_row(r) for r in store.db.query("SELECT * FROM outbox ORDER BY seq")]
    service.faults(fail_500_next=1, paths=HISTORY)  # the first card's lookup fails
    found = reconcile(service.client(), due)
    assert found.unread == [applied[0], missing[0]]
    assert sorted(found.applied) == sorted(applied[1:])
    assert sorted(found.missing) == sorted(missing[1:])
    assert found.error is not None and "HTTP 500" in found.error.message


def test_unreachable_service_ends_the_round_at_the_first_card(service, store):
    cards = service.new_cards(3)
    _interrupted(service, store, cards)
    due = [OutboxEvent.from_row(r) for r in store.db.query("SELECT * FROM outbox ORDER BY seq")]
    service.thread.stop()
    found = reconcile(service.client(), due)
    assert len(found.unread) == 6 and not found.learned


def test_the_pusher_settles_answered_cards_and_resets_the_backoff(service, store):
    cards = service.new_cards(2)
    applied, missing = _interrupted(service, store, cards)
    backoff = Backoff(0.5, 2.0, EngineSettings().backoff_max)
    for _ in range(10):
        backoff.fail()
    lock = SyncLock(store.db)
    assert lock.try_acquire()
    pusher = EventPusher(store, service.client(), lock, PushSettings(), backoff=backoff)
    service.faults(fail_500_next=1, paths=HISTORY)
    try:
        report = pusher.step()
        assert report.step is Step.RECONCILED and report.events == 2
        assert backoff.failures == 0
        pusher.flush()
        assert store.outbox.get(applied[1]).state == "synced"
        assert store.outbox.get(missing[1]).state == "pending"
        assert {store.outbox.get(i).state for i in (applied[0], missing[0])} == {"in_flight"}
    finally:
        pusher.close()


def test_backoff_is_capped_at_ten_seconds_by_default() -> None:
    backoff = Backoff(0.5, 2.0, EngineSettings().backoff_max, jitter=0.0)
    assert max(backoff.fail() for _ in range(50)) == 10.0
    backoff.reset()
    assert backoff.fail() == 0.5
