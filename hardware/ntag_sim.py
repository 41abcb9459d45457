"""A simulated NXP NTAG213/215/216 on a simulated reader, at nfcpy's driver boundary.

nfcpy talks to a reader through a driver (``nfc.clf.device.Device``): it senses a Type A target,
then exchanges raw Type 2 command frames (READ ``30``, WRITE ``A2``, GET_VERSION ``60``...) with
it.  :class:`SimulatedNtagReader` is such a driver whose "tag" is an :class:`NtagMemory`, so
nfcpy's own tag classes (``nfc.tag.tt2_nxp.NTAG213`` ...) identify, read and write it exactly
as they would a real sticker on a USB reader.  Every frame is recorded, so a test can check the
commands sent.  No USB reader can run on a build machine; this fake sits where the USB driver
would, and nothing above it is faked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nfc.clf
import nfc.clf.device

ACK = b"\x0a"
NAK = b"\x00"

# model: (GET_VERSION response, pages in total, CC capacity byte, first configuration page)
MODELS = {
    "NTAG213": (bytes.fromhex("0004040201000F03"), 45, 0x12, 41),
    "NTAG215": (bytes.fromhex("0004040201001103"), 135, 0x3E, 131),
    "NTAG216": (bytes.fromhex("0004040201001303"), 231, 0x6D, 227),
}


@dataclass
class NtagMemory:
    """The pages of one NTAG21x, as it leaves the factory: CC set, an empty NDEF TLV.

    ``read_only`` sets the CC's write-access nibble (a tag locked the NFC Forum way);
    ``lock_bits`` sets the static lock bytes, so the chip itself refuses writes to user pages
    with a NAK while the CC still claims it is writable.
    """

    model: str = "NTAG213"
    uid: bytes = bytes.fromhex("04A1B2C3D4E5F6")
    read_only: bool = False
    lock_bits: bool = False
    pages: bytearray = field(init=False)

    def __post_init__(self) -> None:
        _, count, cc_size, cfg = MODELS[self.model]
        self.pages = bytearray(4 * count)
        uid = self.uid
        self.pages[0:4] = uid[0:3] + bytes([0x88 ^ uid[0] ^ uid[1] ^ uid[2]])
        self.pages[4:8] = uid[3:7]
        self.pages[8] = uid[3] ^ uid[4] ^ uid[5] ^ uid[6]
        self.pages[9] = 0x48
        if self.lock_bits:
            self.pages[10:12] = b"\xff\xff"
        self.pages[12:16] = bytes([0xE1, 0x10, cc_size, 0x0F if self.read_only else 0x00])
        self.pages[16:19] = b"\x03\x00\xfe"
        # configuration pages as shipped: AUTH0 = FF, no page is password protected
        self.pages[4 * cfg : 4 * cfg + 8] = bytes.fromhex("04000000FF000000")

    @property
    def version(self) -> bytes:
        return MODELS[self.model][0]

    @property
    def user_pages(self) -> range:
        """Pages 4 up to the dynamic lock bytes: the only pages a card writer should touch."""
        return range(4, MODELS[self.model][3] - 1)

    def ndef_area(self) -> bytes:
        """The user memory the CC declares, from page 4."""
        return bytes(self.pages[16 : 16 + self.pages[14] * 8])


class SimulatedNtagReader(nfc.clf.device.Device):
    """A reader driver with one NTAG in its field (``tag=None``: an empty field).

    ``vanish_after_writes=n`` takes the tag away when a WRITE comes after n acknowledged ones,
    like a card pulled off the reader mid-write: that WRITE and everything after go unanswered.
    ``frames`` records every command frame received.
    """

    def __init__(self, tag: NtagMemory | None, vanish_after_writes: int | None = None) -> None:
        self.tag = tag
        self.vanish_after_writes = vanish_after_writes
        self.writes = 0
        self.frames: list[bytes] = []
        self._vendor_name, self._device_name = "Stamp POS", "simulated NTAG reader"
        self._chipset_name, self._path = "simulation", "sim:ntag"
        self._halted = False
        self._removed = False

    def close(self) -> None:
        pass

    def mute(self) -> None:
        pass

    def turn_on_led_and_buzzer(self) -> None:
        pass

    def turn_off_led_and_buzzer(self) -> None:
        pass

    def get_max_send_data_size(self, target: nfc.clf.RemoteTarget) -> int:
        return 252

    def get_max_recv_data_size(self, target: nfc.clf.RemoteTarget) -> int:
        return 252

    def sense_tta(self, target: nfc.clf.RemoteTarget) -> nfc.clf.RemoteTarget | None:
        if self.tag is None or self._removed:
            return None
        self._halted = False
        uid = self.tag.uid
        return nfc.clf.RemoteTarget("106A", sens_res=bytearray(b"\x44\x00"),
                                    sel_res=bytearray(b"\x00"), sdd_res=bytearray(uid))

    def sense_ttb(self, target: nfc.clf.RemoteTarget) -> None:
        return None

    def sense_ttf(self, target: nfc.clf.RemoteTarget) -> None:
        return None

    def sense_dep(self, target: nfc.clf.RemoteTarget) -> None:
        return None

    def send_cmd_recv_rsp(self, target: nfc.clf.RemoteTarget, data: bytes | bytearray,
                          timeout: float) -> bytearray:
        frame = bytes(data)
        self.frames.append(frame)
        if frame[:1] == b"\xa2" and self.vanish_after_writes is not None:
            self._removed = self._removed or self.writes >= self.vanish_after_writes
        if self.tag is None or self._removed or self._halted:
            raise nfc.clf.TimeoutError("no answer from the tag")
        return bytearray(self._answer(self.tag, frame))

    def _answer(self, tag: NtagMemory, frame: bytes) -> bytes:
        pages = len(tag.pages) // 4
        if frame[:1] == b"\x60":  # GET_VERSION
            return tag.version
        if frame[:1] == b"\x30" and len(frame) == 2:  # READ: four pages, rolling over
            start = frame[1]
            if start >= pages:
                self._halted = True
                return NAK
            return b"".join(bytes(tag.pages[4 * ((start + i) % pages):][:4]) for i in range(4))
        if frame[:1] == b"\xa2" and len(frame) == 6:  # WRITE one page
            page = frame[1]
            if page >= pages or page < 3 or (tag.lock_bits and page in tag.user_pages):
                self._halted = True
                return NAK
            if page == 3:  # the CC is one-time programmable: bits can only be set
                tag.pages[12:16] = bytes(a | b for a, b in zip(tag.pages[12:16], frame[2:6],
                                                                strict=True))
            else:
                tag.pages[4 * page : 4 * page + 4] = frame[2:6]
            self.writes += 1
            return ACK
        # Anything else (Ultralight C's AUTHENTICATE, for one): NAK, and the chip goes quiet
        # until it is selected again, as a real NTAG21x does.
        self._halted = True
        return NAK


def open_simulated(reader: SimulatedNtagReader) -> nfc.ContactlessFrontend:
    """A ContactlessFrontend driving ``reader``, as ``clf.open(path)`` would a USB reader."""
    clf = nfc.ContactlessFrontend()
    clf.device = reader
    return clf
