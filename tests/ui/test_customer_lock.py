"""Issue 12 #1: an action is bound to the customer on screen when it opens. A scan or tap while
it is open never changes its target; it waits ("Next: Dewi Anggraini (waiting)") and is shown
once the action ends."""

from __future__ import annotations

import pytest

from hardware.scan import Scan, ScanSource
from pos.ui.qt import QApplication, Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _shown(counter) -> str:  # type: ignore[no-untyped-def]
    view = counter.window.customer.view
    return view.title if view is not None else ""


def _waiting(counter) -> str:  # type: ignore[no-untyped-def]
    label = getattr(counter.window.customer, "waiting", None)
    return label.text() if label is not None else ""


def _recorded(terminal, *cards: str) -> int:  # type: ignore[no-untyped-def]
    return sum(len(terminal.ctx.store.outbox.for_card(c)) for c in cards)


def _open_tom(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_PASSPORT_NEAR)  # Tom, Paper Passport 5/6
    qtbot.waitUntil(lambda: _shown(counter) == "Tom Becker")


def test_scan_while_adding_stamps_waits_and_enter_stamps_the_first_customer(
        qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    _open_tom(qtbot, counter)
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    dialog = counter.ctx.dialogs["count"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    counter.scanner.on_scan(Scan(ScanSource.CAMERA, demo.CARD_PASSPORT))  # Dewi's card
    qtbot.waitUntil(lambda: _waiting(counter) != "" or _shown(counter) == "Dewi Anggraini")
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _recorded(terminal, demo.CARD_PASSPORT, demo.CARD_PASSPORT_NEAR))
    outbox = terminal.ctx.store.outbox
    assert outbox.for_card(demo.CARD_PASSPORT) == []  # not on Dewi's card
    assert len(outbox.for_card(demo.CARD_PASSPORT_NEAR)) == 1
    # Dewi waited, and is shown once the action ended
    qtbot.waitUntil(lambda: _shown(counter) == "Dewi Anggraini")
    assert _waiting(counter) == "" and not counter.window.customer.waiting.isVisible()
    assert counter.window.customer.selected_card.current == 2


def test_the_waiting_customer_is_named(qtbot, counter):  # type: ignore[no-untyped-def]
    _open_tom(qtbot, counter)
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    counter.scanner.on_scan(Scan(ScanSource.CAMERA, demo.CARD_PASSPORT))
    qtbot.waitUntil(lambda: _waiting(counter) == "Next: Dewi Anggraini (waiting)")
    assert _shown(counter) == "Tom Becker"
    assert counter.window.customer.waiting.isVisible()


def test_scan_while_confirming_a_redeem_does_not_move_the_reward(
        qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_WITH_REWARD)
    qtbot.waitUntil(lambda: _shown(counter) == "Budi Santoso")
    qtbot.keyClick(counter.window, Qt.Key.Key_F6)
    box = counter.ctx.dialogs["redeem"]
    counter.scanner.on_scan(Scan(ScanSource.NFC, demo.CARD_NEAR_REWARD))  # Siti taps
    qtbot.waitUntil(lambda: _waiting(counter) != "" or _shown(counter) == "Siti Rahayu")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _shown(counter) == "Siti Rahayu")
    events = terminal.ctx.store.outbox.for_card(demo.CARD_WITH_REWARD)
    assert [e.event_type.value for e in events] == ["REDEEM"]
    assert terminal.ctx.store.outbox.for_card(demo.CARD_NEAR_REWARD) == []


def test_a_scan_with_no_action_open_replaces_the_customer(qtbot, counter):  # type: ignore[no-untyped-def]
    _open_tom(qtbot, counter)
    counter.scanner.on_scan(Scan(ScanSource.CAMERA, demo.CARD_PASSPORT))
    qtbot.waitUntil(lambda: _shown(counter) == "Dewi Anggraini")
    assert _waiting(counter) == ""
