"""Why an NFC reader cannot be opened, in a sentence that says what to do.

Shared by the reader thread and ``stamp-pos devices``; docs/hardware.md has the same advice.
"""

from __future__ import annotations

import enum
import errno as errno_codes
import logging
import os
from dataclasses import dataclass

log = logging.getLogger(__name__)


class ReaderState(enum.StrEnum):
    STARTING = "starting"
    READY = "ready"
    NO_READER = "no reader"
    PERMISSION_DENIED = "permission denied"
    BUSY = "busy"
    STOPPED = "stopped"
    FAILED = "failed"  # the reader thread died of a bug (logged with its traceback)


PERMISSION_ADVICE = (
    "This user may not use the NFC reader {where}. Install the udev rule from "
    "docs/hardware.md (or add the user to the 'plugdev' group), then unplug and replug it."
)
BUSY_ADVICE = (
    "The NFC reader {where} is held by another program. Stop pcscd "
    "(sudo systemctl stop pcscd.socket pcscd) or unload the kernel driver "
    "(sudo modprobe -r pn533_usb port100) and blacklist it, as docs/hardware.md explains."
)
NO_READER_ADVICE = (
    "No NFC reader found on '{path}'. Plug the reader in, or set the reader path in settings "
    "(usb, usb:VID:PID, tty:PORT:DRIVER, or udp:127.0.0.1:PORT for the simulated tap)."
)


@dataclass(frozen=True, slots=True)
class UsbReader:
    """A USB device nfcpy has a driver for."""

    vendor: int
    product: int
    bus: int
    address: int
    driver: str

    @property
    def path(self) -> str:
        return f"usb:{self.bus:03d}:{self.address:03d}"

    @property
    def device_node(self) -> str:
        return f"/dev/bus/usb/{self.bus:03d}/{self.address:03d}"

    @property
    def accessible(self) -> bool:
        return os.access(self.device_node, os.R_OK | os.W_OK)


def find_usb_readers(path: str = "usb") -> list[UsbReader]:
    """Supported readers on USB matching ``path``; empty if there are none or no libusb."""
    try:
        from nfc.clf import device, transport

        found = transport.USB.find(path) or []
    except Exception:
        log.debug("cannot enumerate USB devices", exc_info=True)
        return []
    return [
        UsbReader(vid, pid, int(bus), int(dev), device.usb_device_map[(vid, pid)])
        for vid, pid, bus, dev in found
        if (vid, pid) in device.usb_device_map
    ]


def diagnose_reader(path: str, error: int | None = None) -> tuple[ReaderState, str]:
    """State and advice after opening ``path`` failed, with ``error`` the OSError errno if any."""
    if error == errno_codes.EACCES:
        return ReaderState.PERMISSION_DENIED, PERMISSION_ADVICE.format(where=f"on '{path}'")
    if error == errno_codes.EBUSY:
        return ReaderState.BUSY, BUSY_ADVICE.format(where=f"on '{path}'")
    if path.startswith("usb"):
        readers = find_usb_readers(path)
        for reader in readers:
            if not reader.accessible:
                return ReaderState.PERMISSION_DENIED, PERMISSION_ADVICE.format(
                    where=f"at {reader.device_node}"
                )
        if readers:
            return ReaderState.BUSY, BUSY_ADVICE.format(where=f"at {readers[0].path}")
    return ReaderState.NO_READER, NO_READER_ADVICE.format(path=path)
