"""The service's SQLite schema as numbered migrations; ``PRAGMA user_version`` says which ran.
PostgreSQL's, table for table the same, is :mod:`server.postgres_schema`.

Times are stored as Fintiv timestamps in UTC (``2019-03-14T14:19:04.141+0000``), plus epoch
milliseconds where rows are ordered by time.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: catalog, card instances, rewards, events, idempotency, members, vvd.bz codes
    """
    CREATE TABLE merchants (
        merchant_id TEXT PRIMARY KEY,
        merchant_name TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE TABLE stores (
        store_id TEXT PRIMARY KEY,
        merchant_id TEXT NOT NULL REFERENCES merchants(merchant_id),
        latitude REAL,
        longitude REAL,
        body TEXT NOT NULL
    );
    CREATE TABLE stamp_cards (
        stamp_card_id TEXT PRIMARY KEY,
        card_idx INTEGER NOT NULL UNIQUE,
        merchant_id TEXT REFERENCES merchants(merchant_id),
        body TEXT NOT NULL
    );
    CREATE TABLE stamp_masters (
        stamp_id TEXT PRIMARY KEY,
        stamp_card_id TEXT NOT NULL REFERENCES stamp_cards(stamp_card_id),
        stamp_value TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE TABLE card_instances (
        card_instance_id TEXT PRIMARY KEY,
        stamp_card_id TEXT NOT NULL REFERENCES stamp_cards(stamp_card_id),
        current_stamps INTEGER NOT NULL,
        total_stamps INTEGER NOT NULL,
        issue_date TEXT NOT NULL,
        expiration_date TEXT,
        status TEXT NOT NULL,
        update_time TEXT,
        last_stamp_time TEXT,
        member_id INTEGER,
        sequence INTEGER,
        usage INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX card_instances_member ON card_instances(member_id);
    CREATE TABLE reward_instances (
        reward_instance_id TEXT PRIMARY KEY,
        card_instance_id TEXT NOT NULL REFERENCES card_instances(card_instance_id),
        reward_id TEXT NOT NULL,
        status TEXT NOT NULL,
        rewarded_time TEXT NOT NULL,
        reward_expiration_date TEXT
    );
    CREATE INDEX reward_instances_card ON reward_instances(card_instance_id);
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        card_instance_id TEXT NOT NULL,
        event_time TEXT NOT NULL,
        event_ms INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        stamp_id TEXT,
        stamp_value TEXT,
        reward_instance_id TEXT,
        event_id TEXT
    );
    CREATE INDEX events_card ON events(card_instance_id, event_ms);
    CREATE TABLE applied_events (
        seq INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL,
        event_id TEXT NOT NULL,
        result BLOB NOT NULL
    );
    CREATE UNIQUE INDEX applied_events_key ON applied_events(tenant, event_id);
    CREATE TABLE members (
        id INTEGER PRIMARY KEY,
        merchant INTEGER NOT NULL,
        store INTEGER,
        name TEXT NOT NULL,
        email TEXT COLLATE NOCASE UNIQUE,
        phone TEXT,
        phone_digits TEXT,
        birthday TEXT,
        gender INTEGER,
        address TEXT,
        membership_status TEXT,
        balance INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX members_phone ON members(phone_digits);
    CREATE TABLE member_ids (
        member_id TEXT PRIMARY KEY,
        member INTEGER NOT NULL REFERENCES members(id),
        position INTEGER NOT NULL
    );
    CREATE INDEX member_ids_member ON member_ids(member);
    CREATE TABLE vvd_stamps (
        code TEXT PRIMARY KEY,
        card_instance_id TEXT NOT NULL REFERENCES card_instances(card_instance_id),
        card_idx INTEGER NOT NULL,
        domain TEXT NOT NULL,
        user_id TEXT NOT NULL,
        body TEXT NOT NULL
    );
    """,
    # 2: remembered answers stored per batch (one compressed blob) with a small key table
    """
    DROP TABLE applied_events;
    CREATE TABLE applied_batches (
        seq INTEGER PRIMARY KEY,
        answers BLOB NOT NULL
    );
    CREATE TABLE applied_events (
        tenant TEXT NOT NULL,
        event_id TEXT NOT NULL,
        batch INTEGER NOT NULL REFERENCES applied_batches(seq),
        position INTEGER NOT NULL,
        PRIMARY KEY (tenant, event_id)
    ) WITHOUT ROWID;
    """,
    # 3: vvd.bz create remembers its Idempotency-Key, so a repeated request issues no second card
    """
    ALTER TABLE vvd_stamps ADD COLUMN idempotency_key TEXT;
    CREATE UNIQUE INDEX vvd_stamps_idempotency ON vvd_stamps(idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    """,
    # 4: case-insensitive lookups written as lower(), which PostgreSQL understands too
    """
    CREATE INDEX members_email_lower ON members(lower(email));
    """,
    # 5: per-merchant credentials, hashed (server/tenancy.py)
    """
    CREATE TABLE credentials (
        secret_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        merchant_id TEXT NOT NULL,
        membership_merchant INTEGER,
        created TEXT NOT NULL,
        revoked TEXT
    );
    CREATE INDEX credentials_merchant ON credentials(merchant_id);
    """,
    # 6: a card's ACTIVE rewards without reading the ones redeemed over the years
    """
    CREATE INDEX reward_instances_card_status ON reward_instances(card_instance_id, status);
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Run the migrations this database has not seen, each in its own transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
