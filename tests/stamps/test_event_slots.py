"""A terminal's eventTimes stay in its slot of the millisecond, strictly increasing per card,
never before the clock, and as early as the slot allows."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from stamps.event_slots import SLOTS, epoch_ms, next_event_ms, next_event_time
from stamps.timestamps import format_timestamp, parse_timestamp

pytestmark = pytest.mark.dates

NOW = datetime(2026, 11, 22, 10, 0, 0, 7000, tzinfo=UTC)


def test_times_are_in_the_slot_increasing_and_as_early_as_possible() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        slot = rng.randrange(SLOTS)
        now_ms = 1_795_000_000_000 + rng.randrange(10_000)
        last = None if rng.random() < 0.2 else now_ms + rng.randrange(-50, 50)
        got = next_event_ms(now_ms, last, slot)
        floor = now_ms if last is None else max(now_ms, last + 1)
        assert got % SLOTS == slot
        assert floor <= got < floor + SLOTS


def test_two_slots_never_share_a_millisecond_on_one_card() -> None:
    """Three terminals stamping one card in the same millisecond, 200 times each."""
    seen: dict[int, int] = {}
    for slot in (0, 1, 2):
        last: int | None = None
        for _ in range(200):
            last = next_event_ms(epoch_ms(NOW), last, slot)
            assert seen.setdefault(last, slot) == slot
    assert len(seen) == 600


def test_the_datetime_keeps_the_clock_zone_and_survives_the_wire() -> None:
    paris = NOW.astimezone(timezone(timedelta(hours=1)))
    moment = next_event_time(paris, None, 4)
    assert moment.utcoffset() == timedelta(hours=1)
    assert epoch_ms(moment) % SLOTS == 4 and moment >= paris
    assert parse_timestamp(format_timestamp(moment)) == moment


def test_a_slot_outside_the_range_is_a_bug() -> None:
    with pytest.raises(ValueError, match="outside"):
        next_event_ms(0, None, SLOTS)
