"""Issue 12 #3: Ctrl+Z means "undo my last action on this customer", from any focus. It reverses
a whole multi-stamp add and a stamp that earned a reward (REMOVE_REWARD, then REMOVE_STAMP),
asks for the manager PIN once that reward is redeemed, and says what it reversed."""

from __future__ import annotations

import pytest

from pos.ui.qt import QMessageBox, Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _open(qtbot, counter, card: str, name: str) -> None:  # type: ignore[no-untyped-def]
    counter.counter.identify(card)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == name)


def _current(counter) -> int:  # type: ignore[no-untyped-def]
    return int(counter.window.customer.selected_card.current)


def _types(terminal, card: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.event_type.value for e in terminal.ctx.store.outbox.for_card(card)]


def _ctrl_z(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_z_in_the_search_box_undoes_the_stamp_not_the_text(qtbot, counter):  # type: ignore[no-untyped-def]
    search = counter.window.search
    search.box.setFocus()
    qtbot.keyClicks(search.box, "Dewi")
    qtbot.waitUntil(lambda: len(search.suggestions) == 1)
    search.choose(0)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Dewi Anggraini")
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: _current(counter) == 3)
    search.box.setFocus()
    qtbot.waitUntil(search.box.hasFocus)
    text_before = search.box.text()
    _ctrl_z(qtbot, search.box)
    qtbot.waitUntil(lambda: _current(counter) == 2)
    assert search.box.text() == text_before
    assert "1 stamp removed" in counter.window.banner.text


def test_undo_reverses_a_whole_multi_stamp_add(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_PASSPORT, "Dewi Anggraini")  # 2 of 6
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    dialog = counter.ctx.dialogs["count"]
    qtbot.waitUntil(dialog.field.hasFocus)
    qtbot.keyClicks(dialog.field, "3")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _current(counter) == 5)
    counter.window.activateWindow()  # what the window manager does; offscreen has none
    qtbot.waitUntil(counter.window.isActiveWindow)
    _ctrl_z(qtbot, counter.window)
    qtbot.waitUntil(lambda: _current(counter) == 2)
    assert "3 stamps removed" in counter.window.banner.text
    assert _types(terminal, demo.CARD_PASSPORT) == ["STAMP"] * 3 + ["REMOVE_STAMP"] * 3


def test_undo_takes_back_the_reward_a_completing_stamp_earned(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_PASSPORT_NEAR, "Tom Becker")  # 5 of 6
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: counter.window.banner.level == "reward")
    qtbot.waitUntil(lambda: bool(counter.window.customer.selected_card.rewards))
    _ctrl_z(qtbot, counter.window)
    qtbot.waitUntil(lambda: _current(counter) == 5)
    assert not counter.window.customer.selected_card.rewards
    assert "Free Latte" in counter.window.banner.text
    assert _types(terminal, demo.CARD_PASSPORT_NEAR) == ["STAMP", "REMOVE_REWARD", "REMOVE_STAMP"]


def test_undo_after_the_reward_was_redeemed_needs_the_manager(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_PASSPORT_NEAR, "Tom Becker")
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bool(counter.window.customer.selected_card.rewards))
    qtbot.keyClick(counter.window, Qt.Key.Key_F6)
    box = counter.ctx.dialogs["redeem"]
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: _types(terminal, demo.CARD_PASSPORT_NEAR) == ["STAMP", "REDEEM"])
    qtbot.waitUntil(lambda: "redeem" not in counter.ctx.dialogs)
    counter.window.activateWindow()  # what the window manager does; offscreen has none
    qtbot.waitUntil(counter.window.isActiveWindow)
    _ctrl_z(qtbot, counter.window)
    qtbot.waitUntil(lambda: "pin" in counter.ctx.dialogs)
    pin = counter.ctx.dialogs["pin"]
    assert "redeemed" in pin.reason.text()
    assert _types(terminal, demo.CARD_PASSPORT_NEAR) == ["STAMP", "REDEEM"]
    qtbot.keyClicks(pin.pin, "9753")
    qtbot.keyClick(pin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _types(terminal, demo.CARD_PASSPORT_NEAR)
                    == ["STAMP", "REDEEM", "REMOVE_REWARD", "REMOVE_STAMP"])
    qtbot.waitUntil(lambda: _current(counter) == 5)
