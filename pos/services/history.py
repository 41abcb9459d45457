"""A card's history as the cashier sees it: the server's getEventHistory merged with this
terminal's events that the server does not show yet, newest first, each with its state; and
how many of those events still wait to be sent, for each card on screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from ledger.outbox import OutboxEvent
from pos.services.context import Context
from pos.services.identify import Customer
from stamps.models import Event, EventType


@dataclass(frozen=True, slots=True)
class HistoryRow:
    event_type: EventType
    event_time: datetime
    state: str  # confirmed (from the server) | pending | in_flight | synced | rejected | held
    detail: str | None = None


def local_history(ctx: Context, card_instance_id: str) -> list[OutboxEvent]:
    return ctx.store.outbox.for_card(card_instance_id)


#: Outbox states of an event recorded here that has not reached the server yet.
WAITING_STATES = ("pending", "in_flight")


def waiting_by_card(ctx: Context, customer: Customer) -> dict[str, int]:
    """For each card of ``customer`` (and the selected one), how many of its events recorded
    here still wait to be sent: the number a card tile shows as waiting."""
    ids = {c.card.card_instance_id for c in customer.cards}
    if customer.selected_card_id:
        ids.add(customer.selected_card_id)
    return {
        card_id: sum(1 for e in local_history(ctx, card_id) if e.state in WAITING_STATES)
        for card_id in ids
    }


def merge_history(
    server: Sequence[Event], local: Sequence[OutboxEvent], zone: tzinfo = UTC
) -> list[HistoryRow]:
    """Rows newest first, their times in ``zone`` (the store's, for the cashier)."""
    rows = [HistoryRow(e.event_type, e.event_time.astimezone(zone), "confirmed")
            for e in server]
    for ev in local:
        mine = ev.to_event()
        if ev.state == "synced" and any(mine.matches(s) for s in server):
            continue
        detail = ev.result_message if ev.state in ("rejected", "held") else None
        rows.append(HistoryRow(mine.event_type, mine.event_time.astimezone(zone), ev.state,
                               detail))
    rows.sort(key=lambda r: r.event_time, reverse=True)
    return rows
