"""The catalog pulled from the stamp service: stamp cards, their stamp master data, merchants.
Kept locally so the terminal can stamp and validate codes offline."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ledger.db import Database
from stamps.models import Merchant, StampCard, StampMaster
from stamps.wire import from_api, to_api


class Catalog:
    def __init__(self, db: Database) -> None:
        self.db = db
        # Parsed stamp cards, refreshed when this process saves the catalog; every stamp
        # needs its card's rules, and parsing the JSON each time would double a stamp's cost.
        self._cards: dict[str, StampCard | None] = {}
        self._default_values: dict[str, str | None] = {}

    def save_cards(self, cards: Iterable[tuple[StampCard, int | None]]) -> None:
        """Upsert stamp cards with their vvd.bz card index (None when unknown)."""
        now = self.db.clock.epoch()
        self._cards.clear()
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO stamp_cards VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (stamp_card_id) DO UPDATE SET card_idx = excluded.card_idx, "
                "name = excluded.name, stamp_type = excluded.stamp_type, "
                "stamp_count = excluded.stamp_count, body = excluded.body, "
                "refreshed_at = excluded.refreshed_at",
                [
                    (c.stamp_card_id, idx, c.name, c.stamp_type.value, c.stamp_count,
                     json.dumps(to_api(c)), now)
                    for c, idx in cards
                ],
            )

    def save_stamp_masters(self, stamp_card_id: str, masters: Iterable[StampMaster]) -> None:
        self._default_values.pop(stamp_card_id, None)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM stamp_masters WHERE stamp_card_id = ?", (stamp_card_id,))
            conn.executemany(
                "INSERT OR REPLACE INTO stamp_masters VALUES (?, ?, ?, ?, ?)",
                [(m.stamp_id, stamp_card_id, m.stamp_value, m.stamp_state, json.dumps(to_api(m)))
                 for m in masters],
            )

    def save_merchants(self, merchants: Iterable[Merchant]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO merchants VALUES (?, ?, ?)",
                [(m.merchant_id, m.merchant_name, json.dumps(to_api(m))) for m in merchants],
            )

    def card(self, stamp_card_id: str) -> StampCard | None:
        if stamp_card_id in self._cards:
            return self._cards[stamp_card_id]
        row = self.db.one("SELECT body FROM stamp_cards WHERE stamp_card_id = ?", (stamp_card_id,))
        card = None if row is None else from_api(StampCard, json.loads(row["body"]))
        if card is not None:
            self._cards[stamp_card_id] = card
        return card

    def card_idx(self, stamp_card_id: str) -> int | None:
        value = self.db.scalar(
            "SELECT card_idx FROM stamp_cards WHERE stamp_card_id = ?", (stamp_card_id,)
        )
        return None if value is None else int(value)

    def cards(self) -> list[StampCard]:
        rows = self.db.query("SELECT body FROM stamp_cards ORDER BY name")
        return [from_api(StampCard, json.loads(r["body"])) for r in rows]

    def issuable_cards(self) -> list[StampCard]:
        """The cards vvd.bz can issue here: those whose card index is known."""
        rows = self.db.query(
            "SELECT body FROM stamp_cards WHERE card_idx IS NOT NULL ORDER BY name"
        )
        return [from_api(StampCard, json.loads(r["body"])) for r in rows]

    def refreshed_at(self) -> float | None:
        """When the catalog was last saved (wall time, only compared with itself)."""
        value = self.db.scalar("SELECT MAX(refreshed_at) FROM stamp_cards")
        return None if value is None else float(value)

    def stamp_masters(self, stamp_card_id: str) -> list[StampMaster]:
        rows = self.db.query(
            "SELECT body FROM stamp_masters WHERE stamp_card_id = ? ORDER BY stamp_id",
            (stamp_card_id,),
        )
        return [from_api(StampMaster, json.loads(r["body"])) for r in rows]

    def default_stamp_value(self, stamp_card_id: str) -> str | None:
        """The stampValue a STAMP event on this card carries: its first active stamp."""
        if stamp_card_id in self._default_values:
            return self._default_values[stamp_card_id]
        value = self._default_values[stamp_card_id] = self.db.scalar(
            "SELECT stamp_value FROM stamp_masters WHERE stamp_card_id = ? "
            "AND stamp_state = 'ACTIVE' ORDER BY stamp_id LIMIT 1", (stamp_card_id,),
        )
        return value

    def stamp_values(self, stamp_card_id: str) -> frozenset[str]:
        """The stampValues this card accepts (empty when its stamp master data is unknown)."""
        return frozenset(m.stamp_value for m in self.stamp_masters(stamp_card_id))

    def card_for_stamp_value(self, stamp_value: str) -> str | None:
        return self.db.scalar(
            "SELECT stamp_card_id FROM stamp_masters WHERE stamp_value = ?", (stamp_value,)
        )

    def merchants(self) -> list[Merchant]:
        rows = self.db.query("SELECT body FROM merchants ORDER BY merchant_name")
        return [from_api(Merchant, json.loads(r["body"])) for r in rows]
