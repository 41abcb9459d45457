"""Rewriting an NFC Forum Type 2 tag (NTAG213/215/216) so a tag pulled away mid-write keeps its
old link.

nfcpy rewrites the NDEF message in place: it zeroes its length, writes the bytes, then writes the
new length, so a tag pulled away half-way is left empty or holding a torn message.  A WRITE
changes one 4-byte page at a time, and a page write is all or nothing, so this module writes the
new message where the old one is not, then switches to it with a single page write:

- there is room after the current message: write the new one there, then turn the current
  NDEF TLV's type byte (``03``) into a proprietary TLV (``FD``) that readers skip;
- else there is room before it (space left by an earlier switch, one skipped TLV): write the new
  message there from its second page on, then its first page, which holds its ``03`` header.

Until that last page, every reader still finds the old message first (nfcpy, Android and iOS
skip unknown TLVs, as the NFC Forum Type 2 specification requires).  Only when neither side
has room (a message over half the tag) is the tag rewritten in place, as nfcpy does.  Tags
whose memory has lock or memory control TLVs (reserved bytes inside the data area; not NTAG21x)
are also left to nfcpy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import nfc.tag
import nfc.tag.tt2

log = logging.getLogger(__name__)

DATA_START = 16  # byte offset of page 4, where the TLV area begins
NDEF_TLV, PROPRIETARY_TLV, TERMINATOR_TLV, NULL_TLV = 0x03, 0xFD, 0xFE, 0x00


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the TLV area ends and where the current NDEF TLV sits (start, end) if any."""

    end: int
    current: tuple[int, int] | None


def ndef_tlv(message: bytes) -> bytes:
    """The NDEF message TLV: type 03, a 1- or 3-byte length, the message."""
    if len(message) < 0xFF:
        return bytes([NDEF_TLV, len(message)]) + message
    return bytes([NDEF_TLV, 0xFF]) + len(message).to_bytes(2, "big") + message


def capacity(tag: nfc.tag.tt2.Type2Tag) -> int:
    """The longest NDEF message the whole data area can hold (nfcpy's own ``capacity`` shrinks
    by whatever precedes the current message)."""
    memory = nfc.tag.tt2.Type2TagMemoryReader(tag)
    area = memory[14] * 8
    return area - 2 if area <= 256 else area - 4


class Rewrite:
    """The plan for writing ``message`` to ``tag``: read the tag's layout now, write on
    :meth:`run`.  ``keeps_old`` says whether the old message stays readable until the switch
    (False only when the tag must be rewritten in place)."""

    def __init__(self, tag: nfc.tag.tt2.Type2Tag, message: bytes) -> None:
        self._tag = tag
        self._message = message
        self._memory = nfc.tag.tt2.Type2TagMemoryReader(tag)
        self._layout = _layout(self._memory)
        self._new = ndef_tlv(message)
        self._mode = self._choose()
        self.keeps_old = self._mode != "in place"

    def _choose(self) -> str:
        layout = self._layout
        if layout is None:
            return "in place"
        if layout.current is None or layout.current[1] - layout.current[0] <= 2:
            return "fresh"  # nothing to keep
        start, end = layout.current
        if end + len(self._new) <= layout.end:
            return "after"
        gap = start - DATA_START
        if len(self._new) <= gap and gap >= 4:
            return "before"
        return "in place"

    def run(self) -> None:
        """Write; nfcpy's ``Type2TagCommandError`` when the tag refuses a page or leaves."""
        memory, new, layout = self._memory, self._new, self._layout
        if self._mode == "in place" or layout is None:
            log.info("no room beside the old NDEF message; rewriting the tag in place")
            self._tag.ndef.octets = self._message
            return
        if self._mode == "fresh":
            _write_first_page_last(memory, DATA_START, new + bytes([TERMINATOR_TLV]), layout.end)
            return
        assert layout.current is not None
        start, end = layout.current
        if self._mode == "after":
            tail = bytes([TERMINATOR_TLV]) if end + len(new) < layout.end else b""
            memory[end : end + len(new) + len(tail)] = new + tail
            memory.synchronize()  # the old message is still the first NDEF TLV
            memory[start] = PROPRIETARY_TLV
            memory.synchronize()  # one page: the switch
            return
        if not _is_single_tlv(memory, DATA_START, start):
            memory[DATA_START : DATA_START + 4] = _skip_header(start - DATA_START)
            memory.synchronize()  # one page: everything before the old message is now skipped
        _write_first_page_last(memory, DATA_START, new, layout.end)


def _write_first_page_last(memory: nfc.tag.tt2.Type2TagMemoryReader, at: int, data: bytes,
                           end: int) -> None:
    """Write ``data`` (cut at ``end``) at ``at``: every page but the first, then the first,
    which holds the TLV header."""
    data = data[: max(0, end - at)]
    memory[at + 4 : at + len(data)] = data[4:]
    memory.synchronize()
    memory[at : at + min(4, len(data))] = data[:4]
    memory.synchronize()


def _skip_header(length: int) -> bytes:
    """A proprietary TLV header (padded to one page) that skips ``length`` bytes in all."""
    if length - 2 < 0xFF:
        return bytes([PROPRIETARY_TLV, length - 2, 0, 0])
    return bytes([PROPRIETARY_TLV, 0xFF]) + (length - 4).to_bytes(2, "big")


def _is_single_tlv(memory: nfc.tag.tt2.Type2TagMemoryReader, start: int, end: int) -> bool:
    """True if one TLV (not NDEF) spans exactly ``start`` to ``end``."""
    parsed = _read_header(memory, start)
    return parsed is not None and parsed[0] != NDEF_TLV and start + parsed[1] == end


def _read_header(memory: nfc.tag.tt2.Type2TagMemoryReader,
                 offset: int) -> tuple[int, int] | None:
    """(type, total length of the TLV) at ``offset``; NULL and terminator are one byte."""
    kind = memory[offset]
    if kind in (NULL_TLV, TERMINATOR_TLV):
        return kind, 1
    length = memory[offset + 1]
    if length == 0xFF:
        return kind, 4 + int.from_bytes(bytes(memory[offset + 2 : offset + 4]), "big")
    return kind, 2 + length


def _layout(memory: nfc.tag.tt2.Type2TagMemoryReader) -> Layout | None:
    """The TLV area's layout, or None if it holds lock/memory control TLVs or does not parse."""
    if memory[12] != 0xE1:
        return None
    end = DATA_START + memory[14] * 8
    offset = DATA_START
    while offset < end:
        header = _read_header(memory, offset)
        if header is None:
            return None
        kind, size = header
        if kind in (0x01, 0x02):  # reserved bytes inside the area: leave it to nfcpy
            return None
        if kind == TERMINATOR_TLV:
            return Layout(end, None)
        if kind == NDEF_TLV:
            return Layout(end, (offset, offset + size)) if offset + size <= end else None
        offset += size
    return Layout(end, None)
