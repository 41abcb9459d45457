"""The moment the offline counter's clock stands at in the UI tests: the demo's dates are laid
relative to it, so every screen shows the same days whenever the suite runs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from stamps.clock import FrozenClock

#: a Jakarta morning, as the demo stores are in Jakarta
UI_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def ui_clock() -> FrozenClock:
    return FrozenClock(UI_NOW, UI_NOW.tzinfo)
