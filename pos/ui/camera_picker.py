"""Choosing the counter's camera in settings: the cameras found on this PC (or a file or
stream typed in), each shown live with a guide box where the customer should hold the code, and
the codes it reads outlined, so the owner sees the choice works before saving it.

Finding cameras opens each one (slow), so it runs on a plain worker thread; frames come through
the scanner bridge, on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hardware.camera import CameraSource
from hardware.scanner import CameraScanner
from pos.ui.qt import (
    QColor,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QImage,
    QLabel,
    QPainter,
    QPen,
    QPixmap,
    QPushButton,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pos.ui.scanner_bridge import ScannerBridge

# The share of the picture's height the guide box covers: codes of at least ~15% of the
# height read reliably (docs/hardware.md), so the box asks for comfortably more
GUIDE_SHARE = 0.5

# ``() -> [(source, label)]``: the cameras on this machine, probed off the GUI thread
CameraLister = Callable[[], list[tuple[str, str]]]


def list_cameras() -> list[tuple[str, str]]:
    from hardware.devices import list_cameras as probe

    return [(d.path, f"{d.name} ({d.path})") for d in probe() if d.usable]


class CameraPicker(QDialog):
    """``chosen`` carries the source to save in the ``camera`` setting."""

    chosen = Signal(str)
    _found = Signal(list)

    def __init__(self, current: str, parent: QWidget | None = None, *,
                 lister: CameraLister = list_cameras) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the camera"))
        self.bridge = ScannerBridge(self)
        self.bridge.preview.connect(self.show_frame)
        self.bridge.camera_state.connect(self._camera_state)
        self._scanner: CameraScanner | None = None
        self.frames_shown = 0
        self.codes = QComboBox()
        self.codes.setEditable(True)  # a file or a stream URL can be typed in
        self.codes.setMinimumWidth(360)
        if current and current != "auto":
            self.codes.addItem(current, current)
        self.codes.addItem(self.tr("Automatic (the first camera that works)"), "auto")
        self.codes.activated.connect(lambda _i: self.start_preview(self.source()))
        try_button = QPushButton(self.tr("Show"))
        try_button.clicked.connect(lambda: self.start_preview(self.source()))
        self.view = QLabel(self.tr("Looking for cameras…"))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(QSize(480, 270))
        self.view.setStyleSheet("background: #26313c; color: #ffffff; border-radius: 8px;")
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.codes, 1)
        row.addWidget(try_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self._found.connect(self._add_found)
        threading.Thread(target=lambda: self._found.emit(lister()), name="camera-list",
                         daemon=True).start()
        self.finished.connect(lambda _r: self.stop_preview())

    def source(self) -> str:
        data = self.codes.currentData()
        text = self.codes.currentText().strip()
        if data is not None and self.codes.itemText(self.codes.currentIndex()) == text:
            return str(data)
        return text

    def _add_found(self, found: list[tuple[str, str]]) -> None:
        for source, label in found:
            if self.codes.findData(source) < 0:
                self.codes.addItem(label, source)
        if not found:
            self.state.setText(self.tr("No camera found on this PC. Plug one in, or type a "
                                       "video file or stream address."))
        if self.frames_shown == 0 and self.source() != "auto":
            self.start_preview(self.source())
        elif self.frames_shown == 0:
            self.view.setText(self.tr("Pick a camera to see it here."))

    def start_preview(self, source: str) -> None:
        self.stop_preview()
        if not source or source == "auto":
            return
        self.frames_shown = 0
        self.view.setText(self.tr("Starting the camera…"))
        camera = CameraSource(source, self.bridge.on_camera_state, loop=True)
        self._scanner = CameraScanner(camera, lambda _scan: None,
                                      on_preview=self.bridge.on_preview, preview_fps=10.0,
                                      preview_width=480)
        self._scanner.start()

    def stop_preview(self) -> None:
        if self._scanner is not None:
            self._scanner.stop(timeout=2.0)
            self._scanner = None

    def show_frame(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(
            self.view.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor("#f2c94c"), 3, Qt.PenStyle.DashLine))
        side = int(pixmap.height() * GUIDE_SHARE)
        painter.drawRect((pixmap.width() - side) // 2, (pixmap.height() - side) // 2,
                         side, side)
        painter.end()
        self.view.setPixmap(pixmap)
        self.frames_shown += 1

    def _camera_state(self, state: str, message: str) -> None:
        self.state.setText("" if state == "running" else message)

    def _accept(self) -> None:
        self.chosen.emit(self.source())
        self.accept()
