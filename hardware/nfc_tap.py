"""A simulated NFC tap: an NFC Forum Type 3 tag emulated on nfcpy's UDP driver.

``stamp-pos tap --uri URI`` runs one of these; a reader configured as
``udp:127.0.0.1:PORT`` then reads it like a real card laid on the reader.  Tests use the
fault options (no NDEF, a vanishing tag, raw garbage) to drive the reader's error paths.
Use ``127.0.0.1``: ``localhost`` may resolve to ``::1`` while the driver speaks IPv4.
"""

from __future__ import annotations

import enum
import logging
import struct
import threading
import time
from dataclasses import dataclass, field

import ndef
import nfc
import nfc.clf

from workers import StateListener, WorkerThread

log = logging.getLogger(__name__)

DEFAULT_PORT = 54321
DEFAULT_IDM = bytes.fromhex("03FEFFE011223344")
# IC code 0xFF is no Sony product, so nfcpy treats the tag as a plain NFC Forum Type 3 tag;
# bytes 5 and 6 set read/write time-outs (77 ms a block up to 0.5 s) that suit UDP on a
# busy machine yet let the reader notice a vanished tag within about 2 s.
_PMM = bytes.fromhex("03FF000000BFBF00")
_NDEF_SYSTEM = bytes.fromhex("12FC")
_BLOCK = 16
_NDEF_READ_SERVICE = 0x000B
_NDEF_WRITE_SERVICE = 0x0009


def ndef_message(uri: str | None = None, text: str | None = None) -> bytes:
    """The encoded NDEF message holding a URI record or a Text record."""
    if (uri is None) == (text is None):
        raise ValueError("give exactly one of uri or text")
    record = ndef.UriRecord(uri) if uri is not None else ndef.TextRecord(text or "")
    return b"".join(ndef.message_encoder([record]))


def udp_path(port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> str:
    return f"udp:{host}:{port}"


@dataclass
class TagMemory:
    """The blocks of an NFC Forum Type 3 tag: one attribute block, then the NDEF area."""

    message: bytes = b""
    capacity: int = 1024
    writable: bool = True
    blocks: bytearray = field(init=False)

    def __post_init__(self) -> None:
        area = max(self.capacity, len(self.message))
        area += -area % _BLOCK
        self.blocks = bytearray(_BLOCK) + bytearray(self.message) + bytearray(
            area - len(self.message)
        )
        self._write_attributes(len(self.message))

    def _write_attributes(self, length: int) -> None:
        attr = bytearray(_BLOCK)
        attr[0] = 0x10  # mapping version 1.0
        attr[1] = 12  # blocks per read
        attr[2] = 8  # blocks per write
        attr[3:5] = struct.pack(">H", (len(self.blocks) - _BLOCK) // _BLOCK)
        attr[10] = 1 if self.writable else 0
        attr[11:14] = struct.pack(">I", length)[1:]
        attr[14:16] = struct.pack(">H", sum(attr[:14]))
        self.blocks[:_BLOCK] = attr

    @property
    def ndef_octets(self) -> bytes:
        """The NDEF message the attribute block currently declares."""
        length = struct.unpack(">I", b"\x00" + bytes(self.blocks[11:14]))[0]
        return bytes(self.blocks[_BLOCK : _BLOCK + length])

    def read_block(self, number: int) -> bytes | None:
        start = number * _BLOCK
        if start + _BLOCK > len(self.blocks):
            return None
        return bytes(self.blocks[start : start + _BLOCK])

    def write_block(self, number: int, data: bytes) -> bool:
        start = number * _BLOCK
        if not self.writable or start + _BLOCK > len(self.blocks):
            return False
        self.blocks[start : start + _BLOCK] = data
        return True


class TapState(enum.StrEnum):
    IDLE = "idle"
    WAITING = "waiting"  # in the emulated field, waiting for a reader
    READ = "read"  # a reader is talking to the tag
    LEFT = "left"  # the card is gone: held long enough, no reader in time, or stopped
    FAILED = "failed"  # the emulation thread died (logged with its traceback)


class EmulatedTag(WorkerThread[TapState]):
    """An emulated Type 3 tag that waits for a reader, stays in its field ``hold`` seconds,
    then leaves.

    ``memory=None`` emulates a tag without NDEF (a reader falls back to its UID);
    ``vanish_after_reads=n`` makes the tag go silent after serving n blocks, like a
    card pulled away mid-read; ``vanish_after_writes=n`` after storing n blocks (mid-write).
    """

    title = "simulated NFC card"
    stop_timeout = 3.0

    def __init__(
        self,
        path: str = udp_path(),
        memory: TagMemory | None = None,
        *,
        idm: bytes = DEFAULT_IDM,
        vanish_after_reads: int | None = None,
        on_state: StateListener[TapState] | None = None,
        vanish_after_writes: int | None = None,
    ) -> None:
        if len(idm) != 8:
            raise ValueError("a Type 3 tag identifier (IDm) is 8 bytes")
        super().__init__("nfc-tag-emulation", TapState.IDLE)
        self.path = path
        self.memory = memory
        self.idm = idm
        self.vanish_after_reads = vanish_after_reads
        if on_state is not None:
            self.add_state_listener(on_state)
        self.vanish_after_writes = vanish_after_writes
        self.reads = 0
        self.writes = 0
        self.touched = threading.Event()
        self._timeout = 30.0
        self._hold = 1.0
        self._connected_at: float | None = None
        self._vanished = False

    def run(self, timeout: float = 30.0, hold: float = 1.0) -> bool:
        """Block until a reader has read the tag and ``hold`` seconds passed, or ``timeout``.

        Returns True if a reader talked to the tag. Raises :class:`OSError` when the
        emulation path cannot be opened: on this thread that is the caller's to explain (the
        ``tap`` command does), not a bug to report as the background thread does."""
        self._timeout, self._hold = timeout, hold
        self._work()
        return self.touched.is_set()

    def start(self, timeout: float = 30.0, hold: float = 1.0) -> None:
        """Run on a background thread (tests, demos); :meth:`stop` or :meth:`join` after."""
        self._timeout, self._hold = timeout, hold
        super().start()

    def _failure(self, message: str) -> tuple[TapState, str]:
        return TapState.FAILED, message

    def _work(self) -> None:
        deadline = time.monotonic() + self._timeout
        hold = self._hold
        self._connected_at = None
        self._vanished = False

        def terminate() -> bool:
            if self.stopping.is_set() or self._vanished:
                return True
            if self._connected_at is None:
                return time.monotonic() > deadline
            return time.monotonic() > self._connected_at + hold

        clf = nfc.ContactlessFrontend()
        if not clf.open(self.path):
            raise OSError(f"cannot open the emulation path {self.path}")
        self._set_state(TapState.WAITING, f"The card waits on {self.path} for a reader.")
        try:
            clf.connect(
                card={
                    "on-startup": self._on_startup,
                    "on-connect": lambda tag: self._on_connect(clf, tag),
                    # nfcpy drops the socket between listens; listening long makes the gaps rare
                    "timeout": 2.0,
                },
                terminate=terminate,
            )
        finally:
            clf.close()
            self._set_state(TapState.LEFT, "The card has left the reader.")

    def _on_startup(self, target: nfc.clf.LocalTarget) -> nfc.clf.LocalTarget:
        target.brty = "212F"
        target.sensf_res = bytearray(b"\x01" + self.idm + _PMM + _NDEF_SYSTEM)
        return target

    def _on_connect(self, clf: nfc.ContactlessFrontend, tag: nfc.tag.tt3.Type3TagEmulation) -> bool:
        self._connected_at = time.monotonic()
        self.touched.set()
        self._set_state(TapState.READ, "A reader is reading the card.")
        if self.memory is not None:
            tag.add_service(_NDEF_WRITE_SERVICE, self._read, self._write)
            tag.add_service(_NDEF_READ_SERVICE, self._read, None)

        # nfcpy waits forever for the next command; a bounded wait lets the tag leave on time.
        def send_response(rsp: bytearray | None, _timeout: float | None) -> bytearray:
            return clf.exchange(rsp, 0.25)

        tag.send_response = send_response
        return True

    def _read(self, number: int, _rb: bool, _re: bool) -> bytearray | None:
        if self.vanish_after_reads is not None and self.reads >= self.vanish_after_reads:
            self._vanished = True
            return None
        self.reads += 1
        assert self.memory is not None
        block = self.memory.read_block(number)
        return None if block is None else bytearray(block)

    def _write(self, number: int, data: bytearray, _wb: bool, _we: bool) -> bool:
        assert self.memory is not None
        if self.vanish_after_writes is not None and self.writes >= self.vanish_after_writes:
            self._vanished = True
            return False
        self.writes += 1
        return self.memory.write_block(number, bytes(data))
