"""A handheld scanner in keyboard-wedge mode "types" its code in a burst and presses Enter.

This application-wide event filter feeds every key to :class:`hardware.wedge.WedgeDetector`:
a burst becomes a scan (through the scanner bridge, like the camera's) and never lands in the
focused field; keys a person types are held for a few milliseconds, then replayed unchanged.
"""

from __future__ import annotations

import time

from hardware.wedge import WedgeDetector, WedgeSettings
from pos.ui.qt import QApplication, QEvent, QKeyEvent, QObject, Qt, QTimer
from pos.ui.scanner_bridge import ScannerBridge

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeFilter(QObject):
    def __init__(self, bridge: ScannerBridge, settings: WedgeSettings | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detector = WedgeDetector(settings or WedgeSettings())
        self._replaying = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        # Held keys wait for the next one; once the longest gap a scanner leaves has passed
        # (plus a margin for the timer), they were typed by hand and go on to the focused field.
        self._flush.setInterval(int(self.detector.settings.max_gap * 1000) + 10)
        self._flush.timeout.connect(self._flush_held)

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not watched.isWidgetType() or watched is not QApplication.focusWidget():
            return False  # the same key is delivered to each parent; look at it once
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                 | Qt.KeyboardModifier.KeypadModifier):
            return False  # shortcuts (Ctrl+Z, F-keys) are never part of a scan
        key = Qt.Key(event.key())
        text = "\r" if key in ENTER else event.text()
        if not text or (not text.isprintable() and text != "\r"):
            return False
        result = self.detector.feed(text, time.monotonic())
        if result.replay:
            self._type(result.replay)
        if result.scan is not None:
            self.bridge.on_scan(result.scan)
        if result.mismatch is not None:  # a link garbled by the keyboard layout: say what to do
            self.bridge.on_fault(result.mismatch)
        if self.detector.holding:
            self._flush.start()
        return result.consume

    def _flush_held(self) -> None:
        # The timer fired, so the gap is over whatever the clock says: flush as if well after.
        text = self.detector.flush(time.monotonic() + 1.0)
        if text:
            self._type(text)

    def _type(self, text: str) -> None:
        """Deliver held keys to the focused widget as ordinary key presses."""
        target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for char in text:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        finally:
            self._replaying = False
