"""Qt adapter for the input devices: their callbacks (on camera, decoder and NFC threads)
become signals emitted on the GUI thread.

Pass ``bridge.on_scan``, ``bridge.on_camera_state``, ``bridge.on_nfc_state``,
``bridge.on_fault`` and ``bridge.on_preview`` to the hardware objects; connect to the signals.
"""

from __future__ import annotations

from typing import Any

from hardware.scan import Scan
from pos.ui.qt import QImage, QObject, Qt, Signal, Slot
from pos.ui.thread_priority import lower_current_thread


class ScannerBridge(QObject):
    scanned = Signal(object)  # hardware.scan.Scan
    camera_state = Signal(str, str)  # state, sentence
    nfc_state = Signal(str, str)
    tag_fault = Signal(str)  # sentence for the cashier
    preview = Signal(QImage)

    _scan_in = Signal(object)
    _camera_in = Signal(str, str)
    _nfc_in = Signal(str, str)
    _fault_in = Signal(str)
    _preview_in = Signal(QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._scan_in.connect(self._on_scan_gui, queued)
        self._camera_in.connect(self.camera_state, queued)
        self._nfc_in.connect(self.nfc_state, queued)
        self._fault_in.connect(self.tag_fault, queued)
        self._preview_in.connect(self.preview, queued)
        self.scans_received = 0

    # ---- device threads call these -----------------------------------------------------

    def on_scan(self, scan: Scan) -> None:
        lower_current_thread()
        self._scan_in.emit(scan)

    def on_camera_state(self, state: Any, message: str) -> None:
        lower_current_thread()
        self._camera_in.emit(str(state), message)

    def on_nfc_state(self, state: Any, message: str) -> None:
        lower_current_thread()
        self._nfc_in.emit(str(state), message)

    def on_fault(self, fault: Any) -> None:
        self._fault_in.emit(str(getattr(fault, "message", fault)))

    def on_preview(self, frame: Any) -> None:
        """A :class:`hardware.scanner.PreviewFrame` (BGR numpy image) becomes a QImage copy."""
        lower_current_thread()
        image = frame.image
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, image.strides[0],
                        QImage.Format.Format_BGR888).copy()
        self._preview_in.emit(qimage)

    @Slot(object)
    def _on_scan_gui(self, scan: Scan) -> None:
        self.scans_received += 1
        self.scanned.emit(scan)
