"""Qt adapter for the sync engine: its callbacks, called on the sync thread, become signals on
the GUI thread. The status bar reads its numbers from the store; these signals make it refresh
at once and turn refusals into notices the cashier sees.

The engine may report its state a hundred times a second while it drains; only the latest
report matters, so reports are coalesced: one delivery is queued at a time and it carries the
newest status, so the GUI thread does a bounded amount of work however fast the engine is."""

from __future__ import annotations

import threading
from typing import Any

from pos.ui.qt import QObject, Qt, Signal
from pos.ui.thread_priority import lower_current_thread


class SyncBridge(QObject):
    changed = Signal()  # something the status bar shows changed (online, counts, last sync)
    status = Signal(object)  # sync.status.SyncStatus, as the engine reported it
    online = Signal(bool)
    rejected = Signal(str)  # a sentence about an event the server refused
    error = Signal(str)
    skew = Signal(float)

    _changed_in = Signal()
    _status_in = Signal()
    _online_in = Signal(bool)
    _rejected_in = Signal(str)
    _error_in = Signal(str)
    _skew_in = Signal(float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._changed_in.connect(self.changed, queued)
        self._status_in.connect(self._deliver_latest, queued)
        self._online_in.connect(self.online, queued)
        self._rejected_in.connect(self.rejected, queued)
        self._error_in.connect(self.error, queued)
        self._skew_in.connect(self.skew, queued)
        self._latest_lock = threading.Lock()
        self._latest: Any = None
        self._delivery_queued = False
        self.reports_received = 0
        self.reports_delivered = 0

    # ---- the sync thread calls these -------------------------------------------------

    def on_state(self, status: Any = None, *args: Any, **kwargs: Any) -> None:
        """The engine's ``on_state(SyncStatus)`` listener."""
        lower_current_thread()
        with self._latest_lock:
            self.reports_received += 1
            if status is not None:
                self._latest = status
            if self._delivery_queued:
                return
            self._delivery_queued = True
        self._status_in.emit()  # a wake-up; the slot takes the newest status

    def _deliver_latest(self) -> None:
        with self._latest_lock:
            latest, self._delivery_queued = self._latest, False
            self.reports_delivered += 1
        if latest is not None:
            self.status.emit(latest)
        self.changed.emit()

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
