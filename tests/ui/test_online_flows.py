"""Flows through the real reference service and sync engine: offline work sent once online,
a 33003 refusal shown as a notice, a card issued offline whose QR appears once synced, a
registration refused by the service shown beside its field, and the merged card history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
def online(app, qtbot, home: Path) -> Iterator[tuple[CounterApp, Running]]:  # type: ignore[no-untyped-def]
    running = Running()
    server, _base = prepare_demo(home, ServerConfig(port=0, demo_data=True,
                                                    min_stamp_interval=60))
    running.add(server.stop)
    store = Ledger(config_module.database_path())
    seed_terminal_cache(store)
    terminal = Terminal(store, terminal_settings(config_module.load()))
    counter = build_counter(terminal, pins=PinStore(home / "pin.json"), muted=True,
                            status_interval_ms=200, issue_poll_ms=100)
    qtbot.addWidget(counter.window)
    counter.window.show()
    running.add(counter.shutdown)
    yield counter, running
    running.stop_all()
    for dialog in list(counter.ctx.dialogs.values()):
        dialog.close()
    store.close()


def _go_online(counter: CounterApp, running: Running) -> Any:
    engine = start_sync(counter, config_module.load(), running)
    assert engine is not None
    return engine


def _open(qtbot, counter: CounterApp, payload: str, name: str) -> None:  # type: ignore[no-untyped-def]
    counter.counter.identify(payload)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == name)


def test_offline_stamps_sent_online_and_33003_refusal_is_a_notice(qtbot, online) -> None:  # type: ignore[no-untyped-def]
    counter, running = online
    window = counter.window
    _open(qtbot, counter, demo.CARD_BAKERY_NEAR, "Ayu Lestari")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.banner.level == "reward")  # 8 of 8: a croissant
    qtbot.waitUntil(lambda: window.customer.selected_card.pending_events == 1)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.customer.selected_card.pending_events == 2)
    qtbot.waitUntil(lambda: window.status.pending == 2)
    assert not window.customer.view.confirmed

    _go_online(counter, running)
    # the second stamp came within the service's minimum interval: refused with 33003
    qtbot.waitUntil(lambda: window.status.notices >= 1 and window.status.pending == 0,
                    timeout=WAIT)
    assert window.status.online is True
    window.counter_actions["notices"].trigger()
    dialog = counter.ctx.dialogs["notices"]
    qtbot.waitUntil(lambda: dialog.list.count() >= 1)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("Refused by the server" in t for t in texts), texts

    rejected = next(i for i, n in enumerate(dialog.notices) if n.kind == "rejected")
    dialog.list.setCurrentRow(rejected)
    dialog.open_current()  # opens the card and its history
    qtbot.waitUntil(lambda: "history" in counter.ctx.dialogs)
    assert window.customer.selected_card.card_instance_id == demo.CARD_BAKERY_NEAR
    history = counter.ctx.dialogs["history"]
    qtbot.waitUntil(lambda: history.table.rowCount() >= 9)
    states = {history.table.item(r, 2).text() for r in range(history.table.rowCount())}
    assert "Confirmed by the server" in states and "Refused by the server" in states
    assert "Server history" in history.note.text()


def test_card_issued_offline_shows_its_qr_once_synced(qtbot, online) -> None:  # type: ignore[no-untyped-def]
    counter, running = online
    _open(qtbot, counter, demo.CARD_NEW, "Marie Dubois")
    qtbot.keyClick(counter.window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "issue" in counter.ctx.dialogs)
    dialog = counter.ctx.dialogs["issue"]
    assert dialog.card.count() == 3
    dialog.card.setCurrentIndex(dialog.card.findText("Coffee Club"))
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert "queued" in dialog.result_title.text() and not dialog.print_button.isEnabled()

    _go_online(counter, running)
    qtbot.waitUntil(lambda: dialog.url is not None, timeout=WAIT)
    assert dialog.url.startswith("https://vvd.bz/")
    assert dialog.qr is not None and dialog.qr.width() >= 300
    assert dialog.print_button.isEnabled()


def test_registration_refused_by_the_service_shows_beside_its_field(qtbot, online) -> None:  # type: ignore[no-untyped-def]
    counter, running = online
    qtbot.keyClick(counter.window, Qt.Key.Key_F3)
    dialog = counter.ctx.dialogs["member"]
    qtbot.keyClicks(dialog.inputs["name"], "Nadia Putri")
    dialog.try_submit()
    assert dialog.errors["birthday"].isVisibleTo(dialog)  # local check first
    assert "required" in dialog.errors["email"].text()
    dialog.set_field("email", "nadia.putri@example.com")
    dialog.set_field("birthday", "1994-02-03")
    dialog.set_field("gender", "female")
    dialog.set_field("member_id", "100000000001")  # Siti's, which only the service knows
    dialog.try_submit()
    qtbot.waitUntil(lambda: "member" not in counter.ctx.dialogs)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Nadia Putri")
    assert not counter.window.customer.view.confirmed

    _go_online(counter, running)
    qtbot.waitUntil(lambda: counter.window.status.notices >= 1, timeout=WAIT)
    counter.window.counter_actions["notices"].trigger()
    notices = counter.ctx.dialogs["notices"]
    qtbot.waitUntil(lambda: notices.list.count() >= 1)
    notices.open_current()
    qtbot.waitUntil(lambda: "member" in counter.ctx.dialogs
                    and counter.ctx.dialogs["member"].errors["member_id"].text() != "")
    reopened = counter.ctx.dialogs["member"]
    assert "another member" in reopened.errors["member_id"].text()
    assert reopened.inputs["name"].text() == "Nadia Putri"


def test_search_merges_membership_suggestions_online(qtbot, online) -> None:  # type: ignore[no-untyped-def]
    counter, running = online
    engine = _go_online(counter, running)
    from stamps.members import validate_member_form

    form = validate_member_form({"merchant": demo.DEMO_MEMBERSHIP_MERCHANT, "store": 2,
                                 "name": "Yusuf Hakim", "email": "yusuf.hakim@example.com",
                                 "birthday": "1991-06-15", "gender": "male"}, change=False,
                                today=counter.ctx.terminal.clock.today())
    assert engine.clients.membership is not None
    engine.clients.membership.register(form)  # registered at another counter
    search = counter.window.search
    search.box.setFocus()
    qtbot.keyClicks(search.box, "Yusuf")
    qtbot.waitUntil(lambda: len(search.suggestions) == 1, timeout=WAIT)
    assert search.suggestions[0].source == "server"
    search.choose(0)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Yusuf Hakim")
