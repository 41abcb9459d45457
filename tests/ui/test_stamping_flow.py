"""Identify by search and by a typed code, then stamp, undo, redeem, and earn a reward."""

from __future__ import annotations

from datetime import date

import pytest

from pos.ui.card_tile import format_date
from pos.ui.qt import QMessageBox, Qt
from server import demo_data as demo
from tests.ui.ui_clock import UI_NOW

pytestmark = pytest.mark.dates


def banner(counter):  # type: ignore[no-untyped-def]
    return counter.window.banner.level, counter.window.banner.text


def _wait_customer(qtbot, counter, name):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == name)


def test_search_box_autocompletes_and_opens_member(qtbot, counter):  # type: ignore[no-untyped-def]
    search = counter.window.search
    search.box.setFocus()
    qtbot.keyClicks(search.box, "Siti")
    qtbot.waitUntil(lambda: len(search.suggestions) == 1)
    assert "Siti Rahayu" in search.suggestions[0].label
    search.choose(0)
    _wait_customer(qtbot, counter, "Siti Rahayu")
    card = counter.window.customer.selected_card
    assert card is not None and card.card_instance_id == demo.CARD_NEAR_REWARD
    assert (card.current, card.threshold) == (4, 10)
    assert banner(counter)[0] == "success"


def test_stamp_earns_reward_with_celebration_then_undo(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_NEAR_REWARD)
    _wait_customer(qtbot, counter, "Siti Rahayu")
    qtbot.keyClick(counter.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: banner(counter)[0] == "reward")
    assert "Free Coffee" in banner(counter)[1]
    assert counter.window.celebration.isVisible()
    assert counter.ctx.sounds.played[-1] == "reward"
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 5)
    card = counter.window.customer.selected_card
    assert not card.confirmed and card.pending_events == 1
    assert [r.name for r in card.rewards] == ["Free Coffee"]

    qtbot.keyClick(counter.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 4)
    assert "removed" in banner(counter)[1]


def test_add_n_stamps(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_PASSPORT)
    _wait_customer(qtbot, counter, "Dewi Anggraini")
    qtbot.keyClick(counter.window, Qt.Key.Key_F7)
    dialog = counter.ctx.dialogs["count"]
    qtbot.keyClicks(dialog.field, "3")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 5)
    assert "3 stamps added" in banner(counter)[1]


def test_redeem_after_confirmation(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.DEMO_VVD_URL)
    _wait_customer(qtbot, counter, "Tom Becker")
    counter.counter.identify(demo.CARD_WITH_REWARD)
    _wait_customer(qtbot, counter, "Budi Santoso")
    assert counter.window.customer.selected_card.rewards
    qtbot.keyClick(counter.window, Qt.Key.Key_F6)
    box = counter.ctx.dialogs["redeem"]
    assert isinstance(box, QMessageBox) and "Free Coffee" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not counter.window.customer.selected_card.rewards)
    assert "Reward redeemed" in banner(counter)[1]


def test_undo_outside_window_asks_manager_pin(qtbot, counter, terminal):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_PASSPORT_NEAR)
    _wait_customer(qtbot, counter, "Tom Becker")
    # no stamp from this counter yet: undoing an older stamp needs the manager
    counter.window.counter_actions["undo"].trigger()
    qtbot.waitUntil(lambda: "pin" in counter.ctx.dialogs)
    pin = counter.ctx.dialogs["pin"]
    assert not pin.choose  # the PIN was chosen when the app first started
    pin.pin.setText("9753")
    pin._try_accept()
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 4)


def test_foreign_code_refused_in_plain_words(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.counter.identify("https://example.com/not-ours")
    qtbot.waitUntil(lambda: banner(counter)[0] == "refusal")
    assert "not a loyalty code of this store" in banner(counter)[1]
    assert counter.ctx.sounds.played[-1] == "refusal"


def test_expired_card_says_so_with_dates(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.counter.identify(demo.CARD_EXPIRED)
    _wait_customer(qtbot, counter, "Rizky Pratama")
    level, text = banner(counter)
    assert level == "refusal"
    expired = next(c for c in demo.demo_card_instances(UI_NOW)
                   if c.card_instance_id == demo.CARD_EXPIRED).expiration_date
    assert expired is not None and expired.astimezone(UI_NOW.tzinfo).date() == date(2026, 10, 16)
    assert "expired" in text and format_date(expired.astimezone(UI_NOW.tzinfo)) in text
    assert not counter.window.counter_actions["stamp"].isEnabled()


def test_physical_stamp_card_found_by_search_then_store_code_scanned(qtbot, counter):  # type: ignore[no-untyped-def]
    search = counter.window.search
    search.box.setFocus()
    qtbot.keyClicks(search.box, "Dewi")
    qtbot.waitUntil(lambda: len(search.suggestions) == 1)
    search.choose(0)
    _wait_customer(qtbot, counter, "Dewi Anggraini")
    assert counter.window.customer.selected_card.stamp_type.value == "STAMP"
    counter.counter.identify(demo.PAPER_PASSPORT_STAMP)  # the counter's stamp code, scanned
    qtbot.waitUntil(lambda: counter.window.customer.selected_card.current == 3)
    assert banner(counter)[0] == "success"
    counter.counter.identify(demo.COFFEE_CLUB_STAMP)  # another program's code: refused
    qtbot.waitUntil(lambda: banner(counter)[0] == "refusal")
    assert "does not belong to this card" in banner(counter)[1]


def test_taking_a_reward_back_needs_the_manager_pin(qtbot, counter):  # type: ignore[no-untyped-def]
    counter.ctx.pins.set_pin("1357")
    counter.counter.identify(demo.CARD_WITH_REWARD)
    _wait_customer(qtbot, counter, "Budi Santoso")
    tile = counter.window.customer.tiles[0]
    tile.remove_buttons[0].click()
    pin = counter.ctx.dialogs["pin"]
    assert not pin.choose
    pin.pin.setText("1357")
    pin._try_accept()
    qtbot.waitUntil(lambda: not counter.window.customer.selected_card.rewards)
    assert "taken back" in banner(counter)[1]
