"""Issue 12 #1: after a while with nothing done (the ``idle_clear_seconds`` setting, 60 by
default), the customer is cleared from the screen for their privacy."""

from __future__ import annotations

import pytest

from server import demo_data as demo

pytestmark = pytest.mark.dates


def test_an_idle_customer_is_cleared(qtbot, counter):  # type: ignore[no-untyped-def]
    terminal = counter.ctx.terminal
    assert terminal.settings.idle_clear_seconds == 60.0
    terminal.ctx.settings = terminal.settings.updated({"idle_clear_seconds": 0.5})
    counter.counter.identify(demo.CARD_PASSPORT)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None)
    qtbot.waitUntil(lambda: counter.window.customer.view is None, timeout=5_000)
    assert counter.window.customer.currentIndex() == 0


def test_an_open_action_keeps_the_customer(qtbot, counter):  # type: ignore[no-untyped-def]
    terminal = counter.ctx.terminal
    terminal.ctx.settings = terminal.settings.updated({"idle_clear_seconds": 0.5})
    counter.counter.identify(demo.CARD_PASSPORT)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None)
    counter.window.counter_actions["add_n"].trigger()
    dialog = counter.ctx.dialogs["count"]
    counter.counter.identifying.idle_timer.timeout.emit()  # the idle time has passed
    assert counter.window.customer.view is not None  # the open action keeps its customer
    dialog.reject()
    qtbot.waitUntil(lambda: counter.window.customer.view is None, timeout=5_000)
