"""Editing a member, a card flagged by the velocity rule for the manager, and printing an
issued card's QR code."""

from __future__ import annotations

import pytest

from pos.ui.qt import QColor, QImage, Qt
from server import demo_data as demo

pytestmark = pytest.mark.dates


def _open(qtbot, counter, payload: str, name: str) -> None:  # type: ignore[no-untyped-def]
    counter.counter.identify(payload)
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == name)


def test_edit_member_saves_and_shows_the_change(qtbot, counter):  # type: ignore[no-untyped-def]
    _open(qtbot, counter, demo.CARD_NEAR_REWARD, "Siti Rahayu")
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "member" in counter.ctx.dialogs)
    dialog = counter.ctx.dialogs["member"]
    assert dialog.change and dialog.inputs["email"].text() == "siti.rahayu@example.com"
    dialog.set_field("phone", "not a phone")
    dialog.try_submit()
    assert dialog.errors["phone"].text() == "Enter a valid phone number."
    dialog.set_field("phone", "+6281299990000")
    dialog.set_field("name", "Siti Rahayu Putri")
    dialog.try_submit()
    qtbot.waitUntil(lambda: counter.window.customer.view.title == "Siti Rahayu Putri")
    assert "+6281299990000" in counter.window.customer.details.text()
    assert counter.window.banner.level == "success"


def test_velocity_flag_is_a_notice_for_the_manager(qtbot, counter):  # type: ignore[no-untyped-def]
    terminal = counter.ctx.terminal
    terminal.ctx.settings = terminal.settings.updated({"velocity_limit": 2})
    _open(qtbot, counter, demo.CARD_PASSPORT, "Dewi Anggraini")
    counter.counter.stamping.stamp(3)
    qtbot.waitUntil(lambda: counter.window.banner.level == "notice")
    assert "manager" in counter.window.banner.text
    qtbot.waitUntil(lambda: counter.window.status.notices == 1)
    counter.window.status.notices_button.click()
    dialog = counter.ctx.dialogs["notices"]
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert "For the manager" in dialog.list.item(0).text()
    dialog.acknowledge_current()
    qtbot.waitUntil(lambda: dialog.list.count() == 0 and counter.window.status.notices == 0)


def test_issued_card_prints_its_qr_and_url(qtbot, counter):  # type: ignore[no-untyped-def]
    dialog = counter.issuing.choose(counter.ctx.terminal.catalog())
    dialog.show_issued(demo.DEMO_VVD_URL)
    page = QImage(800, 1100, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    dialog.render_to(page)
    dark = sum(1 for x in range(0, 800, 8) for y in range(0, 1100, 8)
               if page.pixelColor(x, y).lightness() < 100)
    assert dark > 500  # the code and its URL were drawn
    dialog.close()


def test_a_phone_typed_the_local_way_is_stored_in_e164(qtbot, counter):  # type: ignore[no-untyped-def]
    """Issue 12 #11: phones are normalized, so the member is found by any way of typing it."""
    _open(qtbot, counter, demo.CARD_NEAR_REWARD, "Siti Rahayu")
    qtbot.keyClick(counter.window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "member" in counter.ctx.dialogs)
    dialog = counter.ctx.dialogs["member"]
    phone = dialog.inputs["phone"]
    phone.selectAll()
    qtbot.keyClicks(phone, "0812 9999 0000")
    dialog.try_submit()
    qtbot.waitUntil(lambda: "+6281299990000" in counter.window.customer.details.text())
