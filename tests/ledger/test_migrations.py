import sqlite3

import pytest

from ledger.db import Database
from ledger.errors import DatabaseCorrupt, SchemaTooNew
from ledger.migrations import MIGRATIONS


def test_fresh_database_is_at_the_latest_version_in_wal(tmp_path):
    db = Database(tmp_path / "t.db")
    assert db.version == len(MIGRATIONS)
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    tables = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"outbox", "members", "members_fts", "card_instances", "audit_log"} <= tables


def test_reopening_does_not_migrate_again(tmp_path):
    Database(tmp_path / "t.db").close()
    db = Database(tmp_path / "t.db")
    assert db.version == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer Stamp POS"):
        Database(tmp_path / "t.db")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "t.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseCorrupt, match="damaged"):
        Database(path)
    assert path.read_bytes().startswith(b"this is not sqlite")  # left for support to inspect
