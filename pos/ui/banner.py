"""The feedback banner under the search box: green success, red refusal with its reason."""

from __future__ import annotations

from pos.ui.messages import Level
from pos.ui.qt import QFrame, QHBoxLayout, QLabel, Qt, QWidget


class FeedbackBanner(QFrame):
    """Shows the last message; the level (a dynamic property) picks its colour in the QSS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setMinimumHeight(64)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setAccessibleName("feedback")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.label, 1)
        self.level = Level.INFO.value
        self.show_message(Level.INFO.value, "")

    def show_message(self, level: str, text: str) -> None:
        self.level = level
        self.setProperty("level", level)
        self.label.setText(text)
        self.setVisible(bool(text))
        # re-apply the stylesheet so the dynamic property takes effect
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    @property
    def text(self) -> str:
        return self.label.text()
