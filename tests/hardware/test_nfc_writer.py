"""Writing a card URL to a blank emulated tag over nfcpy's UDP driver, then reading it back."""

from __future__ import annotations

import pytest

from hardware.errors import TagWriteError
from hardware.nfc_reader import NfcReader, TagFault, TagFaultKind
from hardware.nfc_tap import EmulatedTag, TagMemory, ndef_message, udp_path
from hardware.nfc_writer import write_uri_to_next_tag
from hardware.scan import Scan

CARD_URL = "https://vvd.bz/s/ZJLF0399WQBEQZJM?store=14"


def test_write_then_read_back(udp_port):
    memory = TagMemory(b"", capacity=256)
    blank = EmulatedTag(udp_path(udp_port), memory)
    blank.start(timeout=10, hold=0.5)
    result = write_uri_to_next_tag(udp_path(udp_port), CARD_URL, timeout=10)
    blank.join(10)
    assert (result.uid, result.uri) == ("03FEFFE011223344", CARD_URL)
    assert memory.ndef_octets == ndef_message(uri=CARD_URL)

    scans: list[Scan] = []
    reader = NfcReader(udp_path(udp_port), scans.append)
    reader.start()
    written = EmulatedTag(udp_path(udp_port), memory)  # the same card, tapped at the counter
    written.start(timeout=10, hold=0.5)
    written.join(10)
    reader.stop()
    assert [s.payload for s in scans] == [CARD_URL]


def test_a_link_too_long_for_the_tag_is_refused(udp_port):
    small = EmulatedTag(udp_path(udp_port), TagMemory(b"", capacity=16))
    small.start(timeout=10, hold=0.5)
    with pytest.raises(TagWriteError, match="holds only 16"):
        write_uri_to_next_tag(udp_path(udp_port), CARD_URL + "&pad=" + "x" * 40, timeout=10)
    small.stop()


def test_a_read_only_tag_is_refused(udp_port):
    locked = TagMemory(ndef_message(text="old"), writable=False)
    tag = EmulatedTag(udp_path(udp_port), locked)
    tag.start(timeout=10, hold=0.5)
    with pytest.raises(TagWriteError, match="read-only"):
        write_uri_to_next_tag(udp_path(udp_port), CARD_URL, timeout=10)
    tag.stop()
    assert locked.ndef_octets == ndef_message(text="old")


def test_no_tag_within_the_timeout(udp_port):
    with pytest.raises(TagWriteError, match="No tag was held"):
        write_uri_to_next_tag(udp_path(udp_port), CARD_URL, timeout=0.5)


def test_a_type3_tag_pulled_away_mid_write_says_so_and_never_reads_as_a_mixed_link(udp_port):
    old = ndef_message(uri="https://vvd.bz/s/OLDCARD000000000?store=1")
    memory = TagMemory(old, capacity=256)
    leaving = EmulatedTag(udp_path(udp_port), memory, vanish_after_writes=2)
    leaving.start(timeout=10, hold=3)
    with pytest.raises(TagWriteError, match="holds no link now"):
        write_uri_to_next_tag(udp_path(udp_port), CARD_URL + "&name=" + "x" * 30, timeout=10)
    leaving.stop()
    assert memory.blocks[9] == 0x0F  # the attribute block still says "being written"

    results: list[Scan | TagFault] = []
    reader = NfcReader(udp_path(udp_port), results.append, on_fault=results.append)
    reader.start()
    again = EmulatedTag(udp_path(udp_port), memory)
    again.start(timeout=10, hold=0.5)
    again.join(10)
    reader.stop()
    assert [type(r) for r in results] == [TagFault]
    assert isinstance(results[0], TagFault) and results[0].kind == TagFaultKind.GARBAGE
