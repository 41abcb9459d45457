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
from sync.errors import BusinessError
from sync.fintiv import FintivClient


@dataclass
class Reconciled:
    applied: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def match_key(event: Event) -> tuple[str, str, int, str | None]:
    # The history carries no eventId, so an event is known by what it says. Its time is cut
    # to the millisecond because that is all the wire format keeps, and an empty stampValue
    # counts as none: an event without one (a redemption) may come back null or "".
    moment = truncate_ms(event.event_time)
    return (event.card_instance_id, event.event_type.value,
            int(moment.timestamp() * 1000), event.stamp_value or None)


def reconcile(client: FintivClient, events: Sequence[OutboxEvent]) -> Reconciled:
    """Read each card's history once and sort ``events`` into applied and missing.

    Raises a :class:`~sync.errors.SyncError` if a history cannot be read; the caller keeps
    the events in flight and tries again later."""
    by_card: dict[str, list[OutboxEvent]] = defaultdict(list)
    for event in events:
        by_card[event.card_instance_id].append(event)
    out = Reconciled()
    for card_id, card_events in by_card.items():
        try:
            history = client.get_event_history(card_id)
        except BusinessError as exc:
            if exc.code != UnknownCardInstance.code:
                raise
            history = []  # the service does not know the card: nothing of it was applied
        seen = {match_key(h) for h in history}
        for event in card_events:
            target = out.applied if match_key(event.to_event()) in seen else out.missing
            target.append(event.event_id)
    return out
