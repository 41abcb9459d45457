"""Issue 12 #10: a notice a manager can act on names the customer and the card program, and
one notice covers a group of refused events with their count."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger import Ledger
from pos.app.demo import seed_terminal_cache
from pos.app.launch import Running, prepare_demo, start_sync
from pos.app.wiring import terminal_settings
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.ui.counter_app import CounterApp, build_counter
from pos.ui.pin_store import PinStore
from pos.ui.qt import Qt
from server import demo_data as demo
from server.config import ServerConfig

pytestmark = pytest.mark.dates

WAIT = 20_000


@pytest.fixture
def strict(app, qtbot, home: Path) -> Iterator[tuple[CounterApp, Running]]:  # type: ignore[no-untyped-def]
    """The demo, with a service that refuses a second stamp within a minute (33003)."""
    running = Running()
    server, _base = prepare_demo(home, ServerConfig(port=0, demo_data=True,
                                                    min_stamp_interval=60))
    running.add(server.stop)
    store = Ledger(config_module.database_path())
    seed_terminal_cache(store)
    counter = build_counter(Terminal(store, terminal_settings(config_module.load())),
                            pins=PinStore(home / "pin.json"), muted=True, status_interval_ms=200)
    qtbot.addWidget(counter.window)
    counter.window.show()
    running.add(counter.shutdown)
    yield counter, running
    running.stop_all()
    for dialog in list(counter.ctx.dialogs.values()):
        dialog.close()
    store.close()


def test_refused_stamps_make_one_notice_naming_customer_and_card(qtbot, strict):  # type: ignore[no-untyped-def]
    counter, running = strict
    window = counter.window
    counter.counter.identify(demo.CARD_NEW)  # Marie, Bakery Tap 0 of 8
    qtbot.waitUntil(lambda: window.customer.view is not None
                    and window.customer.view.title == "Marie Dubois")
    for expected in (1, 2, 3):
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda n=expected: window.customer.selected_card.pending_events == n)
    assert start_sync(counter, config_module.load(), running) is not None
    qtbot.waitUntil(lambda: window.status.notices >= 1 and window.status.pending == 0,
                    timeout=WAIT)
    window.counter_actions["notices"].trigger()
    dialog = counter.ctx.dialogs["notices"]
    qtbot.waitUntil(lambda: dialog.list.count() >= 1)
    refused = [n for n in dialog.notices if n.kind == "rejected"]
    assert len(refused) == 1, [n.message for n in refused]
    text = refused[0].message
    assert "Marie Dubois" in text and "Bakery Tap" in text and "2 stamps" in text, text
