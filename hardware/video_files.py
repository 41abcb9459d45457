"""Writing frames to a video file that ``cv2.VideoCapture`` reads back (MJPG in an .avi)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np


def write_video(path: str | Path, frames: Iterable[np.ndarray], fps: float) -> Path:
    """Write BGR frames of one size to an MJPG ``.avi``; returns the path written."""
    path = Path(path)
    writer: cv2.VideoWriter | None = None
    try:
        for frame in frames:
            if writer is None:
                height, width = frame.shape[:2]
                fourcc = cv2.VideoWriter.fourcc(*"MJPG")
                writer = cv2.VideoWriter(str(path), fourcc, fps, (width, height))
                if not writer.isOpened():
                    raise OSError(f"OpenCV cannot write an MJPG video to {path}")
            writer.write(frame)
    finally:
        if writer is not None:
            writer.release()
    if writer is None:
        raise ValueError("no frames to write")
    return path
