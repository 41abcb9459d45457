"""A stamp card's progress drawn as stamps: filled circles out of the threshold."""

from __future__ import annotations

from pos.ui.qt import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPointF,
    QRectF,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
)

FILLED = QColor("#1b7a3a")
EMPTY_BORDER = QColor("#8a949e")
MILESTONE = QColor("#c99700")
JUST_ADDED = QColor("#33b35a")


class StampProgress(QWidget):
    """Draws ``current`` filled stamps out of ``threshold``; reward thresholds get a gold ring."""

    def __init__(self, parent: QWidget | None = None, *, diameter: int = 40) -> None:
        super().__init__(parent)
        self._current = 0
        self._threshold = 10
        self._milestones: tuple[int, ...] = ()
        self._diameter = diameter
        self._gap = diameter // 4
        self._per_row = 10
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_progress(self, current: int, threshold: int, milestones: tuple[int, ...] = ()) -> None:
        self._threshold = max(1, threshold)
        self._current = max(0, min(current, self._threshold))
        self._milestones = tuple(m for m in milestones if 0 < m <= self._threshold)
        self._per_row = 10 if self._threshold > 12 else self._threshold
        self.setAccessibleName(
            self.tr("%1 of %2 stamps").replace("%1", str(self._current))
            .replace("%2", str(self._threshold))
        )
        self.setToolTip(self.accessibleName())
        self.updateGeometry()
        self.update()

    @property
    def current(self) -> int:
        return self._current

    @property
    def threshold(self) -> int:
        return self._threshold

    def _rows(self) -> int:
        return (self._threshold + self._per_row - 1) // self._per_row

    def sizeHint(self) -> QSize:
        step = self._diameter + self._gap
        return QSize(self._per_row * step, self._rows() * step)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self._diameter + self._gap
        font = QFont(self.font())
        font.setPixelSize(int(self._diameter * 0.42))
        font.setBold(True)
        painter.setFont(font)
        for i in range(self._threshold):
            row, col = divmod(i, self._per_row)
            rect = QRectF(col * step + self._gap / 2, row * step + self._gap / 2,
                          self._diameter, self._diameter)
            number = i + 1
            milestone = number in self._milestones
            if number <= self._current:
                painter.setPen(QPen(MILESTONE if milestone else FILLED.darker(130), 3))
                painter.setBrush(FILLED)
                painter.drawEllipse(rect)
                self._draw_check(painter, rect)
            else:
                border = MILESTONE if milestone else EMPTY_BORDER
                painter.setPen(QPen(border, 3 if milestone else 2))
                painter.setBrush(QColor("#fff8e1") if milestone else QColor("#ffffff"))
                painter.drawEllipse(rect)
                painter.setPen(QColor("#4a5560"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.end()

    @staticmethod
    def _draw_check(painter: QPainter, rect: QRectF) -> None:
        path = QPainterPath(QPointF(rect.left() + rect.width() * 0.28, rect.center().y()))
        path.lineTo(rect.left() + rect.width() * 0.44, rect.top() + rect.height() * 0.68)
        path.lineTo(rect.left() + rect.width() * 0.74, rect.top() + rect.height() * 0.32)
        painter.setPen(QPen(QColor("#ffffff"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
