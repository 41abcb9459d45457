"""Synthetic camera frames showing QR codes, for the demo video, the tests and the benchmarks.

A frame is a BGR ``uint8`` image like the ones ``cv2.VideoCapture`` returns; the degradations
mimic a cheap webcam at a counter (``hardware.frame_effects`` holds the effects).  Codes can be
drawn by two independent generators, ``qrcode`` and ``segno``, so a decoder is never tuned to
one generator's habits (mask choice, version, quiet zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
import qrcode.constants

from hardware import frame_effects

GENERATORS = ("qrcode", "segno")


@dataclass(frozen=True, slots=True)
class Degradation:
    """How far a frame departs from a clean, square, well-lit code (the defaults = clean)."""

    blur: float = 0.0  # Gaussian sigma in pixels
    noise: float = 0.0  # Gaussian noise sigma in grey levels
    rotation: float = 0.0  # degrees
    perspective: float = 0.0  # fraction of the code's side each corner may move
    tilt: float = 0.0  # keystone: one edge (at random) is this fraction shorter than its opposite
    contrast: float = 1.0  # 1 = black on white; 0.25 = dark grey on light grey
    level: float = 128.0  # the grey that contrast shrinks towards (low = dark grey on mid grey)
    motion: float = 0.0  # motion blur length in pixels, at a random angle
    light: float = 0.0  # uneven light: the darkest corner loses this fraction of its level
    glare: float = 0.0  # strength (0-1) of a highlight over part of the code
    inverted: bool = False  # light modules on a dark ground (a phone wallet in dark mode)
    thumb: bool = False  # a thumb over one side's quiet zone
    jpeg_quality: int = 0  # 0 = no JPEG round trip


CLEAN = Degradation()


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one code sits: its payload, height as a fraction of the frame (quiet zone
    included), and centre relative to the frame."""

    payload: str | bytes
    fraction: float = 0.4
    center: tuple[float, float] = (0.5, 0.5)


def qr_module_image(payload: str | bytes, border: int = 4, generator: str = "qrcode") -> np.ndarray:
    """The code as a grayscale image with one pixel per module, quiet zone included."""
    if generator == "segno":
        import segno

        matrix = np.array(list(segno.make_qr(payload, error="m").matrix_iter(border=border)),
                          dtype=bool)
    elif generator == "qrcode":
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
        code.add_data(payload)
        code.make(fit=True)
        matrix = np.array(code.get_matrix(), dtype=bool)
    else:
        raise ValueError(f"unknown QR generator {generator!r}; choose one of {GENERATORS}")
    return np.where(matrix, 0, 255).astype(np.uint8)


def _draw_code(frame: np.ndarray, place: Placement, degradation: Degradation,
               rng: np.random.Generator, generator: str) -> tuple[np.ndarray, np.ndarray]:
    """Warp one code onto the float frame; returns the frame and the code's four corners."""
    height, width = frame.shape[:2]
    modules = qr_module_image(place.payload, generator=generator)
    if degradation.inverted:
        modules = 255 - modules
    side = max(int(height * place.fraction), modules.shape[0])
    code = cv2.resize(modules, (side, side), interpolation=cv2.INTER_NEAREST).astype(np.float32)
    cx, cy = place.center[0] * width, place.center[1] * height
    half = side / 2
    src = np.array([[0, 0], [side, 0], [side, side], [0, side]], dtype=np.float32)
    corners = np.array(
        [[-half, -half], [half, -half], [half, half], [-half, half]], dtype=np.float32
    )
    if degradation.tilt:
        edge = int(rng.integers(4))
        a, b = corners[edge].copy(), corners[(edge + 1) % 4].copy()
        corners[edge] = a + (b - a) * degradation.tilt / 2
        corners[(edge + 1) % 4] = b + (a - b) * degradation.tilt / 2
    if degradation.perspective:
        jitter = rng.uniform(-1, 1, size=(4, 2)) * degradation.perspective * side
        corners = corners + jitter.astype(np.float32)
    theta = np.deg2rad(degradation.rotation)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    dst = (corners @ rot.T + np.array([cx, cy])).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    mask = cv2.warpPerspective(
        np.ones((side, side), np.float32), matrix, (width, height), flags=cv2.INTER_LINEAR
    )
    warped = cv2.warpPerspective(code, matrix, (width, height), flags=cv2.INTER_LINEAR)
    return frame * (1 - mask) + warped * mask, dst


def render_codes_frame(
    codes: Sequence[Placement],
    size: tuple[int, int] = (640, 480),
    degradation: Degradation = CLEAN,
    rng: np.random.Generator | None = None,
    background: int = 150,
    generator: str = "qrcode",
    base: np.ndarray | None = None,
) -> np.ndarray:
    """A ``size`` (width, height) BGR frame showing each of ``codes`` (none: an empty counter).

    ``base`` is an optional float32 grayscale scene to draw on instead of a plain ``background``.
    """
    width, height = size
    rng = rng if rng is not None else np.random.default_rng(0)
    frame: np.ndarray = (base.astype(np.float32) if base is not None
                         else np.full((height, width), float(background), dtype=np.float32))
    for place in codes:
        frame, dst = _draw_code(frame, place, degradation, rng, generator)
        x0, y0 = dst.min(axis=0)
        x1, y1 = dst.max(axis=0)
        if degradation.thumb:
            frame = frame_effects.thumb(frame, (x0, y0, x1, y1), quiet=(x1 - x0) * 4 / 37, rng=rng)
        if degradation.glare:
            spot = (rng.uniform(x0 + (x1 - x0) * 0.3, x1 - (x1 - x0) * 0.3),
                    rng.uniform(y0 + (y1 - y0) * 0.3, y1 - (y1 - y0) * 0.3))
            frame = frame_effects.glare(frame, spot, (x1 - x0) * 0.25, degradation.glare)
    if degradation.contrast != 1.0:
        frame = degradation.level + (frame - 128) * degradation.contrast
    if degradation.light:
        frame = frame_effects.uneven_light(frame, degradation.light, rng)
    if degradation.motion:
        frame = frame_effects.motion_blur(frame, degradation.motion, rng.uniform(0, 180))
    if degradation.blur:
        frame = cv2.GaussianBlur(frame, (0, 0), degradation.blur)
    if degradation.noise:
        frame = frame + rng.normal(0, degradation.noise, frame.shape).astype(np.float32)
    gray = np.clip(frame, 0, 255).astype(np.uint8)
    image: np.ndarray = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    if degradation.jpeg_quality:
        image = frame_effects.jpeg(image, degradation.jpeg_quality)
    return image


def render_qr_frame(
    payload: str | bytes,
    size: tuple[int, int] = (640, 480),
    qr_height_fraction: float = 0.4,
    center: tuple[float, float] = (0.5, 0.5),
    degradation: Degradation = CLEAN,
    rng: np.random.Generator | None = None,
    background: int = 150,
    generator: str = "qrcode",
) -> np.ndarray:
    """A ``size`` (width, height) BGR frame with the code spanning ``qr_height_fraction`` of it.

    The fraction counts the code with its quiet zone; ``center`` is relative to the frame.
    """
    return render_codes_frame([Placement(payload, qr_height_fraction, center)], size,
                              degradation, rng, background, generator)


def blank_frame(size: tuple[int, int] = (640, 480), background: int = 150) -> np.ndarray:
    """A frame with no code in it (the counter with nobody showing a card)."""
    width, height = size
    return np.full((height, width, 3), background, dtype=np.uint8)
