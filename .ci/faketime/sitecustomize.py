"""Loaded only by ``make test-dates`` (through PYTHONPATH), in every Python process it starts.

Debian 12's libfaketime (0.9.10) mishandles ``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)``,
which Python 3.11's ``time.sleep`` uses: with the monotonic clock left real it fails with
EINVAL, with it faked it never returns. ``time.sleep`` (and ``subprocess``'s waits, built on
it) therefore sleep with ``select()``, whose relative timeout libfaketime leaves alone. Nothing
else changes: the wall clock stays faked, the monotonic one real.
"""

from __future__ import annotations

import select
import time


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


time.sleep = _sleep
