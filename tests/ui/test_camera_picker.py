"""The camera picker in settings: the cameras found are listed, the chosen one plays live with
a guide box (a real video file decoded by OpenCV stands in for the webcam), and OK puts it in
the camera setting."""

from __future__ import annotations

from pathlib import Path

from hardware.demo_video import generate_demo_video
from pos.settings import config as config_module
from pos.ui.camera_picker import CameraPicker
from pos.ui.qt import QDialogButtonBox


def test_the_chosen_camera_plays_live_and_goes_into_the_setting(app, qtbot, home: Path) -> None:  # type: ignore[no-untyped-def]
    from pos.ui.settings_dialog import SettingsDialog

    video = str(generate_demo_video(home / "counter.avi", ["https://vvd.bz/ZJLF0399WQBEQZJM"],
                                    seconds_per_code=1.0, gap_seconds=0.5))
    dialog = SettingsDialog(config_module.load())
    qtbot.addWidget(dialog)
    picker = CameraPicker("auto", dialog, lister=lambda: [(video, "USB camera (test)")])
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.codes.findData(video) >= 0)
    picker.codes.setCurrentIndex(picker.codes.findData(video))
    picker.start_preview(picker.source())
    qtbot.waitUntil(lambda: picker.frames_shown >= 3)
    assert picker.view.pixmap() is not None and not picker.view.pixmap().isNull()
    picker.chosen.connect(lambda source: dialog.set_value("camera", source))
    buttons = picker.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.value_of("camera") == video
    assert picker._scanner is None  # closing the picker stops its camera


def test_no_camera_found_says_what_to_do(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = CameraPicker("auto", lister=list)
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: "No camera found" in picker.state.text())
    picker.close()
