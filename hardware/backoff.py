"""Exponential back-off between reconnection attempts to a device."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays of ``initial``, ``initial*factor``, ... capped at ``maximum`` seconds."""

    initial: float = 0.5
    factor: float = 2.0
    maximum: float = 10.0
    _next: float = field(default=0.0, init=False)

    def next_delay(self) -> float:
        delay = self._next or self.initial
        self._next = min(delay * self.factor, self.maximum)
        return delay

    def reset(self) -> None:
        self._next = 0.0
