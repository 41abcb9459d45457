"""A handheld HID barcode scanner read directly (``evdev``): scans arrive whatever window has
the focus, and never type into a text field.

The scanner is chosen by (part of) its device name and its keycodes are read through its own
layout (``hardware.keymaps``), so a scanner in US layout gives the right link on a French or
German computer.  Unplugged, it says so and reconnects by itself: at once when a
:class:`~hardware.hotplug.HotplugMonitor` reports an input device added, else by retrying with
back-off.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable

from hardware.backoff import Backoff
from hardware.errors import ScannerBusyError, ScannerPermissionError
from hardware.evdev_input import EvdevFinder, InputFinder, KeySource
from hardware.hotplug import HotplugMonitor, RetryGate
from hardware.keymaps import KeyDecoder, layout
from hardware.scan import Scan, ScanSource
from workers import StateListener, WorkerThread

log = logging.getLogger(__name__)


class ScannerState(enum.StrEnum):
    STARTING = "starting"
    READY = "ready"
    NOT_FOUND = "not found"
    UNSUPPORTED = "unsupported"  # no evdev here (not Linux): keyboard mode only
    PERMISSION_DENIED = "permission denied"
    BUSY = "busy"
    UNPLUGGED = "unplugged"
    STOPPED = "stopped"
    FAILED = "failed"


class HidScanner(WorkerThread[ScannerState]):
    """Delivers one :class:`Scan` (source ``SCANNER``) per code the scanner reads."""

    title = "barcode scanner"

    def __init__(self, name: str, on_scan: Callable[[Scan], None], *, keyboard: str = "us",
                 finder: InputFinder | None = None, backoff: Backoff | None = None,
                 on_state: StateListener[ScannerState] | None = None) -> None:
        super().__init__("hid-scanner", ScannerState.STARTING)
        if not name.strip():
            raise ValueError("name the scanner (part of its device name)")
        self.device_name = name
        self._on_scan = on_scan
        self._decoder = KeyDecoder(layout(keyboard))
        self._finder = finder or EvdevFinder()
        self._backoff = backoff or Backoff()
        self._retry = RetryGate()
        if on_state is not None:
            self.add_state_listener(on_state)

    def watch(self, monitor: HotplugMonitor) -> None:
        """Reconnect as soon as ``monitor`` sees an input device plugged in."""
        monitor.subscribe("input", self._retry.on_event)

    def _failure(self, message: str) -> tuple[ScannerState, str]:
        return ScannerState.FAILED, message

    def _on_start(self) -> None:
        self._set_state(ScannerState.STARTING, f"Looking for the scanner '{self.device_name}'.")

    def _interrupt(self) -> None:
        self._retry.open()

    def _on_stop(self) -> None:
        self._set_state(ScannerState.STOPPED, "Scanner stopped.")

    def _work(self) -> None:
        lost = False
        while not self.stopping.is_set():
            source = self._open(lost)
            if source is None:
                self._retry.wait(self._backoff.next_delay())
                continue
            self._backoff.reset()
            self._set_state(ScannerState.READY,
                            f"The scanner '{source.name}' is connected again." if lost
                            else f"Scanner '{source.name}' ready.")
            try:
                self._read(source)
            except OSError:
                log.info("scanner %s went away", source.path, exc_info=True)
                lost = True
                self._set_state(ScannerState.UNPLUGGED,
                                f"The scanner '{source.name}' was unplugged. Plug it in again; "
                                "it reconnects by itself.")
            finally:
                source.close()
                self._decoder.reset()

    def _open(self, lost: bool) -> KeySource | None:
        try:
            source = self._finder.open(self.device_name)
        except ScannerPermissionError as exc:
            self._set_state(ScannerState.PERMISSION_DENIED, exc.message)
            return None
        except ScannerBusyError as exc:
            self._set_state(ScannerState.BUSY, exc.message)
            return None
        except ImportError:
            log.info("python-evdev is not available", exc_info=True)
            self._set_state(ScannerState.UNSUPPORTED,
                            "This computer cannot read a scanner directly (that needs Linux). "
                            "The scanner still works in keyboard mode; clear the 'scanner' "
                            "setting.")
            self.stopping.wait()  # nothing will change until the setting does
            return None
        if source is None and not lost:
            self._set_state(ScannerState.NOT_FOUND,
                            f"No scanner named '{self.device_name}' is plugged in. Plug it in, "
                            "or choose another under Settings › Devices.")
        return source

    def _read(self, source: KeySource) -> None:
        while not self.stopping.is_set():
            for code, value in source.read(0.2):
                text = self._decoder.feed(code, value)
                if text is None:
                    continue
                try:
                    self._on_scan(Scan(ScanSource.SCANNER, text, time=time.monotonic()))
                except Exception:
                    log.exception("scan callback failed")
