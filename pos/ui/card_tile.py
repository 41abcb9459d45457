"""One stamp card of the customer: name, state, dates, stamps drawn, and earned rewards."""

from __future__ import annotations

from datetime import datetime

from pos.ui.customer_view import CardView
from pos.ui.qt import (
    QDate,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLocale,
    QMouseEvent,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pos.ui.stamp_progress import StampProgress
from stamps.models import InstanceStatus, StampType


def format_date(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    day = moment.date()
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


class CardTile(QFrame):
    """Clicking selects the card; each earned reward has its own Redeem button."""

    selected = Signal(str)
    redeem_requested = Signal(str, str)  # card instance id, reward instance id
    remove_requested = Signal(str, str)  # the same, for the manager (REMOVE_REWARD)

    def __init__(self, card: CardView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardTile")
        self.card = card
        self.setProperty("state", "confirmed" if card.confirmed else "local")
        self.name = QLabel(card.name)
        self.name.setProperty("role", "heading")
        self.name.setStyleSheet("font-size: 22px;")
        self.badge = QLabel()
        self.badge.setContentsMargins(10, 3, 10, 3)
        self.count = QLabel()
        self.count.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.dates = QLabel()
        self.dates.setProperty("role", "subtle")
        self.progress = StampProgress()
        self.progress.set_progress(card.current, card.threshold, card.milestones)
        self.rewards_box = QVBoxLayout()
        self.reward_buttons: list[QPushButton] = []
        self.reward_labels: list[QLabel] = []
        self.remove_buttons: list[QPushButton] = []
        self.selection_mark = QLabel()
        self.selection_mark.setFixedWidth(10)

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.count)
        top.addWidget(self.badge)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 10, 14, 12)
        grid.addWidget(self.selection_mark, 0, 0, 4, 1)
        grid.addLayout(top, 0, 1)
        grid.addWidget(self.dates, 1, 1)
        grid.addWidget(self.progress, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(self.rewards_box, 3, 1)
        self.reward_rows: list[QWidget] = []
        self._build_rewards()
        self.is_selected = False
        self.set_selected(False)
        self.retranslate()

    def update_card(self, card: CardView) -> None:
        """Show a newer state of the same card, touching only what changed (a rebuild costs
        hundreds of Qt calls, each a chance to wait for the interpreter while sync runs)."""
        if card == self.card:
            return
        old, self.card = self.card, card
        if (card.current, card.threshold, card.milestones) != (
                old.current, old.threshold, old.milestones):
            self.progress.set_progress(card.current, card.threshold, card.milestones)
        if card.rewards != old.rewards or card.usable != old.usable:
            self._build_rewards()
        if card.confirmed != old.confirmed:
            self.setProperty("state", "confirmed" if card.confirmed else "local")
            self.style().unpolish(self)
            self.style().polish(self)
        self.retranslate()

    def _build_rewards(self) -> None:
        for row_widget in self.reward_rows:
            self.rewards_box.removeWidget(row_widget)
            row_widget.hide()
            row_widget.deleteLater()
        self.reward_rows, self.reward_labels = [], []
        self.reward_buttons, self.remove_buttons = [], []
        card = self.card
        for reward in card.rewards:
            row_widget = QWidget()
            row = QHBoxLayout(row_widget)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel()
            label.setWordWrap(True)
            button = QPushButton()
            button.setProperty("role", "reward")
            button.clicked.connect(
                lambda _=False, r=reward.reward_instance_id: self.redeem_requested.emit(
                    card.card_instance_id, r
                )
            )
            button.setEnabled(card.usable)
            remove = QPushButton()
            remove.setProperty("role", "danger")
            remove.clicked.connect(
                lambda _=False, r=reward.reward_instance_id: self.remove_requested.emit(
                    card.card_instance_id, r
                )
            )
            row.addWidget(label, 1)
            row.addWidget(remove)
            row.addWidget(button)
            self.remove_buttons.append(remove)
            self.rewards_box.addWidget(row_widget)
            self.reward_rows.append(row_widget)
            self.reward_labels.append(label)
            self.reward_buttons.append(button)

    def set_selected(self, selected: bool) -> None:
        if selected == getattr(self, "is_selected", None) and self.selection_mark.styleSheet():
            return
        self.selection_mark.setStyleSheet(
            "background: #1f5fbf; border-radius: 4px;" if selected else "background: transparent;"
        )
        self.is_selected = selected

    def retranslate(self) -> None:
        card = self.card
        if not card.usable:
            status = {
                InstanceStatus.EXPIRED: self.tr("Expired"),
                InstanceStatus.REDEEMED: self.tr("Used up"),
                InstanceStatus.DELETED: self.tr("Removed"),
            }.get(card.status, card.status.value)
            self.badge.setText(status)
            self.badge.setProperty("badge", "inactive")
        elif card.confirmed:
            self.badge.setText(self.tr("Confirmed"))
            self.badge.setProperty("badge", "confirmed")
            self.badge.setToolTip(self.tr("The stamp service has confirmed these numbers."))
        else:
            self.badge.setText(self.tr("Recorded locally (%1 waiting)").replace(
                "%1", str(card.pending_events)))
            self.badge.setProperty("badge", "local")
            self.badge.setToolTip(
                self.tr("Recorded on this terminal; it will be sent when the service is reachable.")
            )
        self.count.setText(self.tr("%1 / %2").replace("%1", str(card.current))
                           .replace("%2", str(card.threshold)))
        kind = {
            StampType.QR: self.tr("QR card"),
            StampType.NFC: self.tr("NFC card"),
            StampType.STAMP: self.tr("Stamp card (physical stamp)"),
        }[card.stamp_type]
        self.dates.setText(
            self.tr("%1 · valid %2 to %3")
            .replace("%1", kind)
            .replace("%2", format_date(card.issue_date))
            .replace("%3", format_date(card.expiration_date))
        )
        for reward, label, button in zip(
            card.rewards, self.reward_labels, self.reward_buttons, strict=True
        ):
            text = self.tr("Reward earned: %1").replace("%1", reward.name)
            if reward.expires is not None:
                text += " " + self.tr("(until %1)").replace("%1", format_date(reward.expires))
            label.setText("★ " + text)
            button.setText(self.tr("Redeem"))
        for remove in self.remove_buttons:
            remove.setText(self.tr("Remove…"))
            remove.setToolTip(self.tr("Take this reward back (manager PIN)"))
            button.setAccessibleName(self.tr("Redeem %1").replace("%1", reward.name))
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)
        self.badge.updateGeometry()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selected.emit(self.card.card_instance_id)
        super().mousePressEvent(event)
