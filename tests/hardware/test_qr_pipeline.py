"""The default pipeline: one quick zxing-cpp pass, then crop passes where a code seems to be."""

from __future__ import annotations

import numpy as np
import pytest

from hardware import frame_effects
from hardware.qr_decoder import ZxingDecoder, make_decoder
from hardware.qr_frames import Degradation, render_codes_frame, render_qr_frame
from hardware.qr_locator import code_like_regions
from hardware.qr_pipeline import QrPipeline

URL = "https://vvd.bz/ZJLF0399WQBEQZJM"


def test_make_decoder_gives_the_pipeline_and_raw_gives_the_library():
    assert isinstance(make_decoder("zxing"), QrPipeline)
    assert isinstance(make_decoder("zxing", raw=True), ZxingDecoder)


def test_a_clean_code_is_read_by_the_first_pass():
    found = QrPipeline().decode(render_qr_frame(URL, (1280, 720), 0.3))
    assert [(d.payload, d.found_by) for d in found] == [(URL, "frame")]


@pytest.mark.parametrize("generator", ["qrcode", "segno"])
def test_an_inverted_code_is_read_from_a_crop(generator):
    frame = render_qr_frame(URL, (640, 480), 0.35, center=(0.7, 0.4),
                            degradation=Degradation(inverted=True), generator=generator)
    assert ZxingDecoder().decode(frame, "global", thorough=False) == []  # the quick pass cannot
    found = QrPipeline().decode(frame)
    assert [(d.payload, d.found_by) for d in found] == [(URL, "crop")]
    xs = [x for x, _ in found[0].corners]
    assert 0.7 * 640 - 0.35 * 480 / 2 < min(xs) < max(xs) < 0.7 * 640 + 0.35 * 480 / 2  # in frame


def test_a_motion_blurred_code_is_deblurred():
    rescued = 0
    for seed in range(12):
        frame = render_qr_frame(URL, (640, 480), 0.4, degradation=Degradation(motion=11),
                                rng=np.random.default_rng(seed))
        if ZxingDecoder().decode(frame):
            continue
        found = QrPipeline().decode(frame)
        assert [d.payload for d in found] in ([], [URL])
        rescued += any(d.found_by == "crop, motion deblurred" for d in found)
    assert rescued >= 2


def test_frames_without_a_code_read_nothing():
    rng = np.random.default_rng(4)
    for size in ((640, 480), (1280, 720)):
        plain = np.full(size[::-1], 150.0, np.float32)
        busy = render_codes_frame([], size, base=frame_effects.clutter(plain, rng), rng=rng)
        assert QrPipeline().decode(busy) == []
        assert QrPipeline().decode(np.full((size[1], size[0], 3), 140, np.uint8)) == []


def test_the_locator_finds_a_blurred_code_and_ignores_a_flat_frame():
    frame = render_qr_frame(URL, (1280, 720), 0.3, center=(0.25, 0.6),
                            degradation=Degradation(blur=2.5))
    gray = frame[:, :, 0]
    (x0, y0, x1, y1), = code_like_regions(gray)
    assert x0 < 0.25 * 1280 < x1 and y0 < 0.6 * 720 < y1
    assert code_like_regions(np.full((720, 1280), 128, np.uint8)) == []
