"""Members of the Membership API in SQLite: lookup by email, member ID, phone or primary key,
LIKE-based suggestions, registration and change.

A member's ``stamps`` is not stored: it is the sum of the current stamps on their card
instances, so it always agrees with the Fintiv side.
"""

from __future__ import annotations

from typing import Any

from server.database import Connection
from stamps.errors import ValidationError
from stamps.members import GENDERS, Member, MemberForm

_COLUMNS = "id, name, email, phone, birthday, gender, address, membership_status, balance"
SUGGESTION_LIMIT = 10


def phone_key(text: str) -> str:
    """Digits of a phone number; a national ``0`` prefix is read as Indonesia's ``62``."""
    digits = "".join(c for c in text if c.isascii() and c.isdigit())
    if text.strip().startswith("0") and len(digits) > 1:
        digits = "62" + digits[1:]
    return digits


class MemberStore:
    def get(self, conn: Connection, pk: int, merchant: int | None = None) -> Member | None:
        sql = f"SELECT {_COLUMNS} FROM members WHERE id = ?"
        args: list[Any] = [pk]
        if merchant is not None:
            sql += " AND merchant = ?"
            args.append(merchant)
        row = conn.execute(sql, args).fetchone()
        return None if row is None else self._member(conn, row)

    def find(self, conn: Connection, user: str, merchant: int) -> Member | None:
        """The member whose email, member ID, phone or primary key is ``user``."""
        user = user.strip()
        if not user:
            return None
        candidates: list[int] = []
        row = conn.execute(
            "SELECT id FROM members WHERE lower(email) = lower(?)", (user,)).fetchone()
        if row:
            candidates.append(row[0])
        row = conn.execute("SELECT member FROM member_ids WHERE member_id = ?", (user,)).fetchone()
        if row:
            candidates.append(row[0])
        key = phone_key(user)
        if len(key) >= 6:
            candidates += [r[0] for r in conn.execute(
                "SELECT id FROM members WHERE phone_digits = ? ORDER BY id", (key,))]
        if user.isascii() and user.isdigit() and len(user) < 19:
            candidates.append(int(user))
        for pk in candidates:
            member = self.get(conn, pk, merchant)
            if member is not None:
                return member
        return None

    def suggestions(self, conn: Connection, query: str, merchant: int) -> list[Member]:
        escaped = query.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
        like = "%" + escaped.replace("_", "\\_") + "%"
        digits = phone_key(query)
        by_digits = " OR phone_digits LIKE ?" if len(digits) >= 3 else ""
        # lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM members WHERE merchant = ? AND ("
            " lower(name) LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\'"
            f" OR lower(phone) LIKE ? ESCAPE '\\'{by_digits}"
            " OR id IN (SELECT member FROM member_ids WHERE lower(member_id) LIKE ? ESCAPE '\\'))"
            " ORDER BY lower(name), id LIMIT ?",
            (merchant, like, like, like, *([f"%{digits}%"] if by_digits else []), like,
             SUGGESTION_LIMIT),
        ).fetchall()
        return [self._member(conn, r) for r in rows]

    def register(self, conn: Connection, form: MemberForm) -> Member:
        self._check_unique(conn, form, None)
        # The next id computed in the statement: two processes that race for one get a unique
        # violation, and the database's run_write runs the loser again.
        pk = int(conn.execute(
            "INSERT INTO members(id, merchant, store, name, email, phone, phone_digits,"
            " birthday, gender, address, membership_status, balance)"
            " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM members),?,?,?,?,?,?,?,?,?,?,0)"
            " RETURNING id",
            (form.merchant, form.store, form.name, form.email, form.phone,
             phone_key(form.phone) if form.phone else None, form.birthday,
             GENDERS[form.gender], form.address, "Blue"),
        ).fetchone()[0])
        if form.member_id:
            self.set_member_ids(conn, pk, [form.member_id])
        member = self.get(conn, pk)
        assert member is not None
        return member

    def change(self, conn: Connection, form: MemberForm) -> Member:
        assert form.id is not None
        if self.get(conn, form.id, form.merchant) is None:
            raise ValidationError({"id": "No member with this ID at this merchant."})
        self._check_unique(conn, form, form.id)
        conn.execute(
            "UPDATE members SET name=?, birthday=?, gender=?,"
            " email=coalesce(?, email), phone=coalesce(?, phone),"
            " phone_digits=coalesce(?, phone_digits), address=coalesce(?, address) WHERE id=?",
            (form.name, form.birthday, GENDERS[form.gender], form.email, form.phone,
             phone_key(form.phone) if form.phone else None, form.address, form.id),
        )
        if form.member_id:
            ids = [form.member_id] + [
                i for i in self._member_ids(conn, form.id) if i != form.member_id
            ]
            self.set_member_ids(conn, form.id, ids)
        member = self.get(conn, form.id)
        assert member is not None
        return member

    def insert(self, conn: Connection, member: Member, merchant: int) -> None:
        """Seed a member as given (demo data)."""
        conn.execute(
            "INSERT INTO members(id, merchant, store, name, email, phone, phone_digits,"
            " birthday, gender, address, membership_status, balance)"
            " VALUES (?,?,NULL,?,?,?,?,?,?,?,?,?)",
            (member.id, merchant, member.name, member.email, member.phone,
             phone_key(member.phone) if member.phone else None, member.birthday,
             member.gender, member.address, member.membership_status, member.balance),
        )
        self.set_member_ids(conn, member.id, list(member.member_ids))

    def set_member_ids(self, conn: Connection, pk: int, ids: list[str]) -> None:
        conn.execute("DELETE FROM member_ids WHERE member = ?", (pk,))
        conn.executemany(
            "INSERT INTO member_ids(member_id, member, position) VALUES (?,?,?)",
            [(mid, pk, n) for n, mid in enumerate(ids)],
        )

    def _check_unique(self, conn: Connection, form: MemberForm, pk: int | None) -> None:
        errors = {}
        if form.email:
            row = conn.execute(
                "SELECT id FROM members WHERE lower(email) = lower(?)", (form.email,)).fetchone()
            if row and row[0] != pk:
                errors["email"] = "A member with this email already exists."
        if form.member_id:
            row = conn.execute(
                "SELECT member FROM member_ids WHERE member_id = ?", (form.member_id,)
            ).fetchone()
            if row and row[0] != pk:
                errors["member_id"] = "This member ID belongs to another member."
        if errors:
            raise ValidationError(errors)

    def _member_ids(self, conn: Connection, pk: int) -> list[str]:
        return [r[0] for r in conn.execute(
            "SELECT member_id FROM member_ids WHERE member = ? ORDER BY position", (pk,))]

    def _member(self, conn: Connection, row: tuple) -> Member:
        pk, name, email, phone, birthday, gender, address, status, balance = row
        stamps = conn.execute(
            "SELECT coalesce(sum(current_stamps), 0) FROM card_instances WHERE member_id = ?",
            (pk,),
        ).fetchone()[0]
        return Member(
            id=pk, name=name, email=email, phone=phone, birthday=birthday, gender=gender,
            address=address, member_ids=tuple(self._member_ids(conn, pk)),
            membership_status=status, stamps=int(stamps), balance=balance,
            identifier=email or phone,
        )
