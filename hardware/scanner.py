"""The camera pipeline: camera thread -> decoder worker thread -> debounce -> ``on_scan``.

Callbacks run on the worker thread; the UI wraps them in a Qt adapter.  Preview frames
(downscaled, with the decoded code outlined) are offered at most ``preview_fps`` times a second.
"""

from __future__ import annotations

import enum
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
from workers import StateListener, WorkerThread

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


class ScannerState(enum.StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    ENDED = "ended"  # a video file has been decoded to its last frame
    FAILED = "failed"  # the decoder thread died of a bug (logged with its traceback)


class CameraScanner(WorkerThread[ScannerState]):
    """Reads codes from a :class:`CameraSource` and calls ``on_scan`` once per shown card.

    Its own state (``on_state``) only says whether the decoder runs; the camera reports its
    own."""

    title = "QR code reader"

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
        on_state: StateListener[ScannerState] | None = None,
    ) -> None:
        super().__init__("qr-decoder", ScannerState.STOPPED)
        self.camera = camera
        self._on_scan = on_scan
        self._decoder = decoder or make_decoder()
        self._debouncer = Debouncer(debounce or DebounceSettings())
        self._on_preview = on_preview
        self._preview_interval = 1.0 / preview_fps if preview_fps > 0 else float("inf")
        self._preview_width = preview_width
        self._last_preview = float("-inf")
        if on_state is not None:
            self.add_state_listener(on_state)
        self.frames_decoded = 0
        self.finished = threading.Event()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop the camera, then the decoder (which stops waiting for frames at once)."""
        self.stopping.set()  # first, so the decoder does not spin on a stopped camera
        camera_stopped = self.camera.stop(timeout)
        return super().stop(timeout) and camera_stopped

    def wait_finished(self, timeout: float | None = None) -> bool:
        """For a video file: wait until every frame it delivered has been decoded."""
        return self.finished.wait(timeout)

    def _on_start(self) -> None:
        self.finished.clear()
        self.camera.start()
        self._set_state(ScannerState.RUNNING, "Reading codes from the camera.")

    def _on_stop(self) -> None:
        self._set_state(ScannerState.STOPPED, "Code reading stopped.")

    def _failure(self, message: str) -> tuple[ScannerState, str]:
        return ScannerState.FAILED, message

    def _work(self) -> None:
        last = -1
        try:
            while not self.stopping.is_set():
                frame = self.camera.latest(after=last, timeout=0.5)
                if frame is None:
                    if self.camera.state in (CameraState.ENDED, CameraState.FAILED):
                        break  # no frame will come; a failed camera reports itself
                    continue
                last = frame.index
                self._process(frame.image, frame.time)
        finally:
            self.finished.set()
        if self.camera.state is CameraState.ENDED:
            self._set_state(ScannerState.ENDED, "Every frame of the video has been read.")

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
