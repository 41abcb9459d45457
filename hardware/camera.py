"""A camera on OpenCV's ``VideoCapture`` that keeps only its newest frame.

The source is a device index, a ``/dev/videoN`` path, a video file or a stream URL.  A thread
reads frames as fast as the camera gives them and overwrites one slot, so a slow decoder never
works on stale frames.  When the camera is unplugged or busy the source reports its state,
waits (with back-off) and reconnects.  A video file is played at its own frame rate like a
camera, or, with ``realtime=False``, frame by frame in lock-step with the consumer and
time-stamped on the video's clock (tests use that: fast, and nothing is dropped).
"""

from __future__ import annotations

import enum
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from hardware import camera_settings
from hardware.backoff import Backoff
from hardware.camera_settings import CaptureSettings
from hardware.hotplug import HotplugMonitor, RetryGate
from workers import WorkerThread


class CameraState(enum.StrEnum):
    STARTING = "starting"
    RUNNING = "running"
    NO_CAMERA = "no camera"
    PERMISSION_DENIED = "permission denied"
    BUSY = "busy"
    ENDED = "ended"  # a video file played to its end
    STOPPED = "stopped"
    FAILED = "failed"  # the camera thread died of a bug (logged with its traceback)


StateCallback = Callable[[CameraState, str], None]


@dataclass(frozen=True, slots=True)
class Frame:
    """One captured image; ``time`` is ``time.monotonic()`` when it arrived."""

    image: np.ndarray
    time: float
    index: int


@dataclass(frozen=True, slots=True)
class CameraSpec:
    """What a camera setting points at: ``kind`` is device, file or stream."""

    kind: str
    target: int | str

    @classmethod
    def parse(cls, source: int | str) -> CameraSpec:
        if isinstance(source, int) or (isinstance(source, str) and source.isdigit()):
            return cls("device", int(source))
        if re.fullmatch(r"/dev/video\d+", source):
            return cls("device", source)
        if "://" in source:
            return cls("stream", source)
        return cls("file", source)

    @property
    def device_node(self) -> str | None:
        if self.kind != "device":
            return None
        return f"/dev/video{self.target}" if isinstance(self.target, int) else str(self.target)

    def open(self) -> cv2.VideoCapture:
        return cv2.VideoCapture(self.target)


def diagnose(spec: CameraSpec) -> tuple[CameraState, str]:
    """Why a camera could not be opened, as a state and a sentence saying what to do."""
    node = spec.device_node
    if node is not None:
        if not os.path.exists(node):
            return CameraState.NO_CAMERA, (
                f"No camera found at {node}. Plug the webcam in, or choose another camera "
                "in settings; the terminal keeps trying."
            )
        if not os.access(node, os.R_OK | os.W_OK):
            return CameraState.PERMISSION_DENIED, (
                f"This user may not open the camera {node}. Add the user to the 'video' group "
                "(sudo usermod -aG video $USER) and log in again."
            )
        return CameraState.BUSY, (
            f"The camera {node} is in use by another program. Close that program (a video "
            "call, a browser tab); the terminal reconnects by itself."
        )
    if spec.kind == "file":
        if not Path(str(spec.target)).exists():
            return CameraState.NO_CAMERA, f"The video file {spec.target} does not exist."
        return CameraState.NO_CAMERA, f"The video file {spec.target} cannot be read."
    return CameraState.NO_CAMERA, (
        f"Cannot reach the camera stream at {spec.target}. Check that the camera is on the "
        "network and the address in settings is right; the terminal keeps trying."
    )


class CameraSource(WorkerThread[CameraState]):
    """Reads a camera on its own thread; :meth:`latest` hands out the newest frame."""

    title = "camera"

    def __init__(
        self,
        source: int | str,
        on_state: StateCallback | None = None,
        *,
        realtime: bool = True,
        loop: bool = False,
        backoff: Backoff | None = None,
        capture: CaptureSettings | None = None,
    ) -> None:
        super().__init__("camera", CameraState.STOPPED)
        self.spec = CameraSpec.parse(source)
        if on_state is not None:
            self.add_state_listener(on_state)
        self._realtime = realtime or self.spec.kind != "file"
        self._loop = loop
        self._backoff = backoff or Backoff()
        self._capture = capture or CaptureSettings()
        self._retry = RetryGate()
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._taken = -1
        self._index = -1
        self.open_attempts = 0

    def latest(self, after: int = -1, timeout: float | None = None) -> Frame | None:
        """The newest frame with an index above ``after``; None on timeout, stop or end."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while True:
                frame = self._frame
                if frame is not None and frame.index > after:
                    self._taken = frame.index
                    self._cond.notify_all()
                    return frame
                if self.stopping.is_set() or self.state in (CameraState.ENDED,
                                                            CameraState.FAILED):
                    return None
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return None
                self._cond.wait(remaining)

    # -- the worker's hooks -------------------------------------------------------------------

    def _on_start(self) -> None:
        self._set_state(CameraState.STARTING, "Starting the camera.")

    def watch(self, monitor: HotplugMonitor) -> None:
        """Retry at once when ``monitor`` sees a camera plugged in."""
        monitor.subscribe("video4linux", self._retry.on_event)

    def _interrupt(self) -> None:
        self._retry.open()
        with self._cond:  # a lock-step producer or a consumer may be waiting on it
            self._cond.notify_all()

    def _on_stop(self) -> None:
        self._set_state(CameraState.STOPPED, "Camera stopped.")

    def _failure(self, message: str) -> tuple[CameraState, str]:
        return CameraState.FAILED, message

    def _set_state(self, state: CameraState, message: str) -> bool:
        changed = super()._set_state(state, message)
        with self._cond:  # latest() returns None once the video has ended
            self._cond.notify_all()
        return changed

    def _work(self) -> None:
        while not self.stopping.is_set():
            cap = self.spec.open()
            self.open_attempts += 1
            if not cap.isOpened():
                cap.release()
                self._set_state(*diagnose(self.spec))
                self._retry.wait(self._backoff.next_delay())
                continue
            try:
                ended = self._read_frames(cap)
            finally:
                cap.release()
            if ended:
                self._set_state(CameraState.ENDED, "The video has ended.")
                return
            if self.spec.kind == "file" and not self.stopping.is_set():
                self._set_state(
                    CameraState.NO_CAMERA,
                    f"The video file {self.spec.target} could not be read to its end; the "
                    "terminal tries it again.",
                )
                self._retry.wait(self._backoff.next_delay())
            elif not self.stopping.is_set():
                self._set_state(
                    CameraState.NO_CAMERA,
                    "The camera stopped sending pictures (unplugged?). Check its cable; "
                    "the terminal reconnects by itself.",
                )
                self._retry.wait(self._backoff.next_delay())

    def _read_frames(self, cap: cv2.VideoCapture) -> bool:
        """Read until stop or failure; True when a video file reached its end."""
        is_file = self.spec.kind == "file"
        said = camera_settings.apply(cap, self._capture) if self.spec.kind == "device" else ""
        fps = cap.get(cv2.CAP_PROP_FPS) if is_file else 0.0
        fps = fps if fps and fps > 0 else 15.0
        started = time.monotonic()
        played = 0
        first = True
        while not self.stopping.is_set():
            ok, image = cap.read()
            if not ok or image is None:
                if is_file and self._loop and played:
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    ok, image = cap.read()
                if not ok or image is None:
                    return is_file and played > 0 and not _torn(cap)
            if first:
                self._backoff.reset()
                self._set_state(CameraState.RUNNING, said or "Camera running.")
                first = False
            if is_file and self._realtime:
                delay = started + played / fps - time.monotonic()
                if delay > 0 and self.stopping.wait(delay):
                    return False
            stamp = time.monotonic() if self._realtime else started + played / fps
            played += 1
            self._publish(image, stamp)
        return False

    def _publish(self, image: np.ndarray, stamp: float) -> None:
        with self._cond:
            if not self._realtime:  # lock-step: wait until the consumer took the last frame
                while self._taken < self._index and not self.stopping.is_set():
                    self._cond.wait(0.5)
            self._index += 1
            self._frame = Frame(image, stamp, self._index)
            self._cond.notify_all()


def _torn(cap: cv2.VideoCapture) -> bool:
    """A video file whose reads stopped before the frame count its header gives: a read error
    (a file still being copied, a bad disk), not its end."""
    total = cap.get(cv2.CAP_PROP_FRAME_COUNT)
    return total > 0 and cap.get(cv2.CAP_PROP_POS_FRAMES) < total - 1
