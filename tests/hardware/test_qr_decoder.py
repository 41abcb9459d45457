"""Every decoder on QR codes written into an MJPG video and read back through OpenCV."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.qr_decoder import (
    DECODER_NAMES,
    PyzbarDecoder,
    make_decoder,
    payload_from_text_bytes,
)
from hardware.qr_frames import Degradation, render_qr_frame
from hardware.video_files import write_video

URL = "https://vvd.bz/s/ZJLF0399WQBEQZJM"
UTF8 = "Carte fidélité — Café 5★"
BINARY = bytes(range(200, 256)) + b"\x00\x01\xff"

# (label, qr height fraction, frame size, degradation)
CASES = [
    ("small clean", 0.2, (640, 480), Degradation()),
    ("large clean", 0.6, (640, 480), Degradation()),
    ("blur", 0.35, (640, 480), Degradation(blur=1.2)),
    ("noise", 0.35, (640, 480), Degradation(noise=8)),
    ("rotation", 0.35, (640, 480), Degradation(rotation=25)),
    ("perspective", 0.35, (640, 480), Degradation(perspective=0.08)),
    ("low contrast", 0.35, (640, 480), Degradation(contrast=0.3)),
    ("720p mixed", 0.3, (1280, 720), Degradation(blur=0.8, noise=4, rotation=-12)),
]


def _read_all(path: Path) -> list[np.ndarray]:
    cap = cv2.VideoCapture(str(path))
    frames = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(frame)
    cap.release()
    return frames


@pytest.fixture(scope="module")
def video_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[np.ndarray]]:
    """Per frame size, the cases rendered into an MJPG .avi and read back by OpenCV."""
    rng = np.random.default_rng(5)
    out: dict[str, list[np.ndarray]] = {}
    directory = tmp_path_factory.mktemp("qr")
    for size in {c[2] for c in CASES}:
        frames = [
            render_qr_frame(URL, size, frac, degradation=deg, rng=rng)
            for _, frac, s, deg in CASES
            if s == size
        ]
        path = write_video(directory / f"cases-{size[0]}.avi", frames, fps=10)
        out[f"{size[0]}"] = _read_all(path)
        assert len(out[f"{size[0]}"]) == len(frames)
    return out


def _cases_with_frames(video_frames: dict[str, list[np.ndarray]]):
    counters: dict[str, int] = {}
    for label, _, size, _ in CASES:
        key = f"{size[0]}"
        i = counters.get(key, 0)
        counters[key] = i + 1
        yield label, video_frames[key][i]


def test_zxing_reads_every_case_from_the_video(video_frames):
    decoder = make_decoder("zxing")
    for label, frame in _cases_with_frames(video_frames):
        found = decoder.decode(frame)
        assert [d.payload for d in found] == [URL], label
        assert len(found[0].corners) == 4


@pytest.mark.parametrize("name", ["pyzbar", "opencv"])
def test_other_decoders_read_clean_frames_and_never_misread(video_frames, name):
    decoder = make_decoder(name)
    read = {}
    for label, frame in _cases_with_frames(video_frames):
        payloads = [d.payload for d in decoder.decode(frame)]
        assert payloads in ([], [URL]), label
        read[label] = bool(payloads)
    assert read["large clean"] and read["low contrast"]  # OpenCV misses small codes


@pytest.mark.parametrize("name", DECODER_NAMES)
@pytest.mark.parametrize("payload", [UTF8, BINARY], ids=["utf8", "binary"])
def test_utf8_and_binary_payloads(tmp_path, name, payload):
    frame = render_qr_frame(payload, (640, 480), 0.5)
    path = write_video(tmp_path / "p.avi", [frame, frame], fps=10)
    decoded = make_decoder(name).decode(_read_all(path)[0])
    assert [d.payload for d in decoded] == [payload]
    assert isinstance(decoded[0].payload, type(payload))


def test_pyzbar_and_opencv_latin1_text_is_undone_only_for_binary():
    assert payload_from_text_bytes("Café".encode()) == "Café"
    assert payload_from_text_bytes("\x00ÿ".encode()) == b"\x00\xff"
    assert payload_from_text_bytes(b"\xff\xfe") == b"\xff\xfe"


def test_no_code_gives_nothing():
    blank = np.full((480, 640, 3), 140, np.uint8)
    for name in DECODER_NAMES:
        assert make_decoder(name).decode(blank) == []


def test_pyzbar_sees_grayscale_even_from_colour_frames():
    frame = render_qr_frame(URL, (640, 480), 0.4)
    frame[:, :, 0] = 255  # a blue cast that hides the code from the first channel alone
    assert [d.payload for d in PyzbarDecoder().decode(frame)] == [URL]


def test_unknown_decoder_name():
    with pytest.raises(ValueError, match="zxing"):
        make_decoder("quagga")
