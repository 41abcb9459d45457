"""The column of big buttons beside the customer: each one triggers a :class:`CounterActions`
action and shows its shortcut, so the mouse and the keyboard do the same thing."""

from __future__ import annotations

from pos.ui.actions import CounterActions
from pos.ui.qt import QAction, QEvent, QFrame, QPushButton, QVBoxLayout, QWidget

BUTTONS = ("stamp", "add_n", "redeem", "undo", "history", None,
           "register", "edit_member", "issue", None, "clear")


class ActionPanel(QWidget):
    def __init__(self, actions: CounterActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_ = actions
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for name in BUTTONS:
            if name is None:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: #c5ccd3;")
                layout.addWidget(line)
                continue
            action = actions[name]
            button = QPushButton()
            if name == "stamp":
                button.setProperty("role", "primary")
                button.setFixedHeight(84)
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: self._sync(b, a))
            self._sync(button, action)
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)
        self.setMinimumWidth(300)
        # never squeezed into overlap: the window scrolls this column instead
        self.setMinimumHeight(layout.sizeHint().height())
        self.setStyleSheet("QPushButton { min-height: 36px; } "
                           "QPushButton[role=\"primary\"] { min-height: 72px; }")
        self.retranslate()

    @staticmethod
    def _sync(button: QPushButton, action: QAction) -> None:
        button.setEnabled(action.isEnabled())
        button.setVisible(action.isVisible())

    def retranslate(self) -> None:
        for name, button in self.buttons.items():
            action = self.actions_[name]
            button.setText(f"{action.text()}   {self.actions_.key_text(name)}")
            button.setAccessibleName(action.text())
            button.setToolTip(action.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.actions_.retranslate()
            self.retranslate()
        super().changeEvent(event)
