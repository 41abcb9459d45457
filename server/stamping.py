"""Applying reported events: one transaction per batch, the rules of :mod:`stamps.rules`,
and (unless turned off) one application per (api-key, eventId).

Each event's answer is the document's ``eventResults`` item: ``result`` (``code`` 0, or the
RuleViolation's ``code`` with its ``key`` as ``message`` and a sentence as ``description``),
``eventId`` and, on success, the ``cardInstance`` and the ``rewards`` this event earned. A
REWARD event is logged 1 ms after the STAMP that earned it (2 ms for a second reward earned by
the same stamp). Answers are returned as JSON bytes: encoded once, stored (compressed) for
resends and sent as they are.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import orjson

from server import errors
from server.cards import INSERT_EVENT, CardRow, Cards, event_row, insert_rewards
from server.catalog import Catalog
from server.config import ServerConfig
from server.database import Connection, Database
from server.metrics import Metrics
from server.views import card_view, reward_json
from stamps.errors import RuleViolation, UnknownCardInstance, ValidationError
from stamps.models import CardInstance, Event, EventType, RewardInstance
from stamps.rules import StampPolicy, apply_event
from stamps.wire import from_api

_MS = timedelta(milliseconds=1)
_encode = orjson.dumps


def tenant_of(api_key: str) -> str:
    """The idempotency namespace of an api-key; the key itself is never stored."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class _Batch:
    """What one transaction has read and will write."""

    tenant: str
    merchant_id: str | None  # None: the operator, whose batches reach every merchant's cards
    now: datetime
    cards: dict[str, CardRow]
    known: dict[str, bytes]  # eventId -> answer already given (earlier or in this batch)
    current: dict[str, CardInstance] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)
    events: list[tuple[object, ...]] = field(default_factory=list)
    rewards: list[RewardInstance] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)
    remembered: list[tuple[str, bytes]] = field(default_factory=list)  # eventId, answer
    codes: list[int] = field(default_factory=list)  # result of each event newly answered


class Stamping:
    def __init__(
        self, db: Database, catalog: Catalog, cards: Cards, config: ServerConfig,
        metrics: Metrics | None = None,
    ) -> None:
        self._db, self._catalog, self._cards, self._config = db, catalog, cards, config
        self._metrics = metrics or Metrics()
        self._policies: dict[str, StampPolicy] = {}  # per stamp card, rebuilt if it changes

    def report(
        self, api_key: str, raw_events: Sequence[Any], merchant_id: str | None = None
    ) -> list[bytes]:
        """Apply events in order in one transaction; one JSON answer per event, in order.
        With ``merchant_id``, a card of another merchant is unknown (33009)."""
        tenant = tenant_of(api_key)
        ids = [r["eventId"] for r in raw_events
               if isinstance(r, dict) and isinstance(r.get("eventId"), str)]
        card_ids = list({r["cardInstanceId"] for r in raw_events
                         if isinstance(r, dict) and isinstance(r.get("cardInstanceId"), str)})
        named = list({r["rewardInstanceId"] for r in raw_events
                      if isinstance(r, dict) and isinstance(r.get("rewardInstanceId"), str)})

        codes: list[int] = []

        def work(conn: Connection) -> list[bytes]:
            # Cards first: their row locks make a concurrent batch on them wait, so the
            # eventIds it remembered are committed before we look them up.
            cards = self._cards.load_many(conn, card_ids, named) if card_ids else {}
            known = self._remembered(conn, tenant, ids) if self._config.idempotency else {}
            batch = _Batch(tenant=tenant, known=known, now=self._config.clock.now(), cards=cards,
                           merchant_id=merchant_id)
            answers = [self._one(raw, batch) for raw in raw_events]
            self._flush(conn, batch)
            codes[:] = batch.codes  # the attempt that commits is the one counted
            return answers

        answers = self._db.run_write(work)
        self._metrics.events(codes)
        return answers

    def _remembered(
        self, conn: Connection, tenant: str, ids: list[str]
    ) -> dict[str, bytes]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        keys = conn.execute(
            f"SELECT event_id, batch, position FROM applied_events WHERE tenant = ? AND"
            f" event_id IN ({marks})", [tenant, *ids],
        ).fetchall()
        if not keys:
            return {}
        batches = {b for _, b, _ in keys}
        blobs = dict(conn.execute(
            f"SELECT seq, answers FROM applied_batches WHERE seq IN"
            f" ({','.join('?' * len(batches))})", list(batches),
        ).fetchall())
        stored = {seq: orjson.loads(zlib.decompress(blob)) for seq, blob in blobs.items()}
        return {event_id: _encode(stored[b][pos]) for event_id, b, pos in keys}

    def _flush(self, conn: Connection, batch: _Batch) -> None:
        if batch.events:
            conn.executemany(INSERT_EVENT, batch.events)
        if batch.rewards:
            insert_rewards(conn, batch.rewards)
        if batch.statuses:
            conn.executemany(
                "UPDATE reward_instances SET status=? WHERE reward_instance_id=?", batch.statuses)
        if batch.current:
            self._cards.save_many(
                conn, [(card, batch.usage[cid]) for cid, card in batch.current.items()])
        if batch.remembered:
            # One compressed blob per batch: far cheaper than one per event.
            blob = zlib.compress(b"[" + b",".join(a for _, a in batch.remembered) + b"]", 1)
            seq = conn.execute(
                "INSERT INTO applied_batches(answers) VALUES (?) RETURNING seq", (blob,)
            ).fetchone()[0]
            conn.executemany(
                "INSERT INTO applied_events(tenant, event_id, batch, position)"
                " VALUES (?, ?, ?, ?)",
                [(batch.tenant, key, seq, n) for n, (key, _) in enumerate(batch.remembered)],
            )

    def _one(self, raw: Any, batch: _Batch) -> bytes:
        event_id = raw.get("eventId") if isinstance(raw, dict) else None
        key = event_id if self._config.idempotency and isinstance(event_id, str) else None
        if key is not None and key in batch.known:
            return batch.known[key]
        try:
            if not isinstance(raw, dict):
                raise ValidationError({"event": "expected an object"})
            event = from_api(Event, raw)
        except ValidationError as exc:
            # Not remembered: a corrected resend of the same eventId must be applied.
            batch.codes.append(errors.BAD_REQUEST)
            return _encode(_failure(event_id, errors.BAD_REQUEST, "event.invalid", str(exc)))
        try:
            answer = {"result": {"code": 0}, "eventId": event_id,
                      **self._apply(event, batch)}
            batch.codes.append(0)
        except RuleViolation as violation:
            answer = _failure(event_id, violation.code, violation.key, str(violation))
            batch.codes.append(violation.code)
        except OverflowError:  # e.g. year 9999 plus the reward validity, on an open-ended card
            batch.codes.append(errors.BAD_REQUEST)
            return _encode(_failure(event_id, errors.BAD_REQUEST, "event.invalid",
                                    "eventTime is too far in the past or future."))
        text = _encode(answer)
        if key is not None:
            batch.known[key] = text
            batch.remembered.append((key, text))
        return text

    def _apply(self, event: Event, batch: _Batch) -> dict[str, Any]:
        if event.event_time - batch.now > self._config.max_future_skew:
            raise errors.EventInFuture(
                "This event is dated in the future; check the terminal's date and time.")
        cid = event.card_instance_id
        row = batch.cards.get(cid)
        entry = None if row is None else self._catalog.entry(row.card.stamp_card_id)
        merchant = entry.card.merchant if entry is not None else None
        foreign = batch.merchant_id is not None and (
            merchant is None or merchant.merchant_id != batch.merchant_id)
        if row is None or entry is None or foreign:
            raise UnknownCardInstance(
                "This card is not known to the stamp service. Scan the card again or issue a "
                "new one."
            )
        card = batch.current.get(cid, row.card)
        policy = self._policies.get(entry.card.stamp_card_id)
        if policy is None or policy.accepted_stamp_values is not entry.stamp_values:
            policy = self._policies[entry.card.stamp_card_id] = StampPolicy(
                min_stamp_interval=self._config.min_interval,
                reward_validity=self._config.reward_validity,
                accepted_stamp_values=entry.stamp_values,
            )
        outcome = apply_event(card, event, entry.card, policy, new_id)
        new_card = outcome.card
        master = self._catalog.master(card.stamp_card_id, event.stamp_value)
        stamp_id = master.stamp_id if master else None
        # Everything that can fail (timestamps out of range) happens before the batch changes.
        rows = [event_row(replace(event, stamp_id=stamp_id))]
        rows += [event_row(Event(
            card_instance_id=cid, event_type=EventType.REWARD,
            event_time=event.event_time + n * _MS, stamp_id=stamp_id,
            stamp_value=event.stamp_value, reward_instance_id=earned.reward_instance_id,
        )) for n, earned in enumerate(outcome.earned, start=1)]
        answer = {
            "cardInstance": card_view(new_card, batch.now),
            "rewards": [reward_json(r) for r in outcome.earned],
        }
        batch.events.extend(rows)
        batch.rewards.extend(outcome.earned)
        if event.event_type in (EventType.REDEEM, EventType.REMOVE_REWARD):
            before = {r.reward_instance_id: r.status for r in card.rewards}
            batch.statuses.extend(
                (r.status.value, r.reward_instance_id) for r in new_card.rewards
                if before.get(r.reward_instance_id) not in (None, r.status)
            )
        batch.current[cid] = new_card
        batch.usage[cid] = batch.usage.get(cid, 0) + 1
        return answer


def _failure(event_id: Any, code: int, key: str, description: str) -> dict[str, Any]:
    return {
        "result": {"code": code, "message": key, "description": description},
        "eventId": event_id,
    }
