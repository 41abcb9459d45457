"""Issue 12 #4: a held key's auto-repeat never stamps, and the screen shows what this visit
added ("+3 this visit"), so two quick presses are seen, not guessed."""

from __future__ import annotations

import pytest

from pos.ui.qt import QApplication, QEvent, QKeyEvent, Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _events(terminal, card: str) -> int:  # type: ignore[no-untyped-def]
    return len(terminal.ctx.store.outbox.for_card(card))


def _visit(counter) -> str:  # type: ignore[no-untyped-def]
    label = getattr(counter.window.customer, "visit", None)
    return label.text() if label is not None and label.isVisible() else ""


def _hold_f5(times: int) -> None:
    """What the keyboard sends while F5 is held down: repeated presses marked auto-repeat."""
    target = QApplication.focusWidget()
    for _ in range(times):
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_F5,
                                                     Qt.KeyboardModifier.NoModifier, "", True))


def _open(qtbot, counter, card: str, name: str) -> None:  # type: ignore[no-untyped-def]
    counter.counter.identify(card)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == name)


def test_auto_repeat_of_a_held_key_never_stamps(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_PASSPORT, "Dewi Anggraini")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    _hold_f5(5)
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)  # a second, real press
    qtbot.waitUntil(lambda: _events(terminal, demo.CARD_PASSPORT) >= 2)
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 4)
    assert _events(terminal, demo.CARD_PASSPORT) == 2


def test_the_visit_shows_what_it_added(qtbot, counter):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_NEAR_REWARD, "Siti Rahayu")  # Coffee Club 4/10
    assert _visit(counter) == ""
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: _visit(counter) == "+2 this visit")
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    dialog = counter.ctx.dialogs["count"]
    qtbot.waitUntil(dialog.field.hasFocus)
    qtbot.keyClicks(dialog.field, "3")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _visit(counter) == "+5 this visit")
    # the same customer scanned again is the same visit; the next customer starts afresh
    _open(qtbot, counter, demo.CARD_NEAR_REWARD, "Siti Rahayu")
    assert _visit(counter) == "+5 this visit"
    _open(qtbot, counter, demo.CARD_PASSPORT, "Dewi Anggraini")
    assert _visit(counter) == ""
