"""Work queued offline besides events: member registrations and changes, and stamp cards
issued through vvd.bz. Each row goes pending -> in_flight -> done | rejected | held."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ledger.db import Database


@dataclass(frozen=True, slots=True)
class QueuedItem:
    id: int
    body: dict[str, Any]
    state: str
    attempts: int
    last_error: str | None
    field_errors: dict[str, str]
    extra: dict[str, Any]


class _Queue:
    table = ""
    extra_columns: tuple[str, ...] = ()

    def __init__(self, db: Database) -> None:
        self.db = db

    def _item(self, row: dict[str, Any]) -> QueuedItem:
        return QueuedItem(
            id=row["id"], body=json.loads(row["body"]), state=row["state"],
            attempts=row["attempts"], last_error=row["last_error"],
            field_errors=json.loads(row["field_errors"]) if row["field_errors"] else {},
            extra={c: row[c] for c in self.extra_columns},
        )

    def get(self, item_id: int) -> QueuedItem | None:
        row = self.db.one(f"SELECT * FROM {self.table} WHERE id = ?", (item_id,))
        return None if row is None else self._item(row)

    def due(self, limit: int = 20, now: float | None = None) -> list[QueuedItem]:
        now = self.db.clock.epoch() if now is None else now
        rows = self.db.query(
            f"SELECT * FROM {self.table} WHERE state = 'pending' AND next_attempt_at <= ? "
            "ORDER BY id LIMIT ?", (now, limit),
        )
        return [self._item(r) for r in rows]

    def count(self, state: str = "pending") -> int:
        return int(self.db.scalar(f"SELECT COUNT(*) FROM {self.table} WHERE state = ?", (state,)))

    def set_state(self, item_id: int, state: str, *, error: str | None = None,
                  field_errors: dict[str, str] | None = None, next_attempt_at: float = 0,
                  **extra: Any) -> None:
        sets = ["state = :state", "last_error = :error", "updated_at = :now",
                "next_attempt_at = :next"]
        params: dict[str, Any] = {"state": state, "error": error,
                                  "now": self.db.clock.epoch(),
                                  "next": next_attempt_at, "id": item_id}
        if state == "in_flight":
            sets.append("attempts = attempts + 1")
        if field_errors is not None:
            sets.append("field_errors = :fe")
            params["fe"] = json.dumps(field_errors)
        for key, value in extra.items():
            if key not in self.extra_columns:
                raise ValueError(key)
            sets.append(f"{key} = :{key}")
            params[key] = value
        with self.db.transaction() as conn:
            conn.execute(f"UPDATE {self.table} SET {', '.join(sets)} WHERE id = :id", params)


class MemberQueue(_Queue):
    table = "member_queue"
    extra_columns = ("kind", "local_member_id")

    def add(self, kind: str, local_member_id: int, body: dict[str, Any]) -> int:
        now = self.db.clock.epoch()
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO member_queue (kind, local_member_id, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)", (kind, local_member_id, json.dumps(body), now, now),
            )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def for_member(self, local_member_id: int) -> list[QueuedItem]:
        rows = self.db.query(
            "SELECT * FROM member_queue WHERE local_member_id = ? ORDER BY id", (local_member_id,)
        )
        return [self._item(r) for r in rows]


class IssueQueue(_Queue):
    table = "issue_queue"
    extra_columns = ("stamp_card_id", "local_member_id", "code", "url", "card_instance_id",
                     "idempotency_key")

    def add(self, stamp_card_id: str, local_member_id: int | None, body: dict[str, Any]) -> int:
        now = self.db.clock.epoch()
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO issue_queue (stamp_card_id, local_member_id, body, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?)",
                (stamp_card_id, local_member_id, json.dumps(body), now, now),
            )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)
