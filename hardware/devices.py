"""Finding the cameras, NFC readers and handheld scanners on this machine, for
``stamp-pos devices`` and for the ``auto`` settings.  Each device comes with its state and, for
a problem, what to do."""

from __future__ import annotations

import glob
import logging
import re
from dataclasses import asdict, dataclass

import cv2

from hardware.camera import CameraSpec, CameraState, diagnose
from hardware.evdev_input import InputInfo, list_inputs
from hardware.nfc_tap import DEFAULT_PORT, udp_path
from hardware.reader_diagnosis import ReaderState, diagnose_reader, find_usb_readers

log = logging.getLogger(__name__)

SIMULATED_READER = udp_path(DEFAULT_PORT)
SCANNER_FOUND = "found"


@dataclass(frozen=True, slots=True)
class DeviceReport:
    kind: str  # "camera", "nfc" or "scanner"
    path: str
    name: str
    state: str
    message: str

    @property
    def usable(self) -> bool:
        return self.state in (CameraState.RUNNING, ReaderState.READY, SCANNER_FOUND)

    def to_json(self) -> dict[str, str | bool]:
        return {**asdict(self), "usable": self.usable}


def _video_nodes() -> list[str]:
    nodes = glob.glob("/dev/video*")
    return sorted(nodes, key=lambda n: int(re.sub(r"\D", "", n) or 0))


def probe_camera(node: str) -> DeviceReport:
    """Open the camera and read one frame; a failure is explained, never raised."""
    spec = CameraSpec.parse(node)
    cap = spec.open()
    try:
        ok = cap.isOpened() and cap.read()[0]
        name = cap.getBackendName() if cap.isOpened() else "camera"
    except cv2.error:
        ok, name = False, "camera"
    finally:
        cap.release()
    if ok:
        return DeviceReport("camera", node, f"{name} camera", CameraState.RUNNING, "Works.")
    state, message = diagnose(spec)
    return DeviceReport("camera", node, "camera", state, message)


def list_cameras() -> list[DeviceReport]:
    return [probe_camera(node) for node in _video_nodes()]


def probe_reader(path: str) -> DeviceReport:
    import nfc

    clf = nfc.ContactlessFrontend()
    try:
        if clf.open(path):
            name = str(clf.device) if clf.device is not None else "NFC reader"
            return DeviceReport("nfc", path, name, ReaderState.READY, "Works.")
        state, message = diagnose_reader(path)
    except OSError as exc:
        state, message = diagnose_reader(path, exc.errno)
    finally:
        clf.close()
    return DeviceReport("nfc", path, "NFC reader", state, message)


def list_readers() -> list[DeviceReport]:
    """Supported USB readers, each probed, plus the simulated reader used by the demo."""
    reports = []
    for reader in find_usb_readers():
        if reader.accessible:
            reports.append(probe_reader(reader.path))
        else:
            state, message = diagnose_reader(reader.path)
            reports.append(DeviceReport("nfc", reader.path, reader.driver, state, message))
    if not reports:
        state, message = diagnose_reader("usb")
        reports.append(DeviceReport("nfc", "usb", "USB NFC reader", state, message))
    reports.append(
        DeviceReport(
            "nfc",
            SIMULATED_READER,
            "simulated reader (UDP)",
            ReaderState.READY,
            "No real reader: 'stamp-pos tap --uri URL' taps a card on it from another "
            "terminal.",
        )
    )
    return reports


def resolve_camera(setting: str) -> int | str | None:
    """The camera source for the ``camera`` setting; ``auto`` is the first working camera,
    None when there is none (the demo then plays its video)."""
    if setting != "auto":
        return setting
    for node in _video_nodes():
        if probe_camera(node).usable:
            return node
    return None


def resolve_reader(setting: str) -> str:
    """The NFC path for the ``nfc_reader`` setting; ``auto`` is ``usb`` when a supported USB
    reader is plugged in, else the simulated UDP reader that ``stamp-pos tap`` talks to."""
    if setting != "auto":
        return setting
    return "usb" if find_usb_readers() else SIMULATED_READER


def list_scanners(inputs: list[InputInfo] | None = None) -> list[DeviceReport]:
    """Keyboard-like input devices a handheld scanner could be (``evdev``), likely scanners
    first; with none readable, one report that says why."""
    found = list_inputs() if inputs is None else inputs
    reports = [
        DeviceReport("scanner", i.path, i.name, SCANNER_FOUND,
                     "Looks like a barcode scanner: put (part of) its name in the 'scanner' "
                     "setting to read it directly." if i.likely_scanner else
                     "A keyboard, or a scanner that calls itself one.")
        for i in sorted(found, key=lambda i: not i.likely_scanner)
    ]
    if not reports:
        nodes = glob.glob("/dev/input/event*")
        message = ("No input device can be read: run 'sudo usermod -aG input $USER', then log "
                   "out and in." if nodes else
                   "No input devices here. A scanner in keyboard mode still works as a "
                   "keyboard.")
        reports.append(DeviceReport("scanner", "/dev/input", "HID scanner", "not found",
                                    message))
    return reports
