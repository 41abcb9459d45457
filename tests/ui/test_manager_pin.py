"""Issue 12 #8: the manager PIN is chosen when Stamp POS first starts, before the counter opens.
No path lets whoever presses F12 first become the manager."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.services.terminal import Terminal
from pos.ui.counter_app import build_counter
from pos.ui.pin_dialog import ask_first_pin
from pos.ui.pin_store import PinStore
from pos.ui.qt import QApplication, Qt, QTimer

pytestmark = pytest.mark.dates


def test_f12_without_a_pin_never_lets_a_cashier_choose_one(qtbot, app, terminal: Terminal,  # type: ignore[no-untyped-def]
                                                            home: Path) -> None:
    pins = PinStore(home / "unset-pin.json")
    counter = build_counter(terminal, pins=pins, muted=True)
    qtbot.addWidget(counter.window)
    counter.window.show()
    try:
        qtbot.waitUntil(counter.window.isActiveWindow)
        qtbot.keyClick(counter.window, Qt.Key.Key_F12)
        dialog = counter.ctx.dialogs["pin"]
        qtbot.keyClicks(dialog.pin, "1234")
        if dialog.confirm.isVisible():
            qtbot.keyClicks(dialog.confirm, "1234")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert not pins.is_set
        assert "settings" not in counter.ctx.dialogs
        assert "No manager PIN is set" in dialog.error.text()
    finally:
        counter.shutdown()
        for d in list(counter.ctx.dialogs.values()):
            d.close()


def test_the_first_start_asks_for_the_pin_twice(qtbot, app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pins = PinStore(tmp_path / "pin.json")

    def type_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "pinDialog"
        qtbot.keyClicks(dialog.pin, "4821")
        qtbot.keyClicks(dialog.confirm, "4821")
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_it)
    assert ask_first_pin(pins)
    assert pins.is_set
    pins.check("4821")
