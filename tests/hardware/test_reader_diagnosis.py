"""The plain messages for a reader that cannot be opened."""

from __future__ import annotations

import errno

from hardware.reader_diagnosis import ReaderState, diagnose_reader


def test_permission_denied_points_to_the_udev_rule():
    state, message = diagnose_reader("usb:054c:06c3", errno.EACCES)
    assert state == ReaderState.PERMISSION_DENIED
    assert "udev rule" in message and "plugdev" in message and "replug" in message


def test_busy_names_pcscd_and_the_kernel_driver():
    state, message = diagnose_reader("usb:072f:2200", errno.EBUSY)
    assert state == ReaderState.BUSY
    assert "pcscd" in message and "modprobe -r pn533_usb" in message


def test_no_reader_lists_the_path_forms():
    state, message = diagnose_reader("tty:USB0:arygon")
    assert state == ReaderState.NO_READER
    assert "tty:USB0:arygon" in message and "udp:127.0.0.1:PORT" in message
