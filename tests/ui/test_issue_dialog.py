"""Issue 12 #5: issuing a card works outside the demo. Enter issues or says why not; a catalog
without the card's vvd.bz index is refreshed from the service instead of a dead end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger import Ledger
from pos.app.launch import Running, prepare_demo, start_sync
from pos.app.wiring import terminal_settings
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.ui.counter_app import CounterApp, build_counter
from pos.ui.pin_store import PinStore
from pos.ui.qt import QApplication, Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates

WAIT = 20_000


def _press_enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def _open_issue(qtbot, counter):  # type: ignore[no-untyped-def]
    qtbot.keyClick(counter.window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "issue" in counter.ctx.dialogs
                    and counter.ctx.dialogs["issue"].isVisible())
    dialog = counter.ctx.dialogs["issue"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def test_enter_issues_the_chosen_card(qtbot, counter):  # type: ignore[no-untyped-def]
    """Offline with the demo catalog: Enter queues the card, it does not close the dialog."""
    counter.counter.identify(demo.CARD_NEW)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Marie Dubois")
    dialog = _open_issue(qtbot, counter)
    _press_enter(qtbot)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.isVisible() and "queued" in dialog.result_title.text()


@pytest.fixture
def empty_counter(app, qtbot, home: Path) -> Iterator[CounterApp]:  # type: ignore[no-untyped-def]
    """A fresh `stamp-pos run` before its first sync, with no sync engine (no credentials)."""
    store = Ledger(config_module.database_path())
    counter = build_counter(Terminal(store, terminal_settings(config_module.load())),
                            pins=PinStore(home / "pin.json"), muted=True, issue_poll_ms=100)
    qtbot.addWidget(counter.window)
    counter.window.show()
    qtbot.waitUntil(counter.window.isActiveWindow)
    yield counter
    counter.shutdown()
    for dialog in list(counter.ctx.dialogs.values()):
        dialog.close()
    store.close()


def test_enter_with_nothing_to_issue_says_why(qtbot, empty_counter):  # type: ignore[no-untyped-def]
    dialog = _open_issue(qtbot, empty_counter)
    assert dialog.refresh_button.isVisible()
    assert "not connected to the stamp service" in dialog.error.text()
    _press_enter(qtbot)
    assert dialog.isVisible()
    assert "no stamp card to issue" in dialog.error.text().lower()


@pytest.fixture
def fresh_run(app, qtbot, home: Path) -> Iterator[tuple[CounterApp, Running]]:  # type: ignore[no-untyped-def]
    """`stamp-pos run` on a new terminal: the service has the cards, this terminal nothing yet."""
    running = Running()
    server, _base = prepare_demo(home)
    running.add(server.stop)
    store = Ledger(config_module.database_path())
    counter = build_counter(Terminal(store, terminal_settings(config_module.load())),
                            pins=PinStore(home / "pin.json"), muted=True,
                            status_interval_ms=200, issue_poll_ms=100)
    qtbot.addWidget(counter.window)
    counter.window.show()
    qtbot.waitUntil(counter.window.isActiveWindow)
    running.add(counter.shutdown)
    yield counter, running
    running.stop_all()
    for dialog in list(counter.ctx.dialogs.values()):
        dialog.close()
    store.close()


def test_a_fresh_terminal_issues_from_the_services_catalog(qtbot, fresh_run):  # type: ignore[no-untyped-def]
    counter, running = fresh_run
    assert start_sync(counter, config_module.load(), running) is not None
    dialog = _open_issue(qtbot, counter)
    qtbot.waitUntil(lambda: dialog.card.findText("Coffee Club") >= 0, timeout=WAIT)
    dialog.card.setCurrentIndex(dialog.card.findText("Coffee Club"))
    dialog.card.setFocus()
    _press_enter(qtbot)
    qtbot.waitUntil(lambda: dialog.url is not None, timeout=WAIT)
    assert dialog.url.startswith("https://vvd.bz/")
    assert dialog.error.text() == ""


def test_refresh_button_fetches_the_catalog(qtbot, fresh_run):  # type: ignore[no-untyped-def]
    counter, running = fresh_run
    dialog = _open_issue(qtbot, counter)  # offline and empty: nothing to choose yet
    assert dialog.card.count() == 0
    assert start_sync(counter, config_module.load(), running) is not None
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.card.count() == len(demo.DEMO_STAMP_CARDS), timeout=WAIT)
