"""The customer at a glance: who they are, their stamp cards, and the rewards they can redeem."""

from __future__ import annotations

from pos.ui.card_tile import CardTile
from pos.ui.customer_view import CardView, CustomerView
from pos.ui.qt import (
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class CustomerPanel(QStackedWidget):
    """Page 0 invites a scan; page 1 shows the customer. One card is selected at a time."""

    card_selected = Signal(str)
    redeem_requested = Signal(str, str)
    remove_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: CustomerView | None = None
        self.tiles: list[CardTile] = []
        self.selected_id: str | None = None

        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.addWidget(self.hint)

        page = QWidget()
        self.header = QFrame()
        self.header.setObjectName("customerHeader")
        self.name = QLabel()
        self.name.setProperty("role", "heading")
        self.details = QLabel()
        self.details.setProperty("role", "subtle")
        self.details.setWordWrap(True)
        self.sync_state = QLabel()
        self.sync_state.setContentsMargins(10, 3, 10, 3)
        head = QHBoxLayout(self.header)
        head.setContentsMargins(16, 10, 16, 10)
        # a customer who scanned while an action was open for this one: "Next: Dewi (waiting)"
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingCustomer")
        self.waiting.setProperty("role", "waiting")
        self.waiting.hide()
        # what this visit added ("+3 this visit"), so two quick presses are seen
        self.visit = QLabel()
        self.visit.setObjectName("visitCount")
        self.visit.setProperty("role", "visit")
        self.visit.hide()
        self.visit_added = 0
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.details)
        text.addWidget(self.waiting)
        head.addLayout(text, 1)
        head.addWidget(self.visit, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.sync_state, 0, Qt.AlignmentFlag.AlignTop)

        self.cards_host = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(12)
        self.no_cards = QLabel()
        self.no_cards.setProperty("role", "subtle")
        self.no_cards.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards_host)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        self.addWidget(page)
        self.retranslate()

    # ---- content ---------------------------------------------------------------------

    def clear(self) -> None:
        self.view = None
        self.selected_id = None
        self._set_tiles(())
        self.setCurrentIndex(0)

    def show_customer(self, view: CustomerView, select: str | None = None) -> None:
        if view == self.view and self.currentIndex() == 1:
            self.select(select or self.selected_id)  # the same customer scanned again
            return
        same_cards = (self.view is not None and self.currentIndex() == 1
                      and [t.card.card_instance_id for t in self.tiles]
                      == [c.card_instance_id for c in view.cards])
        header_same = (self.view is not None and self.view.member == view.member
                       and self.view.confirmed == view.confirmed)
        self.view = view
        if same_cards:
            for tile, card in zip(self.tiles, view.cards, strict=True):
                tile.update_card(card)
            self.select(select or self.selected_id)
            if not header_same:
                self.retranslate()
            return
        self._set_tiles(view.cards)
        ids = [c.card_instance_id for c in view.cards]
        keep = select if select in ids else self.selected_id if self.selected_id in ids else None
        usable = [c.card_instance_id for c in view.cards if c.usable]
        self.select(keep or (usable[0] if usable else ids[0] if ids else None))
        self.setCurrentIndex(1)
        self.retranslate()

    def _set_tiles(self, cards: tuple[CardView, ...]) -> None:
        for tile in self.tiles:  # setParent(None) would make each a window first: slow
            self.cards_layout.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            if item is not None and item.widget() is self.no_cards:
                self.no_cards.hide()
        for card in cards:
            tile = CardTile(card)
            tile.selected.connect(self.select)
            tile.redeem_requested.connect(self.redeem_requested)
            tile.remove_requested.connect(self.remove_requested)
            self.cards_layout.addWidget(tile)
            self.tiles.append(tile)
        if not cards:
            self.cards_layout.addWidget(self.no_cards)
            self.no_cards.show()
        self.cards_layout.addStretch(1)

    def select(self, card_instance_id: str | None) -> None:
        self.selected_id = card_instance_id
        for tile in self.tiles:
            tile.set_selected(tile.card.card_instance_id == card_instance_id)
        if card_instance_id is not None:
            self.card_selected.emit(card_instance_id)

    def select_next(self, step: int) -> None:
        if not self.tiles:
            return
        ids = [t.card.card_instance_id for t in self.tiles]
        index = ids.index(self.selected_id) if self.selected_id in ids else -1
        self.select(ids[(index + step) % len(ids)])

    @property
    def selected_card(self) -> CardView | None:
        for tile in self.tiles:
            if tile.card.card_instance_id == self.selected_id:
                return tile.card
        return None

    def set_waiting(self, text: str) -> None:
        """Name the customer who waits for the open action to end ("" when nobody waits)."""
        self.waiting.setText(text)
        self.waiting.setVisible(bool(text))

    def set_visit(self, added: int) -> None:
        """Show the stamps this visit added (hidden at 0)."""
        self.visit_added = added
        self.visit.setText(self.tr("+%1 this visit").replace("%1", str(added)))
        self.visit.setVisible(added != 0)

    # ---- texts -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr("Show a QR code to the camera, tap a card on the reader,\n"
                    "or type a name, phone, email or member ID above.")
        )
        self.no_cards.setText(self.tr("This customer has no stamp card yet. Issue one with F4."))
        self.visit.setText(self.tr("+%1 this visit").replace("%1", str(self.visit_added)))
        view = self.view
        if view is None:
            return
        member = view.member
        if member is None:
            self.name.setText(self.tr("Card holder"))
            self.details.setText(self.tr("This card is not linked to a member."))
        else:
            self.name.setText(member.name)
            parts = [self.tr("Member ID %1").replace("%1", member.member_id or "—")]
            if member.membership_status:
                parts.append(self.tr("Status: %1").replace("%1", member.membership_status))
            if not member.is_active:
                parts.append(self.tr("Membership inactive"))
            if member.phone:
                parts.append(member.phone)
            self.details.setText(" · ".join(parts))
        if view.confirmed:
            self.sync_state.setText(self.tr("Confirmed by the server"))
            self.sync_state.setProperty("badge", "confirmed")
        else:
            self.sync_state.setText(self.tr("Recorded locally"))
            self.sync_state.setProperty("badge", "local")
        self.sync_state.style().unpolish(self.sync_state)
        self.sync_state.style().polish(self.sync_state)
        self.sync_state.updateGeometry()
        for tile in self.tiles:
            tile.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
