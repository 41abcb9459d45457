"""Event times that no other terminal of the merchant can write.

``getEventHistory`` returns events without their eventId, so a terminal recognises its own
events there only by card, eventType, eventTime to the millisecond and stampValue
(:meth:`stamps.models.Event.matches`). Each terminal of a merchant therefore owns one *slot*:
terminal ``k`` only writes eventTimes whose millisecond count since the epoch is ``k`` modulo
:data:`SLOTS`, and never two on one card in the same millisecond. An event in a card's history
with this terminal's key is then this terminal's event, whatever the others wrote in the same
second; a missing one was not applied.

The price: one terminal spaces its events of one card :data:`SLOTS` ms apart (50 stamps at once
span half a second), and a merchant has at most :data:`SLOTS` terminals. Two terminals given
one slot are back to the old risk: one's applied event can hide the other's lost one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: slots per merchant: terminal_slot is 0 .. SLOTS - 1
SLOTS = 10

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def epoch_ms(moment: datetime) -> int:
    """Whole milliseconds since the epoch, exactly (no float rounding)."""
    return (moment - _EPOCH) // _MS


def next_event_ms(now_ms: int, last_ms: int | None, slot: int, slots: int = SLOTS) -> int:
    """The earliest millisecond at or after ``now_ms``, later than ``last_ms`` (the card's
    latest event on this terminal), that lies in ``slot``."""
    if not 0 <= slot < slots:
        raise ValueError(f"slot {slot} is outside 0..{slots - 1}")
    floor = now_ms if last_ms is None else max(now_ms, last_ms + 1)
    return floor + (slot - floor) % slots


def next_event_time(
    now: datetime, last_ms: int | None, slot: int, slots: int = SLOTS
) -> datetime:
    """:func:`next_event_ms` as a datetime in ``now``'s timezone, to the millisecond."""
    ms = next_event_ms(epoch_ms(now), last_ms, slot, slots)
    return (_EPOCH + ms * _MS).astimezone(now.tzinfo)
