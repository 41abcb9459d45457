"""A recorded event survives SIGKILL; a full disk or a locked database is a clear error that
loses nothing already committed."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ledger import Ledger
from ledger.errors import DatabaseLocked, DiskFull
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"

RECORDER = textwrap.dedent("""
    import sys, time
    from pos.services.settings import TerminalSettings
    from pos.services.terminal import Terminal
    from ledger import Ledger
    terminal = Terminal(Ledger(sys.argv[1]), TerminalSettings())
    result = terminal.add_stamps(sys.argv[2])
    print(result.event_ids[0], flush=True)
    time.sleep(60)
""")


def test_event_survives_sigkill_right_after_record_returns(tmp_path):
    db = tmp_path / "pos.db"
    recorded = []
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", RECORDER, str(db), CARD],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        event_id = proc.stdout.readline().strip()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert event_id, "the recorder printed no event id"
        recorded.append(event_id)
    store = Ledger(db)
    found = {e.event_id for e in store.outbox.recent()}
    assert set(recorded) <= found
    assert store.cards.get(CARD)[0].current_stamps == 5


def test_disk_full_is_a_clear_error_and_loses_nothing(tmp_path):
    store = Ledger(tmp_path / "pos.db")
    terminal = Terminal(store, TerminalSettings())
    first = terminal.add_stamps(CARD).event_ids[0]
    pages = store.db.scalar("PRAGMA page_count")
    # SQLite answers SQLITE_FULL exactly as it does when the disk itself is full.
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull, match="disk is full") as info:
        for _ in range(500):
            terminal.add_stamps(f"card-{_:04d}-{'x' * 200}", 1)
    assert "Free some disk space" in str(info.value)
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert store.outbox.get(first) is not None
    assert terminal.add_stamps(CARD).card.current_stamps == 2


def test_locked_database_is_a_clear_error(tmp_path):
    path = tmp_path / "pos.db"
    Ledger(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        terminal = Terminal(Ledger(path, busy_timeout_ms=100), TerminalSettings())
        with pytest.raises(DatabaseLocked, match="busy in another program"):
            terminal.add_stamps(CARD)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert Terminal(Ledger(path), TerminalSettings()).add_stamps(CARD).event_ids
