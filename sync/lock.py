"""A lease held in the database, so two sync engines on one database never send the same
event.

The lease lives in the ``meta`` table: owner, process id, host and expiry. It is taken and
renewed inside ``BEGIN IMMEDIATE`` transactions, and the engine checks it in the same
transaction that marks a batch in flight, so only the holder can ever send. A lease whose
process is gone (same host, pid not alive) is taken over at once; otherwise it must expire.
The lease must outlive one request plus the reconcile grace, which the engine ensures by
choosing ``ttl``.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from collections.abc import Callable

from ledger.db import Database

LEASE_KEY = "sync.lease"


class LeaseLost(Exception):
    """Another engine holds the lease; this one must not send."""


class SyncLock:
    def __init__(
        self, db: Database, *, ttl: float = 60.0, clock: Callable[[], float] | None = None
    ) -> None:
        """``clock``: seconds since 1970 (default: the database's clock). The lease lives in
        the database, read by other processes, so it is wall time, not monotonic."""
        self.db = db
        self.ttl = ttl
        self.clock = clock or db.clock.epoch
        self.owner = uuid.uuid4().hex
        self.pid = os.getpid()
        self.host = socket.gethostname()
        self.held = False

    def try_acquire(self) -> bool:
        """Take or renew the lease; False if another live engine holds it."""
        with self.db.transaction() as conn:
            self.held = self._take(conn)
        return self.held

    def ensure(self, conn: sqlite3.Connection) -> None:
        """Renew the lease inside the caller's transaction, or raise :class:`LeaseLost`."""
        self.held = self._take(conn)
        if not self.held:
            raise LeaseLost("another sync engine holds the database")

    def holder(self) -> dict[str, object] | None:
        raw = self.db.scalar("SELECT value FROM meta WHERE key = ?", (LEASE_KEY,))
        return None if raw is None else json.loads(raw)

    def release(self) -> None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (LEASE_KEY,)).fetchone()
            if row is not None and json.loads(row[0]).get("owner") == self.owner:
                conn.execute("DELETE FROM meta WHERE key = ?", (LEASE_KEY,))
        self.held = False

    def _take(self, conn: sqlite3.Connection) -> bool:
        now = self.clock()
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (LEASE_KEY,)).fetchone()
        if row is not None:
            lease = json.loads(row[0])
            mine = lease.get("owner") == self.owner
            if not mine and lease.get("expires", 0) > now and not self._dead(lease):
                return False
            if mine and lease.get("expires", 0) - now > self.ttl / 2:
                return True  # fresh enough: spare the write
        value = {"owner": self.owner, "pid": self.pid, "host": self.host,
                 "expires": now + self.ttl}
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (LEASE_KEY, json.dumps(value)),
        )
        return True

    def _dead(self, lease: dict[str, object]) -> bool:
        """The holder ran on this host and its process no longer exists."""
        pid = lease.get("pid")
        if lease.get("host") != self.host or not isinstance(pid, int) or pid == self.pid:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
