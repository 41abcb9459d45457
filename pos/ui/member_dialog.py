"""Register a new member or edit one, with the Membership API's fields and rules.

Each field's error shows beside it: first the local check (:func:`validate_member_form`), then
whatever the server answers, even later for a registration made offline (:meth:`show_errors`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pos.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from stamps.errors import ValidationError
from stamps.members import Member, validate_member_form

FIELDS = ("name", "email", "phone", "birthday", "gender", "member_id", "address")


class MemberDialog(QDialog):
    """``submitted`` carries the API body (merchant, store and id filled in)."""

    submitted = Signal(dict)

    def __init__(
        self,
        merchant: int,
        store: int,
        member: Member | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberDialog")
        self.merchant, self.store, self.member = merchant, store, member
        self.change = member is not None
        self._today = today
        self.setWindowTitle(self.tr("Edit member") if self.change else self.tr("New member"))
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setSpacing(8)
        titles = self.titles()
        for name in FIELDS:
            widget: QLineEdit | QComboBox
            if name == "gender":
                widget = QComboBox()
                widget.addItem(self.tr("— choose —"), "")
                widget.addItem(self.tr("Female"), "female")
                widget.addItem(self.tr("Male"), "male")
            else:
                widget = QLineEdit()
            widget.setObjectName(name)
            error = QLabel()
            error.setObjectName(f"{name}_error")
            error.setProperty("role", "fieldError")
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(titles[name], column)
            self.inputs[name], self.errors[name] = widget, error
        birthday = self.inputs["birthday"]
        assert isinstance(birthday, QLineEdit)
        birthday.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.general_error = QLabel()
        self.general_error.setProperty("role", "fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Save changes") if self.change else self.tr("Register")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(720)
        if member is not None:
            self.fill(member)

    def titles(self) -> dict[str, str]:
        return {
            "name": self.tr("Name *"),
            "email": self.tr("Email") + ("" if self.change else " *"),
            "phone": self.tr("Phone"),
            "birthday": self.tr("Birthday *"),
            "gender": self.tr("Gender *"),
            "member_id": self.tr("Member ID"),
            "address": self.tr("Address"),
        }

    def fill(self, member: Member) -> None:
        gender = {1: "male", 2: "female"}.get(member.gender or 0, "")
        values = {
            "name": member.name, "email": member.email or "", "phone": member.phone or "",
            "birthday": member.birthday or "", "gender": gender,
            "member_id": member.member_id or "", "address": member.address or "",
        }
        for name, value in values.items():
            self.set_field(name, value)

    def set_field(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        else:
            widget.setText(value)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"merchant": self.merchant}
        if self.change:
            assert self.member is not None
            body["id"] = self.member.id
        else:
            body["store"] = self.store
        for name, widget in self.inputs.items():
            value = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
            body[name] = value.strip() if isinstance(value, str) else value
        return body

    def translated(self, text: str) -> str:
        """The Membership API's wording, in the cashier's language when it is a known one."""
        known = {
            "This field is required.": self.tr("This field is required."),
            "Enter a valid text value.": self.tr("Enter a valid text value."),
            "A valid integer is required.": self.tr("A valid integer is required."),
            "Enter a valid email address.": self.tr("Enter a valid email address."),
            "Date has wrong format. Use this format instead: YYYY-MM-DD.": self.tr(
                "Date has wrong format. Use this format instead: YYYY-MM-DD."
            ),
            "Enter a real birthday.": self.tr("Enter a real birthday."),
            '"Gender" must be "male" or "female".': self.tr("Choose female or male."),
            "Enter a valid phone number.": self.tr("Enter a valid phone number."),
            "A member ID has only letters and digits.": self.tr(
                "A member ID has only letters and digits."
            ),
            "Ensure this field has no more than 200 characters.": self.tr(
                "Ensure this field has no more than 200 characters."
            ),
        }
        return known.get(text, text)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show each error beside its field; errors on other keys go under the form."""
        errors = {k: self.translated(v) for k, v in errors.items()}
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
            widget = self.inputs[name]
            widget.setProperty("invalid", "true" if name in errors else "false")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        other = {k: v for k, v in errors.items() if k not in self.errors}
        self.general_error.setText(" ".join(f"{k}: {v}" for k, v in other.items()))
        self.general_error.setVisible(bool(other))
        self.adjustSize()
        first = next((n for n in FIELDS if n in errors), None)
        if first is not None:
            self.inputs[first].setFocus()

    def try_submit(self) -> None:
        body = self.body()
        try:
            validate_member_form(body, change=self.change, today=self._today())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.show_errors({})
        self.submitted.emit(body)
