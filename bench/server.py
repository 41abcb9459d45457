"""Throughput of the reference stamp service through reportMultiStampEvents over loopback.

Starts ``stamp-pos server`` as a subprocess (so client and service use separate cores), adds
card instances, then sends STAMP events in batches of 50 from a few client threads. Prints
events per second and the service's own p50/p95 time per batch (its Server-Timing header),
for the default set-up and, in the same run, for alternatives: idempotency off, SQLite
synchronous=FULL, and one event per request through reportStampEvent.

    .venv/bin/python bench/server.py [--events 100000] [--cards 4000] [--clients 3]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.demo_data import (  # noqa: E402
    COFFEE_CLUB_ID,
    DEMO_API_KEY,
    DEMO_BEARER_TOKEN,
    DEMO_STAMP_MASTERS,
)
from stamps.clock import SystemClock  # noqa: E402
from stamps.timestamps import format_timestamp  # noqa: E402

HEADERS = {"api-key": DEMO_API_KEY, "authorization": f"Bearer {DEMO_BEARER_TOKEN}"}
BATCH = 50
TARGET = 5000.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report cost per event."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def service(db: Path, *flags: str) -> Iterator[tuple[str, int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos.app.cli", "server", "--port", "0", "--db", str(db),
         "--demo-data", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        match = re.match(r"listening on (\S+)", proc.stdout.readline())
        if not match:
            raise SystemExit("the service did not start")
        yield match.group(1), proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def add_cards(url: str, count: int) -> list[str]:
    with httpx.Client(base_url=url, headers=HEADERS, timeout=30) as client:
        return [client.post("/stampcard/v2/addCard", json={"stampCardId": COFFEE_CLUB_ID})
                .json()["cardInstance"]["cardInstanceId"] for _ in range(count)]


def make_events(cards: list[str], count: int) -> list[dict[str, str]]:
    """STAMP events spread over the cards, one millisecond apart, ending a minute ago."""
    value = DEMO_STAMP_MASTERS[COFFEE_CLUB_ID][0].stamp_value
    start = SystemClock().now() - timedelta(minutes=1, milliseconds=count)
    return [{"eventId": str(uuid.uuid4()), "cardInstanceId": cards[i % len(cards)],
             "eventTime": format_timestamp(start + timedelta(milliseconds=i)),
             "eventType": "STAMP", "stampValue": value} for i in range(count)]


def send(url: str, path: str, payloads: list[dict[str, object]], clients: int
         ) -> tuple[float, list[float]]:
    """Send payloads from ``clients`` threads; return wall seconds and server ms per request."""
    server_ms: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def worker(share: list[dict[str, object]]) -> None:
        with httpx.Client(base_url=url, headers=HEADERS, timeout=60) as client:
            for payload in share:
                response = client.post(path, content=orjson.dumps(payload),
                                       headers={"content-type": "application/json"})
                if response.status_code != 200 or orjson.loads(response.content)[
                        "result"]["code"] != 0:
                    errors.append(response.text[:200])
                timing = response.headers.get("server-timing", "dur=0").split("dur=")[-1]
                with lock:
                    server_ms.append(float(timing))

    threads = [threading.Thread(target=worker, args=(payloads[k::clients],))
               for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return elapsed, server_ms


def run(label: str, events: int, cards: int, clients: int, *flags: str,
        single: bool = False) -> tuple[str, float, float, float, int, float]:
    with tempfile.TemporaryDirectory() as tmp, service(Path(tmp) / "bench.sqlite3",
                                                       *flags) as (url, pid):
        ids = add_cards(url, cards)
        evs = make_events(ids, events)
        cpu_before = cpu_seconds(pid)
        if single:
            elapsed, ms = send(url, "/stampcard/v2/reportStampEvent", list(evs), clients)
        else:
            batches: list[dict[str, object]] = [
                {"events": evs[i:i + BATCH]} for i in range(0, len(evs), BATCH)]
            elapsed, ms = send(url, "/stampcard/v2/reportMultiStampEvents", batches, clients)
        cpu_us = (cpu_seconds(pid) - cpu_before) / events * 1e6
    q = statistics.quantiles(ms, n=100)
    return label, events / elapsed, q[49], q[94], events, cpu_us


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--alt-events", type=int, default=20_000,
                        help="events for each alternative (default 20,000)")
    args = parser.parse_args()
    alt = min(args.alt_events, args.events)
    rows = [
        run("batches of 50, idempotent, sync NORMAL", args.events, args.cards, args.clients),
        run("the same, on the alternatives' size", alt, args.cards, args.clients),
        run("batches of 50, --no-idempotency", alt, args.cards, args.clients,
            "--no-idempotency"),
        run("batches of 50, --synchronous FULL", alt, args.cards, args.clients,
            "--synchronous", "FULL"),
        run("1 event per request (reportStampEvent)", max(1, alt // 10), args.cards,
            args.clients, single=True),
    ]
    main_rate, base = rows[0][1], rows[1][1]
    print(f"reportMultiStampEvents over loopback, {os.cpu_count()} CPUs, {args.clients} "
          f"client threads, {args.cards} cards (target >= {TARGET:,.0f} events/s)")
    print("ratio: against the main set-up run on the same number of events (row 2)")
    print("service CPU: user+system seconds of the service process per event (all threads)")
    print(f"{'set-up':42} {'events':>8} {'events/s':>10} {'ratio':>6} "
          f"{'p50 ms/req':>11} {'p95 ms/req':>11} {'CPU us/event':>13}")
    for label, rate, p50, p95, n, cpu in rows:
        print(f"{label:42} {n:8d} {rate:10,.0f} {rate / base:6.2f} {p50:11.2f} {p95:11.2f}"
              f" {cpu:13.0f}")
    verdict = "meets" if main_rate >= TARGET else "misses"
    print(f"main set-up {verdict} the target: {main_rate:,.0f} events/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
