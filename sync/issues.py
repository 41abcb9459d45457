"""Sending stamp cards issued offline to vvd.bz ``create``, never creating a second card
silently.

Each issue is sent with an ``Idempotency-Key`` chosen (and committed) before its first send. A
service that honours the key echoes it; the terminal remembers that (journal meta), and after
an ambiguous outcome (the answer lost, a 5xx, a crash mid-send) sends again with the same key,
which cannot issue a second card. Against a service not known to honour it, nothing can tell
whether the first request landed: vvd.bz has no lookup, and the Fintiv and Membership APIs
cannot list a member's cards with their vvd.bz codes. So the issue is held for a manager, with a
notice, rather than risk a second card.

An issue for a member whose registration is still queued waits for it and carries the userId
the Membership API assigned, read at send time; a refused registration holds the issue.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from ledger import Ledger
from ledger.queues import QueuedItem
from stamps.errors import ValidationError
from stamps.members import validate_issue_request
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
from sync.vvd import VvdClient

log = logging.getLogger(__name__)

#: journal meta: the last answer from vvd.bz echoed our Idempotency-Key
META_VVD_KEYS_HONOURED = "vvd_idempotency_honoured"


class IssueSender:
    def __init__(
        self, store: Ledger, vvd: VvdClient, *, max_retries: int, retry: Backoff,
        clock: Callable[[], float],
    ) -> None:
        self.store, self.vvd, self.max_retries = store, vvd, max_retries
        self.retry, self.clock = retry, clock

    def send(self, item: QueuedItem) -> int:
        """Send one due issue; 1 when it was settled (done, rejected or held), else 0."""
        queue = self.store.issue_queue
        body = dict(item.body)
        member = item.extra["local_member_id"]
        if member is not None:
            server_id = self.store.members.server_id(member)
            if server_id is not None:
                body["userId"] = str(server_id)  # the id the service gave, read now
            else:
                waiting = self._registration_blocks(item, member)
                if waiting is not None:
                    return waiting
        try:
            request = validate_issue_request(body, today=self.store.clock.today())
        except ValidationError as exc:
            queue.set_state(item.id, "rejected", error=str(exc), field_errors=exc.errors)
            self._notice(item, f"A card could not be issued: {exc}.")
            return 1
        if item.last_error == "interrupted" and not self._keys_honoured():
            self._hold(item, "the terminal stopped while sending it")
            return 1
        key = item.extra["idempotency_key"] or str(uuid.uuid4())
        queue.set_state(item.id, "in_flight", idempotency_key=key)
        try:
            issued = self.vvd.create(request, idempotency_key=key)
        except (ApiValidationError, BusinessError) as exc:
            fields = exc.field_errors if isinstance(exc, ApiValidationError) else {}
            queue.set_state(item.id, "rejected", error=exc.message, field_errors=fields)
            self._notice(item, f"A card could not be issued: {exc.message}")
            return 1
        except SyncError as exc:
            return self._failed(item, exc)
        with self.store.db.transaction():
            queue.set_state(item.id, "done", code=issued.code, url=issued.url)
            self.store.journal.set_meta(META_VVD_KEYS_HONOURED, issued.key_honoured)
            card_id = item.extra.get("card_instance_id")
            if card_id:
                self.store.cards.save_stamp_code(issued.code, card_id, issued.url)
        return 1

    def _registration_blocks(self, item: QueuedItem, member: int) -> int | None:
        """0 while the member's registration is queued; 1 once the issue is held because it
        was refused; None when no registration is queued (the issue goes without userId)."""
        registrations = [i for i in self.store.member_queue.for_member(member)
                         if i.extra["kind"] == "register"]
        if not registrations:
            return None
        last = registrations[-1]
        if last.state in ("pending", "in_flight"):
            return 0
        if last.state in ("rejected", "held"):
            why = "refused" if last.state == "rejected" else "held for a manager"
            self.store.issue_queue.set_state(item.id, "held", error=f"registration {why}")
            self._notice(item, f"The card was not issued because the member's registration was "
                               f"{why} ({last.last_error or 'no reason given'}); fix the "
                               "registration, then issue the card again.")
            return 1
        return None

    def _failed(self, item: QueuedItem, exc: SyncError) -> int:
        queue = self.store.issue_queue
        if isinstance(exc, TransportError | AuthError):
            queue.set_state(item.id, "pending", error=exc.message, next_attempt_at=self.clock())
            raise exc
        attempts = item.attempts + 1
        ambiguous = isinstance(exc, AmbiguousError | ServerError)
        if ambiguous and self._keys_honoured() and attempts < self.max_retries:
            # The same key again: the service answers with the card it may already have issued.
            queue.set_state(item.id, "pending", error=exc.message,
                            next_attempt_at=self.clock() + self.retry.delay_for(attempts))
            return 0
        self._hold(item, exc.message)
        return 1

    def _hold(self, item: QueuedItem, reason: str) -> None:
        self.store.issue_queue.set_state(item.id, "held", error=reason)
        log.warning("card issue %d held: %s", item.id, reason)
        self._notice(item, "A card issue may have reached vvd.bz without an answer, and vvd.bz "
                           "cannot be asked, so it is held: check the customer's cards on the "
                           "vvd.bz dashboard before issuing again.")

    def _keys_honoured(self) -> bool:
        return bool(self.store.journal.meta(META_VVD_KEYS_HONOURED, False))

    def _notice(self, item: QueuedItem, message: str) -> None:
        self.store.journal.notify("issue", message, ref=str(item.id))
