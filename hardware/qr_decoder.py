"""QR decoders behind one small interface, one class per library.

zxing-cpp is the default (fastest, reads the most), run through ``hardware.qr_pipeline`` which
adds passes only where a frame shows evidence of a code; pyzbar and OpenCV's detector are there
to compare and as fall-backs.  Decoders are not thread-safe: give each worker thread its own.
A payload is ``str`` when its bytes are valid UTF-8, else the raw ``bytes``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from hardware.errors import DecoderUnavailableError

log = logging.getLogger(__name__)

Point = tuple[float, float]

DECODER_NAMES = ("zxing", "pyzbar", "opencv")
DEFAULT_DECODER = "zxing"


@dataclass(frozen=True, slots=True)
class Decoded:
    """One code found in a frame: its payload, its corners in frame pixels, and which pass of
    the decoder found it (``"frame"``: the first, plain pass)."""

    payload: str | bytes
    corners: tuple[Point, ...]
    found_by: str = "frame"


class Decoder(Protocol):
    name: str

    def decode(self, image: np.ndarray) -> list[Decoded]:
        """Every QR code readable in a BGR or grayscale frame (empty list if none)."""
        ...


def payload_from_bytes(raw: bytes) -> str | bytes:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


_TEXT_CONTROLS = {"\t", "\n", "\r"}


def payload_from_text_bytes(raw: bytes) -> str | bytes:
    """Undo zbar's and OpenCV's habit of returning a binary payload as Latin-1 text in UTF-8.

    Text holding control characters (C0 or C1) cannot be what a person encoded, so it is taken
    as bytes that were widened one-to-one; real UTF-8 text such as "Café" stays text.
    """
    payload = payload_from_bytes(raw)
    if isinstance(payload, bytes):
        return payload
    widened = any(
        (ord(c) < 0x20 and c not in _TEXT_CONTROLS) or 0x7F <= ord(c) < 0xA0 for c in payload
    )
    if widened and all(ord(c) < 0x100 for c in payload):
        return payload.encode("latin-1")
    return payload


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


class ZxingDecoder:
    name = "zxing"

    def __init__(self) -> None:
        import zxingcpp

        self._zxing = zxingcpp
        self._formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        self._binarizers = {
            "local": zxingcpp.Binarizer.LocalAverage,  # zxing-cpp's default
            "global": zxingcpp.Binarizer.GlobalHistogram,
            "fixed": zxingcpp.Binarizer.FixedThreshold,
        }

    def decode(self, image: np.ndarray, binarizer: str = "local",
               thorough: bool = True) -> list[Decoded]:
        """The codes zxing-cpp reads with the binarizer named ``local`` (its default), ``global``
        or ``fixed``; ``thorough`` (its default) also tries the inverted image and downscaled
        copies, which doubles the cost of a frame with no code."""
        results = self._zxing.read_barcodes(
            to_gray(image), formats=self._formats, binarizer=self._binarizers[binarizer],
            try_invert=thorough, try_downscale=thorough,
        )
        found = []
        for result in results:
            if not result.valid:
                continue
            pos = result.position
            corners = tuple(
                (float(p.x), float(p.y))
                for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
            )
            found.append(Decoded(payload_from_bytes(bytes(result.bytes)), corners))
        return found


class PyzbarDecoder:
    """zbar via pyzbar.  It must be fed grayscale: on a 3-channel array it reads one channel."""

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            from pyzbar import pyzbar
        except ImportError as exc:  # raised when libzbar0 is missing
            raise DecoderUnavailableError(
                "The pyzbar decoder needs the zbar library: install the libzbar0 package, "
                "or choose the zxing decoder in settings."
            ) from exc
        self._pyzbar = pyzbar
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]

    def decode(self, image: np.ndarray) -> list[Decoded]:
        results = self._pyzbar.decode(to_gray(image), symbols=self._symbols)
        return [
            Decoded(
                payload_from_text_bytes(bytes(r.data)),
                tuple((float(p.x), float(p.y)) for p in r.polygon),
            )
            for r in results
        ]


class OpenCvDecoder:
    name = "opencv"

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetector()

    def decode(self, image: np.ndarray) -> list[Decoded]:
        gray = to_gray(image)
        try:
            ok, payloads, points, _ = self._detector.detectAndDecodeBytesMulti(gray)
        except cv2.error:
            log.debug("OpenCV QR detector failed on a frame", exc_info=True)
            return []
        if not ok or points is None:
            return []
        found = []
        for raw, quad in zip(payloads, points, strict=False):
            data = bytes(raw)
            if data:
                corners = tuple((float(x), float(y)) for x, y in quad)
                found.append(Decoded(payload_from_text_bytes(data), corners))
        return found


_DECODERS: dict[str, type[ZxingDecoder] | type[PyzbarDecoder] | type[OpenCvDecoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
    "opencv": OpenCvDecoder,
}


def make_decoder(name: str = DEFAULT_DECODER, raw: bool = False) -> Decoder:
    """A fresh decoder by settings name (``zxing``, ``pyzbar`` or ``opencv``).

    ``zxing`` is the pipeline of ``hardware.qr_pipeline`` unless ``raw`` asks for the bare
    library (the bench compares the two); pyzbar and OpenCV are always the bare library.
    """
    try:
        cls = _DECODERS[name]
    except KeyError:
        raise ValueError(
            f"unknown QR decoder {name!r}; choose one of {', '.join(DECODER_NAMES)}"
        ) from None
    if name == "zxing" and not raw:
        from hardware.qr_pipeline import QrPipeline  # it builds on this module's ZxingDecoder

        return QrPipeline()
    decoder: Decoder = cls()
    return decoder
