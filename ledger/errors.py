"""Errors of the local database, split as qutebrowser does: the environment's fault (shown to
the cashier with what to do) versus bugs::

    LedgerError
    ├── EnvironmentLedgerError       not a bug: show it, log it, nothing committed is lost
    │   ├── DiskFull                SQLITE_FULL / ENOSPC
    │   ├── DatabaseLocked          another program holds the database too long
    │   ├── DatabaseCorrupt         the file is not a database or is damaged
    │   │   └── DatabaseEmpty       the file is there but empty: its data was lost
    │   └── DatabaseUnavailable     cannot open or write the file (permissions, read-only)
    └── SchemaTooNew                the file was written by a newer Stamp POS
"""

from __future__ import annotations

import sqlite3


class LedgerError(Exception):
    """Base of every error raised by :mod:`ledger`."""


class EnvironmentLedgerError(LedgerError):
    """The machine, not the program, is at fault; ``str()`` tells the cashier what to do."""


class DiskFull(EnvironmentLedgerError):
    pass


class DatabaseLocked(EnvironmentLedgerError):
    pass


class DatabaseCorrupt(EnvironmentLedgerError):
    pass


class DatabaseEmpty(DatabaseCorrupt):
    pass


class DatabaseUnavailable(EnvironmentLedgerError):
    pass


class SchemaTooNew(LedgerError):
    pass


_FULL = {13}  # SQLITE_FULL
_BUSY = {5, 6, 261, 262, 517}  # BUSY, LOCKED and extended codes
_CORRUPT = {11, 26, 267}  # CORRUPT, NOTADB, CORRUPT_VTAB
_CANTOPEN_IO = {8, 10, 14, 1032, 266}  # READONLY, IOERR, CANTOPEN, READONLY_DBMOVED, IOERR_READ


def translate(exc: sqlite3.Error) -> LedgerError | None:
    """Map a sqlite3 error caused by the environment to a LedgerError; None for a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code in _FULL or "disk is full" in text or "disk or database is full" in text:
        return DiskFull(
            "The disk is full, so nothing new can be saved. What was saved before is safe. "
            "Free some disk space, then try again."
        )
    if code in _BUSY or "locked" in text or "busy" in text:
        return DatabaseLocked(
            "The loyalty database is busy in another program. Wait a moment and try again; "
            "if it persists, close other copies of Stamp POS."
        )
    if code in _CORRUPT or "not a database" in text or "malformed" in text:
        return DatabaseCorrupt(
            "The loyalty database file is damaged. Stop using this terminal and call support; "
            "do not delete the file."
        )
    if code in _CANTOPEN_IO or "unable to open" in text or "readonly" in text:
        return DatabaseUnavailable(
            "The loyalty database cannot be opened or written. Check that the disk is "
            "connected and writable, then restart Stamp POS."
        )
    return None
