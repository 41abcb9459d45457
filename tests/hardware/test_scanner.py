"""The camera pipeline end to end on MJPG videos: camera -> decoder thread -> debounce -> Scan."""

from __future__ import annotations

import threading

import pytest

from hardware.camera import CameraSource
from hardware.debounce import DebounceSettings
from hardware.qr_decoder import make_decoder
from hardware.qr_frames import Degradation
from hardware.scan import Scan, ScanSource
from hardware.scanner import CameraScanner, PreviewFrame

A = "https://vvd.bz/s/ZJLF0399WQBEQZJM"
B = "https://vvd.bz/s/QQ11WW22EE33RR44"


def run_video(path, realtime=False, **kwargs) -> tuple[list[Scan], CameraScanner]:
    scans: list[Scan] = []
    scanner = CameraScanner(CameraSource(str(path), realtime=realtime), scans.append, **kwargs)
    scanner.start()
    assert scanner.wait_finished(30)
    scanner.stop()
    return scans, scanner


def test_card_in_view_for_three_seconds_is_exactly_one_scan(make_video):
    path = make_video([(None, 0.4), (A, 3.0), (None, 0.4)])  # 6 + 45 + 6 frames
    scans, scanner = run_video(path)
    assert scanner.frames_decoded == 57
    assert [s.payload for s in scans] == [A]
    assert scans[0].source == ScanSource.CAMERA and not scans[0].nfc_uid


def test_three_seconds_in_view_played_in_real_time_is_one_scan(make_video):
    path = make_video([(A, 3.0)], fps=10)
    scans, _ = run_video(path, realtime=True)
    assert [s.payload for s in scans] == [A]


@pytest.mark.parametrize("decoder", ["zxing", "pyzbar", "opencv"])
def test_each_decoder_in_the_pipeline(make_video, decoder):
    path = make_video([(A, 1.0), (None, 0.5), (B, 1.0)], size=(640, 480))
    scans, _ = run_video(path, decoder=make_decoder(decoder))
    assert [s.payload for s in scans] == [A, B]


def test_two_cards_and_the_same_card_again_after_the_hold(make_video):
    path = make_video([(A, 1.0), (None, 0.4), (B, 1.0), (None, 0.4), (A, 1.0)])
    scans, _ = run_video(path, debounce=DebounceSettings(hold=0.3))
    assert [s.payload for s in scans] == [A, B, A]


def test_same_card_back_within_the_hold_is_ignored(make_video):
    path = make_video([(A, 1.0), (None, 1.0), (A, 1.0)])
    scans, _ = run_video(path)
    assert [s.payload for s in scans] == [A]


def test_a_single_flash_of_a_code_is_not_a_scan(make_video):
    path = make_video([(None, 0.5), (A, 1 / 15), (None, 0.5)])
    scans, _ = run_video(path)
    assert scans == []


def test_degraded_video_still_scans(make_video):
    degraded = Degradation(blur=1.0, noise=6, rotation=20, perspective=0.06, contrast=0.35)
    path = make_video([(A, 1.5)], degradation=degraded)
    scans, _ = run_video(path)
    assert [s.payload for s in scans] == [A]


def test_scan_time_is_the_arrival_of_the_confirming_frame(make_video):
    path = make_video([(None, 1.0), (A, 1.0), (None, 1.0), (B, 1.0)])
    scans, _ = run_video(path)
    # A is confirmed by frame 16 and B by frame 46, on the video's clock (15 fps)
    assert [s.payload for s in scans] == [A, B]
    assert scans[1].time - scans[0].time == pytest.approx(30 / 15, abs=1e-6)


def test_preview_frames_are_small_outlined_and_rate_limited(make_video):
    path = make_video([(A, 2.0)])
    previews: list[PreviewFrame] = []
    lock = threading.Lock()

    def on_preview(p: PreviewFrame) -> None:
        with lock:
            previews.append(p)

    run_video(path, realtime=True, on_preview=on_preview, preview_fps=4,
              preview_width=320)
    assert 2 <= len(previews) <= 10  # 2 s at 4 previews a second (plus the first)
    sample = previews[-1]
    assert sample.image.shape == (240, 320, 3)
    assert [c.payload for c in sample.codes] == [A]
    xs = [x for x, _ in sample.codes[0].corners]
    assert max(xs) <= 320
    x, y = (int(v) for v in sample.codes[0].corners[0])
    green = sample.image[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2].reshape(-1, 3)
    assert any(px[1] > 150 and px[0] < 100 and px[2] < 100 for px in green)


def test_a_failing_callback_does_not_stop_the_scanner(make_video):
    path = make_video([(A, 1.0), (None, 0.5), (B, 1.0)])
    got: list[str | bytes] = []

    def on_scan(scan: Scan) -> None:
        got.append(scan.payload)
        raise RuntimeError("UI bug")

    scanner = CameraScanner(CameraSource(str(path), realtime=False), on_scan)
    scanner.start()
    assert scanner.wait_finished(30)
    scanner.stop()
    assert got == [A, B]


class _BuggyCamera(CameraSource):
    """A camera whose frame hand-off breaks after three frames: no real camera fails on cue,
    so this is the one place a test changes a device's code."""

    def _publish(self, image, stamp) -> None:
        if self._index >= 2:
            raise RuntimeError("bug in the frame hand-off")
        super()._publish(image, stamp)


def test_a_bug_in_the_camera_thread_is_reported_and_the_decoder_stops_waiting(
    make_video, caplog
):
    import logging

    from hardware.camera import CameraState
    from hardware.scanner import ScannerState

    path = make_video([(A, 1.0)])
    camera_reports: list[tuple[CameraState, str]] = []
    scanner_states: list[ScannerState] = []
    camera = _BuggyCamera(str(path), lambda s, m: camera_reports.append((s, m)), realtime=False)
    scanner = CameraScanner(camera, lambda _scan: None,
                            on_state=lambda s, _m: scanner_states.append(s))
    with caplog.at_level(logging.ERROR):
        scanner.start()
        assert scanner.wait_finished(10)  # the decoder does not wait forever for a frame
    state, message = camera_reports[-1]
    assert state is CameraState.FAILED
    assert message.startswith("The camera stopped after an unexpected error.")
    assert "bug in the frame hand-off" in caplog.text  # the traceback is in the log
    assert scanner.frames_decoded == 3
    assert scanner.stop(timeout=5)
    assert scanner_states == [ScannerState.RUNNING, ScannerState.STOPPED]
