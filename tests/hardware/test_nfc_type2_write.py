"""Writing card links to NTAG213/215/216 through nfcpy's own Type 2 tag classes.

The reader is simulated at nfcpy's driver boundary (``hardware.ntag_sim``): nfcpy senses the tag,
identifies the NTAG model with GET_VERSION, and sends the READ and WRITE frames it would send
to a USB reader; the test checks those frames and the bytes left in the tag's pages.
"""

from __future__ import annotations

import time

import ndef
import nfc
import pytest

from hardware.errors import TagWriteError
from hardware.nfc_tap import ndef_message
from hardware.nfc_type2 import ndef_tlv
from hardware.nfc_writer import write_uri
from hardware.ntag_sim import NtagMemory, SimulatedNtagReader, open_simulated

CARD_URL = "https://vvd.bz/s/ZJLF0399WQBEQZJM?store=14"
RDWR = {"on-connect": lambda _tag: False, "iterations": 1, "interval": 0.05,
        "beep-on-connect": False}


def connect(memory: NtagMemory, **faults: int) -> tuple[nfc.tag.Tag, SimulatedNtagReader]:
    reader = SimulatedNtagReader(memory, **faults)
    deadline = time.monotonic() + 5
    tag = open_simulated(reader).connect(rdwr=RDWR, terminate=lambda: time.monotonic() > deadline)
    assert isinstance(tag, nfc.tag.Tag)
    return tag, reader


def link_on(memory: NtagMemory) -> str | None:
    """What a reader presented with this tag reads: its URI, or None for no NDEF message."""
    tag, _ = connect(memory)
    octets = tag.ndef.octets if tag.ndef is not None else b""
    if not octets:
        return None
    (record,) = ndef.message_decoder(octets)
    return str(record.iri)


def writes(reader: SimulatedNtagReader) -> list[tuple[int, bytes]]:
    return [(f[1], f[2:]) for f in reader.frames if f[0] == 0xA2]


@pytest.mark.parametrize("model", ["NTAG213", "NTAG215", "NTAG216"])
def test_a_factory_fresh_ntag_gets_the_card_link(model):
    memory = NtagMemory(model)
    tag, reader = connect(memory)
    assert type(tag).__name__ == model  # nfcpy's own class, chosen from GET_VERSION
    result = write_uri(tag, CARD_URL)

    message = ndef_message(uri=CARD_URL)
    expected = ndef_tlv(message) + b"\xfe"
    assert result.size == len(message)
    assert memory.ndef_area()[: len(expected)] == expected
    sent = writes(reader)
    assert {page for page, _ in sent} <= set(memory.user_pages)  # never CC, lock or config
    assert sent[-1] == (4, expected[:4])  # the page holding the TLV header goes last
    assert b"".join(data for _, data in sorted(sent))[: len(expected)] == expected
    assert reader.frames[:2] == [b"\x1a\x00", b"\x60"]  # nfcpy's identification
    assert link_on(memory) == CARD_URL


def test_every_torn_rewrite_leaves_the_old_or_the_new_link():
    """Pull the tag away after each possible number of page writes, over several rewrites that
    use the room after the old message and then the room before it."""
    memory = NtagMemory("NTAG213")
    write_uri(connect(memory)[0], CARD_URL)
    old = CARD_URL
    first_tlv = set()
    for n in range(1, 5):
        new = f"https://vvd.bz/s/CARD{n:012d}?store={n}"
        completed, torn = False, 0
        for allowed in range(0, 40):
            before = bytes(memory.pages)
            tag, _ = connect(memory, vanish_after_writes=allowed)
            try:
                write_uri(tag, new)
                completed = True
            except TagWriteError as error:
                assert "still holds its old one" in str(error)
                assert link_on(memory) == old
                memory.pages[:] = before  # put the tag back as it was for the next attempt
                torn += 1
                continue
            assert link_on(memory) == new
            break
        assert completed and torn >= 2
        first_tlv.add(memory.pages[16])
        old = new
    assert first_tlv == {0x03, 0xFD}  # the new link went after the old one, and before it


def test_a_link_too_long_for_an_ntag213_is_refused_and_the_old_link_kept():
    memory = NtagMemory("NTAG213")
    write_uri(connect(memory)[0], CARD_URL)
    tag, reader = connect(memory)
    with pytest.raises(TagWriteError, match=r"holds only 142\. Use a larger tag"):
        write_uri(tag, CARD_URL + "&pad=" + "x" * 120)
    assert writes(reader) == []
    assert link_on(memory) == CARD_URL


def test_a_read_only_tag_is_refused_without_a_write():
    memory = NtagMemory("NTAG215")
    write_uri(connect(memory)[0], CARD_URL)
    memory.pages[15] = 0x0F  # CC write access: none
    tag, reader = connect(memory)
    with pytest.raises(TagWriteError, match="locked"):
        write_uri(tag, "https://vvd.bz/s/OTHER")
    assert writes(reader) == []
    assert link_on(memory) == CARD_URL


def test_a_tag_whose_lock_bits_refuse_the_write_says_so_and_keeps_its_link():
    memory = NtagMemory("NTAG216")
    write_uri(connect(memory)[0], CARD_URL)
    memory.pages[10:12] = b"\xff\xff"
    memory.lock_bits = True  # the chip NAKs user pages while the CC still says writable
    tag, _ = connect(memory)
    with pytest.raises(TagWriteError, match="refused the link: it is locked"):
        write_uri(tag, "https://vvd.bz/s/OTHER")
    assert link_on(memory) == CARD_URL
