"""Opening the local database: WAL, synchronous=FULL, versioned migrations, error mapping.

One :class:`Database` per thread that writes (the GUI's service thread, the sync engine);
SQLite's own locking arbitrates between them and between processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ledger.errors import (
    DatabaseEmpty,
    DatabaseUnavailable,
    LedgerError,
    SchemaTooNew,
    translate,
)
from ledger.migrations import MIGRATIONS
from stamps.clock import Clock, SystemClock

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 5000


class Database:
    """A connection to the terminal's SQLite file, migrated to the current schema."""

    def __init__(self, path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 clock: Clock | None = None) -> None:
        self.path = Path(path)
        #: business time for the bookkeeping columns (updated_at, notices, audit entries)
        self.clock: Clock = clock if clock is not None else SystemClock()
        self._lock = threading.RLock()
        with self.errors_translated():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _create_private(self.path)
            conn = sqlite3.connect(
                self.path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                check_same_thread=False,
            )
            self.conn = conn
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit is on disk before it returns, so a recorded event survives a
            # power cut. WAL makes that cheap (one fsync of the log per commit).
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()

    # ---- schema -------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.version == len(MIGRATIONS):
            return  # the usual open: no write lock taken
        while self._migrate_one():
            pass

    def _migrate_one(self) -> bool:
        """Apply the next migration, if any; False once the schema is current.

        The version is read again under BEGIN IMMEDIATE (SQLite's write lock), because another
        process may have opened the same new file a moment earlier and migrated it already: two
        first-time ``record`` commands must not both create the tables.
        """
        with self.transaction():
            current = self.version
            if current > len(MIGRATIONS):
                raise SchemaTooNew(
                    f"The database {self.path} was written by a newer Stamp POS "
                    f"(schema {current}, this version knows {len(MIGRATIONS)}). Update Stamp POS."
                )
            if current == len(MIGRATIONS):
                return False
            number = current + 1
            log.info("migrating %s to schema version %d", self.path, number)
            # executescript() commits first, so the statements run one by one inside BEGIN.
            for statement in _statements(MIGRATIONS[current]):
                self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {number}")
        return True

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; rolled back on any exception. Nests as a no-op."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            with self.errors_translated():
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                else:
                    self.conn.execute("COMMIT")

    @contextmanager
    def errors_translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            mapped = translate(exc)
            if mapped is None:
                raise
            log.warning("database %s: %s", self.path, exc)
            raise mapped from exc

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        with self._lock, self.errors_translated():
            cursor = self.conn.execute(sql, params)
            columns = [d[0] for d in cursor.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in cursor]

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._lock, self.errors_translated():
            row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._lock, self.errors_translated():
            return self.conn.execute(sql, params)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only (it caches members' names, phones and
    e-mails; SQLite gives its -wal and -shm files the same mode).

    The new file is made whole under a temporary name and linked into place, so no other
    process ever sees it empty: an existing file of 0 bytes is then a database whose data was
    lost (truncated, or a failed copy), and silently starting a new one would hide that.
    """
    if path.exists():
        if path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
            raise DatabaseEmpty(
                f"The database {path} is empty: its data was lost. Restore the latest backup "
                "(stamp-pos restore), or move the file away to start a new database."
            )
        return
    fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        os.close(os.open(fresh, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600))
        conn = sqlite3.connect(fresh)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # writes the header: no longer empty
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(fresh, path)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"The database {path} cannot be created ({exc.strerror or exc}). Check that the "
            "data directory exists, is writable and the disk is not full."
        ) from None
    finally:
        fresh.unlink(missing_ok=True)


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise LedgerError(f"incomplete statement in migration: {buffer.strip()[:80]}")
