"""A demo "camera": a video cycling through the demo cards' QR codes, with empty gaps."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from hardware.qr_frames import Degradation, blank_frame, render_qr_frame
from hardware.video_files import write_video


def demo_frames(
    payloads: Sequence[str | bytes],
    seconds_per_code: float = 3.0,
    gap_seconds: float = 1.5,
    fps: float = 15.0,
    size: tuple[int, int] = (640, 480),
) -> Iterator[np.ndarray]:
    """Each code held in view (drifting a little, as in a hand) then an empty counter."""
    rng = np.random.default_rng(7)
    shown = round(seconds_per_code * fps)
    gap = round(gap_seconds * fps)
    for payload in payloads:
        for i in range(shown):
            drift = 0.03 * np.sin(i / 6)
            yield render_qr_frame(
                payload,
                size,
                qr_height_fraction=0.45,
                center=(0.5 + drift, 0.5 - drift / 2),
                degradation=Degradation(rotation=8 * drift / 0.03, noise=3),
                rng=rng,
            )
        for _ in range(gap):
            yield blank_frame(size)


def generate_demo_video(
    path: str | Path,
    payloads: Sequence[str | bytes],
    seconds_per_code: float = 3.0,
    gap_seconds: float = 1.5,
    fps: float = 15.0,
    size: tuple[int, int] = (640, 480),
) -> Path:
    """Write the demo video as MJPG ``.avi`` (OpenCV here can write it, not H.264)."""
    if not payloads:
        raise ValueError("the demo video needs at least one payload")
    frames = demo_frames(payloads, seconds_per_code, gap_seconds, fps, size)
    return write_video(path, frames, fps)


def ensure_demo_video(
    directory: str | Path,
    payloads: Sequence[str | bytes],
    seconds_per_code: float = 3.0,
    gap_seconds: float = 1.5,
    fps: float = 15.0,
) -> Path:
    """The demo video for ``payloads`` in ``directory``, generated once and then reused."""
    digest = hashlib.sha256(f"{seconds_per_code}/{gap_seconds}/{fps}".encode())
    for payload in payloads:
        digest.update(b"\0" + (payload.encode() if isinstance(payload, str) else payload))
    path = Path(directory) / f"demo-cards-{digest.hexdigest()[:12]}.avi"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.avi")
        generate_demo_video(partial, payloads, seconds_per_code, gap_seconds, fps)
        partial.replace(path)
    return path
