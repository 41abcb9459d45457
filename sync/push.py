"""Sending outbox events to ``reportMultiStampEvents``, exactly once, without server help.

One :meth:`EventPusher.step` is one round trip. Its local work is one transaction: write the
previous round's results, then choose the next batch and mark it in flight (with the time
after which it may be reconciled). Only then is it sent. Whatever happens next:

* a full answer settles each event on its own (synced, rejected, retried, held);
* an answer that lacks some eventIds, a timeout, a reset, a malformed answer or a 5xx keeps
  the events in flight until :func:`sync.reconcile.reconcile` has read the cards' history:
  events found there are synced, the others go back to pending;
* a refused connection, 401/403, 400 or 413 put the events back to pending at once (nothing
  was applied), with backoff, a pause, bisection or a smaller batch respectively.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass, replace

from ledger import Ledger
from ledger.outbox import OutboxEvent
from stamps.errors import RewardNotRedeemable
from sync import settle
from sync.backoff import Backoff
from sync.batcher import next_batch
from sync.errors import (
    AmbiguousError,
    ApiValidationError,
    AuthError,
    BusinessError,
    InvalidResponse,
    RequestTooLarge,
    ServerError,
    SyncError,
    TransportError,
)
from sync.fintiv import EventResult, FintivClient
from sync.lock import SyncLock
from sync.reconcile import reconcile
from sync.settle import Settlement

log = logging.getLogger(__name__)

LOCAL_REWARD_PREFIX = "local-"


@dataclass(frozen=True, slots=True)
class PushSettings:
    batch_size: int = 50
    #: attempts for an event answered with an unknown non-zero code before it is held
    max_retries: int = 8
    #: seconds after sending before an unanswered batch may be reconciled; must exceed the
    #: longest time the service may still be working on a request the client gave up on
    reconcile_grace: float = 25.0
    retry_initial: float = 2.0
    retry_max: float = 600.0
    #: batches on the wire at once (of distinct cards), so the terminal's work on one answer
    #: overlaps the service's work on the next batch
    pipeline: int = 2


class Step(enum.Enum):
    IDLE = "idle"  # nothing due
    SUBMITTED = "submitted"  # a batch went on the wire; its answer comes in a later step
    SENT = "sent"  # the service answered
    RECONCILED = "reconciled"
    OFFLINE = "offline"  # the service could not be reached
    FAILED = "failed"  # the service failed or answered badly
    AUTH = "auth"  # credentials refused


@dataclass(frozen=True, slots=True)
class StepReport:
    step: Step
    events: int = 0
    error: SyncError | None = None


class EventPusher:
    def __init__(
        self,
        store: Ledger,
        client: FintivClient,
        lock: SyncLock,
        settings: PushSettings,
        *,
        backoff: Backoff,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """``clock`` gives seconds since 1970 for next_attempt_at (default: the store's)."""
        self.store = store
        self.client = client
        self.lock = lock
        self.settings = settings
        self.backoff = backoff
        self.clock = clock or store.clock.epoch
        self.batch_size = settings.batch_size
        self.retry_backoff = Backoff(settings.retry_initial, 2.0, settings.retry_max)
        self._pending = Settlement()
        self._forced: deque[list[str]] = deque()
        self._solo: set[str] = set()
        self._reward_lookups: set[str] = set()
        self._wire: dict[futures.Future[dict[str, EventResult]], list[OutboxEvent]] = {}
        self._pool = futures.ThreadPoolExecutor(settings.pipeline, thread_name_prefix="sync-send")

    # -- one round ------------------------------------------------------------------------

    def step(self) -> StepReport:
        """Write finished results, then reconcile, or send the next batch; with ``pipeline``
        above 1, up to that many batches (of distinct cards) are on the wire at once."""
        reports = self._collect(wait=False)
        now = self.clock()
        with self.store.db.transaction() as conn:
            self.lock.ensure(conn)
            settle.apply(self.store, conn, self._pending)
            self._pending = Settlement()
            due = self._due_reconcile(now)
            batch: list[OutboxEvent] = []
            if not (due or self._reward_lookups or len(self._wire) >= self.settings.pipeline):
                batch = self._choose_and_mark(conn, now)
        if batch:
            self._wire[self._pool.submit(self._post, batch)] = batch
        if due:
            reports.append(self._reconcile(due, now))
        elif self._reward_lookups:
            reports.append(self._lookup_rewards(now))
        if not reports and self._wire and (not batch or len(self._wire) >= self.settings.pipeline):
            reports = self._collect(wait=True)
        if not reports:
            return StepReport(Step.SUBMITTED if batch else Step.IDLE)
        return _merge(reports)

    def flush(self, timeout: float = 30.0) -> None:
        """Wait for batches on the wire and write every result held in memory (call before
        stopping)."""
        deadline = time.monotonic() + timeout
        while self._wire and time.monotonic() < deadline:
            self._collect(wait=True, timeout=max(0.0, deadline - time.monotonic()))
        if self._pending:
            with self.store.db.transaction() as conn:
                self.lock.ensure(conn)
                settle.apply(self.store, conn, self._pending)
            self._pending = Settlement()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _collect(self, *, wait: bool, timeout: float | None = None) -> list[StepReport]:
        if not self._wire:
            return []
        if wait:
            done, _ = futures.wait(list(self._wire), timeout=timeout,
                                   return_when=futures.FIRST_COMPLETED)
        else:
            done = {f for f in self._wire if f.done()}
        return [self._outcome(self._wire.pop(f), f) for f in done]

    # -- choosing -------------------------------------------------------------------------

    def _due_reconcile(self, now: float) -> list[OutboxEvent]:
        rows = self.store.db.query(
            "SELECT * FROM outbox WHERE state = 'in_flight' AND next_attempt_at <= ? "
            "ORDER BY seq LIMIT 500", (now,),
        )
        on_wire = {e.event_id for batch in self._wire.values() for e in batch}
        return [OutboxEvent.from_row(r) for r in rows if r["event_id"] not in on_wire]

    def _choose_and_mark(self, conn: sqlite3.Connection, now: float) -> list[OutboxEvent]:
        batch: list[OutboxEvent] = []
        while self._forced and not batch:
            ids = self._forced.popleft()
            marks = ",".join("?" * len(ids))
            rows = self.store.db.query(
                f"SELECT * FROM outbox WHERE state = 'pending' AND event_id IN ({marks}) "
                "ORDER BY seq", ids,
            )
            batch = [OutboxEvent.from_row(r) for r in rows]
        if not batch:
            batch = next_batch(self.store.db, self.batch_size, now)
            solo = [e for e in batch if e.event_id in self._solo]
            if solo:
                batch = solo[:1]
                self._solo.discard(solo[0].event_id)
        batch = self._resolve_local_rewards(conn, batch)
        if batch:
            grace = now + self.settings.reconcile_grace
            conn.executemany(
                "UPDATE outbox SET state = 'in_flight', batch_id = ?, attempts = attempts + 1, "
                "next_attempt_at = ?, updated_at = ? WHERE event_id = ? AND state = 'pending'",
                [(f"b{int(now * 1000)}", grace, now, e.event_id) for e in batch],
            )
        return batch

    def _resolve_local_rewards(
        self, conn: sqlite3.Connection, events: Sequence[OutboxEvent]
    ) -> list[OutboxEvent]:
        """Name rewards earned offline by their server id; an event whose reward is not named
        yet waits, with the rest of its card."""
        out: list[OutboxEvent] = []
        blocked: set[str] = set()
        for event in events:
            if event.card_instance_id in blocked:
                continue
            rid = event.reward_instance_id
            if rid and rid.startswith(LOCAL_REWARD_PREFIX):
                row = conn.execute(
                    "SELECT l.server_id, o.state FROM local_rewards l "
                    "LEFT JOIN outbox o ON o.event_id = l.event_id WHERE l.local_id = ?", (rid,),
                ).fetchone()
                if row is not None and row[0]:
                    event = replace(event, reward_instance_id=row[0])
                    conn.execute("UPDATE outbox SET reward_instance_id = ? WHERE event_id = ?",
                                 (row[0], event.event_id))
                elif row is None or row[1] == "rejected":
                    self._reject_locally(conn, event)
                    continue
                else:
                    blocked.add(event.card_instance_id)
                    if row[1] == "synced":
                        self._reward_lookups.add(event.card_instance_id)
                    continue
            out.append(event)
        return out

    def _reject_locally(self, conn: sqlite3.Connection, event: OutboxEvent) -> None:
        code, key = RewardNotRedeemable.code, RewardNotRedeemable.key
        conn.execute(
            "UPDATE outbox SET state = 'rejected', result_code = ?, result_message = ?, "
            "last_error = ?, updated_at = ? WHERE event_id = ? AND state = 'pending'",
            (code, key, "the reward it names was never earned on the service",
             self.clock(), event.event_id),
        )
        self.store.journal.notify(
            "rejected",
            settle.rejection_message(event.card_instance_id, event.event_type.value, code, key,
                                     card=settle.card_words(self.store, event.card_instance_id)),
            ref=event.event_id,
        )

    def _lookup_rewards(self, now: float) -> StepReport:
        """Find the server ids of rewards earned by events that were synced by reconciling
        (so no answer named them): the card's earliest unnamed ACTIVE reward of that kind."""
        card_id = self._reward_lookups.pop()
        try:
            rewards = self.client.get_rewards(card_id)
        except SyncError as exc:
            self._reward_lookups.add(card_id)
            return self._failed(exc)
        with self.store.db.transaction() as conn:
            self.lock.ensure(conn)
            taken = {r[0] for r in conn.execute(
                "SELECT server_id FROM local_rewards WHERE server_id IS NOT NULL "
                "AND card_instance_id = ?", (card_id,))}
            waiting = conn.execute(
                "SELECT l.local_id, l.reward_id FROM local_rewards l JOIN outbox o "
                "ON o.event_id = l.event_id WHERE l.card_instance_id = ? AND l.server_id IS NULL"
                " AND o.state = 'synced' ORDER BY o.seq", (card_id,),
            ).fetchall()
            free = sorted((r for r in rewards if r.reward_instance_id not in taken),
                          key=lambda r: r.rewarded_time)
            for local_id, reward_id in waiting:
                match = next((r for r in free if r.reward.reward_id == reward_id), None)
                if match is None:
                    # Never earned on the service: its redemption can only be refused.
                    conn.execute("UPDATE local_rewards SET server_id = '' WHERE local_id = ?",
                                 (local_id,))
                    conn.execute(
                        "UPDATE outbox SET reward_instance_id = ? WHERE reward_instance_id = ? "
                        "AND state = 'pending'", (local_id + "-unknown", local_id))
                    continue
                free.remove(match)
                settle.map_reward(conn, local_id, match.reward_instance_id)
        return StepReport(Step.RECONCILED)

    # -- sending --------------------------------------------------------------------------

    def _post(self, batch: list[OutboxEvent]) -> dict[str, EventResult]:
        """Runs on a sender thread: only the HTTP call and the answer's validation."""
        return self.client.report_multi_stamp_events([e.to_api() for e in batch])

    def _outcome(
        self, batch: list[OutboxEvent], future: futures.Future[dict[str, EventResult]]
    ) -> StepReport:
        now = self.clock()
        ids = [e.event_id for e in batch]
        s = self._pending
        try:
            results = future.result()
        except TransportError as exc:
            delay = self.backoff.fail()
            s.retry += [(eid, now + delay, exc.message, True) for eid in ids]
            return StepReport(Step.OFFLINE, len(ids), exc)
        except AuthError as exc:
            s.retry += [(eid, now, exc.message, True) for eid in ids]
            return StepReport(Step.AUTH, len(ids), exc)
        except RequestTooLarge as exc:
            if len(batch) == 1:
                s.held.append((ids[0], None, "the event is too large for the stamp service"))
            else:
                limit = exc.limit if exc.limit and exc.limit < len(batch) else len(batch) // 2
                self.batch_size = max(1, limit)
                log.warning("batch of %d too large; sending %d at a time",
                            len(batch), self.batch_size)
                s.retry += [(eid, now, exc.message, True) for eid in ids]
            return StepReport(Step.FAILED, len(ids), exc)
        except ApiValidationError as exc:
            self._bisect(batch, exc, now)
            return StepReport(Step.FAILED, len(ids), exc)
        except InvalidResponse as exc:
            # The service finished and answered, badly: read the history straight away.
            self.backoff.fail()
            s.reconcile += [(eid, now) for eid in ids]
            return StepReport(Step.FAILED, len(ids), exc)
        except (ServerError, BusinessError) as exc:
            delay = self.backoff.fail()
            s.reconcile += [(eid, now + delay) for eid in ids]
            return StepReport(Step.FAILED, len(ids), exc)
        except AmbiguousError as exc:
            # It may still be working on it: wait out the grace before reading the history.
            delay = max(self.settings.reconcile_grace, self.backoff.fail())
            s.reconcile += [(eid, now + delay) for eid in ids]
            return StepReport(Step.FAILED, len(ids), exc)
        self.backoff.reset()
        for event in batch:
            result = results.get(event.event_id)
            if result is None:
                # Maybe applied, maybe not: read the history now, then send it alone.
                s.reconcile.append((event.event_id, now))
                self._solo.add(event.event_id)
            elif result.ok:
                s.synced.append(result)
            elif settle.is_final(result.code):
                s.rejected.append((event.event_id, result.code, result.message))
            else:
                self._retry_unknown(event, result.code, result.message, now)
        return StepReport(Step.SENT, len(ids))

    def _retry_unknown(self, event: OutboxEvent, code: int, message: str, now: float) -> None:
        attempts = event.attempts + 1  # counted when marked in flight
        error = f"code {code}: {message}" if message else f"code {code}"
        if attempts >= self.settings.max_retries:
            self._pending.held.append((event.event_id, code, error))
        else:
            delay = self.retry_backoff.delay_for(attempts)
            self._pending.retry.append((event.event_id, now + delay, error, False))

    def _bisect(self, batch: list[OutboxEvent], exc: ApiValidationError, now: float) -> None:
        ids = [e.event_id for e in batch]
        if len(batch) == 1:
            fields = "; ".join(f"{k}: {v}" for k, v in exc.field_errors.items())
            self._pending.held.append((ids[0], exc.status, fields or exc.message))
            return
        half = len(ids) // 2
        self._forced.extendleft([ids[half:], ids[:half]])
        self._pending.retry += [(eid, now, exc.message, True) for eid in ids]

    # -- reconciling ----------------------------------------------------------------------

    def _reconcile(self, due: list[OutboxEvent], now: float) -> StepReport:
        """Settle what the histories said, card by card; a card whose history could not be
        read is tried again soon when others answered (the service works), else after the
        backoff."""
        found = reconcile(self.client, due)
        if found.learned:
            self.backoff.reset()
            self._pending.found += found.applied
            self._pending.retry += [(eid, now, "not applied; sending again", True)
                                    for eid in found.missing]
            log.info("reconciled %d events: %d already applied, %d to send again, %d unread",
                     len(due), len(found.applied), len(found.missing), len(found.unread))
        if found.unread:
            delay = self.backoff.delay_for(1) if found.learned else self.backoff.fail()
            self._pending.reconcile += [(eid, now + delay) for eid in found.unread]
        if found.error is not None and not found.learned:
            return self._failed(found.error)
        return StepReport(Step.RECONCILED, len(due) - len(found.unread))

    def _failed(self, exc: SyncError) -> StepReport:
        if isinstance(exc, TransportError):
            return StepReport(Step.OFFLINE, 0, exc)
        if isinstance(exc, AuthError):
            return StepReport(Step.AUTH, 0, exc)
        return StepReport(Step.FAILED, 0, exc)


def _merge(reports: list[StepReport]) -> StepReport:
    """One report for several finished rounds: the most telling step, the events summed."""
    order = (Step.AUTH, Step.OFFLINE, Step.SENT, Step.RECONCILED, Step.FAILED,
             Step.SUBMITTED, Step.IDLE)
    first = min(reports, key=lambda r: order.index(r.step))
    error = next((r.error for r in reports if r.error is not None), None)
    return StepReport(first.step, sum(r.events for r in reports), error)
