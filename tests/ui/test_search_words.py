"""Issue 12 #7: search says what happened. A local phone number finds the member stored in
E.164; a name that matches nobody says so; an offline search says it only searched here."""

from __future__ import annotations

import pytest

from pos.ui.qt import Qt

pytestmark = pytest.mark.dates


def _banner(counter) -> str:  # type: ignore[no-untyped-def]
    return str(counter.window.banner.text)


def _type_and_enter(qtbot, counter, text: str) -> None:  # type: ignore[no-untyped-def]
    box = counter.window.search.box
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_an_unknown_name_says_no_member_matches(qtbot, counter):  # type: ignore[no-untyped-def]
    _type_and_enter(qtbot, counter, "xyz")
    qtbot.waitUntil(lambda: "No member matches ‘xyz’" in _banner(counter))
    assert "loyalty code" not in _banner(counter)
    assert "Searched this terminal only (offline)" in _banner(counter)


def test_typing_without_enter_also_says_nothing_was_found(qtbot, counter):  # type: ignore[no-untyped-def]
    box = counter.window.search.box
    box.setFocus()
    qtbot.keyClicks(box, "Zebulon")
    qtbot.waitUntil(lambda: "No member matches ‘Zebulon’" in _banner(counter))


def test_a_local_phone_number_finds_the_member_stored_in_e164(qtbot, counter):  # type: ignore[no-untyped-def]
    _type_and_enter(qtbot, counter, "0812-3456-7801")  # Siti, stored as +6281234567801
    qtbot.waitUntil(lambda: counter.window.customer.view is not None
                    and counter.window.customer.view.title == "Siti Rahayu")


def test_a_foreign_code_says_it_is_not_ours(qtbot, counter):  # type: ignore[no-untyped-def]
    _type_and_enter(qtbot, counter, "https://example.com/menu")
    qtbot.waitUntil(lambda: "not a loyalty code" in _banner(counter))
