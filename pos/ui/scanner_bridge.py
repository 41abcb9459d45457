"""Qt adapter for the input devices: their callbacks (on camera, decoder and NFC threads)
become signals emitted on the GUI thread, through the one :class:`CallbackBridge`.

Pass ``bridge.on_scan``, ``bridge.on_camera_state``, ``bridge.on_nfc_state``,
``bridge.on_fault`` and ``bridge.on_preview`` to the hardware objects; connect to the signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.scan import Scan
from pos.ui.callback_bridge import CallbackBridge, on_gui_thread
from pos.ui.qt import QImage, Signal

if TYPE_CHECKING:  # hardware.scanner loads OpenCV, which the window does not need to start
    from hardware.scanner import PreviewFrame


class ScannerBridge(CallbackBridge):
    scanned = Signal(object)  # hardware.scan.Scan
    camera_state = Signal(str, str)  # state, sentence
    nfc_state = Signal(str, str)
    scanner_state = Signal(str, str)  # the handheld scanner read directly (evdev)
    tag_fault = Signal(str)  # sentence for the cashier
    preview = Signal(QImage)

    @property
    def scans_received(self) -> int:
        """Scans that reached the GUI thread."""
        return self.calls_delivered["on_scan"]

    @on_gui_thread
    def on_scan(self, scan: Scan) -> None:
        self.scanned.emit(scan)

    @on_gui_thread
    def on_camera_state(self, state: object, message: str) -> None:
        self.camera_state.emit(str(state), message)

    @on_gui_thread
    def on_nfc_state(self, state: object, message: str) -> None:
        self.nfc_state.emit(str(state), message)

    @on_gui_thread
    def on_scanner_state(self, state: object, message: str) -> None:
        self.scanner_state.emit(str(state), message)

    @on_gui_thread
    def on_fault(self, fault: object) -> None:
        self.tag_fault.emit(str(getattr(fault, "message", fault)))

    def on_preview(self, frame: PreviewFrame) -> None:
        """A BGR numpy frame becomes a QImage copy here, on the camera's thread, so the GUI
        thread only paints it."""
        image = frame.image
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, image.strides[0],
                        QImage.Format.Format_BGR888).copy()
        self._show_preview(qimage)

    @on_gui_thread
    def _show_preview(self, image: QImage) -> None:
        self.preview.emit(image)
