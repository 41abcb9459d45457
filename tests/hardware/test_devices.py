"""Device discovery for ``stamp-pos devices``: each problem comes with what to do."""

from __future__ import annotations

from hardware.camera import CameraState
from hardware.devices import probe_camera, probe_reader
from hardware.nfc_tap import udp_path
from hardware.reader_diagnosis import ReaderState


def test_a_missing_camera_is_reported_not_raised():
    report = probe_camera("/dev/video99")
    assert (report.kind, report.state, report.usable) == ("camera", CameraState.NO_CAMERA, False)
    assert "Plug the webcam in" in report.message


def test_a_video_file_probes_as_a_working_camera(make_video):
    path = make_video([("https://vvd.bz/s/X", 0.2)])
    report = probe_camera(str(path))
    assert report.usable and report.state == CameraState.RUNNING


def test_a_missing_usb_reader_is_reported_not_raised():
    report = probe_reader("usb:ffff:fffe")
    assert (report.state, report.usable) == (ReaderState.NO_READER, False)
    assert "Plug the reader in" in report.message


def test_the_simulated_reader_opens(udp_port):
    report = probe_reader(udp_path(udp_port))
    assert report.usable and "UDP" in report.name
    assert report.to_json()["usable"] is True


def test_scanners_are_listed_likely_ones_first_with_what_to_do():
    from hardware.devices import list_scanners
    from hardware.evdev_input import InputInfo

    reports = list_scanners([InputInfo("/dev/input/event3", "AT Translated Set 2 keyboard", False),
                             InputInfo("/dev/input/event9", "Symbol Bar Code Scanner", True)])
    assert [r.path for r in reports] == ["/dev/input/event9", "/dev/input/event3"]
    assert "'scanner' setting" in reports[0].message and reports[0].usable
    (none,) = list_scanners([])
    assert none.state == "not found" and none.message
