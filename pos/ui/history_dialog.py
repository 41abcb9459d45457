"""A card's history: the server's events merged with this terminal's unsynced ones, each with
its state (confirmed, waiting, sending, sent, refused, held for the manager)."""

from __future__ import annotations

from collections.abc import Sequence

from pos.services.history import HistoryRow
from pos.ui.qt import (
    QAbstractItemView,
    QColor,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from stamps.models import EventType

STATE_COLOURS = {"rejected": "#b3261e", "held": "#8a5a00", "pending": "#6b4f00",
                 "in_flight": "#1f5fbf"}


class HistoryDialog(QDialog):
    def __init__(self, card_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of %1").replace("%1", card_name))
        self.note = QLabel(self.tr("Loading…"))
        self.note.setProperty("role", "subtle")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("State"), self.tr("Detail")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def event_name(self, kind: EventType) -> str:
        return {
            EventType.STAMP: self.tr("Stamp"),
            EventType.REDEEM: self.tr("Reward redeemed"),
            EventType.REWARD: self.tr("Reward earned"),
            EventType.REMOVE_STAMP: self.tr("Stamp removed"),
            EventType.REMOVE_REWARD: self.tr("Reward removed"),
        }[kind]

    def state_name(self, state: str) -> str:
        return {
            "confirmed": self.tr("Confirmed by the server"),
            "synced": self.tr("Sent"),
            "pending": self.tr("Waiting to be sent"),
            "in_flight": self.tr("Sending"),
            "rejected": self.tr("Refused by the server"),
            "held": self.tr("Held for the manager"),
        }.get(state, state)

    def show_rows(self, rows: Sequence[HistoryRow], *, server_reached: bool) -> None:
        self.note.setText(
            self.tr("Server history and this terminal's events.") if server_reached else
            self.tr("Offline: only this terminal's events are shown.")
        )
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            when = row.event_time.strftime("%Y-%m-%d %H:%M:%S")
            cells = [when, self.event_name(row.event_type), self.state_name(row.state),
                     row.detail or ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2 and row.state in STATE_COLOURS:
                    item.setForeground(QColor(STATE_COLOURS[row.state]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(i, col, item)
        if not rows:
            self.note.setText(self.tr("No events on this card yet."))
