"""Identify by the devices, end to end: a QR code in a video played as the camera, and an NFC
tag tapped on nfcpy's UDP reader; both reach the counter through the Qt adapter on the GUI
thread and give a visible answer with a sound."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from hardware.camera import CameraSource
from hardware.debounce import DebounceSettings
from hardware.demo_video import generate_demo_video
from hardware.nfc_reader import NfcReader
from hardware.nfc_tap import EmulatedTag, TagMemory, ndef_message, udp_path
from hardware.scan import ScanSource
from hardware.scanner import CameraScanner
from server import demo_data as demo

pytestmark = pytest.mark.dates


def test_qr_code_shown_to_the_video_camera_opens_the_customer(qtbot, counter, tmp_path: Path):  # type: ignore[no-untyped-def]
    video = generate_demo_video(tmp_path / "card.avi", [demo.CARD_WITH_REWARD],
                                seconds_per_code=1.0, gap_seconds=0.2, fps=10)
    camera = CameraSource(str(video), counter.scanner.on_camera_state, realtime=False)
    scanner = CameraScanner(camera, counter.scanner.on_scan,
                            debounce=DebounceSettings(min_frames=2, window=0.5, hold=3.0),
                            on_preview=counter.scanner.on_preview, preview_fps=1000)
    with qtbot.waitSignal(counter.scanner.scanned, timeout=20_000) as got:
        scanner.start()
    try:
        assert got.args[0].source is ScanSource.CAMERA
        qtbot.waitUntil(lambda: counter.window.customer.view is not None
                        and counter.window.customer.view.title == "Budi Santoso")
        assert counter.window.banner.level == "success"
        assert counter.ctx.sounds.played[-1] == "success"
        qtbot.waitUntil(lambda: counter.window.status.camera[0] in ("running", "ended"))
        qtbot.waitUntil(lambda: counter.window.preview.frames_shown > 0)
        assert counter.window.preview.isVisible()
    finally:
        scanner.stop()


def test_nfc_tap_on_the_udp_reader_opens_the_customer(qtbot, counter):  # type: ignore[no-untyped-def]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    bridge = counter.scanner
    reader = NfcReader(udp_path(port), bridge.on_scan, on_fault=bridge.on_fault,
                       on_state=bridge.on_nfc_state)
    reader.start()
    try:
        assert reader.ready.wait(5)
        qtbot.waitUntil(lambda: counter.window.status.nfc[0] == "ready")
        tag = EmulatedTag(udp_path(port), TagMemory(ndef_message(uri=demo.DEMO_VVD_URL)))
        with qtbot.waitSignal(bridge.scanned, timeout=15_000) as got:
            tag.start(timeout=10, hold=0.3)
        tag.join(10)
        assert got.args[0].source is ScanSource.NFC
        qtbot.waitUntil(lambda: counter.window.customer.view is not None
                        and counter.window.customer.view.title == "Tom Becker")
        assert counter.window.customer.selected_card.card_instance_id == demo.CARD_VVD
    finally:
        reader.stop()
