"""Applying reported events: one transaction per batch, the rules of :mod:`pos.domain.rules`,
and (unless turned off) one application per (api-key, eventId).

Each event's answer is the document's ``eventResults`` item: ``result`` (``code`` 0, or the
RuleViolation's ``code`` with its ``key`` as ``message``), ``eventId`` and, on success, the
``cardInstance`` and the ``rewards`` this event earned. A REWARD event is logged 1 ms after the
STAMP that earned it (2 ms for a second reward earned by the same stamp, and so on).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from pos.domain.errors import RuleViolation, UnknownCardInstance, ValidationError
from pos.domain.models import CardInstance, Event, EventType, InstanceStatus
from pos.domain.rules import StampPolicy, apply_event
from pos.domain.timestamps import utc_now
from server import errors
from server.cards import CardRow, Cards
from server.catalog import Catalog
from server.config import ServerConfig
from server.database import Database
from server.views import card_view

_MS = timedelta(milliseconds=1)


def tenant_of(api_key: str) -> str:
    """The idempotency namespace of an api-key; the key itself is never stored."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:32]


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class _Batch:
    cards: dict[str, CardRow | None] = field(default_factory=dict)
    dirty: dict[str, tuple[CardInstance, int]] = field(default_factory=dict)


class Stamping:
    def __init__(
        self, db: Database, catalog: Catalog, cards: Cards, config: ServerConfig
    ) -> None:
        self._db, self._catalog, self._cards, self._config = db, catalog, cards, config

    def report(self, api_key: str, raw_events: Sequence[Any]) -> list[dict[str, Any]]:
        """Apply events in order in one transaction; one answer per event, in request order."""
        tenant = tenant_of(api_key)
        batch = _Batch()
        with self._db.write() as conn:
            results = [self._one(conn, tenant, raw, batch) for raw in raw_events]
            for card, usage in batch.dirty.values():
                self._cards.save(conn, card, usage)
        return results

    def _one(
        self, conn: sqlite3.Connection, tenant: str, raw: Any, batch: _Batch
    ) -> dict[str, Any]:
        event_id = raw.get("eventId") if isinstance(raw, dict) else None
        remember = self._config.idempotency and isinstance(event_id, str)
        if remember:
            row = conn.execute(
                "SELECT result FROM applied_events WHERE tenant = ? AND event_id = ?",
                (tenant, event_id),
            ).fetchone()
            if row is not None:
                return dict(json.loads(row[0]))
        try:
            if not isinstance(raw, dict):
                raise ValidationError({"event": "expected an object"})
            event = Event.from_api(raw)
        except ValidationError as exc:
            # Not remembered: a corrected resend of the same eventId must be applied.
            return _failure(event_id, errors.BAD_REQUEST, "event.invalid", str(exc))
        try:
            answer = self._apply(conn, event, batch)
        except RuleViolation as violation:
            answer = _failure(event_id, violation.code, violation.key, str(violation))
        else:
            answer = {"result": {"code": 0}, "eventId": event_id, **answer}
        if remember:
            conn.execute(
                "INSERT INTO applied_events(tenant, event_id, result) VALUES (?, ?, ?)",
                (tenant, event_id, json.dumps(answer, separators=(",", ":"))),
            )
        return answer

    def _apply(self, conn: sqlite3.Connection, event: Event, batch: _Batch) -> dict[str, Any]:
        cid = event.card_instance_id
        if cid not in batch.cards:
            batch.cards[cid] = self._cards.load(conn, cid)
        row = batch.cards[cid]
        entry = None if row is None else self._catalog.entry(row.card.stamp_card_id)
        if row is None or entry is None:
            raise UnknownCardInstance(
                "This card is not known to the stamp service. Scan the card again or issue a "
                "new one."
            )
        card = batch.dirty[cid][0] if cid in batch.dirty else row.card
        policy = StampPolicy(
            min_stamp_interval=self._config.min_interval,
            reward_validity=self._config.reward_validity,
            accepted_stamp_values=entry.stamp_values,
        )
        outcome = apply_event(card, event, entry.card, policy, new_id)
        new_card = outcome.card
        master = self._catalog.master(card.stamp_card_id, event.stamp_value)
        stamp_id = master.stamp_id if master else None
        self._cards.add_event(conn, _logged(event, stamp_id))
        self._cards.insert_rewards(conn, outcome.earned)
        for n, earned in enumerate(outcome.earned, start=1):
            self._cards.add_event(conn, Event(
                card_instance_id=cid, event_type=EventType.REWARD,
                event_time=event.event_time + n * _MS, stamp_id=stamp_id,
                stamp_value=event.stamp_value, reward_instance_id=earned.reward_instance_id,
            ))
        if event.event_type in (EventType.REDEEM, EventType.REMOVE_REWARD):
            before = {r.reward_instance_id: r.status for r in card.rewards}
            for r in new_card.rewards:
                if before.get(r.reward_instance_id) not in (None, r.status):
                    self._cards.set_reward_status(conn, r.reward_instance_id, r.status)
        usage = batch.dirty[cid][1] if cid in batch.dirty else 0
        batch.dirty[cid] = (new_card, usage + 1)
        now = utc_now()
        return {
            "cardInstance": card_view(new_card, now),
            "rewards": [r.to_api() for r in outcome.earned],
        }

    def remove_card(self, card_instance_id: str) -> RuleViolation | None:
        """removeCard: the instance becomes DELETED; later events on it answer 33001."""
        with self._db.write() as conn:
            row = self._cards.load(conn, card_instance_id)
            if row is None:
                return UnknownCardInstance("This card is not known to the stamp service.")
            if row.card.status is InstanceStatus.DELETED:
                from pos.domain.errors import CardNotActive

                return CardNotActive("This card was already removed.")
            self._cards.save(conn, row.card.with_(status=InstanceStatus.DELETED,
                                                  update_time=utc_now()))
        return None


def _logged(event: Event, stamp_id: str | None) -> Event:
    return Event(
        card_instance_id=event.card_instance_id, event_type=event.event_type,
        event_time=event.event_time, stamp_value=event.stamp_value,
        reward_instance_id=event.reward_instance_id, event_id=event.event_id,
        stamp_id=stamp_id,
    )


def _failure(event_id: Any, code: int, key: str, description: str) -> dict[str, Any]:
    return {
        "result": {"code": code, "message": key, "description": description},
        "eventId": event_id,
    }
