"""Exactly once through injected faults, with the service's idempotency OFF: 500s, answers
dropped after processing, partial answers, malformed answers and delays past the timeout.
Every event must end synced, and the service must hold each exactly once."""

from __future__ import annotations

import threading

import pytest

from sync.engine import DrainResult

from .conftest import record, stamp_count

pytestmark = pytest.mark.dates

BATCH_PATH = ["reportMultiStampEvents"]


def _assert_exactly_once(service, store, before: int, n: int) -> None:
    counts = store.outbox.counts()
    assert counts["synced"] == n, counts
    stats = service.stats()
    assert stats["duplicateEvents"] == []
    assert stamp_count(stats) - before == n


def test_500s_before_processing(service, store, make_engine):
    cards = service.new_cards(10)
    before = stamp_count(service.stats())
    record(store, cards, 400)
    service.faults(fail_500_rate=0.3, paths=BATCH_PATH, seed=1)
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    _assert_exactly_once(service, store, before, 400)


def test_answers_dropped_after_processing(service, store, make_engine):
    cards = service.new_cards(10)
    before = stamp_count(service.stats())
    ids = record(store, cards, 400)
    service.faults(drop_rate=0.3, paths=BATCH_PATH, seed=2)
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    _assert_exactly_once(service, store, before, 400)
    found = sum(store.outbox.get(i).result_message == "found in the event history" for i in ids)
    assert found > 0  # some answers really were lost and recovered from the history


def test_partial_and_malformed_answers(service, store, make_engine):
    cards = service.new_cards(10)
    before = stamp_count(service.stats())
    record(store, cards, 400)
    service.faults(partial_next=3, partial_keep=0.3, malformed_next=3, paths=BATCH_PATH)
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    _assert_exactly_once(service, store, before, 400)
    assert service.stats()["events"] > 0


def test_delays_past_the_client_timeout(service, store, make_engine):
    cards = service.new_cards(8)
    before = stamp_count(service.stats())
    record(store, cards, 200)
    # Each batch is applied 0.6 s after the client gave up at 0.3 s; the engine must wait
    # out its grace (1 s) and find them in the history instead of sending them again.
    service.faults(delay_seconds=0.6, paths=BATCH_PATH)
    clear = threading.Timer(3.0, service.faults)
    clear.start()
    try:
        assert make_engine(read_timeout=0.3).drain(timeout=60) is DrainResult.DRAINED
    finally:
        clear.cancel()
    _assert_exactly_once(service, store, before, 200)


def test_everything_at_once(service, store, make_engine):
    cards = service.new_cards(20)
    before = stamp_count(service.stats())
    record(store, cards, 1000)
    service.faults(fail_500_rate=0.1, drop_rate=0.1, partial_next=4, malformed_next=4,
                   paths=BATCH_PATH, seed=3)
    assert make_engine(read_timeout=2.0).drain(timeout=90) is DrainResult.DRAINED
    _assert_exactly_once(service, store, before, 1000)


def test_two_engines_on_one_database_never_send_the_same_event(service, store, make_engine):
    cards = service.new_cards(10)
    before = stamp_count(service.stats())
    record(store, cards, 600)
    service.faults(drop_rate=0.2, fail_500_rate=0.1, paths=BATCH_PATH, seed=4)
    engines = [make_engine(), make_engine()]
    results: list[DrainResult] = []
    threads = [threading.Thread(target=lambda e=e: results.append(e.drain(timeout=60)))
               for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert DrainResult.DRAINED in results
    _assert_exactly_once(service, store, before, 600)
    assert sum(e.synced_total for e in engines) <= 600
