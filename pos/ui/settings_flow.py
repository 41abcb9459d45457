"""Settings (F12), behind the manager PIN: saved off the GUI thread, language applied at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from pos import config as config_module
from pos import secrets
from pos.services.terminal import Terminal
from pos.ui.flow_context import FlowContext
from pos.ui.i18n import install_language
from pos.ui.pin_dialog import require_pin
from pos.ui.settings_dialog import SettingsDialog


class SettingsFlow(QObject):
    def __init__(self, ctx: FlowContext) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        ctx.window.counter_actions["settings"].triggered.connect(self.start)

    def start(self) -> None:
        dialog = require_pin(self.ctx.pins, self.tr("Settings are for the manager."),
                             self.ctx.window, self.open_settings)
        self.ctx.keep("pin", dialog)

    def open_settings(self) -> None:
        self.settings_dialog()

    def settings_dialog(self) -> SettingsDialog:
        dialog = SettingsDialog(dict(self.ctx.terminal.config), self.ctx.window)
        dialog.submitted.connect(self.save)
        self.ctx.keep("settings", dialog)
        dialog.open()
        return dialog

    def save(self, changes: dict[str, Any], new_secrets: dict[str, str]) -> None:
        def work(t: Terminal) -> Any:
            if changes:
                config_module.save(changes, t.config.path)
            for name, value in new_secrets.items():
                secrets.set(name, value)
            t.ctx.config = t.config.replace(**changes)
            return t.config

        def done(config: Any) -> None:
            if "language" in changes:
                install_language(config.language)
            self.ctx.messages.success(self.tr("Settings saved."))

        self.ctx.run(work, done, name="save settings")
