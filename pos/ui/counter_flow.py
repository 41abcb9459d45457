"""The counter's flows, built and wired together: the status bar (:mod:`pos.ui.status_flow`),
finding the customer (:mod:`pos.ui.identify_flow`), acting on their card
(:mod:`pos.ui.stamp_flow`) and the history and notices (:mod:`pos.ui.history_flow`).

Startup, the screenshots and the tests drive the counter through this object: they scan, pass
the sync engine's reports, and plug in the online lookups once the engine runs.
"""

from __future__ import annotations

from collections.abc import Callable

from hardware.scan import ScanSource
from pos.ui.flow_context import FlowContext
from pos.ui.history_flow import HistoryFlow, RemoteHistory
from pos.ui.identify_flow import IdentifyFlow, RemoteSearch
from pos.ui.stamp_flow import StampFlow
from pos.ui.status_flow import StatusFlow
from sync.status import SyncStatus

__all__ = ["CounterFlow", "RemoteHistory", "RemoteSearch"]


class CounterFlow:
    def __init__(
        self,
        ctx: FlowContext,
        *,
        remote_search: RemoteSearch | None = None,
        remote_history: RemoteHistory | None = None,
        status_interval_ms: int = 1000,
    ) -> None:
        self.status = StatusFlow(ctx, interval_ms=status_interval_ms)
        self.identifying = IdentifyFlow(ctx, self.status, remote_search=remote_search)
        self.stamping = StampFlow(ctx, self.identifying)
        self.records = HistoryFlow(ctx, self.identifying, self.status,
                                   remote_history=remote_history)

    def identify(self, payload: str | bytes, source: ScanSource = ScanSource.KEYBOARD,
                 *, nfc_uid: bool = False) -> None:
        self.identifying.identify(payload, source, nfc_uid=nfc_uid)

    def apply_sync_status(self, sync_status: SyncStatus) -> None:
        """The engine reported: the status bar at once, the customer on screen debounced."""
        self.status.apply_sync_status(sync_status)
        self.identifying.after_sync_report()

    @property
    def sync_status(self) -> SyncStatus | None:
        return self.status.sync_status

    # ---- the online lookups, plugged in once the sync engine runs ----------------------

    @property
    def remote_search(self) -> RemoteSearch | None:
        return self.identifying.remote_search

    @remote_search.setter
    def remote_search(self, search: RemoteSearch | None) -> None:
        self.identifying.remote_search = search

    @property
    def remote_history(self) -> RemoteHistory | None:
        return self.records.remote_history

    @remote_history.setter
    def remote_history(self, history: RemoteHistory | None) -> None:
        self.records.remote_history = history

    @property
    def refresh_cards(self) -> Callable[[list[str]], None] | None:
        return self.identifying.refresh_cards

    @refresh_cards.setter
    def refresh_cards(self, refresh: Callable[[list[str]], None] | None) -> None:
        self.identifying.refresh_cards = refresh
