"""The reference service under many terminals, on SQLite and on PostgreSQL with 1, 2, 4 workers.

Two loads, from one asyncio driver over loopback (one keep-alive connection per simulated
terminal), each bounded in time:

* **counter**: each simulated terminal, every 10 s, identifies a card (getStamps + getRewards)
  and sends one reportMultiStampEvents batch of 5 STAMP events (1,500 terminals ≈ 450 req/s);
* **saturation**: N connections send requests back to back, 1 batch of 50 events to 3 pulls.

Before a run the database is filled with ``--history`` events already applied (100k, 1M: cards,
events, redeemed rewards and remembered eventIds written directly in bulk), so the table shows
whether the cost grows with history. Prints one row per (backend, workers, load, terminals):
requests/s, events/s applied, p50/p90/p95/p99 latency and errors. ``--explain`` prints the plans of
the hot queries. PostgreSQL is a throwaway server (``tests/server/postgres_cluster.py``) with
``synchronous_commit=off``, the durability of SQLite's WAL with ``synchronous=NORMAL``.

    .venv/bin/python bench/server_load.py [--history 100000] [--seconds 20]
        [--terminals 100,500,1500] [--setups sqlite:1,postgresql:1,postgresql:2,postgresql:4]
        [--loads counter,saturation] [--explain]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server_history import explain, fill_history  # noqa: E402
from server.demo_data import (  # noqa: E402
    COFFEE_CLUB_ID,
    DEMO_API_KEY,
    DEMO_BEARER_TOKEN,
)
from stamps.clock import SystemClock  # noqa: E402
from stamps.timestamps import format_timestamp  # noqa: E402
from tests.server.postgres_cluster import Cluster, postgres_bin  # noqa: E402

HEADERS = {"api-key": DEMO_API_KEY, "authorization": f"Bearer {DEMO_BEARER_TOKEN}"}
PREFIX = "/stampcard/v2/"
CARDS = 5000
PERIOD = 10.0  # seconds between a counter terminal's visits
WARMUP = 3.0
IDLE_REOPEN = 4.0  # seconds; uvicorn's keep-alive timeout is 5
#: durability equal to SQLite WAL + synchronous=NORMAL: crash-safe, may lose the last commits
BENCH_PG = {"fsync": "on", "full_page_writes": "on", "synchronous_commit": "off",
            "max_connections": "200", "shared_buffers": "256MB"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    applied: int = 0
    measuring: bool = False
    #: cores busy during the measured window: this driver, the service, the database server
    cores: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def record(self, seconds: float, ok: bool, applied: int = 0) -> None:
        if not self.measuring:
            return
        self.latencies.append(seconds)
        self.errors += not ok
        self.applied += applied


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (Linux /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue  # it ended meanwhile
    return total


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def service(db: str, workers: int) -> Iterator[tuple[str, int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos.app.cli", "server", "--port", "0", "--db", db,
         "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://[\d.]+:\d+", line)
        if not match:
            raise RuntimeError(f"service did not start: {line!r} {proc.stderr.read()[:500]!r}"
                               if proc.stderr else line)
        yield match.group(0), proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def events(cards: list[str], n: int, rng: random.Random) -> list[dict[str, object]]:
    now = SystemClock(UTC).now()
    return [{"eventId": str(uuid.uuid4()), "cardInstanceId": rng.choice(cards),
             "eventType": "STAMP",
             "eventTime": format_timestamp(now - timedelta(seconds=rng.uniform(0, 3600)))}
            for _ in range(n)]


class Connection:
    """One keep-alive HTTP/1.1 connection, like one terminal's: the request written whole, the
    answer read by its Content-Length. No client pool to search (httpx's own pool costs more CPU
    per request than the service does, at a thousand connections)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0
        self._head = (f"Host: {host}:{port}\r\nContent-Type: application/json\r\n"
                      + "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items()))

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is not None and time.monotonic() - self.used > IDLE_REOPEN:
            self.close()  # uvicorn drops keep-alive connections idle for 5 s, as httpx knows
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.used = time.monotonic()
        assert self.reader is not None
        self.writer.write(f"POST {path} HTTP/1.1\r\n{self._head}Content-Length: {len(body)}"
                          f"\r\n\r\n".encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        match = re.search(rb"(?i)content-length: *(\d+)", head)
        payload = await self.reader.readexactly(int(match.group(1))) if match else b""
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def _post(conn: Connection, tally: Tally, name: str, body: dict[str, object]) -> None:
    started = time.monotonic()
    try:
        status, payload = await conn.post(PREFIX + name, orjson.dumps(body))
        ok = status == 200
        applied = payload.count(b'"result":{"code":0}') - 1 if (
            ok and name == "reportMultiStampEvents") else 0
    except (OSError, asyncio.IncompleteReadError, ValueError):
        conn.close()
        ok, applied = False, 0
    tally.record(time.monotonic() - started, ok, applied)


async def counter_terminal(http: Connection, tally: Tally, cards: list[str],
                           stop: float, seed: int) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, PERIOD))
    while time.monotonic() < stop:
        began = time.monotonic()
        card = rng.choice(cards)
        await _post(http, tally, "getStamps", {"stampCardId": COFFEE_CLUB_ID})
        await _post(http, tally, "getRewards", {"cardInstanceId": card})
        await _post(http, tally, "reportMultiStampEvents", {"events": events(cards, 5, rng)})
        await asyncio.sleep(max(0.0, PERIOD - (time.monotonic() - began)))


async def saturating_connection(http: Connection, tally: Tally, cards: list[str],
                                stop: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        await _post(http, tally, "reportMultiStampEvents", {"events": events(cards, 50, rng)})
        for _ in range(3):
            card = rng.choice(cards)
            await _post(http, tally, rng.choice(("getStamps", "getRewards", "getCards")),
                        {"stampCardId": COFFEE_CLUB_ID, "cardInstanceId": card})


async def drive(base_url: str, load: str, terminals: int, seconds: float,
                cards: list[str], cpu: Callable[[], tuple[float, float, float]]
                ) -> tuple[Tally, float]:
    tally = Tally()
    host, port = base_url.removeprefix("http://").split(":")
    connections = [Connection(host, int(port)) for _ in range(terminals)]
    stop = time.monotonic() + WARMUP + seconds
    worker = counter_terminal if load == "counter" else saturating_connection
    tasks = [asyncio.create_task(worker(conn, tally, cards, stop, n))
             for n, conn in enumerate(connections)]
    await asyncio.sleep(WARMUP)
    tally.measuring = True
    started, before = time.monotonic(), cpu()
    await asyncio.sleep(seconds)
    tally.measuring = False
    measured, after = time.monotonic() - started, cpu()
    tally.cores = tuple((b - a) / measured for a, b in zip(before, after, strict=True))  # type: ignore[assignment]
    await asyncio.gather(*tasks, return_exceptions=True)
    for conn in connections:
        conn.close()
    return tally, measured


def card_ids(base_url: str) -> list[str]:
    with httpx.Client(base_url=base_url, headers=HEADERS, timeout=120) as http:
        listed = http.post(PREFIX + "getCards", json={}).json()["cards"]
    return [c["cardInstanceId"] for c in listed if c["stampCardId"] == COFFEE_CLUB_ID]


def row(setup: str, load: str, terminals: int, tally: Tally, measured: float) -> str:
    lat = tally.latencies
    ms = " / ".join(f"{percentile(lat, p) * 1000:.0f}" for p in (50, 90, 95, 99))
    return (f"| {setup} | {load} | {terminals:,} | {len(lat) / measured:,.0f} | "
            f"{tally.applied / measured:,.0f} | {ms} | {tally.errors} | "
            + " / ".join(f"{c:.2f}" for c in tally.cores) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--terminals", default="100,500,1500")
    parser.add_argument("--setups", default="sqlite:1,postgresql:1,postgresql:2,postgresql:4")
    parser.add_argument("--loads", default="counter,saturation")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    terminals = [int(t) for t in args.terminals.split(",")]
    cluster = None
    with tempfile.TemporaryDirectory(prefix="stamp-load-") as tmp:
        try:
            print(f"history: {args.history:,} events already stored; {args.seconds:.0f} s a "
                  f"run after {WARMUP:.0f} s of warm-up", flush=True)
            print("| setup | load | terminals | requests/s | events/s applied |"
                  " p50 / p90 / p95 / p99 ms | errors | cores: driver / service / database |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
            for setup in args.setups.split(","):
                backend, workers = setup.split(":")
                if backend == "postgresql" and cluster is None:
                    bin_dir = postgres_bin()
                    if bin_dir is None:
                        print("PostgreSQL is not installed: its rows are skipped")
                        continue
                    cluster = Cluster(bin_dir, BENCH_PG).start()
                for load in args.loads.split(","):
                    for count in terminals:
                        db = (cluster.new_database() if backend == "postgresql" and cluster
                              else str(Path(tmp) / f"{setup}-{load}-{count}.sqlite3"))
                        fill_history(db, args.history, CARDS)
                        if args.explain and load == "counter" and count == terminals[0]:
                            print(explain(db), flush=True)
                        with service(db, int(workers)) as (url, pid):
                            cards = card_ids(url)
                            postmaster = cluster.postmaster() if backend == "postgresql" and (
                                cluster) else None

                            def cpu(pid: int = pid, pg: int | None = postmaster) -> tuple[
                                float, float, float
                            ]:
                                return (own_cpu(), cpu_seconds(pid),
                                        cpu_seconds(pg) if pg else 0.0)

                            tally, measured = asyncio.run(
                                drive(url, load, count, args.seconds, cards, cpu))
                        print(row(f"{backend} ×{workers}", load, count, tally, measured),
                              flush=True)
        finally:
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
