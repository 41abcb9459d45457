"""Errors raised by the input devices, each carrying a sentence a cashier can act on.

::

    HardwareError                  base; ``str(error)`` is the plain message to show
    ├── CameraError
    │   ├── NoCameraError          nothing at that index/path, or the camera was unplugged
    │   ├── CameraPermissionError  the user may not open /dev/videoN
    │   └── CameraBusyError        another program holds the camera
    ├── DecoderUnavailableError    the chosen QR library is missing (e.g. no libzbar0)
    ├── ScannerError
    │   ├── ScannerPermissionError  the user may not read /dev/input/eventN
    │   └── ScannerBusyError        another program grabbed the scanner
    └── NfcError
        ├── NoReaderError          no NFC reader on the configured path
        ├── ReaderPermissionError  the USB device node is not accessible
        ├── ReaderBusyError        pcscd or a kernel driver holds the reader
        └── TagWriteError          a tag could not be written or did not read back the same

Faults of a single tag (pulled away, garbage NDEF, too large) are not exceptions: the reader
reports them as :class:`hardware.nfc_reader.TagFault` results.
"""

from __future__ import annotations


class HardwareError(Exception):
    """Base of every device error; the message is a plain sentence saying what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CameraError(HardwareError):
    pass


class ScannerError(HardwareError):
    pass


class ScannerPermissionError(ScannerError):
    pass


class ScannerBusyError(ScannerError):
    pass


class NoCameraError(CameraError):
    pass


class CameraPermissionError(CameraError):
    pass


class CameraBusyError(CameraError):
    pass


class DecoderUnavailableError(HardwareError):
    pass


class NfcError(HardwareError):
    pass


class NoReaderError(NfcError):
    pass


class ReaderPermissionError(NfcError):
    pass


class ReaderBusyError(NfcError):
    pass


class TagWriteError(NfcError):
    pass
