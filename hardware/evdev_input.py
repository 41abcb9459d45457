"""HID barcode scanners read straight from Linux input devices (``evdev``).

A scanner is found by (part of) its name, as ``stamp-pos devices`` lists it, and grabbed: while
Stamp POS holds it, its keystrokes reach no window, so a scan never types into a text field.
``evdev`` is imported only when a device is opened or listed, so other systems and the tests
of everything else do without it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import select
from dataclasses import dataclass
from typing import Any, Protocol

from hardware.errors import ScannerBusyError, ScannerPermissionError
from hardware.keymaps import EV_KEY, KEY_ENTER

log = logging.getLogger(__name__)

_LETTER_KEYS = {30, 31, 32}  # KEY_A, KEY_S, KEY_D: something that types text
_SCANNER_WORDS = ("barcode", "scanner", "scan", "symbol", "honeywell", "zebra", "datalogic",
                  "newland", "netum", "tera", "eyoyo")


@dataclass(frozen=True, slots=True)
class InputInfo:
    """A keyboard-like input device: its node, name, and whether its name says scanner."""

    path: str
    name: str
    likely_scanner: bool


class KeySource(Protocol):
    """An opened scanner: key events until it is unplugged."""

    name: str
    path: str

    def read(self, timeout: float) -> list[tuple[int, int]]:
        """The (keycode, value) key events that arrive within ``timeout`` seconds; raises
        ``OSError`` once the device is gone."""
        ...

    def close(self) -> None: ...


class InputFinder(Protocol):
    def open(self, name: str) -> KeySource | None:
        """Open and grab the first device whose name contains ``name`` (None: no such)."""
        ...

    def list(self) -> list[InputInfo]: ...


def matches(device_name: str, wanted: str) -> bool:
    return wanted.casefold() in device_name.casefold()


class EvdevSource:
    def __init__(self, device: Any) -> None:
        self._device = device
        self.name = str(device.name)
        self.path = str(device.path)

    def read(self, timeout: float) -> list[tuple[int, int]]:
        ready, _, _ = select.select([self._device.fd], [], [], timeout)
        if not ready:
            return []
        try:
            return [(e.code, e.value) for e in self._device.read() if e.type == EV_KEY]
        except BlockingIOError:
            return []

    def close(self) -> None:
        with contextlib.suppress(OSError):  # already gone (unplugged)
            self._device.ungrab()
        self._device.close()


class EvdevFinder:
    """The real thing: ``/dev/input/event*`` through python-evdev."""

    def list(self) -> list[InputInfo]:
        import evdev

        found = []
        for path in evdev.list_devices():
            try:
                device = evdev.InputDevice(path)
            except OSError:
                continue
            try:
                keys = set(device.capabilities().get(EV_KEY, []))
                if KEY_ENTER in keys and keys >= _LETTER_KEYS:
                    name = str(device.name)
                    likely = any(word in name.casefold() for word in _SCANNER_WORDS)
                    found.append(InputInfo(path, name, likely))
            finally:
                device.close()
        return found

    def open(self, name: str) -> KeySource | None:
        import evdev

        for info in self.list():
            if not matches(info.name, name):
                continue
            try:
                device = evdev.InputDevice(info.path)
            except PermissionError as exc:
                raise ScannerPermissionError(
                    f"This user may not read the scanner '{info.name}' ({info.path}). Run "
                    "'sudo usermod -aG input $USER', then log out and in again.") from exc
            try:
                device.grab()
            except OSError as exc:
                device.close()
                if exc.errno == errno.EBUSY:
                    raise ScannerBusyError(
                        f"Another program holds the scanner '{info.name}'. Close it, or "
                        "unplug and replug the scanner.") from exc
                raise
            log.info("grabbed scanner %s at %s", info.name, info.path)
            return EvdevSource(device)
        return None


def list_inputs() -> list[InputInfo]:
    """Keyboard-like input devices, for ``stamp-pos devices``; empty where evdev is missing or
    this is not Linux."""
    try:
        return EvdevFinder().list()
    except (ImportError, OSError):
        log.debug("cannot list input devices", exc_info=True)
        return []
