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


OPENER = """
import os, sys, time
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.001)
from pos.app.cli import main
sys.exit(main(["record", "--card-instance", sys.argv[2], "--type", "STAMP"]))
"""


def test_twenty_processes_opening_a_new_database_at_once_all_record(tmp_path):
    """A new data directory opened by many first-time commands at the same moment: every one
    migrates or waits for the one that does, and every stamp is recorded (issue: 12 of 40 used
    to crash with "table stamp_cards already exists")."""
    import os
    import subprocess
    import sys
    import time

    from ledger import Ledger

    home, go = tmp_path / "home", tmp_path / "go"
    env = {**os.environ, "STAMP_POS_HOME": str(home)}
    card = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(go), card], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(20)]
    time.sleep(1.0)  # let every interpreter start and wait at the line
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    failures = [err for p, (_out, err) in zip(procs, results, strict=True) if p.returncode != 0]
    assert failures == []
    ledger = Ledger(home / "stamp-pos.db")
    try:
        assert ledger.outbox.counts()["pending"] == 20
    finally:
        ledger.close()


def test_a_database_of_the_first_released_schema_opens_with_its_pending_events(tmp_path):
    """tests/data/schema-v1.db was written by the first released schema (1) with two pending
    events and one synced; every later migration must carry it forward."""
    import shutil
    from pathlib import Path

    from ledger import Ledger

    copy = tmp_path / "stamp-pos.db"
    shutil.copy(Path(__file__).parents[1] / "data" / "schema-v1.db", copy)
    ledger = Ledger(copy)
    try:
        assert ledger.db.version == len(MIGRATIONS)
        assert ledger.outbox.counts()["pending"] == 2
        assert ledger.outbox.counts()["synced"] == 1
        pending = ledger.outbox.recent("pending")
        assert {e.event_time for e in pending} == {"2026-11-20T09:00:00.000+0000",
                                                   "2026-11-20T09:00:00.001+0000"}
    finally:
        ledger.close()
