"""Resolution and autofocus for a camera device, where OpenCV can ask the driver for them.

OpenCV passes ``CAP_PROP_FRAME_WIDTH``/``HEIGHT`` and ``CAP_PROP_AUTOFOCUS`` to V4L2; a camera
may ignore them or pick its nearest mode, so what it really gives is read back and said.  Video
files and streams have what they have: nothing is asked of them.  A code held close at a counter
reads best with autofocus on; a fixed-focus webcam ignores the setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import cv2

_RESOLUTION = re.compile(r"^\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*$")


class Capture(Protocol):
    """What is needed of ``cv2.VideoCapture``."""

    def set(self, prop: int, value: float) -> bool: ...

    def get(self, prop: int) -> float: ...


@dataclass(frozen=True, slots=True)
class CaptureSettings:
    """What to ask of a camera device; None leaves the camera's own choice."""

    width: int | None = None
    height: int | None = None
    autofocus: bool | None = None

    @classmethod
    def parse(cls, resolution: str = "", autofocus: str = "auto") -> CaptureSettings:
        """From the settings: ``resolution`` like ``1280x720`` (empty: the camera's own) and
        ``autofocus`` ``on``, ``off`` or ``auto`` (leave it)."""
        width = height = None
        if resolution.strip():
            match = _RESOLUTION.match(resolution)
            if match is None:
                raise ValueError(f"camera resolution {resolution!r} is not like 1280x720")
            width, height = int(match[1]), int(match[2])
        if autofocus not in ("auto", "on", "off"):
            raise ValueError(f"camera autofocus {autofocus!r} is not one of auto, on, off")
        focus = None if autofocus == "auto" else autofocus == "on"
        return cls(width, height, focus)

    @property
    def asks_anything(self) -> bool:
        return self.width is not None or self.autofocus is not None


def apply(cap: Capture, settings: CaptureSettings) -> str:
    """Ask the camera for ``settings``; a sentence saying what it gives (empty: nothing asked)."""
    if not settings.asks_anything:
        return ""
    if settings.width is not None and settings.height is not None:
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, settings.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, settings.height)
    if settings.autofocus is not None:
        cap.set(cv2.CAP_PROP_AUTOFOCUS, 1 if settings.autofocus else 0)
    width, height = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
    parts = [f"{width}x{height}"]
    if settings.width is not None and (width, height) != (settings.width, settings.height):
        parts[0] += f" (asked {settings.width}x{settings.height}; the camera has no such mode)"
    if settings.autofocus is not None:
        focus = cap.get(cv2.CAP_PROP_AUTOFOCUS)
        if focus < 0 or bool(focus) != settings.autofocus:
            parts.append("autofocus cannot be set on this camera")
        else:
            parts.append("autofocus " + ("on" if settings.autofocus else "off"))
    return "Camera running: " + ", ".join(parts) + "."
