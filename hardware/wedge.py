"""Telling a keyboard-wedge barcode scanner from a person typing.

A scanner "types" its payload in a burst (a few ms per key) and ends with Enter.  The UI feeds
every key press that carries text to :meth:`WedgeDetector.feed` from a Qt event filter and
swallows the key when ``consume`` is true.  Keys are held back while they could still be the
start of a burst; once it is clear a person is typing, they come back in ``replay`` for the UI
to deliver to the focused field, so a scan never lands in a text field and typing still works.
Call :meth:`flush` from a timer ``max_gap`` after the last key so held keys are not delayed.
A burst that is a link garbled by a layout mismatch (``hardware.wedge_layout``) gives no scan
but the mismatch, whose sentence says what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from hardware.scan import Scan, ScanSource
from hardware.wedge_layout import LayoutMismatch, layout_mismatch

ENTER_KEYS = ("\r", "\n")


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    """A burst is at least ``min_length`` characters, no gap longer than ``max_gap`` seconds
    and a mean gap no longer than ``max_mean_gap``, ended by one of ``terminators``."""

    min_length: int = 4
    max_gap: float = 0.05
    max_mean_gap: float = 0.03
    terminators: tuple[str, ...] = ENTER_KEYS


@dataclass(frozen=True, slots=True)
class WedgeResult:
    """What the UI does with one key: swallow it or not, replay held text, take a scan."""

    consume: bool
    replay: str = ""
    scan: Scan | None = None
    mismatch: LayoutMismatch | None = None  # a burst that is a link typed through a wrong layout


@dataclass
class WedgeDetector:
    settings: WedgeSettings = field(default_factory=WedgeSettings)
    _keys: list[str] = field(default_factory=list)
    _times: list[float] = field(default_factory=list)

    def feed(self, text: str, now: float) -> WedgeResult:
        """One key press carrying ``text`` (``"\\r"`` for Enter) at monotonic time ``now``."""
        replay = self._stale(now)
        if text in self.settings.terminators:
            if self._is_burst(now):
                payload = "".join(self._keys)
                scan = Scan(ScanSource.KEYBOARD, payload, time=self._times[0])
                self._clear()
                mismatch = layout_mismatch(payload)
                if mismatch is not None:
                    return WedgeResult(consume=True, replay=replay, mismatch=mismatch)
                return WedgeResult(consume=True, replay=replay, scan=scan)
            replay += self._take()
            return WedgeResult(consume=False, replay=replay)  # the UI types replay, then Enter
        if not text:
            return WedgeResult(consume=False, replay=replay)
        self._keys.append(text)
        self._times.append(now)
        return WedgeResult(consume=True, replay=replay)

    def flush(self, now: float) -> str:
        """Held keys that can no longer be a burst at ``now``; the UI types them."""
        return self._stale(now)

    @property
    def holding(self) -> bool:
        return bool(self._keys)

    def _stale(self, now: float) -> str:
        if self._keys and now - self._times[-1] > self.settings.max_gap:
            return self._take()
        return ""

    def _is_burst(self, now: float) -> bool:
        s = self.settings
        if len(self._keys) < s.min_length:
            return False
        times = [*self._times, now]
        gaps = [b - a for a, b in pairwise(times)]
        return max(gaps) <= s.max_gap and sum(gaps) / len(gaps) <= s.max_mean_gap

    def _take(self) -> str:
        text = "".join(self._keys)
        self._clear()
        return text

    def _clear(self) -> None:
        self._keys.clear()
        self._times.clear()
