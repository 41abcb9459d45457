"""Asks how many stamps to add at once (a customer who bought several coffees).

The field is a plain line of digits, not a spin box: a spin box shows an intermediate "0" while
keeping its last valid value, and cuts "99" to "9" when the maximum is 50, so Enter could add a
number the cashier never saw. Here Enter adds exactly the number shown, or refuses it with a
sentence and leaves it on screen to correct.
"""

from __future__ import annotations

from pos.services.stamping import MAX_STAMPS_AT_ONCE
from pos.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFocusEvent,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QRegularExpression,
    QRegularExpressionValidator,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

# What the field shows when the dialog opens (selected, so typing replaces it)
DEFAULT_COUNT = 2


class CountField(QLineEdit):
    """Digits only; Up and Down step the number by one within the allowed range. Whenever it
    gets the focus its number is selected, so typing replaces it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        text = self.text()
        current = int(text) if text.isascii() and text.isdigit() else 0
        self.setText(str(min(max(current + step, 1), MAX_STAMPS_AT_ONCE)))
        self.selectAll()


class CountDialog(QDialog):
    chosen = Signal(int)

    def __init__(self, card_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countDialog")
        self.setWindowTitle(self.tr("Add stamps"))
        label = QLabel(self.tr("How many stamps on %1?").replace("%1", card_name))
        label.setWordWrap(True)
        self.field = CountField(str(DEFAULT_COUNT))
        self.field.setObjectName("countField")
        # ASCII digits only, any length: a number too large is shown whole and refused
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]*"), self.field)
        )
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setStyleSheet("font-size: 32px; min-height: 64px;")
        self.error = QLabel()
        self.error.setObjectName("countError")
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.field.textEdited.connect(lambda _text: self.error.clear())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.field.selectAll()
        self.field.setFocus()

    def count(self) -> int | None:
        """The number shown, or None when it is not one Enter may add."""
        text = self.field.text()
        if not (text.isascii() and text.isdigit()):
            return None
        value = int(text)
        return value if 1 <= value <= MAX_STAMPS_AT_ONCE else None

    def _accept(self) -> None:
        value = self.count()
        if value is None:
            self.error.setText(self.tr("Add between 1 and %1 stamps at a time.").replace(
                "%1", str(MAX_STAMPS_AT_ONCE)))
            self.field.selectAll()
            self.field.setFocus()
            return
        self.chosen.emit(value)
        self.accept()
