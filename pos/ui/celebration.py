"""A short confetti burst over the window when a stamp earns a reward; never blocks input."""

from __future__ import annotations

import math
import random

from pos.ui.qt import (
    QColor,
    QElapsedTimer,
    QFont,
    QPainter,
    QPaintEvent,
    QRectF,
    Qt,
    QTimer,
    QWidget,
    Signal,
)

COLOURS = ("#1b7a3a", "#ffd76a", "#1f5fbf", "#b3261e", "#33b35a", "#c99700")


class Celebration(QWidget):
    """Transparent to the mouse; lays itself over its parent and fades after ``duration_ms``."""

    finished = Signal()

    def __init__(self, parent: QWidget, duration_ms: int = 2200) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._duration = duration_ms
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._tick)
        self._pieces: list[tuple[float, float, float, float, str]] = []
        self.text = ""
        self.hide()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def celebrate(self, text: str, *, progress: float | None = None) -> None:
        """Start the burst; ``progress`` (0..1) freezes it at that moment, for screenshots."""
        self.text = text
        rng = random.Random()  # seeded by the OS: each burst looks different
        self._pieces = [
            (rng.random(), rng.uniform(-0.3, 0.0), rng.uniform(0.25, 0.6), rng.uniform(0, 6.3),
             rng.choice(COLOURS))
            for _ in range(90)
        ]
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._frozen = progress
        if progress is None:
            self._clock.start()
            self._timer.start()
        self.update()

    def _elapsed(self) -> float:
        if self._frozen is not None:
            return self._frozen
        return min(1.0, self._clock.elapsed() / self._duration)

    def _tick(self) -> None:
        if self._clock.elapsed() >= self._duration:
            self._timer.stop()
            self.hide()
            self.finished.emit()
            return
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._elapsed()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y0, speed, phase, colour in self._pieces:
            y = (y0 + speed * t * 2.2) * h
            px = x * w + math.sin(phase + t * 9) * 18
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(px, y, 12, 7), 2, 2)
        box = QRectF(w * 0.15, h * 0.36, w * 0.7, h * 0.2)
        painter.setBrush(QColor(255, 215, 106, 240))
        painter.setPen(QColor("#8a6a00"))
        painter.drawRoundedRect(box, 18, 18)
        font = QFont(self.font())
        font.setPixelSize(max(20, int(h * 0.05)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1b1f24"))
        painter.drawText(box.adjusted(16, 8, -16, -8),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
        painter.end()
