"""SIGKILL ``stamp-pos sync`` at random moments while it drains through faults, with the
service's idempotency off, then let it finish: nothing lost, nothing applied twice."""

from __future__ import annotations

import random
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest

from ledger import Ledger
from server import demo_data as demo
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from tests.helpers.processes import (
    run_sync_once,
    server_process,
    set_faults,
    start_sync,
    stats,
    terminal_env,
)

from .conftest import record, stamp_count

pytestmark = [pytest.mark.dates, pytest.mark.timing]


def _crash_run(home: Path, *, events: int, kills: int, cards: int, seed: int) -> None:
    rng = random.Random(seed)
    with server_process(home) as base_url:
        client = FintivClient(build_client(HttpSettings(base_url + "/stampcard/v2/")),
                              api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
        card_ids = []
        for _ in range(cards):
            card = client.add_card(demo.COFFEE_CLUB_ID)
            assert card is not None
            card_ids.append(card.card_instance_id)
        before = stamp_count(stats(base_url))
        env = terminal_env(home, base_url)
        store = Ledger(home / "stamp-pos.db")
        chunks = [events // (kills + 1)] * (kills + 1)
        chunks[0] += events - sum(chunks)
        recorded: list[str] = []
        killed_mid_flight = 0
        for n, chunk in enumerate(chunks):
            # New events keep arriving between runs, as they would from the cashier app.
            start = store.clock.now() - timedelta(hours=3) + timedelta(seconds=n)
            recorded += record(store, card_ids, chunk, start=start)
            if n == kills:
                break
            set_faults(base_url, fail_500_rate=0.05, drop_rate=0.08, partial_next=2,
                       partial_keep=0.4, malformed_next=1, paths=["reportMultiStampEvents"],
                       seed=rng.randrange(1 << 30))
            moved = store.outbox.counts()["synced"]
            proc = start_sync(env)
            # Kill it while it works, however slowly this machine starts a process: once this
            # run has settled something (or has been sending for 3 s through the faults), then
            # at a random moment within the next 0.3 s.
            deadline, sending_since = time.monotonic() + 60, None
            while time.monotonic() < deadline and proc.poll() is None:
                counts = store.outbox.counts()
                if counts["synced"] > moved:
                    break
                if counts["in_flight"] and sending_since is None:
                    sending_since = time.monotonic()
                if sending_since is not None and time.monotonic() - sending_since > 3:
                    break
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed_mid_flight += store.outbox.counts()["in_flight"] > 0
        set_faults(base_url)
        assert store.outbox.counts()["synced"] > 0  # the killed runs made progress
        done = run_sync_once(env)
        assert done.returncode == 0, done.stderr
        counts = store.outbox.counts()
        assert counts["synced"] == len(recorded) == events, counts
        final = stats(base_url)
        assert final["duplicateEvents"] == []
        assert stamp_count(final) - before == events
        assert killed_mid_flight > 0  # some kills really interrupted a batch
        store.close()


def test_sigkill_while_draining_loses_and_doubles_nothing(tmp_path):
    _crash_run(tmp_path, events=500, kills=8, cards=25, seed=7)


@pytest.mark.soak
def test_sigkill_30_times_while_draining_5000_events(tmp_path):
    _crash_run(tmp_path, events=5000, kills=30, cards=100, seed=11)
