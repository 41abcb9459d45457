"""Settings, generated from :data:`pos.settings.config.SETTINGS`, plus the API secrets (keyring).

The dialog only edits and checks values (each error shown beside its field); ``submitted``
hands the changed settings and secrets to the flow, which writes them off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos.settings import secrets
from pos.settings.config import SETTINGS, ConfigError, Setting, coerce
from pos.ui.camera_picker import CameraPicker
from pos.ui.focused_inputs import FocusedComboBox, FocusedDoubleSpinBox, FocusedSpinBox
from pos.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)

GROUPS = {
    "service": ("fintiv_base_url", "vvd_base_url", "membership_base_url", "stamp_domain",
                "extra_stamp_domains", "merchant_id", "membership_merchant", "store_id",
                "terminal_id", "terminal_slot"),
    "devices": ("camera", "camera_resolution", "camera_autofocus", "decoder", "nfc_reader",
                "scanner", "scanner_layout", "debounce_frames", "debounce_window_ms",
                "scan_hold_seconds"),
    "sync": ("batch_size", "http_timeout", "pull_interval", "max_clock_skew", "max_retries",
             "backoff_max", "backup_interval_hours", "backups_kept"),
    "rules": ("min_stamp_interval", "velocity_limit", "reward_validity_days", "undo_window",
              "idle_clear_seconds", "language", "country", "time_zone"),
}


class SettingsDialog(QDialog):
    submitted = Signal(dict, dict)  # settings changes, secrets changes

    def __init__(self, current: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.current = dict(current)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.secret_fields: dict[str, QLineEdit] = {}
        titles = self.titles()
        by_name = {s.name: s for s in SETTINGS}
        tabs = QTabWidget()
        group_titles = {"service": self.tr("Service"), "devices": self.tr("Devices"),
                        "sync": self.tr("Sync"), "rules": self.tr("Rules and language")}
        placed: set[str] = set()
        for group, names in GROUPS.items():
            form = QFormLayout()
            for name in names:
                self._add_row(form, by_name[name], titles.get(name, name))
                placed.add(name)
            if group == "service":
                secret_titles = self.secret_titles()
                for name in secrets.NAMES:
                    field = QLineEdit()
                    field.setEchoMode(QLineEdit.EchoMode.Password)
                    field.setPlaceholderText(self.tr("unchanged"))
                    field.setObjectName(f"secret_{name}")
                    self.secret_fields[name] = field
                    form.addRow(secret_titles[name], field)
            tabs.addTab(self._scrolled(form), group_titles[group])
        rest = [s for s in SETTINGS if s.name not in placed]
        if rest:  # a setting added to pos.settings.config later still shows up
            form = QFormLayout()
            for setting in rest:
                self._add_row(form, setting, titles.get(setting.name, setting.name))
            tabs.addTab(self._scrolled(form), self.tr("Other"))
        self.tabs = tabs
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(860, 640)

    def titles(self) -> dict[str, str]:
        """A short, translatable title for every setting (the description is the tooltip)."""
        return {
            "fintiv_base_url": self.tr("Stamp service URL"),
            "vvd_base_url": self.tr("Card issuing service URL"),
            "membership_base_url": self.tr("Membership service URL"),
            "stamp_domain": self.tr("Stamp URL domain"),
            "extra_stamp_domains": self.tr("Other stamp domains"),
            "merchant_id": self.tr("Merchant ID"),
            "membership_merchant": self.tr("Membership merchant"),
            "store_id": self.tr("Store ID"),
            "terminal_id": self.tr("Terminal ID"),
            "terminal_slot": self.tr("Counter number"),
            "batch_size": self.tr("Events per batch"),
            "http_timeout": self.tr("Service timeout (s)"),
            "pull_interval": self.tr("Catalog refresh (s)"),
            "max_clock_skew": self.tr("Clock warning after (s)"),
            "max_retries": self.tr("Retries before review"),
            "backoff_max": self.tr("Longest retry wait (s)"),
            "min_stamp_interval": self.tr("Time between stamps (s)"),
            "velocity_limit": self.tr("Stamps a day before alert"),
            "reward_validity_days": self.tr("Reward valid for (days)"),
            "undo_window": self.tr("Undo without PIN for (s)"),
            "camera": self.tr("Camera"),
            "decoder": self.tr("QR decoder"),
            "camera_resolution": self.tr("Camera resolution"),
            "camera_autofocus": self.tr("Camera autofocus"),
            "nfc_reader": self.tr("NFC reader"),
            "scanner": self.tr("Handheld scanner"),
            "scanner_layout": self.tr("Scanner keyboard layout"),
            "debounce_frames": self.tr("Frames to confirm a code"),
            "debounce_window_ms": self.tr("Within (ms)"),
            "scan_hold_seconds": self.tr("Ignore same code for (s)"),
            "language": self.tr("Language"),
            "backup_interval_hours": self.tr("Backup every (hours)"),
            "backups_kept": self.tr("Backups kept"),
            "country": self.tr("Country of the store"),
            "idle_clear_seconds": self.tr("Clear the customer after (s)"),
            "time_zone": self.tr("Store time zone"),
        }

    def descriptions(self) -> dict[str, str]:
        """The translatable one-line description of every setting (shown as its tooltip)."""
        return {
            "fintiv_base_url": self.tr(
                "Base URL of the Fintiv Digital Stamp API, including the version prefix"
            ),
            "vvd_base_url": self.tr("Base URL of the vvd.bz stamp API"),
            "membership_base_url": self.tr("Base URL of the Stamps.co.id Membership API"),
            "stamp_domain": self.tr("Domain of the stamp URLs this store issues"),
            "extra_stamp_domains": self.tr("Further custom stamp domains to accept"),
            "merchant_id": self.tr("Fintiv merchant id of this store"),
            "membership_merchant": self.tr("Membership API merchant id"),
            "store_id": self.tr("Membership API store id of this counter"),
            "terminal_id": self.tr("Name of this terminal, written to the audit log"),
            "terminal_slot": self.tr(
                "This counter's number (0-9), different on each counter of the merchant"
            ),
            "batch_size": self.tr("Events sent per reportMultiStampEvents call"),
            "http_timeout": self.tr("Seconds to wait for the stamp service"),
            "pull_interval": self.tr("Seconds between catalog refreshes"),
            "max_clock_skew": self.tr(
                "Seconds of difference from the server clock before a warning"
            ),
            "max_retries": self.tr(
                "Attempts for an event with an unknown error code before a manager must review it"
            ),
            "backoff_max": self.tr(
                "Longest wait in seconds before retrying while a service is failing"
            ),
            "min_stamp_interval": self.tr(
                "Seconds required between two stamps on one card (0 = no limit)"
            ),
            "velocity_limit": self.tr(
                "Stamps on one card within a day above which the manager is alerted"
            ),
            "reward_validity_days": self.tr("Days an earned reward stays redeemable"),
            "undo_window": self.tr(
                "Seconds during which a cashier may undo a stamp without the manager PIN"
            ),
            "camera": self.tr("Camera: auto, a device index, /dev/videoN, a file or URL"),
            "decoder": self.tr("QR decoder"),
            "camera_resolution": self.tr(
                "Camera resolution to ask for, e.g. 1280x720 (empty: its own)"),
            "camera_autofocus": self.tr("Camera autofocus: on, off, or auto (leave it)"),
            "nfc_reader": self.tr("NFC reader path: auto, usb, usb:VID:PID, tty:..., udp:..."),
            "scanner": self.tr(
                "Handheld scanner read directly: part of its name in 'stamp-pos devices'"),
            "scanner_layout": self.tr("Keyboard layout the handheld scanner is set to"),
            "debounce_frames": self.tr("Frames a code must be seen in before it counts"),
            "debounce_window_ms": self.tr("Window for those frames, in milliseconds"),
            "scan_hold_seconds": self.tr("Seconds the same code is ignored after a scan"),
            "language": self.tr("Language of the cashier app"),
            "backup_interval_hours": self.tr(
                "Hours between automatic backups of the database (0 = only at start)"
            ),
            "backups_kept": self.tr("Automatic backups kept in <data dir>/backups"),
            "country": self.tr("Country of the store (ISO code such as ID or FR), for phone "
                               "numbers typed without their country code"),
            "idle_clear_seconds": self.tr(
                "Seconds without any action after which the customer is cleared from the "
                "screen, for their privacy"),
            "time_zone": self.tr(
                "The store's time zone, e.g. Asia/Jakarta: its day is the one on receipts, issue "
                "dates and expiry (empty = the system's zone)"
            ),
        }

    def secret_titles(self) -> dict[str, str]:
        return {
            "fintiv_api_key": self.tr("Stamp service API key"),
            "fintiv_bearer": self.tr("Stamp service token"),
            "membership_token": self.tr("Membership token"),
            "vvd_key": self.tr("Card issuing key"),
        }

    def _scrolled(self, form: QFormLayout) -> QScrollArea:
        host = QWidget()
        host.setLayout(form)
        form.setSpacing(10)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(host)
        return area

    def _add_row(self, form: QFormLayout, setting: Setting, title: str) -> None:
        value = self.current.get(setting.name, setting.default)
        editor: QWidget
        if setting.choices is not None:
            combo = FocusedComboBox()
            for choice in setting.choices:
                combo.addItem(self._choice_label(setting.name, str(choice)), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            editor = combo
        elif setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            editor = box
        elif setting.type is int:
            spin = FocusedSpinBox()
            spin.setRange(int(setting.minimum or 0), 1_000_000_000)
            spin.setValue(int(value))
            editor = spin
        elif setting.type is float:
            dspin = FocusedDoubleSpinBox()
            dspin.setDecimals(1)
            dspin.setRange(float(setting.minimum or 0), 1e9)
            dspin.setValue(float(value))
            editor = dspin
        else:
            line = QLineEdit(", ".join(value) if setting.type is list else str(value))
            editor = line
        editor.setObjectName(setting.name)
        shown: QWidget = editor
        if setting.name == "camera":
            shown = self._with_picker(editor)
        editor.setToolTip(self.descriptions().get(setting.name, setting.description))
        error = QLabel()
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(shown)
        column.addWidget(error)
        form.addRow(title, column)
        self.editors[setting.name] = editor
        self.errors[setting.name] = error

    def _with_picker(self, editor: QWidget) -> QWidget:
        """The camera field, with a button that shows each camera live before choosing."""
        button = QPushButton(self.tr("Choose…"))
        button.setObjectName("chooseCamera")
        button.clicked.connect(self.choose_camera)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        line.addWidget(button)
        return row

    def choose_camera(self) -> CameraPicker:
        picker = CameraPicker(str(self.value_of("camera")), self)
        picker.chosen.connect(lambda source: self.set_value("camera", source))
        self.camera_picker = picker
        picker.open()
        return picker

    def _choice_label(self, name: str, choice: str) -> str:
        if name == "language":
            return {"en": "English", "fr": "Français"}.get(choice, choice)
        return choice

    def value_of(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def changes(self) -> dict[str, Any]:
        """Changed settings, coerced to their types; raises ConfigError per field (all shown)."""
        by_name = {s.name: s for s in SETTINGS}
        changed: dict[str, Any] = {}
        failed = False
        for name, error in self.errors.items():
            error.hide()
            try:
                value = coerce(by_name[name], self.value_of(name), source="settings")
                problem = self.check(name, value)
                if problem:
                    raise ConfigError(problem)
            except ConfigError as exc:
                error.setText(str(exc))
                error.show()
                failed = True
                continue
            if value != self.current.get(name):
                changed[name] = value
        if failed:
            raise ConfigError(self.tr("Some settings are not valid; see the red notes."))
        return changed

    def check(self, name: str, value: Any) -> str:
        """What the declarations cannot know: URLs must be web addresses, ids must not be empty."""
        if name.endswith("_url") or name == "stamp_domain":
            if not str(value).startswith(("http://", "https://")):
                return self.tr("Enter a web address starting with https:// or http://.")
        elif name in ("terminal_id",) and not str(value).strip():
            return self.tr("This field is required.")
        elif name == "country" and not (len(str(value)) == 2 and str(value).isascii()
                                        and str(value).isalpha()):
            return self.tr("Enter the two-letter country code, such as ID or FR.")
        return ""

    def try_submit(self) -> None:
        try:
            changed = self.changes()
        except ConfigError:
            return
        new_secrets = {n: f.text() for n, f in self.secret_fields.items() if f.text()}
        self.submitted.emit(changed, new_secrets)
        self.accept()
