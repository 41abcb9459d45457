"""Quitting the demo while its camera is still starting exits cleanly.

The demo video is written by OpenCV on a starter thread; a process that exited with that thread
inside OpenCV aborted ("terminate called without an active exception", exit code 134). Run in
a child process, as a cashier or the package smoke test runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from pos.app.demo import demo_payloads

pytestmark = pytest.mark.dates  # the demo is seeded relative to the day it starts


def test_quitting_while_the_demo_video_is_written_exits_cleanly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_POS_")}
    env.update(TMPDIR=str(tmp_path), HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "pos", "demo", "--offscreen", "--exit-after", "1"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "terminate called" not in done.stderr
    # The app waited for the writer: the video is finished (OpenCV writes the frame count into
    # the header when it closes the file), not cut off by the exit.
    (data,) = tmp_path.glob("stamp-pos-demo-*")
    video = cv2.VideoCapture(str(data / "demo.avi"))
    try:
        assert video.isOpened()
        assert video.get(cv2.CAP_PROP_FRAME_COUNT) >= len(demo_payloads()) * 15
    finally:
        video.release()
