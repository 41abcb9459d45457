"""Settings (F12), behind the manager PIN: saved off the GUI thread, language applied at once.

The use cases' rules (:class:`TerminalSettings`) and the language apply at once. The sync engine,
its API clients and the devices were built at start-up from the settings and secrets of that
moment, so a change to them is saved and the cashier is told it applies after a restart.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from pos.settings import config as config_module
from pos.settings import secrets
from pos.settings.config import Config
from pos.ui.flow_context import FlowContext
from pos.ui.i18n import install_language
from pos.ui.pin_dialog import require_pin
from pos.ui.qt import QObject
from pos.ui.settings_dialog import SettingsDialog

# settings the running app applies without a restart
LIVE_SETTINGS = frozenset({f.name for f in fields(TerminalSettings)} | {"language"})


class SettingsFlow(QObject):
    def __init__(self, ctx: FlowContext, config: Config) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        # every declared setting as last saved (the terminal holds only its own share)
        self.config = config
        ctx.window.counter_actions["settings"].triggered.connect(self.start)

    def start(self) -> None:
        dialog = require_pin(self.ctx.pins, self.tr("Settings are for the manager."),
                             self.ctx.window, self.open_settings)
        self.ctx.keep("pin", dialog)

    def open_settings(self) -> None:
        self.settings_dialog()

    def settings_dialog(self) -> SettingsDialog:
        dialog = SettingsDialog(dict(self.config), self.ctx.window)
        dialog.submitted.connect(self.save)
        self.ctx.keep("settings", dialog)
        dialog.open()
        return dialog

    def save(self, changes: dict[str, Any], new_secrets: dict[str, str]) -> None:
        path = self.config.path

        def work(t: Terminal) -> Config:
            if changes:
                config_module.save(changes, path)
            for name, value in new_secrets.items():
                secrets.set(name, value)
            t.ctx.settings = t.settings.updated(changes)
            return self.config.replace(**changes)

        def done(config: Config) -> None:
            self.config = config
            if "language" in changes:
                install_language(config.language)
            if new_secrets:
                self.ctx.messages.notice(self.tr(
                    "Settings saved. The new credentials apply when Stamp POS is restarted."))
            elif set(changes) - LIVE_SETTINGS:
                self.ctx.messages.notice(self.tr(
                    "Settings saved. Service and device settings apply when Stamp POS is "
                    "restarted."))
            else:
                self.ctx.messages.success(self.tr("Settings saved."))

        self.ctx.run(work, done, name="save settings")
