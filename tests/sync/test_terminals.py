"""Several terminals stamp ONE card in the same seconds, while their ``stamp-pos sync``
processes are SIGKILLed through faults, against a service with idempotency off. Each terminal
reconciles by reading the card's history, which carries no eventId: only the terminal slots
keep one terminal's applied event from passing for another's lost one. The service's final
history must hold every recorded event exactly once."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from ledger import Ledger
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from server import demo_data as demo
from stamps.clock import FrozenClock, SystemClock
from stamps.event_slots import epoch_ms
from stamps.models import EventType
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from tests.helpers.processes import (
    pos_command,
    server_process,
    set_faults,
    start_sync,
    stats,
    terminal_env,
    wait_until,
)

from .conftest import stamp_count

pytestmark = [pytest.mark.dates, pytest.mark.timing]

FAULTS = {"fail_500_rate": 0.1, "drop_rate": 0.15, "partial_next": 3, "partial_keep": 0.4,
          "malformed_next": 2, "delay_seconds": 0.03}


def _drain_all(envs: list[dict[str, str]], timeout: float = 120.0) -> None:
    procs = [subprocess.Popen(pos_command("sync", "--once", "--quiet", "--timeout", str(timeout)),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for env in envs]
    for proc in procs:
        _, err = proc.communicate(timeout=timeout + 60)
        assert proc.returncode == 0, err.decode()


def _terminals_run(home: Path, *, terminals: int, per_terminal: int, rounds: int,
                   seed: int, timeout: float = 0.5) -> None:
    rng = random.Random(seed)
    with server_process(home) as base_url:
        client = FintivClient(build_client(HttpSettings(base_url + "/stampcard/v2/")),
                              api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
        card = client.add_card(demo.COFFEE_CLUB_ID)
        assert card is not None
        card_id = card.card_instance_id
        before = stamp_count(stats(base_url))
        # Every terminal's clock stands at the same instant: the worst case for matching.
        instant = SystemClock().now().replace(microsecond=0) - timedelta(hours=3)
        envs, counters = [], []
        for slot in range(terminals):
            (home / f"t{slot}").mkdir()
            envs.append({**terminal_env(home / f"t{slot}", base_url, timeout=timeout),
                         "STAMP_POS_TERMINAL_SLOT": str(slot), "STAMP_POS_BATCH_SIZE": "10"})
            counters.append(Terminal(Ledger(home / f"t{slot}" / "stamp-pos.db"),
                                     TerminalSettings(terminal_slot=slot),
                                     clock=FrozenClock(instant)))
        chunk, interrupted = per_terminal // rounds, 0
        assert chunk * rounds == per_terminal and chunk <= 50
        for _ in range(rounds):
            set_faults(base_url, **FAULTS, paths=["reportMultiStampEvents", "getEventHistory"],
                       seed=rng.randrange(1 << 30))
            procs = [start_sync(env) for env in envs]
            for counter in counters:  # recorded while the senders run
                counter.add_stamps(card_id, chunk)
            # The senders take a second to start: kill them once they are at work.
            wait_until(lambda: any(c.store.outbox.counts()["in_flight"] for c in counters),
                       15, step=0.01)
            time.sleep(rng.uniform(0.0, 0.3))
            for proc in procs:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            interrupted += sum(c.store.outbox.counts()["in_flight"] > 0 for c in counters)
        set_faults(base_url)
        assert interrupted > 0, "no kill caught a batch in flight"
        _drain_all(envs)

        recorded: dict[str, int] = {}  # eventId -> eventTime in ms
        for counter in counters:
            events = counter.store.outbox.recent(limit=10 * per_terminal)
            assert len(events) == per_terminal
            assert {e.state for e in events} == {"synced"}
            recorded.update({e.event_id: epoch_ms(e.to_event().event_time) for e in events})
            counter.store.close()
        history = Counter(epoch_ms(e.event_time) for e in client.get_event_history(card_id)
                          if e.event_type is EventType.STAMP)
        lost = [eid for eid, ms in recorded.items() if history[ms] == 0]
        doubled = [eid for eid, ms in recorded.items() if history[ms] > 1]
        assert (len(lost), len(doubled)) == (0, 0), (lost[:5], doubled[:5])
        assert sum(history.values()) == len(recorded) == terminals * per_terminal
        final = stats(base_url)
        assert final["duplicateEvents"] == [] and final["rememberedEventIds"] == 0
        assert stamp_count(final) - before == terminals * per_terminal


def test_three_terminals_stamping_one_card_lose_and_double_nothing(tmp_path: Path) -> None:
    _terminals_run(tmp_path, terminals=3, per_terminal=200, rounds=4, seed=3)


@pytest.mark.soak
def test_ten_terminals_stamping_one_card_lose_and_double_nothing(tmp_path: Path) -> None:
    # Ten senders on two cores, reading a history of thousands of events: a longer timeout.
    _terminals_run(tmp_path, terminals=10, per_terminal=300, rounds=6, seed=17, timeout=3.0)
