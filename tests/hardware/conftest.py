"""Shared fixtures: QR videos written with OpenCV, and free UDP ports for nfcpy's UDP driver."""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from hardware.qr_frames import CLEAN, Degradation, blank_frame, render_qr_frame
from hardware.video_files import write_video

FPS = 15


@pytest.fixture
def udp_port() -> int:
    """A UDP port free right now on 127.0.0.1 (the emulated tag binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Segment = tuple[str | bytes | None, float]  # payload (None = empty counter), seconds


def frames_for(
    segments: Sequence[Segment],
    fps: int = FPS,
    size: tuple[int, int] = (640, 480),
    degradation: Degradation = CLEAN,
) -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    frames = []
    for payload, seconds in segments:
        for i in range(round(seconds * fps)):
            if payload is None:
                frames.append(blank_frame(size))
            else:
                wobble = 0.02 * np.sin(i / 5)
                frames.append(
                    render_qr_frame(
                        payload,
                        size,
                        0.4,
                        center=(0.5 + wobble, 0.5),
                        degradation=degradation,
                        rng=rng,
                    )
                )
    return frames


@pytest.fixture
def make_video(tmp_path: Path) -> Callable[..., Path]:
    """``make_video(segments, name=...)``: an MJPG .avi showing each payload for its seconds."""
    counter = iter(range(1000))

    def make(segments: Sequence[Segment], name: str | None = None, **kwargs: object) -> Path:
        path = tmp_path / (name or f"video-{next(counter)}.avi")
        fps = int(kwargs.pop("fps", FPS))  # type: ignore[call-overload]
        return write_video(path, frames_for(segments, fps=fps, **kwargs), fps)  # type: ignore[arg-type]

    return make
