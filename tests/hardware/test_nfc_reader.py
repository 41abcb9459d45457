"""NFC taps end to end through nfcpy's UDP driver: an emulated Type 3 tag and the real reader."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import ndef
import pytest

from hardware.nfc_reader import NfcReader, ReaderState, TagFault, TagFaultKind
from hardware.nfc_tap import EmulatedTag, TagMemory, ndef_message, udp_path
from hardware.scan import Scan, ScanSource

STAMP_URL = "https://vvd.bz/s/ZJLF0399WQBEQZJM?store=14&lang=fr"


class Taps:
    """Collects what the reader reports, with a way to wait for the next one."""

    def __init__(self) -> None:
        self.results: list[Scan | TagFault] = []
        self.states: list[tuple[ReaderState, str]] = []
        self._arrived = threading.Condition()

    def add(self, result: Scan | TagFault) -> None:
        with self._arrived:
            self.results.append(result)
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Scan | TagFault]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.results) >= count, timeout)
            return list(self.results)


@pytest.fixture
def reader(udp_port) -> Iterator[tuple[NfcReader, Taps]]:
    taps = Taps()
    nfc_reader = NfcReader(
        udp_path(udp_port),
        taps.add,
        on_fault=taps.add,
        on_state=lambda state, message: taps.states.append((state, message)),
    )
    nfc_reader.start()
    assert nfc_reader.ready.wait(5)
    yield nfc_reader, taps
    nfc_reader.stop()


def tap(reader: NfcReader, tag: EmulatedTag, taps: Taps) -> Scan | TagFault:
    """Lay the tag on the reader, wait for its result, and take it away again."""
    assert reader.idle.wait(5), "the previous tag is still on the reader"
    before = len(taps.results)
    tag.start(timeout=10, hold=0.5)
    results = taps.wait_for(before + 1)
    tag.join(10)
    assert len(results) == before + 1
    return results[-1]


def test_reads_a_uri_record_with_its_query_intact(reader, udp_port):
    nfc_reader, taps = reader
    tag = EmulatedTag(udp_path(udp_port), TagMemory(ndef_message(uri=STAMP_URL)))
    result = tap(nfc_reader, tag, taps)
    assert isinstance(result, Scan)
    assert result.payload == STAMP_URL  # .iri: "=" and "&" not percent-encoded
    assert result.source == ScanSource.NFC and not result.nfc_uid


def test_reads_a_text_record(reader, udp_port):
    nfc_reader, taps = reader
    tag = EmulatedTag(udp_path(udp_port), TagMemory(ndef_message(text="MEMBER-000042")))
    assert tap(nfc_reader, tag, taps) == Scan(
        ScanSource.NFC, "MEMBER-000042", time=taps.results[-1].time,  # type: ignore[union-attr]
    )


def test_tag_without_ndef_falls_back_to_its_uid(reader, udp_port):
    nfc_reader, taps = reader
    tag = EmulatedTag(udp_path(udp_port), None, idm=bytes.fromhex("03FE0102030405A0"))
    result = tap(nfc_reader, tag, taps)
    assert isinstance(result, Scan)
    assert (result.payload, result.nfc_uid) == ("03FE0102030405A0", True)


def test_blank_formatted_tag_falls_back_to_its_uid(reader, udp_port):
    nfc_reader, taps = reader
    result = tap(nfc_reader, EmulatedTag(udp_path(udp_port), TagMemory(b"")), taps)
    assert isinstance(result, Scan) and result.nfc_uid


def test_uri_wins_over_text_and_other_records(reader, udp_port):
    nfc_reader, taps = reader
    records = [ndef.TextRecord("hello"), ndef.Record("urn:nfc:ext:example.com:x", "1", b"z"),
               ndef.UriRecord(STAMP_URL)]
    message = b"".join(ndef.message_encoder(records))
    result = tap(nfc_reader, EmulatedTag(udp_path(udp_port), TagMemory(message)), taps)
    assert isinstance(result, Scan) and result.payload == STAMP_URL


def test_garbage_ndef_is_a_typed_fault_and_the_reader_goes_on(reader, udp_port):
    nfc_reader, taps = reader
    garbage = EmulatedTag(udp_path(udp_port), TagMemory(b"\xd1\x01\xffU\x04garbage"))
    result = tap(nfc_reader, garbage, taps)
    assert isinstance(result, TagFault) and result.kind == TagFaultKind.GARBAGE
    assert result.uid == "03FEFFE011223344"
    assert "QR code" in result.message
    good = EmulatedTag(udp_path(udp_port), TagMemory(ndef_message(text="next")),
                       idm=bytes.fromhex("03FE000000000002"))
    assert isinstance(tap(nfc_reader, good, taps), Scan)


def test_oversized_message_is_a_typed_fault(reader, udp_port):
    nfc_reader, taps = reader
    big = TagMemory(ndef_message(text="x" * 3000), capacity=4096)
    result = tap(nfc_reader, EmulatedTag(udp_path(udp_port), big), taps)
    assert isinstance(result, TagFault) and result.kind == TagFaultKind.OVERSIZED


def test_tag_pulled_away_mid_read_is_a_typed_fault(reader, udp_port):
    nfc_reader, taps = reader
    memory = TagMemory(ndef_message(text="y" * 600))  # 38 blocks: several read commands
    vanishing = EmulatedTag(udp_path(udp_port), memory, vanish_after_reads=3)
    result = tap(nfc_reader, vanishing, taps)
    assert isinstance(result, TagFault) and result.kind == TagFaultKind.REMOVED
    assert "Hold it on the reader" in result.message
    assert vanishing.reads == 3


def test_one_tag_left_on_the_reader_is_one_read(reader, udp_port):
    nfc_reader, taps = reader
    tag = EmulatedTag(udp_path(udp_port), TagMemory(ndef_message(uri=STAMP_URL)))
    tag.start(timeout=10, hold=1.5)
    taps.wait_for(1)
    tag.join(10)
    assert nfc_reader.idle.wait(5)
    assert len(taps.results) == 1


def test_stop_is_clean_and_reported(udp_port):
    states: list[ReaderState] = []
    nfc_reader = NfcReader(udp_path(udp_port), lambda s: None,
                           on_state=lambda state, _m: states.append(state))
    nfc_reader.start()
    assert nfc_reader.ready.wait(5)
    nfc_reader.stop()
    assert states == [ReaderState.STARTING, ReaderState.READY, ReaderState.STOPPED]


def test_no_usb_reader_says_what_to_do():
    states: list[tuple[ReaderState, str]] = []
    got_state = threading.Event()

    def on_state(state: ReaderState, message: str) -> None:
        states.append((state, message))
        if state == ReaderState.NO_READER:
            got_state.set()

    nfc_reader = NfcReader("usb:ffff:fffe", lambda s: None, on_state=on_state)
    nfc_reader.start()
    assert got_state.wait(5)
    nfc_reader.stop()
    state, message = states[1]
    assert state == ReaderState.NO_READER
    assert "Plug the reader in" in message and "usb:ffff:fffe" in message


def test_the_same_tag_found_again_at_once_is_not_read_twice(udp_port):
    taps = Taps()
    nfc_reader = NfcReader(udp_path(udp_port), taps.add, on_fault=taps.add, same_tag_guard=30)
    nfc_reader.start()
    card = TagMemory(ndef_message(uri=STAMP_URL))
    tap(nfc_reader, EmulatedTag(udp_path(udp_port), card), taps)
    assert nfc_reader.idle.wait(5)
    again = EmulatedTag(udp_path(udp_port), card)
    again.start(timeout=2.0, hold=0.3)
    again.join(10)
    assert len(taps.results) == 1
    other = EmulatedTag(udp_path(udp_port), TagMemory(ndef_message(text="other")),
                        idm=bytes.fromhex("03FE000000000009"))
    result = tap(nfc_reader, other, taps)
    nfc_reader.stop()
    assert isinstance(result, Scan) and result.payload == "other"
