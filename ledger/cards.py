"""Local state of card instances and their reward instances.

Each row holds the state shown to the cashier (``body``) and, separately, the last state the
server confirmed (``server_body``). ``confirmed`` is 1 only while no local event is waiting:
recording an event applies it optimistically and clears the flag; a sync result restores it.
"""

from __future__ import annotations

import json
from typing import Any

from ledger.db import Database
from stamps.models import CardInstance
from stamps.timestamps import format_timestamp, parse_timestamp
from stamps.wire import from_api, to_api


class CardStates:
    def __init__(self, db: Database) -> None:
        self.db = db
        # Parsed card per stored body text: a stamp reads the card it just wrote, and parsing
        # the JSON again would cost more than the durable commit itself.
        self._parsed: dict[str, CardInstance] = {}

    def _card(self, body: str, last_stamp_time: str | None) -> CardInstance:
        card = self._parsed.get(body)
        if card is None:
            if len(self._parsed) >= 512:
                self._parsed.clear()
            card = self._parsed[body] = from_api(CardInstance, json.loads(body))
        if last_stamp_time:
            card = card.with_(last_stamp_time=parse_timestamp(last_stamp_time))
        return card

    def get(self, card_instance_id: str) -> tuple[CardInstance, bool] | None:
        """The card as shown, and whether the server confirmed it."""
        with self.db.errors_translated():
            row = self.db.conn.execute(
                "SELECT body, last_stamp_time, confirmed FROM card_instances "
                "WHERE card_instance_id = ?", (card_instance_id,),
            ).fetchone()
        if row is None:
            return None
        return self._card(row[0], row[1]), bool(row[2])

    def server_state(self, card_instance_id: str) -> CardInstance | None:
        row = self.db.one(
            "SELECT server_body, last_stamp_time FROM card_instances WHERE card_instance_id = ?",
            (card_instance_id,),
        )
        if row is None or row["server_body"] is None:
            return None
        return self._card(row["server_body"], row["last_stamp_time"])

    def member_of(self, card_instance_id: str) -> int | None:
        value = self.db.scalar(
            "SELECT member_id FROM card_instances WHERE card_instance_id = ?", (card_instance_id,)
        )
        return None if value is None else int(value)

    def for_member(self, member_id: int) -> list[tuple[CardInstance, bool]]:
        rows = self.db.query(
            "SELECT body, last_stamp_time, confirmed FROM card_instances WHERE member_id = ? "
            "ORDER BY card_instance_id", (member_id,),
        )
        return [(self._card(r["body"], r["last_stamp_time"]), bool(r["confirmed"]))
                for r in rows]

    def save_local(self, card: CardInstance, *, member_id: int | None = None) -> None:
        """Store an optimistic state (inside the caller's transaction)."""
        self._upsert(card, server=False, member_id=member_id)

    def save_confirmed(self, card: CardInstance, *, member_id: int | None = None) -> None:
        """Store the server's authoritative state."""
        self._upsert(card, server=True, member_id=member_id)

    def _upsert(self, card: CardInstance, *, server: bool, member_id: int | None) -> None:
        body = json.dumps(to_api(card))
        last = None if card.last_stamp_time is None else format_timestamp(card.last_stamp_time)
        params: dict[str, Any] = {
            "id": card.card_instance_id, "stamp_card_id": card.stamp_card_id,
            "member_id": member_id, "body": body, "last": last, "now": self.db.clock.epoch(),
        }
        if server:
            sql = """
                INSERT INTO card_instances (card_instance_id, stamp_card_id, member_id, body,
                    server_body, last_stamp_time, confirmed, updated_at)
                VALUES (:id, :stamp_card_id, :member_id, :body, :body, :last, 1, :now)
                ON CONFLICT (card_instance_id) DO UPDATE SET
                    stamp_card_id = excluded.stamp_card_id,
                    member_id = COALESCE(excluded.member_id, member_id),
                    body = excluded.body, server_body = excluded.server_body,
                    last_stamp_time = COALESCE(excluded.last_stamp_time, last_stamp_time),
                    confirmed = 1, updated_at = excluded.updated_at
            """
        else:
            sql = """
                INSERT INTO card_instances (card_instance_id, stamp_card_id, member_id, body,
                    server_body, last_stamp_time, confirmed, updated_at)
                VALUES (:id, :stamp_card_id, :member_id, :body, NULL, :last, 0, :now)
                ON CONFLICT (card_instance_id) DO UPDATE SET
                    member_id = COALESCE(excluded.member_id, member_id),
                    body = excluded.body, last_stamp_time = excluded.last_stamp_time,
                    confirmed = 0, updated_at = excluded.updated_at
            """
        with self.db.transaction() as conn:
            conn.execute(sql, params)

    def save_stamp_code(self, code: str, card_instance_id: str, url: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO stamp_codes VALUES (?, ?, ?)", (code, card_instance_id, url)
            )

    def card_for_code(self, code: str) -> str | None:
        return self.db.scalar(
            "SELECT card_instance_id FROM stamp_codes WHERE code = ?", (code.upper(),)
        )

