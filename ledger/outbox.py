"""The event outbox: every stamp event recorded on this terminal, and its sync state.

States::

    pending ──mark_in_flight──> in_flight ──settle──> synced | rejected | held
       ^                            │
       └──────── back_to_pending ───┘   (5xx, timeout, missing result; after reconcile)

``in_flight`` is written and committed *before* a batch is sent, so after a crash the engine
knows which events may have reached the server and reconciles them before sending again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ledger.db import Database
from stamps.models import Event, EventType
from stamps.timestamps import format_timestamp, parse_timestamp

PENDING, IN_FLIGHT, SYNCED, REJECTED, HELD = "pending", "in_flight", "synced", "rejected", "held"
STATES = (PENDING, IN_FLIGHT, SYNCED, REJECTED, HELD)
#: States after which an event no longer holds back later events of its card.
SETTLED = (SYNCED, REJECTED, HELD)


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    seq: int
    event_id: str
    card_instance_id: str
    event_type: EventType
    event_time: str
    stamp_value: str | None
    reward_instance_id: str | None
    state: str
    attempts: int
    next_attempt_at: float
    batch_id: str | None
    last_error: str | None
    result_code: int | None
    result_message: str | None
    flagged: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxEvent:
        return cls(
            seq=row["seq"], event_id=row["event_id"], card_instance_id=row["card_instance_id"],
            event_type=EventType(row["event_type"]), event_time=row["event_time"],
            stamp_value=row["stamp_value"], reward_instance_id=row["reward_instance_id"],
            state=row["state"], attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"], batch_id=row["batch_id"],
            last_error=row["last_error"], result_code=row["result_code"],
            result_message=row["result_message"], flagged=bool(row["flagged"]),
        )

    def to_event(self) -> Event:
        return Event(
            card_instance_id=self.card_instance_id, event_type=self.event_type,
            event_time=parse_timestamp(self.event_time), stamp_value=self.stamp_value,
            reward_instance_id=self.reward_instance_id, event_id=self.event_id,
        )

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "eventId": self.event_id,
            "cardInstanceId": self.card_instance_id,
            "eventTime": self.event_time,
            "eventType": self.event_type.value,
        }
        if self.reward_instance_id is not None:
            body["rewardInstanceId"] = self.reward_instance_id
        if self.stamp_value is not None:
            body["stampValue"] = self.stamp_value
        return body


_INSERT = """
    INSERT INTO outbox (event_id, card_instance_id, event_type, event_time, event_time_ms,
                        stamp_value, reward_instance_id, flagged, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


class Outbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- recording (inside the caller's transaction) ------------------------------------

    def add(self, event: Event, *, flagged: bool = False) -> None:
        """Insert one event; call inside ``db.transaction()`` with the rest of the action."""
        assert event.event_id is not None
        now = self.db.clock.epoch()
        self.db.conn.execute(_INSERT, (
            event.event_id, event.card_instance_id, event.event_type.value,
            format_timestamp(event.event_time), int(event.event_time.timestamp() * 1000),
            event.stamp_value, event.reward_instance_id, int(flagged), now, now,
        ))

    def card_activity(self, card_instance_id: str, since_ms: int) -> tuple[int | None, int]:
        """The card's latest event time (ms) and how many stamps it got since ``since_ms``
        that the server has not rejected: one indexed read for a stamp's two questions."""
        row = self.db.conn.execute(
            "SELECT MAX(event_time_ms), COALESCE(SUM(event_type = 'STAMP' AND state != "
            "'rejected' AND event_time_ms >= ?), 0) FROM outbox WHERE card_instance_id = ?",
            (since_ms, card_instance_id),
        ).fetchone()
        return (None if row[0] is None else int(row[0])), int(row[1])

    # ---- reading --------------------------------------------------------------------------

    def get(self, event_id: str) -> OutboxEvent | None:
        row = self.db.one("SELECT * FROM outbox WHERE event_id = ?", (event_id,))
        return None if row is None else OutboxEvent.from_row(row)

    def recent(self, state: str | None = None, limit: int = 1000) -> list[OutboxEvent]:
        if state is None:
            rows = self.db.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT ?", (limit,))
        else:
            rows = self.db.query(
                "SELECT * FROM outbox WHERE state = ? ORDER BY seq DESC LIMIT ?", (state, limit)
            )
        return [OutboxEvent.from_row(r) for r in rows]

    def for_card(self, card_instance_id: str) -> list[OutboxEvent]:
        rows = self.db.query(
            "SELECT * FROM outbox WHERE card_instance_id = ? ORDER BY seq", (card_instance_id,)
        )
        return [OutboxEvent.from_row(r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self.db.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
        counts = dict.fromkeys(STATES, 0)
        counts.update({r["state"]: r["n"] for r in rows})
        return counts

    def in_flight(self) -> list[OutboxEvent]:
        rows = self.db.query("SELECT * FROM outbox WHERE state = 'in_flight' ORDER BY seq")
        return [OutboxEvent.from_row(r) for r in rows]

    # ---- state changes (each its own transaction unless the caller holds one) -----------

    def mark_in_flight(self, event_ids: Sequence[str], batch_id: str) -> None:
        now = self.db.clock.epoch()
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'in_flight', batch_id = ?, attempts = attempts + 1, "
                "updated_at = ? WHERE event_id = ? AND state = 'pending'",
                [(batch_id, now, eid) for eid in event_ids],
            )

    def mark_synced(self, event_ids: Iterable[str]) -> None:
        self._settle(SYNCED, ((eid, 0, None, None) for eid in event_ids))

    def mark_rejected(self, results: Iterable[tuple[str, int, str | None, str | None]]) -> None:
        """``results``: (event_id, code, message, human-readable error)."""
        self._settle(REJECTED, results)

    def mark_held(self, results: Iterable[tuple[str, int | None, str | None, str | None]]) -> None:
        self._settle(HELD, results)

    def _settle(self, state: str, results: Iterable[tuple[str, Any, Any, Any]]) -> None:
        now = self.db.clock.epoch()
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = ?, result_code = ?, result_message = ?, "
                "last_error = ?, updated_at = ? WHERE event_id = ?",
                [(state, code, msg, err, now, eid) for eid, code, msg, err in results],
            )

    def back_to_pending(
        self, event_ids: Iterable[str], *, next_attempt_at: float, error: str | None
    ) -> None:
        now = self.db.clock.epoch()
        with self.db.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending', batch_id = NULL, next_attempt_at = ?, "
                "last_error = ?, updated_at = ? WHERE event_id = ? AND state != 'synced'",
                [(next_attempt_at, error, now, eid) for eid in event_ids],
            )

    def release_to_manager(self, event_id: str) -> None:
        """A manager sends a held event again."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, "
                "updated_at = ? WHERE event_id = ? AND state = 'held'",
                (self.db.clock.epoch(), event_id),
            )
