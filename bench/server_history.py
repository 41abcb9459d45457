"""History for the load benchmark: a service database that already holds N applied events.

Written in bulk, straight into the tables (the service would take minutes to accept a million
events over HTTP): card instances of the demo's Coffee Club, their STAMP events, a redeemed
reward instance every 5th stamp, and every eventId remembered in batches of 50, as the service
itself would have stored them. ``explain`` prints the plans of the queries each batch runs.
"""

from __future__ import annotations

import sqlite3
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import psycopg

from server.cards import epoch_ms, ts
from server.config import ServerConfig
from server.database import is_postgres_url
from server.demo_data import (
    COFFEE_AND_PASTRY_ID,
    COFFEE_CLUB_ID,
    DEMO_API_KEY,
    FREE_COFFEE_ID,
)
from server.services import Services
from server.stamping import tenant_of
from stamps.clock import SystemClock

BATCH = 50
CARD_COLUMNS = ("card_instance_id, stamp_card_id, current_stamps, total_stamps, issue_date,"
                " expiration_date, status, update_time, last_stamp_time, usage")
TABLES = {
    "card_instances": CARD_COLUMNS,
    "events": "card_instance_id, event_time, event_ms, event_type, event_id",
    "reward_instances": ("reward_instance_id, card_instance_id, reward_id, status,"
                         " rewarded_time, reward_expiration_date"),
    "applied_batches": "seq, answers",
    "applied_events": "tenant, event_id, batch, position",
}


def _rows(events: int, cards: int) -> dict[str, Iterator[tuple[object, ...]]]:
    now = SystemClock(UTC).now()
    start = now - timedelta(days=60)
    ids = [str(uuid.uuid4()) for _ in range(cards)]
    per_card = [events // cards + (1 if n < events % cards else 0) for n in range(cards)]
    tenant = tenant_of(DEMO_API_KEY)
    blob = zlib.compress(b'[{"result":{"code":0}}]', 1)

    def card_rows() -> Iterator[tuple[object, ...]]:
        for cid, stamps in zip(ids, per_card, strict=True):
            yield (cid, COFFEE_CLUB_ID, stamps % 10, stamps, ts(start),
                   ts(now + timedelta(days=365 * 4)), "ACTIVE", ts(now), ts(start), stamps)

    def event_rows() -> Iterator[tuple[object, ...]]:
        for n in range(events):
            moment = start + timedelta(seconds=n * 2)
            yield (ids[n % cards], ts(moment), epoch_ms(moment), "STAMP", f"h{n}")

    def reward_rows() -> Iterator[tuple[object, ...]]:
        for cid, stamps in zip(ids, per_card, strict=True):
            for k in range(stamps // 5):
                reward = FREE_COFFEE_ID if k % 2 == 0 else COFFEE_AND_PASTRY_ID
                yield (str(uuid.uuid4()), cid, reward, "REDEEMED", ts(start), ts(now))

    def batch_rows() -> Iterator[tuple[object, ...]]:
        for b in range((events + BATCH - 1) // BATCH):
            yield (b + 1, blob)

    def key_rows() -> Iterator[tuple[object, ...]]:
        for n in range(events):
            yield (tenant, f"h{n}", n // BATCH + 1, 0)

    return {"card_instances": card_rows(), "events": event_rows(),
            "reward_instances": reward_rows(), "applied_batches": batch_rows(),
            "applied_events": key_rows()}


def fill_history(db: str, events: int, cards: int) -> None:
    """Migrate and seed ``db`` (a SQLite path or a PostgreSQL URL), then add the history."""
    url = db if is_postgres_url(db) else None
    Services.open(ServerConfig(db_url=url, db_path=None if url else Path(db),
                               demo_data=True)).close()
    rows = _rows(events, cards)
    if url is None:
        conn = sqlite3.connect(db)
        try:
            with conn:
                for table, columns in TABLES.items():
                    marks = ",".join("?" * len(columns.split(",")))
                    conn.executemany(f"INSERT INTO {table}({columns}) VALUES ({marks})",
                                     rows[table])
            conn.execute("ANALYZE")
        finally:
            conn.close()
        return
    with psycopg.connect(url) as pg:
        for table, columns in TABLES.items():
            with pg.cursor().copy(f"COPY {table}({columns}) FROM STDIN") as copy:
                for values in rows[table]:
                    copy.write_row(values)
        pg.execute("SELECT setval(pg_get_serial_sequence('applied_batches', 'seq'),"
                   " (SELECT max(seq) FROM applied_batches))")
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")


HOT = {
    "cards of a batch (locked on PostgreSQL)":
        "SELECT * FROM card_instances WHERE card_instance_id IN ('{cid}')"
        " ORDER BY card_instance_id",
    "their rewards": "SELECT * FROM reward_instances WHERE card_instance_id IN ('{cid}')"
                     " AND (status = 'ACTIVE' OR reward_instance_id IN ('x'))",
    "remembered eventIds": "SELECT event_id, batch, position FROM applied_events"
                           " WHERE tenant = '{tenant}' AND event_id IN ('h1', 'h2')",
    "event history": "SELECT * FROM events WHERE card_instance_id = '{cid}'"
                     " ORDER BY event_ms DESC, seq DESC",
}


def explain(db: str) -> str:
    """The plans of the hot queries, as a Markdown list."""
    tenant = tenant_of(DEMO_API_KEY)
    lines = []
    if is_postgres_url(db):
        with psycopg.connect(db) as pg:
            cid = pg.execute("SELECT card_instance_id FROM card_instances LIMIT 1").fetchone()
            assert cid is not None
            for name, sql in HOT.items():
                plan = pg.execute("EXPLAIN " + sql.format(cid=cid[0], tenant=tenant)).fetchall()
                lines.append(f"* {name}: " + " / ".join(r[0].strip() for r in plan))
    else:
        conn = sqlite3.connect(db)
        try:
            cid = conn.execute("SELECT card_instance_id FROM card_instances LIMIT 1").fetchone()
            for name, sql in HOT.items():
                plan = conn.execute("EXPLAIN QUERY PLAN " + sql.format(
                    cid=cid[0], tenant=tenant)).fetchall()
                lines.append(f"* {name}: " + " / ".join(r[-1] for r in plan))
        finally:
            conn.close()
    return "\n".join(lines)
