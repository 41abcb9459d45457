"""A keyboard-wedge scanner's burst becomes a scan, not text in the focused field; keys a
person types still reach the field."""

from __future__ import annotations

import pytest

from hardware.scan import ScanSource
from pos.ui.qt import Qt
from pos.ui.wedge_filter import WedgeFilter
from server import demo_data as demo

pytestmark = pytest.mark.dates


def test_burst_ending_with_enter_is_a_scan_and_typing_still_works(qtbot, qapp, counter):  # type: ignore[no-untyped-def]
    wedge = WedgeFilter(counter.scanner)
    wedge.install(qapp)
    try:
        box = counter.window.search.box
        box.setFocus()
        with qtbot.waitSignal(counter.scanner.scanned, timeout=5000) as got:
            qtbot.keyClicks(box, demo.CARD_PASSPORT)  # a scanner types far faster than a person
            qtbot.keyClick(box, Qt.Key.Key_Return)
        scan = got.args[0]
        assert scan.source is ScanSource.KEYBOARD and scan.payload == demo.CARD_PASSPORT
        assert box.text() == ""
        qtbot.waitUntil(lambda: counter.window.customer.view is not None
                        and counter.window.customer.view.title == "Dewi Anggraini")

        qtbot.keyClicks(box, "Bu")  # too short for a scan: held briefly, then typed
        qtbot.waitUntil(lambda: box.text() == "Bu")
    finally:
        qapp.removeEventFilter(wedge)


def test_a_link_garbled_by_the_keyboard_layout_says_what_to_change(qtbot, qapp, counter):  # type: ignore[no-untyped-def]
    wedge = WedgeFilter(counter.scanner)
    wedge.install(qapp)
    scans: list[object] = []
    counter.scanner.scanned.connect(scans.append)
    try:
        box = counter.window.search.box
        box.setFocus()
        # a scanner set to US English typing https://vvd.bz/s/ZJ4?store=14 on a French computer
        with qtbot.waitSignal(counter.scanner.tag_fault, timeout=5000) as got:
            qtbot.keyClicks(box, "httpsM!!vvd:bw!s!WJ'§store=&'")
            qtbot.keyClick(box, Qt.Key.Key_Return)
        assert "US English" in got.args[0] and "French AZERTY" in got.args[0]
        assert box.text() == "" and scans == []
    finally:
        qapp.removeEventFilter(wedge)


def test_the_status_bar_shows_the_handheld_scanner_only_once_it_is_used(counter):  # type: ignore[no-untyped-def]
    status = counter.window.status
    assert status.scanner_label.isHidden()
    status.set_scanner("unplugged", "The scanner 'Honeywell' was unplugged.")
    assert not status.scanner_label.isHidden()
    assert status.scanner_label.text() == "Scanner: unplugged"
    assert status.scanner_label.property("warn") == "true"
    status.set_scanner("ready", "The scanner 'Honeywell' is connected again.")
    assert status.scanner_label.property("warn") == "false"
