"""The engine's scheduling: what is due, doing it, and how long the loop may then sleep.

A :class:`Session` is one open database and sync lease for the duration of a loop. Each
:meth:`Session.tick` pushes events, sends queued requests, pulls master data and refreshes
identified cards, each when it is due. :meth:`Session.sleep_time` then says how long an idle
loop may sleep: until the next real deadline (an event's retry, a queue's backoff, the next
pull, the end of an auth pause) or the lease's renewal, whichever comes first. Other threads
reach the loop through :class:`Requests`, whose every request also wakes it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from ledger import Ledger
from ledger.errors import LedgerError
from stamps.clock import Clock
from sync.backoff import Backoff
from sync.engine_settings import Clients, EngineSettings
from sync.errors import AuthError, ConfigurationError, SyncError, TransportError
from sync.lock import LeaseLost, SyncLock
from sync.publisher import StatusPublisher
from sync.pull import refresh_card, refresh_master_data
from sync.push import EventPusher, Step
from sync.queues import QueueSender
from sync.status import Connectivity, SyncStatus

log = logging.getLogger(__name__)

#: seconds before looking again at work that was due but could not be taken (an event whose
#: card waits for an earlier one still in flight): soon, but never in a spin
OVERDUE_RECHECK = 0.5
#: seconds between looks at a lease another engine holds: it does not say when it lets go
LEASE_POLL = 1.0


class Requests:
    """What other threads ask of the loop; each request also sets :attr:`wake`."""

    def __init__(self) -> None:
        self.wake = threading.Event()
        self.pull = threading.Event()
        self._lock = threading.Lock()
        self._online = False
        self._cards: set[str] = set()

    def came_online(self) -> None:
        with self._lock:
            self._online = True
        self.wake.set()

    def pull_now(self) -> None:
        self.pull.set()
        self.wake.set()

    def refresh(self, card_instance_ids: list[str]) -> None:
        with self._lock:
            self._cards.update(card_instance_ids)
        self.wake.set()

    def take_online(self) -> bool:
        with self._lock:
            online, self._online = self._online, False
        return online

    def take_cards(self) -> list[str]:
        with self._lock:
            cards = list(self._cards)
            self._cards.clear()
        return cards


class Session:
    """One open database and lease for the duration of a loop."""

    def __init__(
        self,
        db_path: Path,
        clients: Clients,
        settings: EngineSettings,
        requests: Requests,
        report: Callable[[SyncStatus], None],
        *,
        clock: Clock,
        last_sync: float | None = None,
    ) -> None:
        self.clients = clients
        self.settings = s = settings
        self.requests = requests
        #: seconds since 1970 on the business clock: retry times and the lease are kept in the
        #: database, read by other processes too
        self.clock: Callable[[], float] = clock.epoch
        self.store = Ledger(db_path, clock=clock)
        self.lock = SyncLock(self.store.db, ttl=s.lease_ttl, clock=self.clock)
        self.backoff = Backoff(s.backoff_initial, 2.0, s.backoff_max)
        self.pusher = EventPusher(self.store, clients.fintiv, self.lock, s.push,
                                  backoff=self.backoff, clock=self.clock)
        self.queues = QueueSender(self.store, clients.membership, clients.vvd,
                                  max_retries=s.push.max_retries, clock=self.clock,
                                  retry_max=s.backoff_max)
        #: queues that have no client: their items wait, and the status says why
        self.unsendable = tuple(t for t, c in (("member_queue", clients.membership),
                                               ("issue_queue", clients.vvd)) if c is None)
        self.status = StatusPublisher(s, clients.skew, report, last_sync=last_sync,
                                      unsendable=self.unsendable)
        self.synced = 0
        self._auth_until = 0.0
        self._next_pull = 0.0 if s.pull_interval else float("inf")
        self._queues_next = 0.0  # after a transport failure of the queues: their backoff
        self._ticked_at = 0.0
        self._recovered = False

    @property
    def auth_refused(self) -> bool:
        return self.status.auth_refused

    @property
    def misconfigured(self) -> bool:
        return self.status.connectivity is Connectivity.MISCONFIGURED

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.lock.held:
                self.pusher.flush()
                self.lock.release()
        except (LedgerError, LeaseLost, OSError):
            log.warning("could not release the sync lease cleanly", exc_info=True)
        finally:
            self.pusher.close()
        self.store.close()

    def publish(self, *, busy: bool = False) -> None:
        self.status.publish(self.store, busy=busy)

    # -- one pass -------------------------------------------------------------------------

    def tick(self) -> bool:
        """Do the next due piece of work; False when nothing was due."""
        now = self._ticked_at = self.clock()
        if self.requests.take_online():
            self.backoff.reset()
            self._auth_until = 0.0
            self._retry_now()
        try:
            if not self.lock.try_acquire():
                self.status.lock_elsewhere = True
                self.publish()
                return False
            self.status.lock_elsewhere = False
            if not self._recovered:
                self.queues.recover()
                self._recovered = True
            if now < self._auth_until:
                self.publish()
                return False
            worked = self._push(now)
            worked = self._send_queues(now) or worked
            worked = self._pull(now) or worked
            worked = self._refresh_cards() or worked
        except LeaseLost:
            self.status.lock_elsewhere = True
            worked = False
        except LedgerError as exc:
            log.error("sync paused by a database problem: %s", exc)
            self.status.last_error = str(exc)
            worked = False
        self.publish(busy=worked)
        return worked

    def _push(self, now: float) -> bool:
        report = self.pusher.step()
        if report.step is Step.IDLE:
            return False
        if report.step is Step.SENT:
            self.status.online()
            self.status.last_sync = now
            self.synced += report.events
        elif report.step is Step.RECONCILED:
            self.status.online()
        elif report.step is Step.OFFLINE:
            self.status.offline(report.error)
            self._pause_if_misconfigured(report.error, now)
        elif report.step is Step.AUTH:
            self._refused(report.error)
        elif report.error is not None:
            self.status.last_error = report.error.message
            log.info("sync round failed: %s", report.error.message)
        return report.step in (Step.SENT, Step.RECONCILED, Step.FAILED, Step.SUBMITTED)

    def _send_queues(self, now: float) -> bool:
        if now < self._queues_next:
            return False
        try:
            done = self.queues.step()
        except TransportError as exc:
            self._queues_next = now + self.backoff.delay_for(max(1, self.backoff.failures))
            self.status.offline(exc)
            self._pause_if_misconfigured(exc, now)
            return False
        except AuthError as exc:
            self._refused(exc)
            return False
        return done > 0

    def _pull(self, now: float) -> bool:
        pull_now = self.requests.pull.is_set()
        if not (pull_now or now >= self._next_pull):
            return False
        retry_in = min(self.settings.pull_interval or 60.0, 60.0)
        if self.status.connectivity is Connectivity.OFFLINE and not pull_now:
            self._next_pull = now + retry_in
            return False
        self.requests.pull.clear()
        self._next_pull = now + (self.settings.pull_interval or float("inf"))
        try:
            report = refresh_master_data(self.store, self.clients.fintiv)
        except AuthError as exc:
            self._refused(exc)
            return False
        except SyncError as exc:
            log.info("catalog refresh failed: %s", exc.message)
            self._next_pull = now + retry_in
            if isinstance(exc, TransportError):
                self.status.offline(exc)
            return False
        log.info("catalog refreshed: %s", report)
        self.status.online()  # an answered pull is proof enough: no need to wait for an event
        return True

    def _refresh_cards(self) -> bool:
        if self.status.connectivity is Connectivity.OFFLINE:
            return False  # kept until the service answers again
        ids = self.requests.take_cards()
        for card_id in ids:
            try:
                refresh_card(self.store, self.clients.fintiv, card_id)
            except SyncError as exc:
                log.info("card refresh failed: %s", exc.message)
                return False
        return bool(ids)

    def _retry_now(self) -> None:
        self.store.db.execute(
            "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending' "
            "AND last_error IS NOT NULL AND result_code IS NULL"
        )
        self._queues_next = 0.0

    def _pause_if_misconfigured(self, exc: SyncError | None, now: float) -> None:
        """A service set up wrongly cannot start working by itself: look again only as often
        as after refused credentials, never in a loop."""
        if isinstance(exc, ConfigurationError):
            self._auth_until = now + self.settings.auth_retry

    def _refused(self, exc: SyncError | None) -> None:
        self.status.refused(self.store, exc)
        self._auth_until = self.clock() + self.settings.auth_retry

    # -- sleeping -------------------------------------------------------------------------

    def sleep_time(self) -> float:
        """Seconds an idle loop may sleep before something falls due (``wake`` ends it early).

        Called after a pass that did nothing, so anything already due at that pass could not
        be taken then: it is looked at again after :data:`OVERDUE_RECHECK`, not at once."""
        now = self.clock()
        deadlines = [now + self.lock.ttl / 3]  # renew the lease well before it expires
        if self.status.lock_elsewhere:
            deadlines.append(now + LEASE_POLL)  # another engine sends: only its lease matters
        elif now < self._auth_until:
            deadlines.append(self._auth_until)  # refused credentials pause everything else
        else:
            try:
                deadlines += self._due_times()
            except LedgerError:
                return 1.0
        ticked = self._ticked_at
        due = min(d if d > ticked else ticked + OVERDUE_RECHECK for d in deadlines)
        return max(0.0, due - now)

    def _due_times(self) -> list[float]:
        times = [self._next_pull]
        outbox = self.store.db.scalar(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE state IN ('pending', 'in_flight')"
        )
        if outbox is not None:
            times.append(float(outbox))
        # A queue without its client never sends: its items must not wake the loop.
        tables = [t for t, client in (("member_queue", self.clients.membership),
                                      ("issue_queue", self.clients.vvd)) if client is not None]
        for table in tables:
            due = self.store.db.scalar(
                f"SELECT MIN(next_attempt_at) FROM {table} WHERE state = 'pending'"
            )
            if due is not None:
                times.append(max(float(due), self._queues_next))
        return times

    # -- the end of a drain ---------------------------------------------------------------

    def drained(self) -> bool:
        """Nothing left that this session can send (see :meth:`stuck` for what it cannot)."""
        counts = self.store.outbox.counts()
        sendable = [q for q in (self.store.member_queue, self.store.issue_queue)
                    if q.table not in self.unsendable]
        return (counts["pending"] + counts["in_flight"] == 0
                and all(q.count("pending") + q.count("in_flight") == 0 for q in sendable))

    def stuck(self) -> bool:
        """Items wait in a queue that has no client: never "everything is sent"."""
        return any(getattr(self.store, t).count("pending") for t in self.unsendable)

    def held(self) -> bool:
        return (self.store.outbox.counts()["held"] > 0
                or self.store.member_queue.count("held") > 0
                or self.store.issue_queue.count("held") > 0)
