"""A small live view of the camera, so the cashier sees where to hold the card; decoded codes
come outlined in green (drawn by the scanner on its own thread)."""

from __future__ import annotations

from pos.ui.qt import QEvent, QImage, QLabel, QPixmap, QSize, QSizePolicy, Qt, QWidget


class CameraPreview(QLabel):
    def __init__(self, parent: QWidget | None = None, size: QSize | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self._size = size or QSize(240, 180)
        self.setFixedSize(self._size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("background: #26313c; color: #ffffff; border-radius: 8px;")
        self.frames_shown = 0
        self.retranslate()

    def show_frame(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(
            self._size, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation)
        self.setPixmap(pixmap)
        self.frames_shown += 1

    def retranslate(self) -> None:
        if not self.frames_shown:
            self.setText(self.tr("Camera"))
        self.setToolTip(self.tr("Hold the customer's code in front of the camera."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
