"""What every flow of the counter shares: the window, the worker, the message bridge, sounds,
the manager PIN and the terminal (used only on the worker thread)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos.services.terminal import Terminal
from pos.ui.main_window import MainWindow
from pos.ui.messages import MessageBridge
from pos.ui.pin_store import PinStore
from pos.ui.qt import QDialog
from pos.ui.sounds import SoundPlayer
from pos.ui.tasks import TaskHandle, TaskRunner


@dataclass
class FlowContext:
    window: MainWindow
    runner: TaskRunner
    messages: MessageBridge
    sounds: SoundPlayer
    pins: PinStore
    terminal: Terminal
    #: The dialog currently open, if any (tests and screenshots find it here).
    dialogs: dict[str, QDialog] = field(default_factory=dict)
    #: Called once the last open action (a kept dialog) has closed.
    on_actions_ended: list[Callable[[], None]] = field(default_factory=list)

    def run(
        self,
        fn: Callable[[Terminal], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
    ) -> TaskHandle:
        """Run ``fn(terminal)`` on the worker; errors without a handler go to the bridge."""
        terminal = self.terminal
        return self.runner.run(lambda: fn(terminal), on_done=on_done,
                               on_error=on_error or self.refuse, name=name)

    def refuse(self, exc: BaseException) -> None:
        self.messages.report(exc)
        self.sounds.play("refusal")

    def keep(self, name: str, dialog: QDialog) -> QDialog:
        """Remember an open dialog under ``name`` until it closes."""
        self.dialogs[name] = dialog
        dialog.finished.connect(lambda _r, n=name, d=dialog: self._forget(n, d))
        return dialog

    def action_open(self) -> bool:
        """Whether the cashier is in the middle of an action (one of its dialogs is open):
        the action is bound to the customer it opened for, so a new scan must wait."""
        return any(d.isVisible() for d in self.dialogs.values())

    def _forget(self, name: str, dialog: QDialog) -> None:
        if self.dialogs.get(name) is dialog:
            del self.dialogs[name]
        if not self.action_open():
            for listener in list(self.on_actions_ended):
                listener()
