"""The frame set of ``bench/decode.py``: the conditions of issue 18, each at 640x480 and 1280x720,
with codes drawn by ``qrcode`` and by ``segno``.

Codes under a degradation span 25-45% of the frame height (a phone or card held up to a counter
webcam); the clean condition also has them at exactly 15, 25, 40 and 60%.  Every frame goes
through JPEG at quality 85, as an MJPG webcam's do (quality 30 for that condition).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from hardware import frame_effects
from hardware.qr_frames import GENERATORS, Degradation, Placement, render_codes_frame

SIZES = ((640, 480), (1280, 720))
WEBCAM_JPEG = 85

Make = Callable[[np.random.Generator], tuple[Degradation, list[float]]]


def _held(rng: np.random.Generator) -> list[float]:
    return [float(rng.uniform(0.25, 0.45))]


def _with(**fields: object) -> Make:
    def make(rng: np.random.Generator) -> tuple[Degradation, list[float]]:
        values = {k: (v(rng) if callable(v) else v) for k, v in fields.items()}
        values.setdefault("jpeg_quality", WEBCAM_JPEG)
        return Degradation(**values), _held(rng)  # type: ignore[arg-type]
    return make


def _clean_at(fraction: float) -> Make:
    return lambda rng: (Degradation(jpeg_quality=WEBCAM_JPEG), [fraction])


def _two(rng: np.random.Generator) -> tuple[Degradation, list[float]]:
    return Degradation(jpeg_quality=WEBCAM_JPEG), [float(rng.uniform(0.25, 0.35))] * 2


def _none(rng: np.random.Generator) -> tuple[Degradation, list[float]]:
    return Degradation(jpeg_quality=WEBCAM_JPEG), []


CONDITIONS: dict[str, Make] = {
    "clean 15%": _clean_at(0.15),
    "clean 25%": _clean_at(0.25),
    "clean 40%": _clean_at(0.40),
    "clean 60%": _clean_at(0.60),
    "blur σ1": _with(blur=1.0),
    "blur σ2": _with(blur=2.0),
    "motion 7px": _with(motion=7.0),
    "motion 11px": _with(motion=11.0),
    "noise": _with(noise=lambda r: r.uniform(8, 15)),
    "jpeg q30": _with(jpeg_quality=30),
    "perspective 20%": _with(tilt=0.2, rotation=lambda r: r.uniform(-10, 10)),
    "rotation ≤45°": _with(rotation=lambda r: r.uniform(-45, 45)),
    "low contrast": _with(contrast=lambda r: r.uniform(0.15, 0.25),
                          level=lambda r: r.uniform(80, 100)),
    "uneven light": _with(light=lambda r: r.uniform(0.5, 0.75)),
    "glare": _with(glare=lambda r: r.uniform(0.7, 0.9)),
    "inverted": _with(inverted=True),
    "two codes": _two,
    "thumb": _with(thumb=True),
    "clutter, no code": _none,
}
NO_CODE = "clutter, no code"


@dataclass(frozen=True)
class Sample:
    image: np.ndarray
    payloads: tuple[str, ...]
    size: tuple[int, int]
    generator: str
    condition: str


def card_url(rng: np.random.Generator) -> str:
    alphabet = list("0123456789ABCDEFGHJKLMNPQRSTVWXYZ")
    if rng.random() < 0.5:
        return "https://vvd.bz/" + "".join(rng.choice(alphabet, 16))
    return f"https://vvd.bz/s/{rng.integers(16**15):015X}?store={rng.integers(1, 99)}"


def _centres(fractions: list[float], size: tuple[int, int],
             rng: np.random.Generator) -> list[tuple[float, float]]:
    width, height = size
    if len(fractions) == 2:  # side by side, each in its own half
        return [(0.27 + rng.uniform(-0.03, 0.03), 0.5 + rng.uniform(-0.1, 0.1)),
                (0.73 + rng.uniform(-0.03, 0.03), 0.5 + rng.uniform(-0.1, 0.1))]
    out = []
    for f in fractions:
        mx, my = (f * 0.75 + 0.02) * height / width, f * 0.75 + 0.02
        out.append((float(rng.uniform(mx, 1 - mx)), float(rng.uniform(my, 1 - my))))
    return out


def frame_set(per_cell: int, seed: int) -> list[Sample]:
    """``per_cell`` frames for every condition, size and generator."""
    rng = np.random.default_rng(seed)
    samples = []
    for condition, make in CONDITIONS.items():
        for size in SIZES:
            for generator in GENERATORS:
                for _ in range(per_cell):
                    degradation, fractions = make(rng)
                    centres = _centres(fractions, size, rng)
                    codes = [Placement(card_url(rng), f, c) for f, c in zip(fractions, centres,
                                                                             strict=True)]
                    background = int(rng.integers(110, 190))
                    base = None
                    if condition == NO_CODE:
                        plain = np.full(size[::-1], float(background), np.float32)
                        base = frame_effects.clutter(plain, rng)
                    image = render_codes_frame(codes, size, degradation, rng, background,
                                               generator, base)
                    samples.append(Sample(image, tuple(str(c.payload) for c in codes), size,
                                          generator, condition))
    return samples
