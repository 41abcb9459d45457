"""``stamp-pos server credentials add|rotate|revoke MERCHANT``: a merchant's own secrets.

``add`` and ``rotate`` print the new set once, on stdout (the only place it ever appears: the
database keeps SHA-256 hashes); ``rotate`` and ``revoke`` end the old set within seconds in
every running service process.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from server import tenancy
from server.config import ServerConfig
from server.database import Connection, open_database
from stamps.clock import SystemClock


def run_credentials(
    config: ServerConfig, verb: str | None, merchant: str | None, membership: int | None
) -> int:
    if verb is None or not merchant:
        print("stamp-pos server: error: say `credentials add|rotate|revoke MERCHANT_ID`",
              file=sys.stderr)
        return 2
    try:
        db = open_database(url=config.db_url, path=config.db_path,
                           synchronous=config.sqlite_synchronous, pool_size=1)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"stamp-pos server: error: {exc}", file=sys.stderr)
        return 1
    try:
        code, lines = db.run_write(lambda conn: _change(conn, verb, merchant, membership))
    finally:
        db.close()
    # Printed after the commit: a transaction run again must not print twice.
    print("\n".join(lines), file=sys.stdout if code == 0 else sys.stderr, flush=True)
    return code


def _change(
    conn: Connection, verb: str, merchant: str, membership: int | None
) -> tuple[int, list[str]]:
    known = conn.execute("SELECT 1 FROM merchants WHERE merchant_id = ?", (merchant,))
    if known.fetchone() is None:
        return 1, [f"stamp-pos server: error: no merchant {merchant!r} in this database"]
    if verb == "add" and conn.execute(
        "SELECT 1 FROM credentials WHERE merchant_id = ? AND revoked IS NULL", (merchant,)
    ).fetchone():
        return 1, [f"stamp-pos server: error: {merchant} already has credentials; use rotate"]
    revoked = tenancy.revoke(conn, merchant, _now()) if verb in ("rotate", "revoke") else 0
    if verb == "revoke":
        return 0, [f"{merchant}: {revoked} secrets revoked"]
    if membership is None and verb == "rotate":
        row = conn.execute(
            "SELECT membership_merchant FROM credentials WHERE merchant_id = ?"
            " ORDER BY created DESC LIMIT 1", (merchant,),
        ).fetchone()
        membership = None if row is None else row[0]
    issued = tenancy.issue(conn, merchant, membership, _now())
    return 0, [f"{merchant}: new credentials, shown this once (the service keeps only hashes):",
               *(f"{kind}: {secret}" for kind, secret in issued.items())]


def _now() -> datetime:
    """When credentials are issued or revoked: the operator's command runs on the real clock."""
    return SystemClock(UTC).now()
