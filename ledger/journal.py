"""The audit log of cashier actions, notices for the cashier and manager, and small
key/value facts about sync (last sync, clock offset, credentials refused)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ledger.db import Database
from stamps.timestamps import format_timestamp

#: Meta keys the sync engine writes and the status screen reads.
META_LAST_SYNC = "last_sync"
META_ONLINE = "online"
META_AUTH_REFUSED = "auth_refused"
META_CLOCK_OFFSET = "clock_offset_seconds"
#: what stops sending until a manager acts (a service set up wrongly, a queue without its
#: client), written by the sync engine for ``stamp-pos status`` and the app; None when nothing
META_PROBLEM = "sync_problem"


@dataclass(frozen=True, slots=True)
class Notice:
    id: int
    at: str
    kind: str
    message: str
    ref: str | None
    acknowledged: bool


class Journal:
    def __init__(self, db: Database) -> None:
        self.db = db

    def audit(self, action: str, *, terminal_id: str, card_instance_id: str | None = None,
              member_local_id: int | None = None, event_ids: Sequence[str] = (),
              detail: dict[str, Any] | None = None) -> None:
        """Append to the audit log (inside the caller's transaction when there is one)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO audit_log (at, terminal_id, action, card_instance_id, "
                "member_local_id, event_ids, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (format_timestamp(self.db.clock.local_now()), terminal_id, action, card_instance_id,
                 member_local_id, " ".join(event_ids) or None,
                 json.dumps(detail) if detail else None),
            )

    def audit_entries(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))

    def notify(self, kind: str, message: str, ref: str | None = None) -> int:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO notices (at, kind, message, ref) VALUES (?, ?, ?, ?)",
                (format_timestamp(self.db.clock.local_now()), kind, message, ref),
            )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def notices(self, *, open_only: bool = True, limit: int = 100) -> list[Notice]:
        where = "WHERE acknowledged = 0" if open_only else ""
        rows = self.db.query(f"SELECT * FROM notices {where} ORDER BY id DESC LIMIT ?", (limit,))
        return [Notice(r["id"], r["at"], r["kind"], r["message"], r["ref"],
                       bool(r["acknowledged"])) for r in rows]

    def acknowledge(self, notice_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE notices SET acknowledged = 1 WHERE id = ?", (notice_id,))

    def set_meta(self, key: str, value: Any) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    def meta(self, key: str, default: Any = None) -> Any:
        raw = self.db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)
