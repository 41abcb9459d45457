"""What the engine tells its listeners: one :class:`~sync.status.SyncStatus`, built from what
the loop learnt of the service and from the database's counts.

The engine reports a status only when it differs from the last one reported. While a backlog
drains the counts change on every batch, so a busy engine builds a status at most every
``status_interval`` seconds; once it goes idle the newest status is built at once, so the last
word listeners hear is always the true one. The same values are kept in the journal's meta
table for ``stamp-pos status`` and the app, written only when they change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from ledger import Ledger
from ledger.errors import LedgerError
from ledger.journal import (
    META_AUTH_REFUSED,
    META_CLOCK_OFFSET,
    META_LAST_SYNC,
    META_ONLINE,
    META_PROBLEM,
)
from stamps.timestamps import format_timestamp
from sync.engine_settings import EngineSettings
from sync.errors import ConfigurationError, SyncError
from sync.http import ClockSkew
from sync.status import Connectivity, SyncStatus

#: what a queue without its client says while it holds items
UNSENDABLE = {
    "member_queue": "{n} member registrations or changes cannot be sent: the membership "
                    "service's token is not set; a manager can set it in the settings.",
    "issue_queue": "{n} card issues cannot be sent: the card issuing service (vvd.bz) is not "
                   "set up; a manager can set it in the settings.",
}
AUTH_NOTICE = (
    "The stamp service refused this terminal's credentials. Events are kept here; ask a "
    "manager to check the API key and token in the settings."
)


class StatusPublisher:
    """The loop's view of the service (online, refused, last error) and the reports built
    from it; ``report`` receives every status built, and the engine passes on only changes."""

    def __init__(
        self,
        settings: EngineSettings,
        skew: ClockSkew,
        report: Callable[[SyncStatus], None],
        *,
        last_sync: float | None = None,
        unsendable: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings
        #: the queues (``member_queue``, ``issue_queue``) that have no client, so never send
        self.unsendable = unsendable
        self.skew = skew
        self._report = report
        self.connectivity = Connectivity.UNKNOWN
        self.last_error: str | None = None
        #: epoch seconds of the last batch the service answered
        self.last_sync = last_sync
        self.auth_refused = False
        self.lock_elsewhere = False
        self._built_at = float("-inf")
        self._meta_written: dict[str, object] = {}

    # -- what the loop learnt -------------------------------------------------------------

    def online(self) -> None:
        self.connectivity = Connectivity.ONLINE
        self.auth_refused = False
        self.last_error = None

    def offline(self, exc: SyncError | None) -> None:
        misconfigured = isinstance(exc, ConfigurationError)
        self.connectivity = Connectivity.MISCONFIGURED if misconfigured else Connectivity.OFFLINE
        self.last_error = exc.message if exc else None

    def refused(self, store: Ledger, exc: SyncError | None) -> None:
        """The credentials were refused: the first refusal leaves a notice for a manager."""
        if not self.auth_refused:
            store.journal.notify("auth", AUTH_NOTICE)
        self.auth_refused = True
        self.connectivity = Connectivity.AUTH_REFUSED
        self.last_error = exc.message if exc else None

    # -- reporting ------------------------------------------------------------------------

    def publish(self, store: Ledger, *, busy: bool) -> None:
        """Build the status and report it; while ``busy``, at most every ``status_interval``
        seconds."""
        now = time.monotonic()
        if busy and now - self._built_at < self.settings.status_interval:
            return
        self._built_at = now
        try:
            counts = store.outbox.counts()
            members = store.member_queue.count("pending")
            issues = store.issue_queue.count("pending")
        except LedgerError:
            return
        status = SyncStatus(
            connectivity=self.connectivity,
            pending=counts["pending"], in_flight=counts["in_flight"], held=counts["held"],
            rejected=counts["rejected"], queued_members=members, queued_issues=issues,
            last_sync=self.last_sync, last_error=self.last_error,
            clock_offset=self.skew.offset_seconds,
            clock_skew_warning=self.skew.exceeds(self.settings.max_clock_skew),
            lock_held_elsewhere=self.lock_elsewhere,
            unsendable=tuple(UNSENDABLE[t].format(n=n) for t, n in
                             (("member_queue", members), ("issue_queue", issues))
                             if n and t in self.unsendable),
        )
        self._write_meta(store, status)
        self._report(status)

    def _write_meta(self, store: Ledger, status: SyncStatus) -> None:
        values: dict[str, object] = {
            META_ONLINE: None if status.connectivity is Connectivity.UNKNOWN
            else status.connectivity is Connectivity.ONLINE,
            META_AUTH_REFUSED: status.connectivity is Connectivity.AUTH_REFUSED,
            META_CLOCK_OFFSET: None if status.clock_offset is None
            else round(status.clock_offset, 1),
            META_PROBLEM: status.problem,
        }
        if status.last_sync is not None:
            values[META_LAST_SYNC] = format_timestamp(
                datetime.fromtimestamp(int(status.last_sync), UTC)
            )
        changed = {k: v for k, v in values.items() if self._meta_written.get(k) != v}
        if not changed:
            return
        try:
            with store.db.transaction():
                for key, value in changed.items():
                    store.journal.set_meta(key, value)
        except LedgerError:
            return
        self._meta_written.update(changed)
