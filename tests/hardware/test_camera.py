"""CameraSource over real video files read by OpenCV, and its states when there is no camera."""

from __future__ import annotations

import itertools
import threading
import time

from hardware.backoff import Backoff
from hardware.camera import CameraSource, CameraSpec, CameraState, diagnose

URL = "https://vvd.bz/s/CAM"


def test_source_kinds_are_told_apart():
    assert CameraSpec.parse(0) == CameraSpec("device", 0)
    assert CameraSpec.parse("2").device_node == "/dev/video2"
    assert CameraSpec.parse("/dev/video1").kind == "device"
    assert CameraSpec.parse("rtsp://cam.local/stream").kind == "stream"
    assert CameraSpec.parse("demo.avi").kind == "file"


def test_lockstep_file_delivers_every_frame_on_the_video_clock(make_video):
    path = make_video([(URL, 1.0), (None, 1.0)])  # 30 frames at 15 fps
    states: list[CameraState] = []
    camera = CameraSource(str(path), lambda s, m: states.append(s), realtime=False)
    camera.start()
    frames = []
    last = -1
    while (frame := camera.latest(after=last, timeout=5)) is not None:
        frames.append(frame)
        last = frame.index
    camera.stop()
    assert [f.index for f in frames] == list(range(30))
    assert frames[0].image.shape == (480, 640, 3)
    steps = {round(b.time - a.time, 4) for a, b in itertools.pairwise(frames)}
    assert steps == {round(1 / 15, 4)}
    assert states == [CameraState.STARTING, CameraState.RUNNING, CameraState.ENDED,
                      CameraState.STOPPED]


def test_realtime_keeps_only_the_newest_frame(make_video):
    path = make_video([(URL, 1.0)])  # 15 frames played over one second
    camera = CameraSource(str(path), realtime=True)
    camera.start()
    seen = []
    first = camera.latest(timeout=5)
    assert first is not None
    seen.append(first.index)
    # A consumer slower than the camera: it must skip frames, never get an old one.
    while (frame := camera.latest(after=seen[-1], timeout=2)) is not None:
        seen.append(frame.index)
        threading.Event().wait(0.2)
    camera.stop()
    assert seen == sorted(set(seen))
    assert len(seen) < 15
    assert seen[-1] >= 10


def test_looping_file_starts_over(make_video):
    path = make_video([(URL, 0.4)])  # 6 frames
    camera = CameraSource(str(path), realtime=False, loop=True)
    camera.start()
    indices = []
    last = -1
    for _ in range(14):
        frame = camera.latest(after=last, timeout=5)
        assert frame is not None
        indices.append(frame.index)
        last = frame.index
    camera.stop()
    assert indices == list(range(14))
    assert camera.state == CameraState.STOPPED


def test_missing_camera_is_reported_and_retried_with_backoff():
    reports: list[tuple[CameraState, str]] = []
    camera = CameraSource(
        "/dev/video97",
        lambda state, message: reports.append((state, message)),
        backoff=Backoff(initial=0.01, maximum=0.02),
    )
    camera.start()
    deadline = time.monotonic() + 5
    while camera.open_attempts < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    camera.stop()
    assert camera.open_attempts >= 3
    assert reports[1][0] == CameraState.NO_CAMERA
    assert "/dev/video97" in reports[1][1] and "Plug the webcam in" in reports[1][1]
    assert camera.latest(timeout=0.01) is None


def test_missing_video_file_says_so(tmp_path):
    reports = []
    camera = CameraSource(str(tmp_path / "nope.avi"), lambda s, m: reports.append((s, m)))
    camera.start()
    camera.latest(timeout=0.3)
    camera.stop()
    missing = tmp_path / "nope.avi"
    assert (CameraState.NO_CAMERA, f"The video file {missing} does not exist.") in reports


def test_a_camera_node_that_exists_but_will_not_open_is_busy(tmp_path):
    node = tmp_path / "video0"
    node.write_bytes(b"")
    state, message = diagnose(CameraSpec("device", str(node)))
    assert state == CameraState.BUSY
    assert "in use by another program" in message


def test_unreachable_stream_says_what_to_check():
    state, message = diagnose(CameraSpec.parse("rtsp://127.0.0.1:9/none"))
    assert state == CameraState.NO_CAMERA
    assert "address in settings" in message
