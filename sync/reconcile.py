"""Decide which events of an interrupted batch the service already applied.

The service does not promise to de-duplicate a resent eventId, and ``getEventHistory`` returns
events without their eventId, so an event is recognised by card instance, eventType,
eventTime to the millisecond and stampValue (:meth:`stamps.models.Event.matches`). The
terminal writes only in its own slot of the millisecond and never two events of one card at the
same millisecond (:mod:`stamps.event_slots`), so the match is exact even with other terminals
stamping the same card.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ledger.outbox import OutboxEvent
from stamps.errors import UnknownCardInstance
from stamps.models import Event
from stamps.timestamps import truncate_ms
from sync.errors import AuthError, BusinessError, SyncError, TransportError
from sync.fintiv import FintivClient


@dataclass
class Reconciled:
    """What the card histories said: ``applied`` and ``missing`` events are settled; the
    ``unread`` ones belong to cards whose history could not be read this time (``error`` is
    the first such failure), and stay in flight."""

    applied: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    error: SyncError | None = None

    @property
    def learned(self) -> bool:
        return bool(self.applied or self.missing)


def match_key(event: Event) -> tuple[str, str, int, str | None]:
    # The history carries no eventId, so an event is known by what it says. Its time is cut
    # to the millisecond because that is all the wire format keeps, and an empty stampValue
    # counts as none: an event without one (a redemption) may come back null or "".
    moment = truncate_ms(event.event_time)
    return (event.card_instance_id, event.event_type.value,
            int(moment.timestamp() * 1000), event.stamp_value or None)


def reconcile(client: FintivClient, events: Sequence[OutboxEvent]) -> Reconciled:
    """Read each card's history once and sort ``events`` into applied and missing, card by
    card: a card whose history cannot be read leaves its events ``unread`` and the others are
    still settled. Unreachable or refused credentials end the round (every later card would
    fail the same way)."""
    by_card: dict[str, list[OutboxEvent]] = defaultdict(list)
    for event in events:
        by_card[event.card_instance_id].append(event)
    out = Reconciled()
    for card_id, card_events in by_card.items():
        if isinstance(out.error, TransportError | AuthError):
            out.unread += [e.event_id for e in card_events]
            continue
        try:
            history = client.get_event_history(card_id)
        except BusinessError as exc:
            if exc.code != UnknownCardInstance.code:
                out.error = out.error or exc
                out.unread += [e.event_id for e in card_events]
                continue
            history = []  # the service does not know the card: nothing of it was applied
        except SyncError as exc:
            out.error = out.error or exc
            out.unread += [e.event_id for e in card_events]
            continue
        seen = {match_key(h) for h in history}
        for event in card_events:
            target = out.applied if match_key(event.to_event()) in seen else out.missing
            target.append(event.event_id)
    return out
