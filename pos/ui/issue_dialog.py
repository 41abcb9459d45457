"""Issue a new stamp card through vvd.bz: choose the card and its dates, then show its QR.

Page one picks the stamp card and the validity (at most five years ahead). ``submitted``
hands the request to the flow; the flow calls :meth:`show_issued` with the URL, or
:meth:`show_queued` when the terminal is offline (the QR appears once the card is synced).
``refresh_requested`` asks the flow for a fresh catalog, which it hands back through
:meth:`set_cards`. Enter issues on page one (or says why not) and closes page two; no button
is an auto-default, so Enter can never press Cancel.
"""

from __future__ import annotations

from datetime import date

from pos.ui.qr_image import qr_image
from pos.ui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QImage,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QPainter,
    QPixmap,
    QPrintDialog,
    QPrinter,
    QPushButton,
    QShortcut,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from stamps.members import MAX_VALIDITY_YEARS
from stamps.timestamps import add_years


class IssueDialog(QDialog):
    submitted = Signal(object, object, object)  # card key, start date, end date
    refresh_requested = Signal()

    def __init__(
        self, cards: list[tuple[str, object]], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setWindowTitle(self.tr("Issue a new stamp card"))
        self.today = today
        self.url: str | None = None
        self.qr: QImage | None = None
        self.pages = QStackedWidget()

        # page 0: choose
        choose = QWidget()
        self.card = QComboBox()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_requested.emit)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card, 1)
        card_row.addWidget(self.refresh_button)
        self.set_cards(cards)
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.end = QDateEdit(QDate(today.year + 1, today.month, min(today.day, 28)))
        latest = add_years(today, MAX_VALIDITY_YEARS)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(today.year, today.month, today.day))
            edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.error = QLabel()
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.issue_button = QPushButton()
        self.issue_button.setProperty("role", "primary")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.try_submit)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        form = QFormLayout()
        self.card_label, self.start_label, self.end_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.card_label, card_row)
        form.addRow(self.start_label, self.start)
        form.addRow(self.end_label, self.end)
        self.limit_note = QLabel()
        self.limit_note.setProperty("role", "subtle")
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addWidget(self.issue_button, 1)
        page0 = QVBoxLayout(choose)
        page0.addLayout(form)
        page0.addWidget(self.limit_note)
        page0.addWidget(self.error)
        page0.addStretch(1)
        page0.addLayout(row)
        self.pages.addWidget(choose)

        # page 1: the result
        result = QWidget()
        self.result_title = QLabel()
        self.result_title.setProperty("role", "heading")
        self.result_title.setWordWrap(True)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setMinimumSize(360, 360)
        self.url_label = QLabel()
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setStyleSheet("font-size: 22px; font-family: 'DejaVu Sans Mono';")
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_qr)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.done_button)
        page1 = QVBoxLayout(result)
        page1.addWidget(self.result_title)
        page1.addWidget(self.qr_label, 1)
        page1.addWidget(self.url_label)
        page1.addLayout(buttons)
        self.pages.addWidget(result)
        print_key = QShortcut(QKeySequence("Ctrl+P"), self)
        print_key.activated.connect(self.print_qr)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        for button in (self.refresh_button, self.issue_button, self.cancel_button,
                       self.print_button, self.done_button):
            button.setAutoDefault(False)
        self.setMinimumSize(620, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.card_label.setText(self.tr("Stamp card"))
        self.start_label.setText(self.tr("Valid from"))
        self.end_label.setText(self.tr("Valid until"))
        self.limit_note.setText(
            self.tr("A card can be valid for at most %1 years.").replace(
                "%1", str(MAX_VALIDITY_YEARS)
            )
        )
        self.issue_button.setText(self.tr("Issue card   Enter"))
        self.cancel_button.setText(self.tr("Cancel   Esc"))
        self.print_button.setText(self.tr("Print QR   Ctrl+P"))
        self.done_button.setText(self.tr("Done   Esc"))
        self.refresh_button.setText(self.tr("Refresh catalog"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.pages.currentIndex() == 0:
                if self.issue_button.isEnabled():
                    self.try_submit()
            else:
                self.accept()
            return
        super().keyPressEvent(event)

    def set_cards(self, cards: list[tuple[str, object]]) -> None:
        """Offer these cards, keeping the cashier's choice when it is still among them."""
        chosen = self.card.currentData()
        self.card.clear()
        for label, key in cards:
            self.card.addItem(label, key)
        if chosen is not None and self.card.findData(chosen) >= 0:
            self.card.setCurrentIndex(self.card.findData(chosen))

    def show_refreshing(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Refreshing the catalog from the stamp service…"))

    def try_submit(self) -> None:
        start: date = self.start.date().toPython()  # type: ignore[assignment]
        end: date = self.end.date().toPython()  # type: ignore[assignment]
        if self.card.currentIndex() < 0:
            self.error.setText(self.tr("There is no stamp card to issue. Refresh the catalog."))
            return
        if end < start:
            self.error.setText(self.tr("The end date must not be before the start date."))
            return
        self.error.clear()
        self.issue_button.setEnabled(False)
        self.submitted.emit(self.card.currentData(), start, end)

    def show_failed(self, text: str) -> None:
        self.error.setText(text)
        self.issue_button.setEnabled(True)

    def show_issued(self, url: str) -> None:
        self.url = url
        self.qr = qr_image(url, 420)
        self.qr_label.setPixmap(QPixmap.fromImage(self.qr))
        self.url_label.setText(url)
        self.result_title.setText(self.tr("Card issued. Let the customer scan this code."))
        self.print_button.setEnabled(True)
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()

    def show_queued(self) -> None:
        self.result_title.setText(
            self.tr("Offline: the card is queued. Its QR code appears here once it is synced.")
        )
        self.qr_label.setText(self.tr("⌛ Waiting for the service…"))
        self.url_label.clear()
        self.print_button.setEnabled(False)
        self.pages.setCurrentIndex(1)

    def print_qr(self) -> None:
        """Print the QR and its URL through Qt's print dialog."""
        if self.qr is None or self.url is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.accepted.connect(lambda: self.render_to(printer))
        self.print_dialog = dialog
        dialog.show()

    def render_to(self, device: object) -> None:
        assert self.qr is not None and self.url is not None
        painter = QPainter(device)  # type: ignore[call-overload]
        page = painter.viewport()
        side = int(min(page.width(), page.height()) * 0.7)
        painter.drawImage(
            (page.width() - side) // 2, page.height() // 10,
            self.qr.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio),
        )
        painter.drawText(0, page.height() // 10 + side + 40, page.width(), 200,
                         Qt.AlignmentFlag.AlignHCenter, self.url)
        painter.end()
