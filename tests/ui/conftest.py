"""UI tests: offscreen Qt, a real terminal database seeded with the demo customers, its clock
frozen at ``tests.ui.ui_clock.UI_NOW`` in the demo stores' zone (the demo's dates are relative
to it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos.app.wiring import terminal_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ledger import Ledger
from pos.app.demo import seed_terminal_cache
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.ui.counter_app import CounterApp, build_counter
from pos.ui.pin_store import PinStore
from stamps.clock import FrozenClock
from tests.ui.ui_clock import ui_clock

#: the manager PIN of the ``counter`` fixture's terminal
MANAGER_PIN = "9753"

# The offscreen platform has no window manager (size hints, raise, grabs): not our bugs.
OFFSCREEN_NOISE = "This plugin does not support"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def qtbot(qtbot):  # type: ignore[no-untyped-def]
    """pytest-qt's qtbot, waiting up to 15 s by default: the whole suite shares two cores, and
    a loaded machine must not turn a slow answer into a failure (no test measures speed)."""
    original = qtbot.waitUntil

    def wait_until(callback, *, timeout: int = 15_000):  # type: ignore[no-untyped-def]
        return original(callback, timeout=timeout)

    qtbot.waitUntil = wait_until
    return qtbot


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STAMP_POS_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def clock() -> FrozenClock:
    return ui_clock()


@pytest.fixture
def terminal(home: Path, clock: FrozenClock) -> Iterator[Terminal]:
    store = Ledger(config_module.database_path(), clock=clock)
    seed_terminal_cache(store)
    term = Terminal(store, terminal_settings(config_module.load()), clock=clock)
    yield term
    store.close()


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    from pos.ui.app import create_app

    return create_app(language="en")


@pytest.fixture
def counter(app, qtbot, terminal: Terminal, home: Path) -> Iterator[CounterApp]:  # type: ignore[no-untyped-def]
    pins = PinStore(home / "pin.json")
    pins.set_pin(MANAGER_PIN)  # chosen at the first start, before the counter opened
    built = build_counter(terminal, pins=pins, muted=True,
                          status_interval_ms=200, issue_poll_ms=100)
    qtbot.addWidget(built.window)
    built.window.show()
    yield built
    built.shutdown()
    for dialog in list(built.ctx.dialogs.values()):
        dialog.close()

