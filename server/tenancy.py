"""Merchants as tenants: per-merchant credentials, stored hashed, and what each may see.

The credentials in :class:`server.config.ServerConfig` are the operator's: they see every
merchant (the demo, the tests, a single shop). ``stamp-pos server credentials add MERCHANT``
issues a merchant its own set (Fintiv api-key and bearer token, Membership token, vvd.bz key),
printed once and stored only as SHA-256 hashes (the secrets are 32 random bytes, so a fast hash
is enough); with them a caller sees and changes only that merchant's programs, cards, members
and events. ``rotate`` revokes the set and issues a new one; ``revoke`` revokes it. A revoked
secret stops working within :data:`CACHE_SECONDS` in every worker.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from server.database import Connection, Database

KINDS = ("api-key", "bearer", "membership", "vvd")
CACHE_SECONDS = 5.0


@dataclass(frozen=True)
class Tenant:
    """Who is calling. ``merchant_id`` None is the operator, who sees every merchant."""

    key: str  # the api-key as given: stamping keeps a hash of it as the idempotency namespace
    merchant_id: str | None = None
    membership_merchant: int | None = None

    def sees(self, merchant_id: str | None) -> bool:
        return self.merchant_id is None or merchant_id == self.merchant_id


@dataclass(frozen=True)
class Grant:
    merchant_id: str
    membership_merchant: int | None


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Credentials:
    """Lookups of presented secrets, cached briefly (a request must not cost a query)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[float, Grant | None]] = {}

    def grant(self, kind: str, secret: str) -> Grant | None:
        """The merchant a live secret of this kind belongs to, or None."""
        if not secret:
            return None
        key = (kind, secret_hash(secret))
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT merchant_id, membership_merchant FROM credentials"
                " WHERE secret_hash = ? AND kind = ? AND revoked IS NULL", (key[1], kind),
            ).fetchone()
        found = None if row is None else Grant(row[0], row[1])
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[key] = (now, found)
        return found


def issue(conn: Connection, merchant_id: str, membership_merchant: int | None,
          now: datetime) -> dict[str, str]:
    """A new set of secrets for the merchant (returned once, stored hashed); ``now`` is when."""
    created = now.isoformat()
    issued = {kind: secrets.token_urlsafe(32) for kind in KINDS}
    issued["membership"] = "Token " + issued["membership"]
    conn.executemany(
        "INSERT INTO credentials(secret_hash, kind, merchant_id, membership_merchant, created)"
        " VALUES (?, ?, ?, ?, ?)",
        [(secret_hash(v), k, merchant_id, membership_merchant, created)
         for k, v in issued.items()],
    )
    return issued


def revoke(conn: Connection, merchant_id: str, now: datetime) -> int:
    """Revoke every live secret of the merchant; how many were live."""
    cur = conn.execute(
        "UPDATE credentials SET revoked = ? WHERE merchant_id = ? AND revoked IS NULL",
        (now.isoformat(), merchant_id),
    )
    return int(cur.rowcount)
