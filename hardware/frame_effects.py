"""What a counter does to a camera frame: motion, uneven light, glare, a thumb, clutter, JPEG.

Each effect works on a float32 grayscale frame (0-255, values may overshoot until the final
clip) so effects compose in any order; ``jpeg`` works on the final BGR ``uint8`` frame.  They
serve the synthetic frames of the tests and of ``bench/decode.py``.
"""

from __future__ import annotations

import cv2
import numpy as np

from hardware.deblur import motion_kernel

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in frame pixels


def motion_blur(frame: np.ndarray, length: float, angle: float) -> np.ndarray:
    """Linear motion blur over ``length`` pixels at ``angle`` degrees (a card moved while shown)."""
    return cv2.filter2D(frame, -1, motion_kernel(length, angle), borderType=cv2.BORDER_REFLECT)


def uneven_light(frame: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """A light gradient across the frame: one side keeps its level, the far side loses
    ``strength`` of it (a counter lamp on one side)."""
    height, width = frame.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    ramp = (xs / width - 0.5) * np.cos(angle) + (ys / height - 0.5) * np.sin(angle)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    return frame * (1.0 - strength * ramp)


def glare(frame: np.ndarray, centre: tuple[float, float], radius: float,
          strength: float) -> np.ndarray:
    """A specular highlight (a phone screen under a ceiling light): a bright, soft disc that
    washes the code out towards white around ``centre``."""
    height, width = frame.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    d2 = (xs - centre[0]) ** 2 + (ys - centre[1]) ** 2
    spot = strength * np.exp(-d2 / (2 * radius**2))
    return frame + (255.0 - frame) * np.clip(spot, 0, 1)


def thumb(frame: np.ndarray, code: Box, quiet: float, rng: np.random.Generator) -> np.ndarray:
    """A thumb holding the card: a skin-grey ellipse over one side's quiet zone, reaching at
    most ``quiet`` pixels into the code itself."""
    x0, y0, x1, y1 = code
    side = int(rng.integers(4))
    w, h = x1 - x0, y1 - y0
    if side == 0:  # left
        centre, axes = (x0 - quiet * 1.5, y0 + h * rng.uniform(0.3, 0.7)), (quiet * 2.5, h * 0.2)
    elif side == 1:  # right
        centre, axes = (x1 + quiet * 1.5, y0 + h * rng.uniform(0.3, 0.7)), (quiet * 2.5, h * 0.2)
    elif side == 2:  # top
        centre, axes = (x0 + w * rng.uniform(0.3, 0.7), y0 - quiet * 1.5), (w * 0.2, quiet * 2.5)
    else:  # bottom
        centre, axes = (x0 + w * rng.uniform(0.3, 0.7), y1 + quiet * 1.5), (w * 0.2, quiet * 2.5)
    out = frame.copy()
    cv2.ellipse(out, (int(centre[0]), int(centre[1])), (int(axes[0]), int(axes[1])), 0, 0, 360,
                float(rng.uniform(90, 140)), -1)
    return out


def clutter(frame: np.ndarray, rng: np.random.Generator, items: int = 40) -> np.ndarray:
    """A busy counter with no code: text, boxes, lines, stripes and checks, the shapes that
    could fool a detector into a false finder pattern."""
    out = np.clip(frame, 0, 255).astype(np.uint8)  # OpenCV draws text on 8-bit images only
    height, width = out.shape[:2]
    for _ in range(items):
        kind = int(rng.integers(5))
        x, y = int(rng.integers(width)), int(rng.integers(height))
        size = int(rng.integers(10, max(11, height // 4)))
        level = float(rng.choice([0.0, 40.0, 220.0, 255.0]))
        if kind == 0:
            cv2.putText(out, "".join(rng.choice(list("ABC123xyz#"), 6)), (x, y),
                        cv2.FONT_HERSHEY_SIMPLEX, size / 40, level, 2)
        elif kind == 1:
            cv2.rectangle(out, (x, y), (x + size, y + size), level, int(rng.integers(1, 6)))
        elif kind == 2:
            cv2.line(out, (x, y), (int(rng.integers(width)), int(rng.integers(height))), level, 2)
        elif kind == 3:  # barcode-like stripes
            for i in range(0, size, 4):
                cv2.line(out, (x + i, y), (x + i, y + size // 2), level, int(rng.integers(1, 3)))
        else:  # nested squares, the shape of a finder pattern, alone
            for k, lv in ((7, 0.0), (5, 255.0), (3, 0.0)):
                s = size * k // 14
                cv2.rectangle(out, (x - s, y - s), (x + s, y + s), lv, -1)
    return out.astype(np.float32)


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """The frame after JPEG compression at ``quality`` (a cheap MJPG webcam or a stream)."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    decoded = cv2.imdecode(data, cv2.IMREAD_UNCHANGED) if ok else None
    if decoded is None:
        raise ValueError("OpenCV could not round-trip the frame through JPEG")
    return np.asarray(decoded)
