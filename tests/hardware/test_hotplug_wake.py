"""Cameras and NFC readers retry at once when udev reports a device of theirs plugged in,
instead of waiting out their back-off (30 s here, so only the event can explain a retry)."""

from __future__ import annotations

import queue
import time

from hardware.backoff import Backoff
from hardware.camera import CameraSource, CameraState
from hardware.hotplug import HotplugMonitor
from hardware.nfc_reader import NfcReader, ReaderState
from tests.hardware.test_hid_scanner import FakeUdev, UdevDevice


def wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_a_camera_retries_when_a_camera_is_plugged_in():
    udev: queue.Queue[object] = queue.Queue()
    monitor = HotplugMonitor(monitor=FakeUdev(udev))
    camera = CameraSource("/dev/video97", backoff=Backoff(initial=30.0, maximum=30.0))
    camera.watch(monitor)
    monitor.start()
    camera.start()
    try:
        wait_until(lambda: camera.state == CameraState.NO_CAMERA)
        attempts = camera.open_attempts
        udev.put(UdevDevice("add", "input", "/dev/input/event4", "keyboard"))  # not a camera
        time.sleep(0.3)
        assert camera.open_attempts == attempts
        udev.put(UdevDevice("add", "video4linux", "/dev/video97", "C920"))
        wait_until(lambda: camera.open_attempts > attempts)
    finally:
        camera.stop()
        monitor.stop()


def test_an_nfc_reader_retries_when_a_usb_device_is_plugged_in():
    udev: queue.Queue[object] = queue.Queue()
    monitor = HotplugMonitor(monitor=FakeUdev(udev))
    reader = NfcReader("usb:054c:06c3", lambda scan: None,
                       backoff=Backoff(initial=30.0, maximum=30.0))
    reader.watch(monitor)
    monitor.start()
    reader.start()
    try:
        wait_until(lambda: reader.state == ReaderState.NO_READER)
        attempts = reader.open_attempts
        udev.put(UdevDevice("add", "usb", "/dev/bus/usb/001/007", "RC-S380"))
        wait_until(lambda: reader.open_attempts > attempts)
    finally:
        reader.stop()
        monitor.stop()
