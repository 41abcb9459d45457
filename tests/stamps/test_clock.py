"""The clock: aware UTC moments to the millisecond, the store's day in its zone, and jumps of
the wall clock noticed against the monotonic one."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from stamps.clock import FrozenClock, SystemClock, UnknownTimeZone, zone_named

pytestmark = pytest.mark.dates

JAKARTA, ST_JOHNS = ZoneInfo("Asia/Jakarta"), ZoneInfo("America/St_Johns")


def test_now_is_aware_utc_truncated_to_the_millisecond() -> None:
    clock = FrozenClock(datetime(2026, 11, 22, 10, 0, 0, 123_456, tzinfo=JAKARTA), JAKARTA)
    now = clock.now()
    assert now.tzinfo is UTC and now == datetime(2026, 11, 22, 3, 0, 0, 123_000, tzinfo=UTC)
    assert clock.local_now().utcoffset() == timedelta(hours=7)
    assert clock.epoch() == pytest.approx(now.timestamp(), abs=0.001)
    with pytest.raises(ValueError, match="naive"):
        FrozenClock(datetime(2026, 11, 22, 10, 0))


@pytest.mark.parametrize(("zone", "utc", "day"), [
    (JAKARTA, datetime(2026, 11, 22, 16, 58, tzinfo=UTC), date(2026, 11, 22)),  # 23:58 +7
    (JAKARTA, datetime(2026, 11, 22, 17, 2, tzinfo=UTC), date(2026, 11, 23)),  # 00:02 +7
    (ST_JOHNS, datetime(2026, 11, 23, 3, 28, tzinfo=UTC), date(2026, 11, 22)),  # 23:58 −3:30
    (ST_JOHNS, datetime(2026, 11, 23, 3, 32, tzinfo=UTC), date(2026, 11, 23)),  # 00:02 −3:30
])
def test_today_is_the_stores_day(zone: tzinfo, utc: datetime, day: date) -> None:
    assert FrozenClock(utc, zone).today() == day


def test_passing_time_is_not_a_jump_but_a_changed_clock_is() -> None:
    clock = FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    clock.now()
    clock.advance(hours=5)
    clock.set(datetime(2031, 1, 1, tzinfo=UTC))
    clock.now()
    assert clock.take_jump() is None
    clock.jump(timedelta(hours=-1))
    assert clock.now() == datetime(2030, 12, 31, 23, 0, tzinfo=UTC)
    assert clock.take_jump() == timedelta(hours=-1)
    assert clock.take_jump() is None  # reported once
    clock.jump(timedelta(seconds=30))  # NTP-sized corrections are not jumps
    clock.now()
    assert clock.take_jump() is None
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(minutes=-1)


def test_the_system_clock_gives_aware_utc_in_the_zone_it_was_given() -> None:
    clock = SystemClock(JAKARTA)
    now = clock.now()
    assert now.tzinfo is UTC and now.microsecond % 1000 == 0
    assert clock.local(now).utcoffset() == timedelta(hours=7)
    assert SystemClock().zone is not None  # the system's zone, or UTC when it names none


def test_zone_names_are_checked_in_plain_words() -> None:
    assert zone_named("Pacific/Kiritimati").utcoffset(datetime(2028, 2, 29)) == timedelta(hours=14)
    for bad in ("Mars/Olympus", "../etc/passwd", "Asia/Jakarta "):
        with pytest.raises(UnknownTimeZone, match="not a time zone name"):
            zone_named(bad)


FAKED_DAY = os.environ.get("STAMP_TEST_FAKED_DAY")


@pytest.mark.skipif(FAKED_DAY is None, reason="only in make test-dates, under libfaketime")
def test_the_faked_clock_is_in_effect() -> None:
    """`make test-dates` really moved the clock (a faketime that silently did nothing would
    leave every other test green and prove nothing)."""
    assert FAKED_DAY is not None
    day = date.fromisoformat(FAKED_DAY)
    clock = SystemClock()  # the system's zone: TZ, when the pass sets one
    assert clock.today() in (day, day + timedelta(days=1))
    if os.environ.get("TZ"):
        assert clock.local_now().utcoffset() == zone_named(os.environ["TZ"]).utcoffset(
            clock.now().replace(tzinfo=None))


def test_a_clock_travels_to_worker_processes():
    """``stamp-pos server --workers N`` pickles its config, clock included, for each worker."""
    import pickle
    from datetime import UTC, datetime

    from stamps.clock import FrozenClock, SystemClock

    system = pickle.loads(pickle.dumps(SystemClock(UTC)))
    assert system.now().tzinfo is not None
    frozen = FrozenClock(datetime(2030, 1, 2, 3, 4, tzinfo=UTC), UTC)
    assert pickle.loads(pickle.dumps(frozen)).now() == frozen.now()
