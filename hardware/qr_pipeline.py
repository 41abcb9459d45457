"""The default QR decoder: zxing-cpp on the whole frame, and more only where a code seems to be.

Most frames at a counter show no code, so the first pass must be the whole cost of such a
frame: zxing-cpp once on the whole frame with its cheap global-histogram binarizer and without
its inverted and downscaled tries (together about a third of zxing-cpp's default cost on an
empty frame).  It reads about 80% of the bench's codes.  Only when it reads nothing and there is
evidence of a code do further passes run, on a crop around the evidence, where they are cheap:

- evidence: a square patch dense with edges and ringed by a quiet zone (``hardware.qr_locator``);
- passes on a crop around it, in order, until one reads (``CROP_PASSES``).

Every pass kept here rescued codes on ``bench/decode.py``'s frame set; the candidates that
rescued nothing there were removed (docs/hardware.md lists both).  Each result says which pass
found it, in ``Decoded.found_by``.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from hardware import deblur
from hardware.qr_decoder import Decoded, ZxingDecoder, to_gray
from hardware.qr_locator import Box, code_like_regions

Pass = Callable[[ZxingDecoder, np.ndarray], list[Decoded]]

_CROP_MARGIN = 0.3  # of the box's side, so the crop holds the quiet zone
_MIN_CROP = 48  # pixels; a smaller crop cannot hold a readable code
_MOTION_LENGTHS = (6.0, 9.0, 12.0, 15.0)  # frame pixels; the length is unknown, so try a few
_MAX_MOTION_ISOTROPY = 0.45  # smeared codes measured 0.17-0.37, sharp ones and clutter 0.5-1
_DEBLUR_SIDE = 256  # pixels: larger crops are shrunk first, which keeps the FFTs cheap


def _sharpened(gray: np.ndarray) -> np.ndarray:
    soft = cv2.blur(gray, (9, 9))  # a box blur: a tenth of the cost of a Gaussian this wide
    return cv2.addWeighted(gray, 3.0, soft, -2.0, 0)


def _deblurred(zx: ZxingDecoder, crop: np.ndarray) -> list[Decoded]:
    scale = min(1.0, _DEBLUR_SIDE / max(crop.shape[:2]))
    small = crop if scale == 1.0 else cv2.resize(crop, None, fx=scale, fy=scale,
                                                 interpolation=cv2.INTER_AREA)
    angle, isotropy = deblur.motion_direction(small)
    if isotropy > _MAX_MOTION_ISOTROPY:  # not smeared in one direction: nothing to undo
        return []
    for length in _MOTION_LENGTHS:
        found = zx.decode(deblur.wiener(small, deblur.motion_kernel(length * scale, angle)))
        if found:
            return [Decoded(d.payload, tuple((x / scale, y / scale) for x, y in d.corners))
                    for d in found]
    return []


CROP_PASSES: dict[str, Pass] = {
    # zxing-cpp as it comes (local binarizer, inverted and downscaled tries): uneven light,
    # glare, inverted codes
    "crop": lambda zx, crop: zx.decode(crop),
    "crop, fixed threshold": lambda zx, crop: zx.decode(crop, binarizer="fixed"),
    "crop, sharpened": lambda zx, crop: zx.decode(_sharpened(crop), thorough=False),
    "crop, motion deblurred": _deblurred,
}
class QrPipeline:
    """zxing-cpp first; the passes of ``CROP_PASSES`` only where a code seems to be.

    ``max_regions`` crops are tried, largest candidate first: more cost time on frames full of
    clutter and rescued nothing more on the bench.
    """

    name = "zxing"

    def __init__(self, max_regions: int = 1) -> None:
        self._zx = ZxingDecoder()
        self._max_regions = max_regions

    def decode(self, image: np.ndarray) -> list[Decoded]:
        gray = np.ascontiguousarray(to_gray(image))
        found = self._zx.decode(gray, binarizer="global", thorough=False)  # the cheapest read
        return found or self._rescue(gray)

    def _rescue(self, gray: np.ndarray) -> list[Decoded]:
        for x0, y0, x1, y1 in _distinct(code_like_regions(gray), gray.shape)[: self._max_regions]:
            crop = np.ascontiguousarray(gray[y0:y1, x0:x1])
            for name, run in CROP_PASSES.items():
                found = run(self._zx, crop)
                if found:
                    return [_shifted(d, x0, y0, name) for d in found]
        return []


def _distinct(boxes: list[Box], shape: tuple[int, ...]) -> list[Box]:
    """The boxes widened by the margin and clipped to the frame, without near-duplicates."""
    height, width = shape[:2]
    out: list[Box] = []
    for x0, y0, x1, y1 in boxes:
        margin = _CROP_MARGIN * max(x1 - x0, y1 - y0)
        box = (max(0, int(x0 - margin)), max(0, int(y0 - margin)),
               min(width, int(x1 + margin)), min(height, int(y1 + margin)))
        if min(box[2] - box[0], box[3] - box[1]) < _MIN_CROP:
            continue
        if not any(_overlap(box, seen) > 0.6 for seen in out):
            out.append(box)
    return out


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller


def _shifted(d: Decoded, dx: int, dy: int, found_by: str) -> Decoded:
    return Decoded(d.payload, tuple((x + dx, y + dy) for x, y in d.corners), found_by)
