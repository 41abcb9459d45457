"""Cost of recording one stamp durably through the services, against a bare SQLite commit.

Both run WAL with synchronous=FULL on a file in the same directory, so both pay one fsync per
event; the ratio is what the service layer (rules, card state, outbox, audit) adds on top.

    .venv/bin/python bench/record.py [--events 10000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from ledger import Ledger
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from stamps.clock import SystemClock
from stamps.models import (
    CardInstance,
    InstanceStatus,
    Reward,
    StampCard,
    StampMaster,
    StampType,
)

PROGRAM = "0616DE94-DED7-4D51-B766-2203296654FB"

CLOCK = SystemClock()


CHUNK = 250
#: Customers' cards stamped in turn: 10,000 events make ten visits per card.
CARDS = 1000


class Bare:
    """The alternative: one INSERT and COMMIT per event, nothing else."""

    def __init__(self, path: Path) -> None:
        self.conn = conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE, "
                     "card TEXT, type TEXT, time TEXT, stamp_value TEXT)")
        self.i = 0

    def run(self, n: int) -> list[float]:
        conn, times = self.conn, []
        for _ in range(n):
            i = self.i = self.i + 1
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO outbox (event_id, card, type, time, stamp_value) "
                         "VALUES (?, ?, 'STAMP', ?, 'V')",
                         (str(uuid.uuid4()), f"card-{i % 200}", CLOCK.now().isoformat()))
            conn.execute("COMMIT")
            times.append(time.perf_counter() - start)
        return times


class Service:
    """The terminal's path: rules, card state, outbox, audit, in one durable transaction."""

    def __init__(self, path: Path) -> None:
        self.store = store = Ledger(path)
        now = CLOCK.now()
        program = StampCard(PROGRAM, "Coffee Club", StampType.QR, 10,
                            rewards=(Reward("R5", "Free coffee", 5), Reward("R10", "Cake", 10)))
        store.catalog.save_cards([(program, 1)])
        store.catalog.save_stamp_masters(PROGRAM, [StampMaster("S1", "GZ23-A457-Z50-E56X-O23G")])
        self.cards = [str(uuid.uuid4()) for _ in range(CARDS)]
        for card in self.cards:
            store.cards.save_confirmed(CardInstance(card, PROGRAM, 0, 0, now, now + timedelta(
                days=365), InstanceStatus.ACTIVE))
        self.terminal = Terminal(store, TerminalSettings(velocity_limit=1_000_000))
        self.i = 0

    def run(self, n: int) -> list[float]:
        times = []
        for _ in range(n):
            self.i += 1
            start = time.perf_counter()
            self.terminal.add_stamps(self.cards[self.i % len(self.cards)], 1)
            times.append(time.perf_counter() - start)
        return times


def row(name: str, times: list[float], base: list[float] | None) -> str:
    ms = sorted(t * 1000 for t in times)
    p50 = statistics.median(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    rate = len(times) / sum(times)
    ratio = "" if base is None else f"{sum(times) / sum(base):.2f}x"
    return f"| {name:<28} | {p50:8.3f} | {p95:8.3f} | {rate:10.0f} | {ratio:>8} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        # Alternate chunks so both paths see the same machine noise.
        bare, svc_path = Bare(Path(tmp) / "bare.db"), Service(Path(tmp) / "svc.db")
        base: list[float] = []
        svc: list[float] = []
        for done in range(0, args.events, CHUNK):
            step = min(CHUNK, args.events - done)
            base += bare.run(step)
            svc += svc_path.run(step)
    print(f"record: {args.events} durable events each, WAL + synchronous=FULL, one commit "
          f"per event, the two paths interleaved in chunks of {CHUNK}")
    print(f"| {'path':<28} | {'p50 ms':>8} | {'p95 ms':>8} | {'events/s':>10} | {'vs bare':>8} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 10}|{'-' * 12}|{'-' * 10}|")
    print(row("sqlite3 insert + commit", base, None))
    print(row("services add_stamps(1)", svc, base))
    ratio = sum(svc) / sum(base)
    print(f"target: service layer <= 2.00x the bare commit -> {ratio:.2f}x "
          f"{'MET' if ratio <= 2 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
