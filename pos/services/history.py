"""A card's history as the cashier sees it: the server's getEventHistory merged with this
terminal's events that the server does not show yet, newest first, each with its state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ledger.outbox import OutboxEvent
from pos.services.context import Context
from stamps.models import Event, EventType


@dataclass(frozen=True, slots=True)
class HistoryRow:
    event_type: EventType
    event_time: datetime
    state: str  # confirmed (from the server) | pending | in_flight | synced | rejected | held
    detail: str | None = None


def local_history(ctx: Context, card_instance_id: str) -> list[OutboxEvent]:
    return ctx.store.outbox.for_card(card_instance_id)


def merge_history(server: Sequence[Event], local: Sequence[OutboxEvent]) -> list[HistoryRow]:
    rows = [HistoryRow(e.event_type, e.event_time, "confirmed") for e in server]
    for ev in local:
        mine = ev.to_event()
        if ev.state == "synced" and any(mine.matches(s) for s in server):
            continue
        detail = ev.result_message if ev.state in ("rejected", "held") else None
        rows.append(HistoryRow(mine.event_type, mine.event_time, ev.state, detail))
    rows.sort(key=lambda r: r.event_time, reverse=True)
    return rows
