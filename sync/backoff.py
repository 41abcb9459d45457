"""Exponential backoff with jitter and a cap, for retrying a service that is failing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delay after the n-th consecutive failure: ``initial * factor**(n-1)``, capped at
    ``maximum``, then scaled by a random factor in [1 - jitter, 1] so that many terminals
    coming back together do not retry in step."""

    initial: float = 0.5
    factor: float = 2.0
    maximum: float = 30.0
    jitter: float = 0.5
    rng: random.Random = field(default_factory=random.Random, repr=False)
    failures: int = field(default=0, init=False)

    def delay_for(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        base = min(self.maximum, self.initial * self.factor ** min(failures - 1, 64))
        return base * (1.0 - self.jitter * self.rng.random())

    def fail(self) -> float:
        """Count one more failure and return how long to wait before the next try."""
        self.failures += 1
        return self.delay_for(self.failures)

    def reset(self) -> None:
        self.failures = 0
