"""The GUI thread never blocks: a heartbeat timer keeps ticking while the camera decodes a
video, the sync bridge is flooded from another thread, and a task runs on the worker. The
worker task can only finish once the heartbeat has ticked during it, so the test needs no
clock: were the GUI thread blocked, the task (and the test) would never end."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hardware.camera import CameraSource
from hardware.demo_video import generate_demo_video
from hardware.scanner import CameraScanner
from pos.ui.qt import QTimer
from server import demo_data as demo

pytestmark = pytest.mark.dates

BEATS_DURING_TASK = 10


def test_gui_keeps_ticking_while_devices_and_work_run(qtbot, counter, tmp_path: Path):  # type: ignore[no-untyped-def]
    video = generate_demo_video(tmp_path / "v.avi", [demo.CARD_NEAR_REWARD, demo.CARD_PASSPORT],
                                seconds_per_code=1.0, gap_seconds=0.3, fps=30)
    scanner = CameraScanner(CameraSource(str(video), counter.scanner.on_camera_state),
                            counter.scanner.on_scan)
    ticks: list[int] = []
    task_running = threading.Event()
    beats_seen = threading.Event()
    heartbeat = QTimer()
    heartbeat.setInterval(10)

    def beat() -> None:
        ticks.append(1)
        if task_running.is_set() and len(ticks) >= BEATS_DURING_TASK:
            beats_seen.set()

    heartbeat.timeout.connect(beat)

    def slow_task() -> int:
        ticks.clear()
        task_running.set()
        assert beats_seen.wait(30), "the GUI thread stopped ticking while the worker ran"
        return len(ticks)

    def flood() -> None:
        for _ in range(2000):
            counter.sync.on_state(None)

    result: list[int] = []
    heartbeat.start()
    scanner.start()
    flooder = threading.Thread(target=flood)
    flooder.start()
    try:
        counter.ctx.runner.run(slow_task, on_done=result.append)
        qtbot.waitUntil(lambda: bool(result) and counter.scanner.scans_received >= 2,
                        timeout=30_000)
        flooder.join(10)
    finally:
        scanner.stop()
        heartbeat.stop()
    assert result[0] >= BEATS_DURING_TASK
    assert counter.window.customer.view is not None  # the scans were shown meanwhile


def test_sync_reports_are_coalesced_to_the_latest(qtbot, counter):  # type: ignore[no-untyped-def]
    from sync.status import Connectivity, SyncStatus

    bridge = counter.sync
    delivered: list[SyncStatus] = []
    bridge.status.connect(delivered.append)

    def report() -> None:
        for left in range(5000, -1, -1):
            bridge.on_state(SyncStatus(connectivity=Connectivity.ONLINE, pending=left))

    worker = threading.Thread(target=report)
    worker.start()
    worker.join(30)
    qtbot.waitUntil(lambda: bool(delivered) and delivered[-1].pending == 0)
    assert bridge.reports_received == 5001
    assert len(delivered) < 5001  # the GUI thread did not handle every report
    qtbot.waitUntil(lambda: counter.window.status.online is True)
