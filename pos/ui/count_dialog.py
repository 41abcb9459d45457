"""Asks how many stamps to add at once (a customer who bought several coffees)."""

from __future__ import annotations

from pos.services.stamping import MAX_STAMPS_AT_ONCE
from pos.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)


class CountDialog(QDialog):
    chosen = Signal(int)

    def __init__(self, card_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countDialog")
        self.setWindowTitle(self.tr("Add stamps"))
        label = QLabel(self.tr("How many stamps on %1?").replace("%1", card_name))
        label.setWordWrap(True)
        self.spin = QSpinBox()
        self.spin.setRange(1, MAX_STAMPS_AT_ONCE)
        self.spin.setValue(2)
        self.spin.setStyleSheet("font-size: 32px; min-height: 64px;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        layout.addWidget(buttons)
        self.spin.selectAll()
        self.spin.setFocus()

    def _accept(self) -> None:
        self.chosen.emit(self.spin.value())
        self.accept()
