"""Resolution and autofocus asked of a camera device, and what it really gives, said plainly.

A webcam cannot be plugged into a build machine, so the device is a stand-in with the two
methods of ``cv2.VideoCapture`` that are used; a video file shows that nothing is asked of it.
"""

from __future__ import annotations

import cv2
import pytest

from hardware.camera import CameraSource, CameraState
from hardware.camera_settings import CaptureSettings, apply


class Webcam:
    """A V4L2 camera as OpenCV sees it: ``modes`` it can switch to, autofocus or not."""

    def __init__(self, modes: set[tuple[int, int]], has_autofocus: bool) -> None:
        self.props = {cv2.CAP_PROP_FRAME_WIDTH: 640.0, cv2.CAP_PROP_FRAME_HEIGHT: 480.0,
                      cv2.CAP_PROP_AUTOFOCUS: 1.0 if has_autofocus else -1.0}
        self.modes, self.has_autofocus = modes, has_autofocus
        self.asked: list[tuple[int, float]] = []

    def set(self, prop: int, value: float) -> bool:
        self.asked.append((prop, value))
        if prop == cv2.CAP_PROP_AUTOFOCUS:
            if self.has_autofocus:
                self.props[prop] = value
            return self.has_autofocus
        self.props[prop] = value
        width, height = self.props[cv2.CAP_PROP_FRAME_WIDTH], self.props[cv2.CAP_PROP_FRAME_HEIGHT]
        if (int(width), int(height)) not in self.modes and prop == cv2.CAP_PROP_FRAME_HEIGHT:
            self.props[cv2.CAP_PROP_FRAME_WIDTH], self.props[prop] = 640.0, 480.0
        return True

    def get(self, prop: int) -> float:
        return self.props[prop]


def test_parse_the_settings():
    assert CaptureSettings.parse("1280x720", "on") == CaptureSettings(1280, 720, True)
    assert CaptureSettings.parse("", "auto") == CaptureSettings()
    with pytest.raises(ValueError, match="like 1280x720"):
        CaptureSettings.parse("HD")
    with pytest.raises(ValueError, match="auto, on, off"):
        CaptureSettings.parse("", "yes")


def test_a_camera_that_has_the_mode_and_autofocus_gets_both():
    cam = Webcam({(640, 480), (1280, 720)}, has_autofocus=True)
    said = apply(cam, CaptureSettings(1280, 720, False))
    assert said == "Camera running: 1280x720, autofocus off."
    assert (cv2.CAP_PROP_AUTOFOCUS, 0) in cam.asked


def test_a_camera_without_the_mode_or_autofocus_says_what_it_gives():
    cam = Webcam({(640, 480)}, has_autofocus=False)
    said = apply(cam, CaptureSettings(1920, 1080, True))
    assert "640x480 (asked 1920x1080; the camera has no such mode)" in said
    assert "autofocus cannot be set on this camera" in said


def test_nothing_is_asked_when_nothing_is_set():
    cam = Webcam({(640, 480)}, has_autofocus=True)
    assert apply(cam, CaptureSettings()) == "" and cam.asked == []


def test_a_video_file_is_not_asked_for_a_resolution(make_video):
    path = make_video([("https://vvd.bz/s/CAM", 0.5)])
    states: list[tuple[CameraState, str]] = []
    camera = CameraSource(str(path), lambda s, m: states.append((s, m)), realtime=False,
                          capture=CaptureSettings(1280, 720, True))
    camera.start()
    assert camera.latest(timeout=5) is not None
    camera.stop()
    assert (CameraState.RUNNING, "Camera running.") in states
