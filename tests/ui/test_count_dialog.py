"""Issue 12 #2: the "Add stamps" field shows the number Enter adds; out of range is refused."""

from __future__ import annotations

import pytest

from pos.ui.qt import QApplication, QLabel, Qt, QWidget
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _open_count_dialog(qtbot, counter) -> QWidget:  # type: ignore[no-untyped-def]
    """Find Dewi (Paper Passport 2/6) and press F7, as a cashier would."""
    counter.counter.identify(demo.CARD_PASSPORT)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Dewi Anggraini")
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    dialog = counter.ctx.dialogs["count"]
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def _type(qtbot, text: str) -> QWidget:  # type: ignore[no-untyped-def]
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, text)
    return field


def _error_text(dialog: QWidget) -> str:
    label = dialog.findChild(QLabel, "countError")
    return label.text() if label is not None else ""


def _stamps(counter) -> int:  # type: ignore[no-untyped-def]
    return int(counter.window.customer.selected_card.current)


def test_typing_replaces_and_enter_adds_what_is_shown(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = _open_count_dialog(qtbot, counter)
    field = _type(qtbot, "3")
    assert field.text() == "3"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stamps(counter) == 5)
    assert not dialog.isVisible()


def test_zero_is_refused_not_replaced_by_the_previous_value(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    dialog = _open_count_dialog(qtbot, counter)
    field = _type(qtbot, "0")
    assert field.text() == "0"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "between 1 and 50" in _error_text(dialog))
    assert dialog.isVisible()
    assert _stamps(counter) == 2
    assert terminal.ctx.store.outbox.for_card(demo.CARD_PASSPORT) == []


def test_too_many_is_shown_in_full_and_refused(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = _open_count_dialog(qtbot, counter)
    field = _type(qtbot, "99")
    assert field.text() == "99"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "between 1 and 50" in _error_text(dialog))
    assert dialog.isVisible() and _stamps(counter) == 2
    # correcting it clears the sentence and adds exactly what is shown
    field.selectAll()
    qtbot.keyClicks(field, "3")
    assert _error_text(dialog) == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stamps(counter) == 5)
