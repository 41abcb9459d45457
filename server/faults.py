"""Fault injection for tests: the failures a terminal's sync must survive.

Off by default. Set from CLI flags or, mid-run, with ``POST /_control/faults`` (loopback only).
Each ``*_next`` counter makes that many upcoming API requests fail that way; each ``*_rate``
makes a random share of them fail. ``paths`` limits faults to endpoints whose path contains one
of the given strings (e.g. ``["reportMultiStampEvents"]``); empty means every API endpoint.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Faults:
    #: answer HTTP 500 before processing
    fail_500_next: int = 0
    fail_500_rate: float = 0.0
    #: process and commit fully, then close the connection without any answer
    drop_next: int = 0
    drop_rate: float = 0.0
    #: reportMultiStampEvents: process every event, answer only the first ``partial_keep`` share
    partial_next: int = 0
    partial_keep: float = 0.5
    #: process fully, then answer a truncated (malformed) JSON body
    malformed_next: int = 0
    #: seconds to wait before processing each request
    delay_seconds: float = 0.0
    paths: list[str] = field(default_factory=list)
    seed: int | None = None

    def to_api(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_api(cls, body: dict[str, Any]) -> Faults:
        """Build from a JSON object; raise ValueError naming the first bad field."""
        if not isinstance(body, dict):
            raise ValueError("expected a JSON object")
        known = {f.name: f for f in fields(cls)}
        out = cls()
        for key, value in body.items():
            if key not in known:
                raise ValueError(f"unknown fault {key!r}")
            default = getattr(out, key)
            if key == "paths":
                if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                    raise ValueError("paths must be a list of strings")
            elif key == "seed":
                if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                    raise ValueError("seed must be an integer")
            elif isinstance(default, float):
                if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                    raise ValueError(f"{key} must be a non-negative number")
                value = float(value)
            elif isinstance(default, int) and (
                not isinstance(value, int) or isinstance(value, bool) or value < 0
            ):
                raise ValueError(f"{key} must be a non-negative integer")
            setattr(out, key, value)
        return out


@dataclass(frozen=True)
class Decision:
    """What to do to one request."""

    delay: float = 0.0
    fail_500: bool = False
    drop: bool = False
    partial_keep: float | None = None
    malformed: bool = False


class FaultInjector:
    """Holds the current :class:`Faults` and decides, request by request, what to break."""

    def __init__(self, faults: Faults | None = None) -> None:
        self._lock = threading.Lock()
        self.set(faults or Faults())

    def set(self, faults: Faults) -> None:
        with self._lock:
            self._faults = faults
            self._random = random.Random(faults.seed)

    def get(self) -> Faults:
        with self._lock:
            return Faults(**asdict(self._faults))

    def decide(self, path: str, *, batch: bool) -> Decision:
        with self._lock:
            f = self._faults
            if f.paths and not any(p in path for p in f.paths):
                return Decision()
            delay = f.delay_seconds
            # At most one failure per request, the earliest in processing order.
            if self._take(f, "fail_500_next", f.fail_500_rate):
                return Decision(delay=delay, fail_500=True)
            if self._take(f, "drop_next", f.drop_rate):
                return Decision(delay=delay, drop=True)
            if self._take(f, "malformed_next", 0):
                return Decision(delay=delay, malformed=True)
            if batch and self._take(f, "partial_next", 0):
                return Decision(delay=delay, partial_keep=f.partial_keep)
            return Decision(delay=delay)

    def _take(self, f: Faults, counter: str, rate: float) -> bool:
        left = getattr(f, counter)
        if left > 0:
            setattr(f, counter, left - 1)
            return True
        return rate > 0 and self._random.random() < rate
