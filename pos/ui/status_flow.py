"""The status bar's flow: online or not, events waiting, the last sync, clock skew and open
notices, read from the terminal on a timer and at once when the sync engine reports."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from pos.services.status import Status
from pos.ui.flow_context import FlowContext
from pos.ui.qt import QObject, QTimer, Signal
from sync.status import SyncStatus

log = logging.getLogger(__name__)


def _parse_time(text: Any) -> datetime | None:
    if not text:
        return None
    if isinstance(text, int | float):
        return datetime.fromtimestamp(text, UTC)
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


class StatusFlow(QObject):
    status_shown = Signal(object)  # Status

    def __init__(self, ctx: FlowContext, *, interval_ms: int = 1000) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        #: the sync engine's latest report, when it runs
        self.sync_status: SyncStatus | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._busy = False
        self.refresh()

    def refresh(self) -> None:
        # One status query at a time: the timer and every sync report ask for one, and on a
        # slow disk they would otherwise queue up on the worker ahead of the cashier's work.
        if self._busy:
            return
        self._busy = True

        def done(status: Status) -> None:
            self._busy = False
            self.show(status)

        def failed(exc: BaseException) -> None:
            self._busy = False
            log.warning("status unavailable", exc_info=exc)

        self.ctx.run(lambda t: t.status(), done, failed, name="status")

    def apply_sync_status(self, sync_status: SyncStatus) -> None:
        """The engine reported: what it knows (online, last sync, skew) wins over the store."""
        self.sync_status = sync_status
        self.refresh()

    def show(self, status: Status) -> None:
        bar = self.ctx.window.status
        online, last = status.online, _parse_time(status.last_sync)
        skew = status.clock_offset_seconds
        reported = self.sync_status
        problem, misconfigured = status.problem, False
        if reported is not None:
            problem = reported.problem
            misconfigured = str(reported.connectivity) == "misconfigured"
            connectivity = str(reported.connectivity)
            online = None if connectivity == "unknown" else connectivity == "online"
            if reported.last_sync is not None:
                last = datetime.fromtimestamp(reported.last_sync, UTC)
            if reported.clock_offset is not None:
                skew = reported.clock_offset
        bar.set_sync(online, status.waiting + status.members_pending
                     + status.issues_pending,
                     None if last is None else self.ctx.terminal.clock.local(last))
        bar.set_problem(problem, misconfigured=misconfigured)
        limit = self.ctx.terminal.settings.max_clock_skew
        bar.set_skew(skew if skew is not None and abs(skew) > limit else None)
        bar.set_notices(status.open_notices)
        self.status_shown.emit(status)

