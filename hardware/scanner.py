"""The camera pipeline: camera thread -> decoder worker thread -> debounce -> ``on_scan``.

Callbacks run on the worker thread; the UI wraps them in a Qt adapter.  Preview frames
(downscaled, with the decoded code outlined) are offered at most ``preview_fps`` times a second.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from hardware.camera import CameraSource, CameraState
from hardware.debounce import Debouncer, DebounceSettings
from hardware.qr_decoder import Decoded, Decoder, make_decoder
from hardware.scan import Scan, ScanSource

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PreviewFrame:
    """A small BGR image for the UI, with the outlines of the codes read in it."""

    image: np.ndarray
    codes: tuple[Decoded, ...]


def make_preview(image: np.ndarray, codes: list[Decoded], width: int) -> PreviewFrame:
    """Downscale ``image`` to ``width`` pixels wide and outline ``codes`` on it in green."""
    height, full_width = image.shape[:2]
    scale = min(1.0, width / full_width)
    small = cv2.resize(image, (round(full_width * scale), round(height * scale)))
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    scaled = tuple(
        Decoded(c.payload, tuple((x * scale, y * scale) for x, y in c.corners)) for c in codes
    )
    for code in scaled:
        pts = np.array(code.corners, dtype=np.int32).reshape(-1, 1, 2)
        cv2.polylines(small, [pts], isClosed=True, color=(0, 200, 0), thickness=2)
    return PreviewFrame(small, scaled)


class CameraScanner:
    """Reads codes from a :class:`CameraSource` and calls ``on_scan`` once per shown card."""

    def __init__(
        self,
        camera: CameraSource,
        on_scan: Callable[[Scan], None],
        *,
        decoder: Decoder | None = None,
        debounce: DebounceSettings | None = None,
        on_preview: Callable[[PreviewFrame], None] | None = None,
        preview_fps: float = 10.0,
        preview_width: int = 480,
    ) -> None:
        self.camera = camera
        self._on_scan = on_scan
        self._decoder = decoder or make_decoder()
        self._debouncer = Debouncer(debounce or DebounceSettings())
        self._on_preview = on_preview
        self._preview_interval = 1.0 / preview_fps if preview_fps > 0 else float("inf")
        self._preview_width = preview_width
        self._last_preview = float("-inf")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.frames_decoded = 0
        self.finished = threading.Event()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self.finished.clear()
        self.camera.start()
        self._thread = threading.Thread(target=self._run, name="qr-decoder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self.camera.stop(timeout)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("decoder thread did not stop within %.1f s", timeout)
            self._thread = None

    def wait_finished(self, timeout: float | None = None) -> bool:
        """For a video file: wait until every frame it delivered has been decoded."""
        return self.finished.wait(timeout)

    def _run(self) -> None:
        last = -1
        try:
            while not self._stop.is_set():
                frame = self.camera.latest(after=last, timeout=0.5)
                if frame is None:
                    if self.camera.state == CameraState.ENDED:
                        break
                    continue
                last = frame.index
                self._process(frame.image, frame.time)
        finally:
            self.finished.set()

    def _process(self, image: np.ndarray, arrived: float) -> None:
        try:
            codes = self._decoder.decode(image)
        except Exception:
            log.exception("QR decoder failed on a frame")
            codes = []
        self.frames_decoded += 1
        for payload in self._debouncer.feed([c.payload for c in codes], arrived):
            try:
                self._on_scan(Scan(ScanSource.CAMERA, payload, time=arrived))
            except Exception:
                log.exception("scan callback failed")
        if self._on_preview is not None:
            now = time.monotonic()
            if now - self._last_preview >= self._preview_interval:
                self._last_preview = now
                try:
                    self._on_preview(make_preview(image, codes, self._preview_width))
                except Exception:
                    log.exception("preview callback failed")
