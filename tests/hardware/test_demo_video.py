"""The demo camera: a generated video that scans each demo card once."""

from __future__ import annotations

from hardware.camera import CameraSource
from hardware.demo_video import ensure_demo_video
from hardware.devices import SIMULATED_READER, resolve_camera, resolve_reader
from hardware.reader_diagnosis import find_usb_readers
from hardware.scan import Scan
from hardware.scanner import CameraScanner

CARDS = ["https://vvd.bz/s/DEMO0001", "https://vvd.bz/s/DEMO0002", "MEMBER-0003"]


def test_demo_video_scans_each_card_once(tmp_path):
    path = ensure_demo_video(tmp_path, CARDS, seconds_per_code=1.0, gap_seconds=0.5)
    assert path.suffix == ".avi"
    scans: list[Scan] = []
    scanner = CameraScanner(CameraSource(str(path), realtime=False), scans.append)
    scanner.start()
    assert scanner.wait_finished(60)
    scanner.stop()
    assert [s.payload for s in scans] == CARDS


def test_demo_video_is_generated_once(tmp_path):
    short = {"seconds_per_code": 0.5, "gap_seconds": 0.2}
    first = ensure_demo_video(tmp_path, CARDS[:1], **short)
    stamp = first.stat().st_mtime_ns
    assert ensure_demo_video(tmp_path, CARDS[:1], **short) == first
    assert first.stat().st_mtime_ns == stamp
    assert ensure_demo_video(tmp_path, CARDS[1:2], **short) != first


def test_auto_settings_fall_back_to_the_demo_devices():
    camera = resolve_camera("auto")
    assert camera is None or str(camera).startswith("/dev/video")
    expected = "usb" if find_usb_readers() else SIMULATED_READER
    assert resolve_reader("auto") == expected
    assert resolve_camera("/dev/video3") == "/dev/video3"
    assert resolve_reader("usb:054c:06c3") == "usb:054c:06c3"
