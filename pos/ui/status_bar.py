"""The state of things, always in view: sync, waiting events, devices, clock, notices."""

from __future__ import annotations

from datetime import datetime

from pos.ui.qt import QEvent, QLabel, QLocale, QPushButton, QStatusBar, Qt, QTime, QWidget, Signal


class CounterStatusBar(QStatusBar):
    notices_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.online_label = QLabel()
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.camera_label = QLabel()
        self.nfc_label = QLabel()
        self.scanner_label = QLabel()  # shown once a handheld scanner is read directly
        self.skew_label = QLabel()
        self.problem_label = QLabel()
        self.notices_button = QPushButton()
        self.notices_button.clicked.connect(self.notices_requested)
        self.notices_button.setMinimumWidth(170)
        for widget in (self.online_label, self.pending_label, self.last_sync_label,
                       self.camera_label, self.nfc_label, self.scanner_label, self.skew_label,
                       self.problem_label):
            self.addWidget(widget)
        self.notices_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F10 reaches it
        self.settings_button = QPushButton()
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F12 reaches it
        self.settings_button.clicked.connect(self.settings_requested)
        self.addPermanentWidget(self.notices_button)
        self.addPermanentWidget(self.settings_button)
        self.online: bool | None = None
        self.pending = 0
        self.last_sync: datetime | None = None
        self.camera = ("", "")
        self.nfc = ("", "")
        self.scanner = ("", "")
        #: the NFC reader is the UDP simulator, not a device: said in its label
        self.nfc_simulated = False
        self.skew: float | None = None
        # What stops sending (the sync engine's sentence, shown as the tooltip) and whether a
        # service is set up wrongly (then nothing is sent at all).
        self.problem: tuple[str | None, bool] = (None, False)
        self.notices = 0
        self.retranslate()

    def set_sync(self, online: bool | None, pending: int, last_sync: datetime | None) -> None:
        if (online, pending, last_sync) == (self.online, self.pending, self.last_sync):
            return
        self.online, self.pending, self.last_sync = online, pending, last_sync
        self.retranslate()

    def set_problem(self, problem: str | None, *, misconfigured: bool = False) -> None:
        if (problem, misconfigured) == self.problem:
            return
        self.problem = (problem, misconfigured)
        self.retranslate()

    def set_camera(self, state: str, message: str) -> None:
        self.camera = (state, message)
        self.retranslate()

    def set_nfc(self, state: str, message: str) -> None:
        self.nfc = (state, message)
        self.retranslate()

    def set_scanner(self, state: str, message: str) -> None:
        self.scanner = (state, message)
        self.retranslate()

    def set_nfc_simulated(self, simulated: bool) -> None:
        self.nfc_simulated = simulated
        self.retranslate()

    def set_skew(self, seconds: float | None) -> None:
        if seconds == self.skew:
            return
        self.skew = seconds
        self.retranslate()

    def set_notices(self, count: int) -> None:
        if count == self.notices:
            return
        self.notices = count
        self.retranslate()

    def retranslate(self) -> None:
        problem, misconfigured = self.problem
        if misconfigured:
            self.online_label.setText("● " + self.tr("Not sending: a service is set up wrongly"))
        elif self.online is None:
            self.online_label.setText("● " + self.tr("Connecting…"))
        elif self.online:
            self.online_label.setText("● " + self.tr("Online"))
        else:
            self.online_label.setText("● " + self.tr("Offline — stamps are kept and sent later"))
        self._warn(self.online_label, self.online is False or misconfigured)
        self.problem_label.setVisible(problem is not None)
        self.problem_label.setText(
            "⚠ " + self.tr("Not everything can be sent: ask a manager to check the settings"))
        self.problem_label.setToolTip(problem or "")
        self._warn(self.problem_label, True)
        self.pending_label.setText(
            self.tr("1 event waiting") if self.pending == 1 else
            self.tr("%1 events waiting").replace("%1", str(self.pending))
        )
        self._warn(self.pending_label, False)
        if self.last_sync is None:
            self.last_sync_label.setText(self.tr("Not synced yet"))
        else:
            local = self.last_sync  # already in the store's zone
            when = QLocale().toString(QTime(local.hour, local.minute, local.second),
                                      QLocale.FormatType.ShortFormat)
            self.last_sync_label.setText(self.tr("Last sync %1").replace("%1", when))
        self.camera_label.setText(self._device(self.tr("Camera"), self.camera))
        self.camera_label.setToolTip(self.camera[1])
        self._warn(self.camera_label, self.camera[0] not in ("running", "starting", ""))
        nfc = self.tr("NFC (simulated)") if self.nfc_simulated else self.tr("NFC")
        self.nfc_label.setText(self._device(nfc, self.nfc))
        self.nfc_label.setToolTip(self.nfc[1])
        self._warn(self.nfc_label, self.nfc[0] not in ("ready", "starting", ""))
        self.scanner_label.setVisible(bool(self.scanner[0]))
        self.scanner_label.setText(self._device(self.tr("Scanner"), self.scanner))
        self.scanner_label.setToolTip(self.scanner[1])
        self._warn(self.scanner_label, self.scanner[0] not in ("ready", "starting", ""))
        if self.skew is None:
            self.skew_label.hide()
        else:
            self.skew_label.show()
            self.skew_label.setText(
                "⚠ " + self.tr("Clock off by %1 s: check the date and time").replace(
                    "%1", str(round(abs(self.skew)))
                )
            )
            self._warn(self.skew_label, True)
        self.notices_button.setText(self.tr("Notices (%1)  F10").replace("%1", str(self.notices)))
        self.settings_button.setText(self.tr("Settings  F12"))

    def _device(self, name: str, state: tuple[str, str]) -> str:
        words = {
            "": self.tr("off"),
            "starting": self.tr("starting"),
            "running": self.tr("on"),
            "ready": self.tr("ready"),
            "no camera": self.tr("not found"),
            "no reader": self.tr("not found"),
            "not found": self.tr("not found"),
            "unplugged": self.tr("unplugged"),
            "unsupported": self.tr("not available"),
            "permission denied": self.tr("no permission"),
            "busy": self.tr("busy"),
            "ended": self.tr("video ended"),
            "stopped": self.tr("off"),
        }
        return self.tr("%1: %2").replace("%1", name).replace("%2", words.get(state[0], state[0]))

    @staticmethod
    def _warn(label: QLabel, warn: bool) -> None:
        value = "true" if warn else "false"
        if label.property("warn") == value:
            return
        label.setProperty("warn", value)
        label.style().unpolish(label)
        label.style().polish(label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
