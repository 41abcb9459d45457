"""How fast the sync engine drains the outbox, and how soon a recorded stamp is synced.

Runs the reference service as its own process (``stamp-pos server --no-idempotency``) and the
engine in this one, as on a terminal. Prints:

* the drain rate for N events recorded offline (default 100,000) at batch sizes 1, 10, 50
  and 200 (target: at least 5,000 events/s at 50), next to the rate at which the same service
  accepts the same batches from a bare HTTP loop with no outbox, no durability and no
  results handling (the ceiling the engine could reach on this machine);
* the time from ``record`` (the services layer's durable commit) to ``synced`` when online and
  idle (target: p95 under 500 ms).

Usage: ``.venv/bin/python bench/sync.py [--events N] [--sizes 1,10,50,200] [--records N]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger import Ledger  # noqa: E402
from pos.services.context import Context  # noqa: E402
from pos.services.stamping import add_stamps  # noqa: E402
from pos.settings.config import load as load_config  # noqa: E402
from server import demo_data as demo  # noqa: E402
from stamps.clock import SystemClock  # noqa: E402
from stamps.models import Event, EventType  # noqa: E402
from sync.engine import Clients, EngineSettings, SyncEngine  # noqa: E402
from sync.fintiv import FintivClient  # noqa: E402
from sync.http import HttpSettings, build_client  # noqa: E402
from sync.push import PushSettings  # noqa: E402

DRAIN_TARGET = 5000.0
P95_TARGET_MS = 500.0


def start_server(home: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos", "server", "--port", "0", "--no-idempotency",
         "--demo-data", "--db", str(home / "server.sqlite3")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "STAMP_POS_HOME": str(home)},
    )
    assert proc.stdout is not None
    match = re.search(r"http://[\d.]+:\d+", proc.stdout.readline())
    if match is None:
        proc.kill()
        raise SystemExit("the reference service did not start")
    return proc, match.group(0)


def client(base: str) -> FintivClient:
    http = build_client(HttpSettings(base + "/stampcard/v2/", read_timeout=30.0))
    return FintivClient(http, api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)


def new_cards(base: str, n: int) -> list[str]:
    c = client(base)
    out = []
    for _ in range(n):
        card = c.add_card(demo.COFFEE_CLUB_ID)
        assert card is not None
        out.append(card.card_instance_id)
    return out


def fill(store: Ledger, cards: list[str], n: int, start: datetime) -> None:
    with store.db.transaction():
        for i in range(n):
            store.outbox.add(Event(cards[i % len(cards)], EventType.STAMP,
                                   start + timedelta(milliseconds=i // len(cards)),
                                   stamp_value=demo.COFFEE_CLUB_STAMP,
                                   event_id=str(uuid.uuid4())))


def drain_rate(base: str, cards: list[str], events: int, size: int, work: Path,
               start: datetime) -> float:
    db = work / f"drain-{size}.db"
    store = Ledger(db)
    fill(store, cards, events, start)
    engine = SyncEngine(db, Clients(fintiv=client(base)),
                        EngineSettings(push=PushSettings(batch_size=size), pull_interval=0))
    began = time.perf_counter()
    result = engine.drain(timeout=3600)
    seconds = time.perf_counter() - began
    synced = store.outbox.counts()["synced"]
    store.close()
    if result != 0 or synced != events:
        raise SystemExit(f"batch size {size}: drain ended {result.name} with {synced} synced")
    return events / seconds


def ceiling_rate(base: str, cards: list[str], events: int, size: int, start: datetime) -> float:
    """The same batches posted back to back by a bare loop: no outbox, no results handling."""
    bodies = []
    for i in range(events):
        moment = start + timedelta(milliseconds=i // len(cards))
        bodies.append({
            "eventId": str(uuid.uuid4()), "cardInstanceId": cards[i % len(cards)],
            "eventTime": moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000",
            "eventType": "STAMP", "stampValue": demo.COFFEE_CLUB_STAMP,
        })
    headers = {"api-key": demo.DEMO_API_KEY, "authorization": f"Bearer {demo.DEMO_BEARER_TOKEN}",
               "content-type": "application/json"}
    with httpx.Client(base_url=base + "/stampcard/v2/", headers=headers, timeout=30) as http:
        began = time.perf_counter()
        for i in range(0, events, size):
            http.post("reportMultiStampEvents",
                      content=json.dumps({"events": bodies[i:i + size]})).raise_for_status()
        return events / (time.perf_counter() - began)


def record_to_synced(base: str, cards: list[str], records: int, work: Path) -> list[float]:
    """Milliseconds from add_stamps() returning (committed) to the event being synced."""
    db = work / "latency.db"
    store = Ledger(db)
    engine = SyncEngine(db, Clients(fintiv=client(base)), EngineSettings(pull_interval=0))
    config = load_config(path=work / "config.toml", environ={})
    ctx = Context(store=store, config=config, clock=store.clock, wake=engine.wake)
    engine.start()
    latencies = []
    try:
        time.sleep(0.5)  # let the engine start and go idle
        for n in range(records):
            began = time.perf_counter()
            event_id = add_stamps(ctx, cards[n % len(cards)], 1).event_ids[0]
            while store.db.scalar("SELECT state FROM outbox WHERE event_id = ?",
                                  (event_id,)) != "synced":
                if time.perf_counter() - began > 30:
                    raise SystemExit("an event was not synced within 30 s")
                time.sleep(0.001)
            latencies.append((time.perf_counter() - began) * 1000)
            time.sleep(0.02)  # idle between customers
    finally:
        engine.stop()
        store.close()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--sizes", default="1,10,50,200")
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--cards", type=int, default=2000)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        work = Path(tmp)
        proc, base = start_server(work)
        try:
            print(f"reference service at {base}; {args.events} events over {args.cards} new "
                  f"cards per batch size; {os.cpu_count()} CPUs shared with the service\n")
            print(f"{'batch size':>10} {'engine ev/s':>12} {'bare loop ev/s':>15} "
                  f"{'engine/bare':>12} {'target':>8}")
            start = SystemClock().now() - timedelta(days=30)
            for n, size in enumerate(sizes):
                # Fresh cards for each run: answers carry a card's rewards, which grow.
                cards = new_cards(base, args.cards)
                first = start + timedelta(days=n)
                rate = drain_rate(base, cards, args.events, size, work, first)
                bare_events = min(args.events, max(size * 200, 20_000))
                bare = ceiling_rate(base, cards, bare_events, size,
                                    first + timedelta(hours=12))
                target = f">={DRAIN_TARGET:.0f}" if size == 50 else ""
                verdict = ("" if size != 50 else (" met" if rate >= DRAIN_TARGET else " MISSED"))
                print(f"{size:>10} {rate:>12.0f} {bare:>15.0f} {rate / bare:>12.2f} "
                      f"{target:>8}{verdict}", flush=True)
            latencies = record_to_synced(base, new_cards(base, min(args.records, 200)),
                                         args.records, work)
        finally:
            proc.terminate()
            proc.wait(15)
    q = statistics.quantiles(latencies, n=100)
    p95 = q[94]
    print(f"\nrecord -> synced, online and idle, {len(latencies)} stamps:")
    print(f"{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target p95':>11}")
    print(f"{q[49]:>8.1f} {p95:>8.1f} {max(latencies):>8.1f} {'<' + str(int(P95_TARGET_MS)):>11}"
          f"{' met' if p95 < P95_TARGET_MS else ' MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
