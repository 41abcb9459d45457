"""Asks for the manager PIN, or has the manager choose one on first run."""

from __future__ import annotations

from collections.abc import Callable

from pos.ui.errors import UiError
from pos.ui.pin_store import MIN_LENGTH, PinStore
from pos.ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QIntValidator,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)


class PinDialog(QDialog):
    """``choose=True`` asks for a new PIN twice (only when Stamp POS first starts, see
    :func:`ask_first_pin`); otherwise checks it against the store, and with no PIN set lets
    nobody through: whoever pressed F12 first must not become the manager."""

    def __init__(self, store: PinStore, reason: str, parent: QWidget | None = None, *,
                 choose: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.store = store
        self.choose = choose
        self.setWindowTitle(self.tr("Manager PIN"))
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.pin = self._pin_field()
        self.confirm = self._pin_field()
        self.error = QLabel()
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        if self.choose:
            intro = QLabel(self.tr("No manager PIN is set yet. Choose one of at least %1 digits; "
                                   "it protects settings, late undos and reward removals.")
                           .replace("%1", str(MIN_LENGTH)))
            intro.setWordWrap(True)
            form.addRow(intro)
            form.addRow(self.tr("New PIN"), self.pin)
            form.addRow(self.tr("Repeat it"), self.confirm)
        else:
            form.addRow(self.tr("PIN"), self.pin)
            self.confirm.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.pin.setFocus()
        if not self.choose and not store.is_set:
            self.error.setText(self._not_set())

    def _pin_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setValidator(QIntValidator(0, 2_000_000_000, self))
        field.setMaxLength(9)
        field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        field.setStyleSheet("font-size: 28px; letter-spacing: 6px;")
        return field

    def _try_accept(self) -> None:
        pin = self.pin.text()
        if not self.choose and not self.store.is_set:
            self.error.setText(self._not_set())
            self.pin.clear()
            return
        try:
            if self.choose:
                if pin != self.confirm.text():
                    raise UiError(self.tr("The two PINs differ. Type the same PIN twice."))
                if len(pin) < MIN_LENGTH:
                    raise UiError(self.tr("The PIN must be at least %1 digits.")
                                  .replace("%1", str(MIN_LENGTH)))
                self.store.set_pin(pin)
            else:
                self.store.check(pin)
        except UiError as exc:
            self.error.setText(self._translated(exc))
            self.pin.clear()
            self.confirm.clear()
            self.pin.setFocus()
            return
        self.accept()

    def _not_set(self) -> str:
        return self.tr("No manager PIN is set on this terminal. It is chosen when Stamp POS "
                       "starts; restart it to set one.")

    def _translated(self, exc: UiError) -> str:
        text = str(exc)
        if text.startswith("This PIN is not"):
            return self.tr("This PIN is not the manager PIN. Try again.")
        if text.startswith("Too many"):
            return self.tr("Too many wrong PINs. Wait a minute and try again.")
        return text


def ask_first_pin(store: PinStore) -> bool:
    """Before the counter opens on a terminal without a manager PIN: the manager chooses it.
    False when they cancel (the counter then does not open)."""
    dialog = PinDialog(store, QCoreApplication.translate(
        "PinDialog", "Choose the manager PIN before the counter opens."), None, choose=True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def require_pin(
    store: PinStore, reason: str, parent: QWidget, then: Callable[[], None]
) -> PinDialog:
    """Open the PIN dialog (window-modal, not blocking) and call ``then`` once it is right."""
    dialog = PinDialog(store, reason, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(then)
    dialog.open()
    return dialog
