"""An NFC reader on nfcpy's ``ContactlessFrontend``, reading card payloads on its own thread.

Each tap gives either a :class:`~hardware.scan.Scan` (an NDEF URI or Text record, or the tag's
UID when it holds no usable NDEF) or a :class:`TagFault`; a bad tag never stops the reader.
The reader reports plug and unplug through ``on_state`` and reconnects with back-off.
"""

from __future__ import annotations

import enum
import errno
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ndef
import nfc
import nfc.clf
import nfc.tag

from hardware.backoff import Backoff
from hardware.hotplug import HotplugMonitor, RetryGate
from hardware.reader_diagnosis import ReaderState, diagnose_reader
from hardware.scan import Scan, ScanSource
from workers import WorkerThread

log = logging.getLogger(__name__)

DEFAULT_MAX_NDEF_BYTES = 2048


class TagFaultKind(enum.StrEnum):
    REMOVED = "removed"  # pulled away before it was read
    UNREADABLE = "unreadable"
    GARBAGE = "garbage"  # NDEF data that does not decode
    OVERSIZED = "oversized"


@dataclass(frozen=True, slots=True)
class TagFault:
    """A tap that gave no payload; ``message`` is a sentence for the cashier."""

    kind: TagFaultKind
    message: str
    uid: str = ""


TagResult = Scan | TagFault

_FAULT_MESSAGES = {
    TagFaultKind.REMOVED: "The card was moved away too soon. Hold it on the reader a moment.",
    TagFaultKind.UNREADABLE: "This card could not be read. Try again, or scan its QR code.",
    TagFaultKind.GARBAGE: "This card holds damaged data. Scan its QR code, or rewrite the card.",
    TagFaultKind.OVERSIZED: "This card holds too much data to be a loyalty card.",
}


def fault(kind: TagFaultKind, uid: str = "") -> TagFault:
    return TagFault(kind, _FAULT_MESSAGES[kind], uid)


def read_tag(
    tag: nfc.tag.Tag, tapped: float, max_ndef_bytes: int = DEFAULT_MAX_NDEF_BYTES
) -> TagResult:
    """What a connected nfcpy tag holds: its URI (``.iri``, not the percent-encoded ``.uri``)
    or Text record, its UID when it has no usable NDEF, or a fault."""
    uid = bytes(tag.identifier).hex().upper()
    try:
        tag_ndef = tag.ndef
        if tag_ndef is None:
            if not tag.is_present:
                return fault(TagFaultKind.REMOVED, uid)
            tag_ndef = tag.ndef  # a first read can be lost to noise; the tag is still there
        if tag_ndef is None:
            return Scan(ScanSource.NFC, uid, time=tapped, nfc_uid=True)
        if not tag_ndef.is_readable:  # e.g. a Type 3 tag torn mid-write: its data is half new
            return fault(TagFaultKind.GARBAGE, uid)
        if tag_ndef.length > max_ndef_bytes:
            return fault(TagFaultKind.OVERSIZED, uid)
        octets = tag_ndef.octets
    except (nfc.tag.TagCommandError, nfc.clf.CommunicationError):
        log.info("tag %s failed during read", uid, exc_info=True)
        removed = not _still_present(tag)
        return fault(TagFaultKind.REMOVED if removed else TagFaultKind.UNREADABLE, uid)
    if not octets:
        return Scan(ScanSource.NFC, uid, time=tapped, nfc_uid=True)
    try:
        records = list(ndef.message_decoder(octets, errors="strict"))
    except (ndef.DecodeError, ValueError, TypeError):
        log.info("tag %s holds NDEF that does not decode: %s", uid, octets[:32].hex())
        return fault(TagFaultKind.GARBAGE, uid)
    for record in records:
        if isinstance(record, ndef.UriRecord) and record.iri:
            return Scan(ScanSource.NFC, record.iri, time=tapped)
    for record in records:
        if isinstance(record, ndef.TextRecord) and record.text:
            return Scan(ScanSource.NFC, record.text, time=tapped)
    return Scan(ScanSource.NFC, uid, time=tapped, nfc_uid=True)


def _still_present(tag: nfc.tag.Tag) -> bool:
    try:
        return bool(tag.is_present)
    except Exception:
        return False


def rdwr_targets(path: str) -> list[str]:
    """Technologies to poll: the UDP driver only emulates Type 3 (212F) tags."""
    return ["212F"] if path.startswith("udp") else ["106A", "106B", "212F"]


class NfcReader(WorkerThread[ReaderState]):
    """Reads taps from the reader at ``path`` (``usb``, ``usb:VID:PID``, ``tty:…``, ``udp:…``).

    ``on_scan`` and ``on_fault`` run on the reader thread.  One tag laid on the reader is one
    read: the next read happens only after it has been taken away, and the same tag found
    again within ``same_tag_guard`` seconds of leaving is taken as never having left.
    :meth:`stop` returns within about a second plus its timeout: nfcpy looks at the stop flag
    only between polls.
    """

    title = "NFC reader"
    stop_timeout = 3.0

    def __init__(
        self,
        path: str,
        on_scan: Callable[[Scan], None],
        *,
        on_fault: Callable[[TagFault], None] | None = None,
        on_state: Callable[[ReaderState, str], None] | None = None,
        max_ndef_bytes: int = DEFAULT_MAX_NDEF_BYTES,
        backoff: Backoff | None = None,
        same_tag_guard: float = 1.0,
    ) -> None:
        super().__init__("nfc-reader", ReaderState.STOPPED)
        self.path = path
        self._on_scan = on_scan
        self._on_fault = on_fault
        self._max_ndef_bytes = max_ndef_bytes
        self._same_tag_guard = same_tag_guard
        self._last_uid = ""
        self._last_release = float("-inf")
        self._backoff = backoff or Backoff()
        if on_state is not None:
            self.add_state_listener(on_state)
        self._was_ready = False
        self.ready = threading.Event()
        self.idle = threading.Event()  # set while no tag is on the reader
        self.idle.set()
        self._retry = RetryGate()
        self.open_attempts = 0

    def watch(self, monitor: HotplugMonitor) -> None:
        """Retry at once when ``monitor`` sees a USB device plugged in."""
        monitor.subscribe("usb", self._retry.on_event)

    def _interrupt(self) -> None:
        self._retry.open()

    def _on_start(self) -> None:
        self._set_state(ReaderState.STARTING, "Looking for the NFC reader.")

    def _on_stop(self) -> None:
        self._set_state(ReaderState.STOPPED, "NFC reader stopped.")

    def _failure(self, message: str) -> tuple[ReaderState, str]:
        return ReaderState.FAILED, message

    def _set_state(self, state: ReaderState, message: str) -> bool:
        if state == ReaderState.READY:
            self.ready.set()
        else:
            self.ready.clear()
        return super()._set_state(state, message)

    def _work(self) -> None:
        while not self.stopping.is_set():
            clf = self._open()
            if clf is None:
                self._retry.wait(self._backoff.next_delay())
                continue
            self._backoff.reset()
            again = " again" if self._was_ready else ""
            self._set_state(ReaderState.READY, f"NFC reader connected{again}.")
            self._was_ready = True
            try:
                self._poll(clf)
            finally:
                clf.close()

    def _open(self) -> nfc.ContactlessFrontend | None:
        clf = nfc.ContactlessFrontend()
        self.open_attempts += 1
        try:
            if clf.open(self.path):
                return clf
            state, message = diagnose_reader(self.path)
        except OSError as exc:
            state, message = diagnose_reader(self.path, exc.errno)
        except Exception:
            log.exception("opening the NFC reader at %s failed", self.path)
            state, message = diagnose_reader(self.path, errno.ENODEV)
        if self._was_ready and state == ReaderState.NO_READER:
            message = "The NFC reader was unplugged. Plug it back in; it reconnects by itself."
        self._set_state(ReaderState(state), message)
        return None

    def _poll(self, clf: nfc.ContactlessFrontend) -> None:
        options: dict[str, Any] = {
            "targets": rdwr_targets(self.path),
            "on-connect": self._on_connect,
            "on-release": self._on_release,
            "iterations": 1,
            "interval": 0.1,
            "beep-on-connect": True,
        }
        while not self.stopping.is_set():
            result = clf.connect(rdwr=options, terminate=self.stopping.is_set)
            if result is False and not self.path.startswith("udp"):
                # nfcpy returns False on an I/O error: the reader has gone.
                return

    def _on_release(self, _tag: nfc.tag.Tag) -> bool:
        self._last_release = time.monotonic()
        self.idle.set()
        return True

    def _on_connect(self, tag: nfc.tag.Tag) -> bool:
        tapped = time.monotonic()
        self.idle.clear()
        uid = bytes(tag.identifier).hex().upper()
        if uid == self._last_uid and tapped - self._last_release < self._same_tag_guard:
            # A presence check lost to noise made the tag look removed for an instant.
            log.debug("tag %s found again %.2f s after release; not read twice", uid,
                      tapped - self._last_release)
            return True
        self._last_uid = uid
        try:
            result = read_tag(tag, tapped, self._max_ndef_bytes)
        except Exception:
            log.exception("unexpected failure reading an NFC tag")
            result = fault(TagFaultKind.UNREADABLE)
        try:
            if isinstance(result, Scan):
                self._on_scan(result)
            elif self._on_fault is not None:
                self._on_fault(result)
        except Exception:
            log.exception("NFC callback failed")
        return True  # nfcpy then waits until the tag is taken away

