"""Issue 12 #6: the window fits the screens a counter has. It is resizable with no fixed size,
the status bar stays on screen at 1024×768, 1280×800, 1366×768 and 1920×1080 (less the title
bar and a task bar), and the window comes back with its size and maximized state."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.services.terminal import Terminal
from pos.ui.counter_app import build_counter
from pos.ui.pin_store import PinStore
from pos.ui.qt import QScrollArea

pytestmark = pytest.mark.dates

SCREENS = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]
#: what the title bar and a task bar take from a screen's height
DECORATION = 70


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_status_bar_is_on_screen(qtbot, counter, screen: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    width, height = screen[0], screen[1] - DECORATION
    window = counter.window
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    status = window.status
    assert status.isVisible()
    bottom = status.mapTo(window, status.rect().bottomLeft()).y()
    assert bottom <= window.height()
    # the action column ends above the status bar (it scrolls when the screen is short)
    column = window.findChild(QScrollArea, "actionScroll")
    corner = column.mapTo(window, column.rect().bottomRight())
    assert corner.y() <= status.mapTo(window, status.rect().topLeft()).y()
    assert corner.x() <= window.width()


def test_size_and_maximized_state_are_remembered(qtbot, counter, terminal: Terminal,  # type: ignore[no-untyped-def]
                                                 home: Path) -> None:
    counter.window.resize(1111, 655)
    qtbot.waitUntil(lambda: counter.window.width() == 1111)
    counter.window.close()
    again = build_counter(terminal, pins=PinStore(home / "pin.json"), muted=True)
    qtbot.addWidget(again.window)
    try:
        again.window.show()
        assert (again.window.width(), again.window.height()) == (1111, 655)
        again.window.showMaximized()
        qtbot.waitUntil(again.window.isMaximized)
        again.window.close()
    finally:
        again.shutdown()
    third = build_counter(terminal, pins=PinStore(home / "pin.json"), muted=True)
    qtbot.addWidget(third.window)
    try:
        third.window.show()
        qtbot.waitUntil(third.window.isMaximized)
    finally:
        third.shutdown()
