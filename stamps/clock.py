"""The one place that reads the wall clock.

Business time (eventTime, expiry, "today", the undo and velocity windows, notices) comes from a
:class:`Clock` that the composition root builds and injects; tests and screenshots inject a
:class:`FrozenClock`. A check in the test suite (tests/stamps/test_clock_reads.py) fails when
``datetime.now``, ``date.today`` or ``time.time`` appear anywhere else. Durations, timeouts and
backoff do not use a Clock: they use ``time.monotonic``, which a changed system clock cannot move.

A Clock also notices when the wall clock jumps (someone sets the system time, NTP steps it):
the wall clock and a monotonic clock should advance together, and when they part by more than
:data:`JUMP_THRESHOLD` the jump is queued for :meth:`Clock.take_jump`, so the terminal can warn.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stamps.errors import DomainError
from stamps.timestamps import truncate_ms

#: a wall clock that moves this much more or less than the monotonic clock has jumped
JUMP_THRESHOLD = timedelta(seconds=90)
_SINCE_BOOT = getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC)


class UnknownTimeZone(DomainError, ValueError):
    """A time zone name the IANA database does not hold."""


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (e.g. ``Asia/Jakarta``); a cashier-readable error otherwise."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(
            f"{name!r} is not a time zone name; use one like Asia/Jakarta or Europe/Paris."
        ) from None


def system_zone() -> tzinfo:
    """The operating system's time zone as an IANA zone (so DST changes are followed), or UTC
    when the system names none."""
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:  # no zone configured, or one tzlocal cannot map: UTC is a safe default
        return UTC


class Clock(ABC):
    """Business time: aware UTC moments, the store's zone and the store's day."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone: tzinfo = zone if zone is not None else system_zone()
        self._lock = threading.Lock()
        self._anchor: tuple[datetime, float] | None = None
        self._jumps: list[timedelta] = []

    def __getstate__(self) -> dict[str, object]:
        """A clock travels to a service's worker processes without its lock and the jumps it
        has seen (each process watches its own clock)."""
        state = dict(self.__dict__)
        del state["_lock"]
        state["_anchor"], state["_jumps"] = None, []
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @abstractmethod
    def _wall(self) -> datetime:
        """The wall clock, aware UTC, full precision."""

    @abstractmethod
    def _monotonic(self) -> float:
        """Seconds on a clock that only moves forward at the rate of real time."""

    def now(self) -> datetime:
        """This moment, aware UTC, truncated to the millisecond the wire format carries."""
        return truncate_ms(self._read())

    def local_now(self) -> datetime:
        """This moment in the store's zone: what an eventTime carries, with its offset."""
        return self.local(self.now())

    def local(self, moment: datetime) -> datetime:
        """``moment`` shown in the store's zone (the same instant)."""
        return moment.astimezone(self.zone)

    def today(self) -> date:
        """The store's day: issue dates, the expiry a cashier is shown, reports per day."""
        return self.local_now().date()

    def epoch(self) -> float:
        """Seconds since 1970 for bookkeeping columns (updated_at, next_attempt_at, leases)."""
        return self._read().timestamp()

    def take_jump(self) -> timedelta | None:
        """The largest wall-clock jump seen since the last call (positive: forward), or None."""
        with self._lock:
            jumps, self._jumps = self._jumps, []
        return max(jumps, key=abs) if jumps else None

    def _read(self) -> datetime:
        wall, mono = self._wall(), self._monotonic()
        with self._lock:
            if self._anchor is not None:
                anchor_wall, anchor_mono = self._anchor
                drift = (wall - anchor_wall) - timedelta(seconds=mono - anchor_mono)
                if abs(drift) > JUMP_THRESHOLD:
                    self._jumps.append(drift)
                    self._anchor = (wall, mono)
            else:
                self._anchor = (wall, mono)
        return wall


class SystemClock(Clock):
    """The operating system's clock, seen from the store's zone (default: the system's)."""

    def _wall(self) -> datetime:
        return datetime.now(UTC)

    def _monotonic(self) -> float:
        # Linux's boot-time clock keeps counting while the machine sleeps, as the wall clock
        # does: a terminal suspended overnight has not had its clock changed.
        return time.clock_gettime(_SINCE_BOOT)


class FrozenClock(Clock):
    """A clock that moves only when told: tests, screenshots, demo renders.

    :meth:`advance` is time passing; :meth:`set` puts the clock elsewhere without a jump (a test
    positioning itself); :meth:`jump` moves the wall clock alone, as a changed system clock does.
    """

    def __init__(self, at: datetime, zone: tzinfo | None = None) -> None:
        super().__init__(UTC if zone is None else zone)
        self._at = _aware(at)
        self._mono = 0.0

    def _wall(self) -> datetime:
        return self._at

    def _monotonic(self) -> float:
        return self._mono

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Let ``delta`` (or ``timedelta(**parts)``) pass; returns the new now."""
        step = (delta or timedelta()) + timedelta(**parts)
        if step < timedelta(0):
            raise ValueError("Time passing cannot go backwards; use jump() for a clock change")
        with self._lock:
            self._at += step
            self._mono += step.total_seconds()
        return self.now()

    def set(self, at: datetime) -> None:
        """Stand at ``at`` from now on, as if the clock had always said so (no jump)."""
        with self._lock:
            self._at = _aware(at)
            self._anchor = None

    def jump(self, delta: timedelta) -> None:
        """Move the wall clock by ``delta`` while no time passes: a system clock being set."""
        with self._lock:
            self._at += delta


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("A clock needs an aware datetime, not a naive one")
    return at.astimezone(UTC)
