"""An idle engine sleeps until it is woken or something falls due, and reports its status only
when it changed (issue 15: it used to wake every 5 ms and report "everything is sent" each
time, about 150 reports a second)."""

from __future__ import annotations

import time
from dataclasses import replace
from itertools import pairwise

import pytest

from sync.engine import SyncEngine
from sync.status import Connectivity, SyncStatus
from tests.helpers.processes import wait_until

from .conftest import fast_settings, record

pytestmark = pytest.mark.dates

IDLE_SECONDS = 1.0


def _idle_for(engine: SyncEngine, statuses: list[SyncStatus]) -> tuple[int, int]:
    """Passes of the loop and status reports during :data:`IDLE_SECONDS` of idleness."""
    passes, reports = engine.passes, len(statuses)
    time.sleep(IDLE_SECONDS)  # the measurement itself: nothing is awaited here
    return engine.passes - passes, len(statuses) - reports


def test_an_idle_engine_sleeps_until_woken_and_repeats_no_status(service, store, make_engine):
    cards = service.new_cards(1)
    statuses: list[SyncStatus] = []
    engine = make_engine(on_state=statuses.append)
    engine.start()
    try:
        assert wait_until(lambda: bool(statuses), 10)  # its first look: nothing to send
        passes, reports = _idle_for(engine, statuses)
        assert passes <= 1, f"an idle engine woke {passes} times in {IDLE_SECONDS} s"
        assert reports == 0, f"an idle engine reported an unchanged status {reports} times"

        ids = record(store, cards, 3)
        engine.wake()
        assert wait_until(lambda: all(store.outbox.get(i).state == "synced" for i in ids), 10)
        assert wait_until(lambda: statuses[-1].pending == 0 and statuses[-1].last_sync, 5)
        assert statuses[-1].connectivity is Connectivity.ONLINE

        passes, reports = _idle_for(engine, statuses)
        assert passes <= 1 and reports == 0
    finally:
        assert engine.stop(timeout=10)
    assert all(a != b for a, b in pairwise(statuses))


def test_refused_credentials_pause_without_spinning(service, store, make_engine):
    record(store, service.new_cards(1), 5)
    statuses: list[SyncStatus] = []
    engine = make_engine(client=service.client(api_key="wrong"), on_state=statuses.append,
                         settings=replace(fast_settings(), auth_retry=60.0))
    engine.start()
    try:
        assert wait_until(lambda: engine.status.connectivity is Connectivity.AUTH_REFUSED, 10)
        passes, reports = _idle_for(engine, statuses)
        # The events are due, but nothing may be sent until the retry a minute from now.
        assert passes <= 1, f"a refused engine woke {passes} times in {IDLE_SECONDS} s"
        assert reports == 0
    finally:
        assert engine.stop(timeout=10)
    assert store.outbox.counts()["pending"] == 5
