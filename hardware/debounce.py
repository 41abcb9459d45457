"""Turning per-frame sightings into scans: a code must repeat before it counts, then rests.

Plain logic over injected timestamps, so it is tested without a camera or a clock.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class DebounceSettings:
    """``min_frames`` sightings within ``window`` seconds make a scan; the same payload is then
    ignored for ``hold`` seconds, counted from the last frame it was seen in, so a card left in
    view for a while is still one scan."""

    min_frames: int = 2
    window: float = 0.3
    hold: float = 3.0

    def __post_init__(self) -> None:
        if self.min_frames < 1 or self.window < 0 or self.hold < 0:
            raise ValueError("min_frames must be at least 1; window and hold not negative")


@dataclass
class Debouncer:
    settings: DebounceSettings = field(default_factory=DebounceSettings)
    _sightings: dict[str | bytes, deque[float]] = field(default_factory=dict)
    _held_until: dict[str | bytes, float] = field(default_factory=dict)

    def feed(self, payloads: Iterable[str | bytes], now: float) -> list[str | bytes]:
        """Record the payloads decoded from one frame taken at ``now``; return the new scans."""
        accepted: list[str | bytes] = []
        s = self.settings
        for payload in dict.fromkeys(payloads):  # a code twice in one frame is one sighting
            held = self._held_until.get(payload)
            if held is not None and now < held:
                # Still in view since it counted: a card left under the camera is one scan,
                # so the hold runs from the last frame that shows it, not from the first.
                self._held_until[payload] = now + s.hold
                continue
            # A misread (a blurred frame decoding as another code) seldom repeats, while a
            # card held up stays in view for several frames: only repeats within the window
            # count.
            times = self._sightings.setdefault(payload, deque())
            times.append(now)
            while times and times[0] < now - s.window:
                times.popleft()
            if len(times) >= s.min_frames:
                accepted.append(payload)
                del self._sightings[payload]
                self._held_until[payload] = now + s.hold
        self._forget_before(now)
        return accepted

    def reset(self) -> None:
        self._sightings.clear()
        self._held_until.clear()

    def _forget_before(self, now: float) -> None:
        for payload in [p for p, until in self._held_until.items() if until <= now]:
            del self._held_until[payload]
        window = self.settings.window
        for payload in [p for p, t in self._sightings.items() if not t or t[-1] < now - window]:
            del self._sightings[payload]
