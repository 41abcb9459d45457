"""Synthetic camera frames showing a QR code, for the demo video, the tests and the benchmarks.

A frame is a BGR ``uint8`` image like the ones ``cv2.VideoCapture`` returns; the degradations
(blur, noise, rotation, perspective, low contrast) mimic a cheap webcam at a counter.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
import qrcode.constants


@dataclass(frozen=True, slots=True)
class Degradation:
    """How far a frame departs from a clean, square, well-lit code (all zero = clean)."""

    blur: float = 0.0  # Gaussian sigma in pixels
    noise: float = 0.0  # Gaussian noise sigma in grey levels
    rotation: float = 0.0  # degrees
    perspective: float = 0.0  # fraction of the code's side each corner may move
    contrast: float = 1.0  # 1 = black on white; 0.25 = dark grey on light grey


CLEAN = Degradation()


def qr_module_image(payload: str | bytes, border: int = 4) -> np.ndarray:
    """The code as a grayscale image with one pixel per module, quiet zone included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(payload)
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=bool)
    return np.where(matrix, 0, 255).astype(np.uint8)


def render_qr_frame(
    payload: str | bytes,
    size: tuple[int, int] = (640, 480),
    qr_height_fraction: float = 0.4,
    center: tuple[float, float] = (0.5, 0.5),
    degradation: Degradation = CLEAN,
    rng: np.random.Generator | None = None,
    background: int = 150,
) -> np.ndarray:
    """A ``size`` (width, height) BGR frame with the code spanning ``qr_height_fraction`` of it.

    The fraction counts the code with its quiet zone; ``center`` is relative to the frame.
    """
    width, height = size
    rng = rng if rng is not None else np.random.default_rng(0)
    modules = qr_module_image(payload)
    side = max(int(height * qr_height_fraction), modules.shape[0])
    code = cv2.resize(modules, (side, side), interpolation=cv2.INTER_NEAREST).astype(np.float32)

    cx, cy = center[0] * width, center[1] * height
    half = side / 2
    src = np.array([[0, 0], [side, 0], [side, side], [0, side]], dtype=np.float32)
    corners = np.array(
        [[-half, -half], [half, -half], [half, half], [-half, half]], dtype=np.float32
    )
    if degradation.perspective:
        jitter = rng.uniform(-1, 1, size=(4, 2)) * degradation.perspective * side
        corners = corners + jitter.astype(np.float32)
    theta = np.deg2rad(degradation.rotation)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    dst = (corners @ rot.T + np.array([cx, cy])).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)

    frame: np.ndarray = np.full((height, width), float(background), dtype=np.float32)
    mask = cv2.warpPerspective(
        np.ones((side, side), np.float32), matrix, (width, height), flags=cv2.INTER_LINEAR
    )
    warped = cv2.warpPerspective(code, matrix, (width, height), flags=cv2.INTER_LINEAR)
    frame = frame * (1 - mask) + warped * mask

    if degradation.contrast != 1.0:
        frame = 128 + (frame - 128) * degradation.contrast
    if degradation.blur:
        frame = cv2.GaussianBlur(frame, (0, 0), degradation.blur)
    if degradation.noise:
        frame = frame + rng.normal(0, degradation.noise, frame.shape).astype(np.float32)
    gray = np.clip(frame, 0, 255).astype(np.uint8)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def blank_frame(size: tuple[int, int] = (640, 480), background: int = 150) -> np.ndarray:
    """A frame with no code in it (the counter with nobody showing a card)."""
    width, height = size
    return np.full((height, width, 3), background, dtype=np.uint8)
