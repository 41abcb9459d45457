"""The GUI thread never blocks: a heartbeat timer keeps ticking while the camera decodes a
video, a slow task runs on the worker, and the sync bridge is flooded from another thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QTimer

from hardware.camera import CameraSource
from hardware.demo_video import generate_demo_video
from hardware.scanner import CameraScanner
from server import demo_data as demo


class Heartbeat:
    """Counts ticks of a 10 ms timer; the largest gap between ticks is the worst stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.clock = QElapsedTimer()
        self.ticks = 0
        self.worst_ms = 0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst_ms = max(self.worst_ms, self.clock.restart())
        self.ticks += 1


def test_gui_keeps_ticking_while_devices_and_work_run(qtbot, counter, tmp_path: Path):  # type: ignore[no-untyped-def]
    video = generate_demo_video(tmp_path / "v.avi", [demo.CARD_NEAR_REWARD, demo.CARD_PASSPORT],
                                seconds_per_code=1.0, gap_seconds=0.3, fps=30)
    scanner = CameraScanner(CameraSource(str(video), counter.scanner.on_camera_state),
                            counter.scanner.on_scan)
    beat = Heartbeat()
    beat.start()
    slow_done = threading.Event()
    counter.ctx.runner.run(lambda: time.sleep(0.5), on_done=lambda _r: slow_done.set())

    def flood() -> None:
        for _ in range(2000):
            counter.sync.on_state(None)

    flooder = threading.Thread(target=flood)
    scanner.start()
    flooder.start()
    try:
        qtbot.waitUntil(lambda: counter.scanner.scans_received >= 2 and slow_done.is_set(),
                        timeout=20_000)
        flooder.join(10)
        ticks_before = beat.ticks
        qtbot.waitUntil(lambda: beat.ticks > ticks_before + 5)
    finally:
        scanner.stop()
        beat.timer.stop()
    # the timer kept firing all along: no stall anywhere near the 0.5 s worker task
    assert beat.ticks > 20
    assert beat.worst_ms < 400, f"GUI thread stalled for {beat.worst_ms} ms"
