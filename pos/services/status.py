"""What the status bar and ``stamp-pos status`` show: queue counts, last sync, backend."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ledger.journal import (
    META_AUTH_REFUSED,
    META_CLOCK_OFFSET,
    META_LAST_SYNC,
    META_ONLINE,
    META_PROBLEM,
)
from pos.services.context import Context


@dataclass(frozen=True, slots=True)
class Status:
    events: dict[str, int]
    members_pending: int
    issues_pending: int
    open_notices: int
    last_sync: str | None
    online: bool | None
    auth_refused: bool
    clock_offset_seconds: float | None
    backend: str
    database: str
    #: what stops sending until a manager acts, as the sync engine last reported it
    problem: str | None = None

    @property
    def waiting(self) -> int:
        return self.events["pending"] + self.events["in_flight"]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "waiting": self.waiting}


def status(ctx: Context) -> Status:
    store = ctx.store
    journal = store.journal
    return Status(
        events=store.outbox.counts(),
        members_pending=store.member_queue.count("pending"),
        issues_pending=store.issue_queue.count("pending"),
        open_notices=len(journal.notices(open_only=True)),
        last_sync=journal.meta(META_LAST_SYNC),
        online=journal.meta(META_ONLINE),
        auth_refused=bool(journal.meta(META_AUTH_REFUSED, False)),
        clock_offset_seconds=journal.meta(META_CLOCK_OFFSET),
        backend=ctx.settings.fintiv_base_url,
        database=str(store.path),
        problem=journal.meta(META_PROBLEM),
    )
