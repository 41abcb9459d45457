"""Where in a frame a QR code might be, found cheaply when zxing-cpp read nothing.

A code is a roughly square patch dense with edges.  On a quarter-size copy of the frame, the
morphological gradient is averaged, thresholded against the frame's strongest texture, and the
connected patches that are square enough, full enough, large enough and mostly ringed by flat
ground (a code's quiet zone) become candidate boxes.
It costs a fraction of a zxing-cpp pass, so the decoder can afford it on every frame where the
first pass failed; it finds blurred codes whose finder patterns zxing-cpp no longer sees.
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in frame pixels

_SCALE = 4
_KERNEL = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
_MIN_SIDE = 0.08  # of the frame height: smaller patches are text or noise
_MIN_FILL = 0.45  # share of the patch's bounding box that is textured
_MIN_LEVEL = 10.0  # grey levels: flatter than this is not a code
_RING = 0.15  # of the patch's side: the band around it that should be quiet
_MAX_RING_TEXTURE = 0.35  # share of that band that may be textured (a thumb, a phone's edge)


def code_like_regions(gray: np.ndarray, limit: int = 2) -> list[Box]:
    """Up to ``limit`` boxes, largest first, that look like a code (possibly none)."""
    height, width = gray.shape[:2]
    small = cv2.resize(gray, (width // _SCALE, height // _SCALE), interpolation=cv2.INTER_LINEAR)
    energy = cv2.blur(cv2.morphologyEx(small, cv2.MORPH_GRADIENT, _KERNEL), (5, 5))
    _, peak, _, _ = cv2.minMaxLoc(energy)
    threshold = max(_MIN_LEVEL, 0.35 * peak)
    mask = cv2.morphologyEx((energy > threshold).astype(np.uint8), cv2.MORPH_CLOSE, _KERNEL)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    rows, cols = mask.shape
    min_side = _MIN_SIDE * small.shape[0]
    found: list[tuple[int, Box]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < min_side or h < min_side or not 0.5 <= w / h <= 2.0:
            continue
        area = cv2.countNonZero(mask[y:y + h, x:x + w])
        if area < _MIN_FILL * w * h:
            continue
        r = max(2, int(_RING * max(w, h)))
        x0, y0, x1, y1 = max(0, x - r), max(0, y - r), min(cols, x + w + r), min(rows, y + h + r)
        ring = cv2.countNonZero(mask[y0:y1, x0:x1]) - area
        ring_area = (x1 - x0) * (y1 - y0) - w * h
        if ring_area and ring > _MAX_RING_TEXTURE * ring_area:
            continue
        box = (x * _SCALE, y * _SCALE, (x + w) * _SCALE, (y + h) * _SCALE)
        found.append((area, box))
    found.sort(reverse=True)
    return [box for _, box in found[:limit]]
