"""A camera stream that fails reconnects with back-off: a real MJPG stream over loopback HTTP,
read by OpenCV, whose server ends the stream, then goes away, then comes back."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from hardware.backoff import Backoff
from hardware.camera import CameraSource, CameraState


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class States:
    def __init__(self) -> None:
        self.seen: list[tuple[CameraState, str]] = []
        self.lock = threading.Lock()

    def __call__(self, state: CameraState, message: str) -> None:
        with self.lock:
            self.seen.append((state, message))

    def count(self, state: CameraState) -> int:
        with self.lock:
            return sum(s == state for s, _ in self.seen)

    def wait(self, state: CameraState, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.count(state) < count:
            assert time.monotonic() < deadline, self.seen
            time.sleep(0.02)


def test_a_stream_that_ends_or_goes_away_is_reconnected(make_video):
    video = make_video([("https://vvd.bz/s/STREAM", 0.5)], name="live.avi")
    server = serve(video.parent)
    port = server.server_address[1]
    states = States()
    camera = CameraSource(f"http://127.0.0.1:{port}/live.avi", states,
                          backoff=Backoff(initial=0.05, maximum=0.2))
    camera.start()
    try:
        states.wait(CameraState.RUNNING, 2)  # the stream ended (a read error), then came back
        assert "stopped sending pictures" in next(
            m for s, m in states.seen if s == CameraState.NO_CAMERA)
        server.shutdown()
        server.server_close()
        before = camera.open_attempts
        deadline = time.monotonic() + 10
        while camera.open_attempts < before + 3:  # the server is gone: it keeps trying
            assert time.monotonic() < deadline
            time.sleep(0.02)
        running = states.count(CameraState.RUNNING)
        server = serve(video.parent, port)  # back on the same address
        states.wait(CameraState.RUNNING, running + 1)
        assert camera.latest(timeout=5) is not None
    finally:
        camera.stop()
        server.shutdown()
        server.server_close()


def test_a_video_file_that_cannot_be_read_to_its_end_is_tried_again(make_video):
    path = make_video([("https://vvd.bz/s/FILE", 2.0)])  # 30 frames
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # torn: a copy still being written, a bad disk
    states = States()
    camera = CameraSource(str(path), states, realtime=False,
                          backoff=Backoff(initial=0.05, maximum=0.1))
    camera.start()
    try:
        last, deadline = -1, time.monotonic() + 20
        while camera.state != CameraState.ENDED:
            assert time.monotonic() < deadline, states.seen
            frame = camera.latest(after=last, timeout=0.2)
            if frame is not None:
                last = frame.index
            if states.count(CameraState.NO_CAMERA) >= 2 and path.stat().st_size < len(whole):
                path.write_bytes(whole)  # the file is whole again
        torn = [m for s, m in states.seen if s == CameraState.NO_CAMERA]
        assert "could not be read to its end" in torn[0]
        assert camera.open_attempts >= 3
    finally:
        camera.stop()
