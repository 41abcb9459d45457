"""Undo linear motion blur on a small crop: a card moved while it was shown.

The blur's direction is where the crop's gradients are weakest (the smaller eigenvector of the
structure tensor), and a crop whose gradients are nearly the same in every direction is not
smeared at all; the length is not known, so the caller tries a few.  Wiener deconvolution
then sharpens the modules back enough for zxing-cpp's binarizer.  Meant for crops of a few
hundred pixels: it costs two FFTs of the crop.
"""

from __future__ import annotations

import cv2
import numpy as np


def motion_direction(gray: np.ndarray) -> tuple[float, float]:
    """The direction of motion blur in degrees (0 = horizontal), and how isotropic the crop's
    gradients are (smaller eigenvalue over larger: near 1 for a sharp code, low when smeared)."""
    g = gray.astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    strongest = 0.5 * np.degrees(np.arctan2(2 * jxy, jxx - jyy))  # dominant gradient direction
    half_trace = (jxx + jyy) / 2
    spread = float(np.sqrt(max(half_trace**2 - (jxx * jyy - jxy**2), 0.0)))
    isotropy = (half_trace - spread) / (half_trace + spread) if half_trace > 0 else 1.0
    return float((strongest + 90.0) % 180.0), isotropy


def motion_kernel(length: float, angle: float) -> np.ndarray:
    """A normalised line kernel ``length`` pixels long at ``angle`` degrees."""
    size = max(3, int(np.ceil(length)) | 1)
    kernel = np.zeros((size, size), np.float32)
    centre = size // 2
    dx, dy = np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))
    for t in np.linspace(-length / 2, length / 2, max(2, int(length * 2))):
        kernel[round(centre + t * dy), round(centre + t * dx)] = 1.0
    return kernel / kernel.sum()


def wiener(gray: np.ndarray, kernel: np.ndarray, noise: float = 0.01) -> np.ndarray:
    """``gray`` deconvolved by ``kernel`` (Wiener filter with a flat noise-to-signal ratio)."""
    height, width = gray.shape[:2]
    size = kernel.shape[0]
    padded = np.zeros((height, width), np.float32)
    padded[:size, :size] = kernel
    padded = np.roll(padded, (-(size // 2), -(size // 2)), axis=(0, 1))
    k = np.fft.rfft2(padded)
    restored = np.fft.irfft2(np.fft.rfft2(gray.astype(np.float32)) * np.conj(k)
                             / (np.abs(k) ** 2 + noise), s=(height, width))
    return np.clip(restored, 0, 255).astype(np.uint8)
