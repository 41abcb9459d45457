"""Versioned schema migrations.

``PRAGMA user_version`` is the number of migrations applied. Each migration runs in its own
transaction together with the version bump, so a crash leaves the database at a whole version.
Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: catalog, local card state, members, outbox, queues, audit
    """
    CREATE TABLE stamp_cards (
        stamp_card_id TEXT PRIMARY KEY,
        card_idx INTEGER,
        name TEXT NOT NULL,
        stamp_type TEXT NOT NULL,
        stamp_count INTEGER NOT NULL,
        body TEXT NOT NULL,
        refreshed_at REAL NOT NULL
    ) STRICT;
    CREATE TABLE stamp_masters (
        stamp_id TEXT PRIMARY KEY,
        stamp_card_id TEXT NOT NULL,
        stamp_value TEXT NOT NULL,
        stamp_state TEXT NOT NULL,
        body TEXT NOT NULL
    ) STRICT;
    CREATE INDEX stamp_masters_card ON stamp_masters (stamp_card_id);
    CREATE INDEX stamp_masters_value ON stamp_masters (stamp_value);
    CREATE TABLE merchants (
        merchant_id TEXT PRIMARY KEY,
        merchant_name TEXT NOT NULL,
        body TEXT NOT NULL
    ) STRICT;

    CREATE TABLE card_instances (
        card_instance_id TEXT PRIMARY KEY,
        stamp_card_id TEXT,
        member_id INTEGER,
        body TEXT NOT NULL,            -- CardInstance.to_api() of the state shown
        server_body TEXT,              -- last state confirmed by the server
        last_stamp_time TEXT,
        confirmed INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL
    ) STRICT;
    CREATE INDEX card_instances_member ON card_instances (member_id);
    CREATE TABLE stamp_codes (
        code TEXT PRIMARY KEY,
        card_instance_id TEXT NOT NULL,
        url TEXT NOT NULL
    ) STRICT;

    CREATE TABLE members (
        local_id INTEGER PRIMARY KEY AUTOINCREMENT,
        server_id INTEGER UNIQUE,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        phone_digits TEXT,
        member_ids TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL
    ) STRICT;
    CREATE INDEX members_email ON members (email);
    CREATE INDEX members_phone ON members (phone_digits);
    CREATE VIRTUAL TABLE members_fts USING fts5 (
        name, email, phone, member_ids, content='members', content_rowid='local_id',
        tokenize = "unicode61 remove_diacritics 2 tokenchars '@.+'"
    );
    CREATE TRIGGER members_ai AFTER INSERT ON members BEGIN
        INSERT INTO members_fts (rowid, name, email, phone, member_ids)
        VALUES (new.local_id, new.name, new.email, new.phone_digits, new.member_ids);
    END;
    CREATE TRIGGER members_ad AFTER DELETE ON members BEGIN
        INSERT INTO members_fts (members_fts, rowid, name, email, phone, member_ids)
        VALUES ('delete', old.local_id, old.name, old.email, old.phone_digits, old.member_ids);
    END;
    CREATE TRIGGER members_au AFTER UPDATE ON members BEGIN
        INSERT INTO members_fts (members_fts, rowid, name, email, phone, member_ids)
        VALUES ('delete', old.local_id, old.name, old.email, old.phone_digits, old.member_ids);
        INSERT INTO members_fts (rowid, name, email, phone, member_ids)
        VALUES (new.local_id, new.name, new.email, new.phone_digits, new.member_ids);
    END;

    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        card_instance_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        event_time TEXT NOT NULL,      -- Fintiv format, as sent
        event_time_ms INTEGER NOT NULL,
        stamp_value TEXT,
        reward_instance_id TEXT,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'in_flight', 'synced', 'rejected', 'held')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        batch_id TEXT,
        last_error TEXT,
        result_code INTEGER,
        result_message TEXT,
        flagged INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    ) STRICT;
    CREATE INDEX outbox_state ON outbox (state, seq);
    CREATE INDEX outbox_card ON outbox (card_instance_id, seq);
    CREATE INDEX outbox_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL;

    -- Rewards earned offline carry a local id until the server names them; the sync engine
    -- then rewrites pending REDEEM/REMOVE_REWARD events to the server's id.
    CREATE TABLE local_rewards (
        local_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        card_instance_id TEXT NOT NULL,
        reward_id TEXT NOT NULL,
        server_id TEXT
    ) STRICT;
    CREATE INDEX local_rewards_event ON local_rewards (event_id);

    CREATE TABLE member_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('register', 'change')),
        local_member_id INTEGER NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'in_flight', 'done', 'rejected', 'held')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        last_error TEXT,
        field_errors TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    ) STRICT;
    CREATE INDEX member_queue_state ON member_queue (state, id);

    CREATE TABLE issue_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stamp_card_id TEXT NOT NULL,
        local_member_id INTEGER,
        body TEXT NOT NULL,            -- vvd.bz create request
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'in_flight', 'done', 'rejected', 'held')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        last_error TEXT,
        field_errors TEXT,
        code TEXT,
        url TEXT,
        card_instance_id TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    ) STRICT;
    CREATE INDEX issue_queue_state ON issue_queue (state, id);

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        action TEXT NOT NULL,
        card_instance_id TEXT,
        member_local_id INTEGER,
        event_ids TEXT,
        detail TEXT
    ) STRICT;

    CREATE TABLE notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,            -- rejected | held | velocity | member | issue | auth
        message TEXT NOT NULL,
        ref TEXT,
        acknowledged INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX notices_open ON notices (acknowledged, id);

    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    """,
    # 2 (sync engine): find a card's unsettled events without scanning its synced history
    """
    CREATE INDEX outbox_unsettled_card ON outbox (card_instance_id, seq)
        WHERE state IN ('pending', 'in_flight');
    """,
    # 3 (issue 14): the Idempotency-Key a card issue is sent with, chosen before its first send
    """
    ALTER TABLE issue_queue ADD COLUMN idempotency_key TEXT;
    """,
)
