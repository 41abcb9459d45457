"""Members cached locally: everyone looked up or registered on this terminal, searchable
offline through FTS5 over name, email, phone and member IDs.

A member registered offline has a local id and no ``server_id`` until the Membership API
answers; ``local_id`` stays stable so queued changes and cards can refer to it.
"""

from __future__ import annotations

import json
import re

from ledger.db import Database
from stamps.members import Member
from stamps.payloads import normalize_phone

_TOKEN = re.compile(r"[\w@.+]+", re.UNICODE)


class Members:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert(self, member: Member, *, local_id: int | None = None, pending: bool = False) -> int:
        """Insert or update a member; matched by ``local_id``, else by server id (``member.id``
        when not pending). Returns the local id."""
        phone_digits = normalize_phone(member.phone).lstrip("+") if member.phone else None
        values = {
            "server_id": None if pending else member.id,
            "name": member.name,
            "email": member.email.lower() if member.email else None,
            "phone": member.phone,
            "phone_digits": phone_digits,
            "member_ids": " ".join(member.member_ids),
            "body": json.dumps(member.to_api()),
            "pending": int(pending),
            "updated_at": self.db.clock.epoch(),
        }
        with self.db.transaction() as conn:
            if local_id is None and not pending:
                row = conn.execute(
                    "SELECT local_id FROM members WHERE server_id = ?", (member.id,)
                ).fetchone()
                local_id = None if row is None else row[0]
            if local_id is None:
                cur = conn.execute(
                    "INSERT INTO members (server_id, name, email, phone, phone_digits, "
                    "member_ids, body, pending, updated_at) VALUES (:server_id, :name, :email, "
                    ":phone, :phone_digits, :member_ids, :body, :pending, :updated_at)", values,
                )
                assert cur.lastrowid is not None
                return int(cur.lastrowid)
            if pending:
                values.pop("server_id")
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(
                f"UPDATE members SET {sets} WHERE local_id = :local_id",
                {**values, "local_id": local_id},
            )
            return local_id

    def set_server_id(self, local_id: int, member: Member) -> None:
        """The Membership API accepted a registration: map the temporary id to the real one."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE members SET server_id = NULL WHERE server_id = ? AND local_id != ?",
                (member.id, local_id),
            )
            self.upsert(member, local_id=local_id)
            conn.execute(
                "UPDATE members SET server_id = ?, pending = 0 WHERE local_id = ?",
                (member.id, local_id),
            )

    def get(self, local_id: int) -> tuple[Member, bool] | None:
        row = self.db.one("SELECT body, pending FROM members WHERE local_id = ?", (local_id,))
        return None if row is None else (_member(row["body"]), bool(row["pending"]))

    def local_id_for_server(self, server_id: int) -> int | None:
        value = self.db.scalar("SELECT local_id FROM members WHERE server_id = ?", (server_id,))
        return None if value is None else int(value)

    def server_id(self, local_id: int) -> int | None:
        value = self.db.scalar("SELECT server_id FROM members WHERE local_id = ?", (local_id,))
        return None if value is None else int(value)

    def find(self, kind: str, value: str) -> int | None:
        """Exact lookup by ``email``, ``phone`` or ``member_id``; returns the local id."""
        if kind == "email":
            sql, arg = "SELECT local_id FROM members WHERE email = ?", value.lower()
        elif kind == "phone":
            sql = "SELECT local_id FROM members WHERE phone_digits = ?"
            arg = normalize_phone(value).lstrip("+")
        elif kind == "member_id":
            sql = ("SELECT local_id FROM members WHERE ' ' || member_ids || ' ' LIKE ?")
            arg = f"% {value} %"
        else:
            raise ValueError(kind)
        found = self.db.scalar(sql + " LIMIT 1", (arg,))
        return None if found is None else int(found)

    def search(self, text: str, limit: int = 10) -> list[tuple[int, Member, bool]]:
        """Prefix search over name, email, phone digits and member IDs, best match first."""
        tokens = _TOKEN.findall(text.lower())[:6]
        if not tokens:
            return []
        query = " ".join('"' + t.replace('"', "") + '"*' for t in tokens)
        rows = self.db.query(
            "SELECT m.local_id, m.body, m.pending FROM members_fts f "
            "JOIN members m ON m.local_id = f.rowid WHERE members_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (query, limit),
        )
        return [(r["local_id"], _member(r["body"]), bool(r["pending"])) for r in rows]


def _member(body: str) -> Member:
    return Member.from_api(json.loads(body))
