"""Notices for the cashier and the manager: events the server refused (e.g. 33003), cards
flagged by the velocity rule, member details the service did not accept."""

from __future__ import annotations

from collections.abc import Sequence

from ledger.journal import Notice
from pos.ui.qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class NoticesDialog(QDialog):
    acknowledged = Signal(int)
    opened = Signal(object)  # Notice: the flow opens what it refers to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticesDialog")
        self.setWindowTitle(self.tr("Notices"))
        self.notices: list[Notice] = []
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.empty = QLabel(self.tr("Nothing needs attention."))
        self.empty.setProperty("role", "hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(self.tr("Open   Enter"))
        self.open_button.clicked.connect(self.open_current)
        self.ack_button = QPushButton(self.tr("Mark as dealt with   Del"))
        self.ack_button.setShortcut("Del")
        self.ack_button.clicked.connect(self.acknowledge_current)
        close = QPushButton(self.tr("Close   Esc"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.ack_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.resize(820, 520)

    def kind_name(self, kind: str) -> str:
        return {
            "rejected": self.tr("Refused by the server"),
            "velocity": self.tr("For the manager: unusual stamping"),
            "member": self.tr("Member details refused"),
            "held": self.tr("Held for the manager"),
            "issue": self.tr("Card issue failed"),
        }.get(kind, kind)

    def show_notices(self, notices: Sequence[Notice]) -> None:
        self.notices = list(notices)
        self.list.clear()
        for notice in self.notices:
            item = QListWidgetItem(f"{self.kind_name(notice.kind)} — {notice.message}")
            item.setData(Qt.ItemDataRole.UserRole, notice.id)
            self.list.addItem(item)
        has = bool(self.notices)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self.open_button.setEnabled(has)
        self.ack_button.setEnabled(has)
        if has:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def current(self) -> Notice | None:
        row = self.list.currentRow()
        return self.notices[row] if 0 <= row < len(self.notices) else None

    def open_current(self) -> None:
        notice = self.current()
        if notice is not None:
            self.opened.emit(notice)

    def acknowledge_current(self) -> None:
        notice = self.current()
        if notice is not None:
            self.acknowledged.emit(notice.id)
