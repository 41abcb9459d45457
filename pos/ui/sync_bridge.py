"""Qt adapter for the sync engine: its callbacks, called on the sync thread, become signals on
the GUI thread, through the one :class:`CallbackBridge`. The status bar reads its numbers from
the store; these signals make it refresh at once and turn refusals into notices the cashier
sees."""

from __future__ import annotations

from pos.ui.callback_bridge import CallbackBridge, latest_only, on_gui_thread
from pos.ui.qt import Signal
from sync.status import SyncStatus


class SyncBridge(CallbackBridge):
    changed = Signal()  # something the status bar shows changed (online, counts, last sync)
    status = Signal(object)  # sync.status.SyncStatus, as the engine reported it
    online = Signal(bool)
    rejected = Signal(str)  # a sentence about an event the server refused
    error = Signal(str)
    skew = Signal(float)

    @property
    def reports_received(self) -> int:
        """Status reports the engine made, delivered or coalesced away."""
        return self.calls_received["on_state"]

    # The engine may report its state a hundred times a second while it drains, and each
    # report is a full picture: only the newest matters, so reports coalesce.
    @latest_only
    def on_state(self, status: SyncStatus | None = None) -> None:
        """The engine's ``on_state(SyncStatus)`` listener; None only asks for a refresh."""
        if status is not None:
            self.status.emit(status)
        self.changed.emit()

    @on_gui_thread
    def on_online(self, online: bool) -> None:
        self.online.emit(bool(online))
        self.changed.emit()

    @on_gui_thread
    def on_rejected(self, message: object) -> None:
        self.rejected.emit(str(getattr(message, "message", message)))
        self.changed.emit()

    @on_gui_thread
    def on_error(self, message: object) -> None:
        self.error.emit(str(message))

    @on_gui_thread
    def on_skew(self, seconds: float) -> None:
        self.skew.emit(float(seconds))
