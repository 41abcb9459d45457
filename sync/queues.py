"""Sending the other offline queues: member registrations and changes (Membership API) and
stamp cards issued offline (vvd.bz create).

A registration is not idempotent either: after an ambiguous outcome the member is looked up by
email before registering again. A change is idempotent (it sets fields) and is simply resent.
Card issues are sent by :mod:`sync.issues`, which never creates a second card silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ledger import Ledger
from ledger.queues import QueuedItem
from stamps.members import MemberForm
from sync.backoff import Backoff
from sync.errors import (
    AmbiguousError,
    ApiValidationError,
    AuthError,
    BusinessError,
    ServerError,
    SyncError,
    TransportError,
)
from sync.issues import IssueSender
from sync.membership import MembershipClient
from sync.vvd import VvdClient

log = logging.getLogger(__name__)


class QueueSender:
    """Sends due items of both queues; :meth:`step` returns how many were settled, and
    raises :class:`TransportError` or :class:`AuthError` to tell the engine to back off."""

    def __init__(
        self,
        store: Ledger,
        membership: MembershipClient | None,
        vvd: VvdClient | None,
        *,
        max_retries: int = 8,
        clock: Callable[[], float] | None = None,
        retry_max: float = 600.0,
    ) -> None:
        self.store = store
        self.membership = membership
        self.vvd = vvd
        self.max_retries = max_retries
        self.clock = clock or store.clock.epoch  # seconds since 1970, for next_attempt_at
        self.retry = Backoff(2.0, 2.0, retry_max)
        self.issues = None if vvd is None else IssueSender(
            store, vvd, max_retries=max_retries, retry=self.retry, clock=self.clock)

    def recover(self) -> None:
        """Items left in flight by a crash: treat as ambiguous (a register is looked up first)."""
        for table in ("member_queue", "issue_queue"):
            self.store.db.execute(
                f"UPDATE {table} SET state = 'pending', last_error = 'interrupted' "
                "WHERE state = 'in_flight'"
            )

    def pending(self) -> int:
        return self.store.member_queue.count("pending") + self.store.issue_queue.count("pending")

    def step(self, limit: int = 20) -> int:
        done = 0
        if self.membership is not None:
            for item in self.store.member_queue.due(limit, self.clock()):
                done += self._member(item)
        if self.vvd is not None:
            for item in self.store.issue_queue.due(limit, self.clock()):
                done += self._issue(item)
        return done

    # -- members ----------------------------------------------------------------------------

    def _member(self, item: QueuedItem) -> int:
        assert self.membership is not None
        queue = self.store.member_queue
        local_id = item.extra["local_member_id"]
        body = dict(item.body)
        if item.extra["kind"] == "change":
            server_id = self.store.members.server_id(local_id)
            if server_id is None:
                if self._register_waiting(local_id, item.id):
                    return 0  # the registration goes first; its id is filled in then
                queue.set_state(item.id, "rejected",
                                error="The member was never registered, so it cannot be changed.")
                self._notice(local_id, "The member's registration failed, so the change was not "
                                       "sent. Register the member again.")
                return 1
            body["id"] = server_id
        form = _form(body)
        interrupted = item.last_error == "interrupted" or (item.attempts > 0
                                                            and item.last_error is not None)
        queue.set_state(item.id, "in_flight")
        try:
            member = None
            if item.extra["kind"] == "register" and interrupted and form.email:
                member = self._lookup(form.email)
            if member is None:
                if item.extra["kind"] == "register":
                    member = self.membership.register(form)
                else:
                    member = self.membership.change(form)
        except ApiValidationError as exc:
            queue.set_state(item.id, "rejected", error=exc.message,
                            field_errors=exc.field_errors or {"__all__": exc.message})
            fields = "; ".join(f"{k}: {v}" for k, v in exc.field_errors.items())
            self._notice(local_id, f"The membership service refused the member's details "
                                   f"({fields or exc.message}). Correct them and save again.")
            return 1
        except SyncError as exc:
            self._failed(queue, item, exc)
            return 0
        with self.store.db.transaction():
            self.store.members.set_server_id(local_id, member)
            queue.set_state(item.id, "done", field_errors={})
        return 1

    def _register_waiting(self, local_id: int, before_id: int) -> bool:
        return any(
            i.extra["kind"] == "register" and i.state in ("pending", "in_flight")
            and i.id < before_id
            for i in self.store.member_queue.for_member(local_id)
        )

    def _lookup(self, email: str) -> Any:
        assert self.membership is not None
        try:
            return self.membership.status(email)
        except (ApiValidationError, BusinessError):
            return None  # not found: register it

    def _notice(self, local_id: int, message: str) -> None:
        self.store.journal.notify("member", message, ref=str(local_id))

    # -- card issues ------------------------------------------------------------------------

    def _issue(self, item: QueuedItem) -> int:
        assert self.issues is not None
        return self.issues.send(item)

    # -- failures ---------------------------------------------------------------------------

    def _failed(self, queue: Any, item: QueuedItem, exc: SyncError) -> None:
        attempts = item.attempts + 1
        if isinstance(exc, TransportError | AuthError):
            queue.set_state(item.id, "pending", error=exc.message,
                            next_attempt_at=self.clock())
            raise exc
        if isinstance(exc, AmbiguousError | ServerError) and attempts < self.max_retries:
            queue.set_state(item.id, "pending", error=exc.message,
                            next_attempt_at=self.clock() + self.retry.delay_for(attempts))
            return
        queue.set_state(item.id, "held", error=exc.message)
        self.store.journal.notify("held", f"A queued request could not be sent ({exc.message}). "
                                          "A manager must review it.", ref=str(item.id))


def _form(body: dict[str, Any]) -> MemberForm:
    known = MemberForm.__dataclass_fields__
    return MemberForm(**{k: v for k, v in body.items() if k in known})
