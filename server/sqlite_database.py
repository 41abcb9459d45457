"""The SQLite implementation of :class:`server.database.Database`: one connection in WAL mode,
shared by the service's threads under a lock (so one process only).

Every write runs inside :meth:`Database.write` (``BEGIN IMMEDIATE`` ... ``COMMIT``), so a batch
of events is one transaction and concurrent batches are applied one after the other. WAL
checkpoints (the only fsyncs under ``synchronous=NORMAL``) run in a background thread on a
second connection, so a commit never waits for one.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from server.sqlite_schema import migrate

T = TypeVar("T")

log = logging.getLogger(__name__)

_SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")
CACHE_KIB = 65536
MMAP_BYTES = 256 * 1024 * 1024
CHECKPOINT_SECONDS = 0.5


class SqliteDatabase:
    row_lock = ""  # the write lock below already serializes every write

    def __init__(self, path: Path, *, synchronous: str = "NORMAL") -> None:
        if synchronous.upper() not in _SYNCHRONOUS:
            raise ValueError(f"synchronous must be one of {', '.join(_SYNCHRONOUS)}")
        self.path = path
        self._lock = threading.RLock()
        self.conn = self._connect(synchronous)
        migrate(self.conn)
        self.conn.execute("PRAGMA wal_autocheckpoint=0")
        self._closed = threading.Event()
        self._checkpointer = threading.Thread(
            target=self._checkpoint_loop, args=(synchronous,), name="sqlite-checkpoint",
            daemon=True,
        )
        self._checkpointer.start()

    def _connect(self, synchronous: str) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30,
            cached_statements=256,
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; rolled back if the block raises."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def run_write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self.write() as conn:  # writes never race here: nothing to retry
            return work(conn)

    def ping(self) -> bool:
        try:
            with self.read() as conn:
                conn.execute("SELECT 1").fetchone()
        except sqlite3.Error:
            log.warning("SQLite did not answer", exc_info=True)
            return False
        return True

    def describe(self) -> str:
        return f"SQLite {self.path}"

    def _checkpoint_loop(self, synchronous: str) -> None:
        conn = self._connect(synchronous)
        try:
            while not self._closed.wait(CHECKPOINT_SECONDS):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    log.warning("WAL checkpoint failed; will retry", exc_info=True)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()

    def close(self) -> None:
        self._closed.set()
        self._checkpointer.join(timeout=30)
        with self._lock:
            self.conn.close()
