"""What every input device delivers: one :class:`Scan` per code read or card tapped.

Devices only read; turning a payload into "which card or member is this" is the domain's job
(:func:`stamps.payloads.parse_payload`).
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field


class ScanSource(enum.StrEnum):
    CAMERA = "CAMERA"
    NFC = "NFC"
    KEYBOARD = "KEYBOARD"  # a wedge scanner typing into the focused window
    SCANNER = "SCANNER"  # a HID scanner read directly (evdev), whatever has the focus


@dataclass(frozen=True, slots=True)
class Scan:
    """A payload read by a device.

    ``payload`` is text when the code decoded as UTF-8, else the raw bytes.  ``nfc_uid`` is
    True when an NFC tag had no usable NDEF and ``payload`` is its UID as upper-case hex.
    ``time`` is ``time.monotonic()`` when the frame arrived or the tag was tapped, so latency
    can be measured end to end. A scan carries no wall-clock time: business time is the
    caller's (the injected clock stamps the events a scan leads to).
    """

    source: ScanSource
    payload: str | bytes
    time: float = field(default_factory=time.monotonic)
    nfc_uid: bool = False
