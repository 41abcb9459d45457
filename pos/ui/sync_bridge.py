"""Qt adapter for the sync engine: its callbacks, called on the sync thread, become signals on
the GUI thread. The status bar reads its numbers from the store; these signals make it refresh
at once and turn refusals into notices the cashier sees."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from pos.ui.thread_priority import lower_current_thread


class SyncBridge(QObject):
    changed = Signal()  # something the status bar shows changed (online, counts, last sync)
    status = Signal(object)  # sync.status.SyncStatus, as the engine reported it
    online = Signal(bool)
    rejected = Signal(str)  # a sentence about an event the server refused
    error = Signal(str)
    skew = Signal(float)

    _changed_in = Signal()
    _status_in = Signal(object)
    _online_in = Signal(bool)
    _rejected_in = Signal(str)
    _error_in = Signal(str)
    _skew_in = Signal(float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._changed_in.connect(self.changed, queued)
        self._status_in.connect(self.status, queued)
        self._online_in.connect(self.online, queued)
        self._rejected_in.connect(self.rejected, queued)
        self._error_in.connect(self.error, queued)
        self._skew_in.connect(self.skew, queued)

    # ---- the sync thread calls these -------------------------------------------------

    def on_state(self, status: Any = None, *args: Any, **kwargs: Any) -> None:
        """The engine's ``on_state(SyncStatus)`` listener."""
        lower_current_thread()
        if status is not None:
            self._status_in.emit(status)
        self._changed_in.emit()

    def on_online(self, online: bool) -> None:
        self._online_in.emit(bool(online))
        self._changed_in.emit()

    def on_rejected(self, message: Any) -> None:
        self._rejected_in.emit(str(getattr(message, "message", message)))
        self._changed_in.emit()

    def on_error(self, message: Any) -> None:
        self._error_in.emit(str(message))

    def on_skew(self, seconds: float) -> None:
        self._skew_in.emit(float(seconds))
