"""The sync engine: a loop that pushes events and queued requests, reconciles, pulls master
data, and reports its state. No Qt: the UI wraps it and forwards ``on_state`` as a signal.

It runs on its own thread (:meth:`SyncEngine.start`) or in the caller's (:meth:`run_forever`,
:meth:`drain`). It opens its own database connection, sends only while it holds the SQLite
lease (:mod:`sync.lock`), sleeps until the next thing is due, and wakes at once on
:meth:`wake` (called after every recorded event) or :meth:`notify_online`.
"""

from __future__ import annotations

import enum
import gc
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from ledger import Ledger
from ledger.errors import LedgerError
from ledger.journal import (
    META_AUTH_REFUSED,
    META_CLOCK_OFFSET,
    META_LAST_SYNC,
    META_ONLINE,
)
from stamps.timestamps import format_timestamp
from sync.backoff import Backoff
from sync.errors import AuthError, SyncError, TransportError
from sync.fintiv import FintivClient
from sync.http import ClockSkew
from sync.lock import LeaseLost, SyncLock
from sync.membership import MembershipClient
from sync.pull import refresh_card, refresh_master_data
from sync.push import EventPusher, PushSettings, Step
from sync.queues import QueueSender
from sync.status import Connectivity, StatusListener, SyncStatus
from sync.vvd import VvdClient

log = logging.getLogger(__name__)



@dataclass(frozen=True, slots=True)
class EngineSettings:
    push: PushSettings = field(default_factory=PushSettings)
    #: seconds between catalog/stamps/merchants refreshes; 0 turns periodic pulls off
    pull_interval: float = 300.0
    max_clock_skew: float = 120.0
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    #: seconds between retries while the credentials are refused
    auth_retry: float = 60.0
    #: seconds between status computations while busy
    status_interval: float = 0.25
    #: pause after each busy round, handing the interpreter to other threads; set in the app
    #: so the GUI thread never waits long for the GIL while a backlog drains
    round_pause: float = 0.0

    @property
    def lease_ttl(self) -> float:
        return 2 * self.push.reconcile_grace + 60.0


@dataclass
class Clients:
    fintiv: FintivClient
    membership: MembershipClient | None = None
    vvd: VvdClient | None = None
    skew: ClockSkew = field(default_factory=ClockSkew)


class DrainResult(enum.IntEnum):
    """Exit status of ``stamp-pos sync --once``."""

    DRAINED = 0
    HELD = 1  # drained, but some events or requests wait for a manager
    UNFINISHED = 3  # time ran out, the service stayed unreachable or refused the credentials


class SyncEngine:
    def __init__(
        self,
        db_path: Path | str,
        clients: Clients,
        settings: EngineSettings | None = None,
        *,
        on_state: StatusListener | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db_path = Path(db_path)
        self.clients = clients
        self.settings = settings or EngineSettings()
        self.clock = clock
        self._listeners: list[StatusListener] = [on_state] if on_state else []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pull_now = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = SyncStatus()
        self._backoff = Backoff(self.settings.backoff_initial, 2.0, self.settings.backoff_max)
        self._auth_until = 0.0
        self._next_pull = 0.0 if self.settings.pull_interval else float("inf")
        self._queues_next = 0.0
        self._last_status = 0.0
        self._meta_written: dict[str, object] = {}
        self._refresh: set[str] = set()
        self._refresh_lock = threading.Lock()
        self.synced_total = 0

    # -- control (any thread) -------------------------------------------------------------

    def add_listener(self, listener: StatusListener) -> None:
        self._listeners.append(listener)

    @property
    def status(self) -> SyncStatus:
        return self._status

    def wake(self) -> None:
        """Something was recorded: look at the queues now."""
        self._wake.set()

    def notify_online(self) -> None:
        """The network came back: retry everything now instead of after the backoff."""
        self._online_hint = True
        self._wake.set()

    def request_pull(self) -> None:
        """Refresh the catalog, stamps and merchants as soon as possible."""
        self._pull_now.set()
        self._wake.set()

    def refresh_cards(self, card_instance_ids: list[str]) -> None:
        """A customer was identified: bring their cards and rewards up to date when the
        service is reachable (on the engine's thread, never the caller's)."""
        with self._refresh_lock:
            self._refresh.update(card_instance_ids)
        self._wake.set()

    def start(self) -> None:
        """Run on a background thread (the app). Objects alive now are moved out of the
        garbage collector's full passes (``gc.freeze``): with a GUI's heap, one full pass
        holds the interpreter for tens of milliseconds, which the GUI thread would feel."""
        if self._thread is not None:
            return
        gc.collect()
        gc.freeze()
        self._stop.clear()
        self._thread = threading.Thread(target=self.run_forever, name="sync-engine", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- loops (the engine's own thread) --------------------------------------------------

    def run_forever(self) -> None:
        """Run until :meth:`stop`."""
        with _Session(self) as session:
            while not self._stop.is_set():
                self._wake.clear()
                worked = session.tick()
                if worked:
                    if self.settings.round_pause:
                        time.sleep(self.settings.round_pause)
                    continue
                self._wake.wait(session.sleep_time())

    def drain(self, *, timeout: float = 600.0) -> DrainResult:
        """Send everything that can be sent, then return (``stamp-pos sync --once``)."""
        deadline = self.clock() + timeout
        with _Session(self) as session:
            while self.clock() < deadline and not self._stop.is_set():
                self._wake.clear()
                worked = session.tick()
                if session.auth_refused:
                    return DrainResult.UNFINISHED
                if not worked and session.drained():
                    session.publish(force=True)
                    return DrainResult.HELD if session.held() else DrainResult.DRAINED
                if not worked:
                    self._wake.wait(min(session.sleep_time(), max(0.0, deadline - self.clock())))
            session.publish(force=True)
        return DrainResult.UNFINISHED

    _online_hint = False


class _Session:
    """One open database and lease for the duration of a loop."""

    def __init__(self, engine: SyncEngine) -> None:
        self.e = engine
        s = engine.settings
        self.store = Ledger(engine.db_path)
        self.lock = SyncLock(self.store.db, ttl=s.lease_ttl, clock=engine.clock)
        self.pusher = EventPusher(self.store, engine.clients.fintiv, self.lock, s.push,
                                  backoff=engine._backoff, clock=engine.clock)
        self.queues = QueueSender(self.store, engine.clients.membership, engine.clients.vvd,
                                  max_retries=s.push.max_retries, clock=engine.clock)
        self.connectivity = Connectivity.UNKNOWN
        self.last_error: str | None = None
        self.last_sync: float | None = None
        self.auth_refused = False
        self.lock_elsewhere = False
        self._recovered = False

    def __enter__(self) -> _Session:
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

    # -- one pass -------------------------------------------------------------------------

    def tick(self) -> bool:
        """Do the next due piece of work; False when nothing was due."""
        e = self.e
        now = e.clock()
        if e._online_hint:
            e._online_hint = False
            e._backoff.reset()
            e._auth_until = 0.0
            self._retry_now()
        try:
            if not self.lock.try_acquire():
                self.lock_elsewhere = True
                self.publish()
                return False
            self.lock_elsewhere = False
            if not self._recovered:
                self.queues.recover()
                self._recovered = True
            if now < e._auth_until:
                self.publish()
                return False
            worked = self._push(now)
            worked = self._queues(now) or worked
            worked = self._pull(now) or worked
            worked = self._refresh_cards() or worked
        except LeaseLost:
            self.lock_elsewhere = True
            worked = False
        except LedgerError as exc:
            log.error("sync paused by a database problem: %s", exc)
            self.last_error = str(exc)
            worked = False
        self.publish(force=not worked)
        return worked

    def _push(self, now: float) -> bool:
        report = self.pusher.step()
        if report.step is Step.IDLE:
            return False
        if report.step is Step.SENT:
            self._online()
            self.last_sync = now
            self.e.synced_total += report.events
        elif report.step is Step.RECONCILED:
            self._online()
        elif report.step is Step.OFFLINE:
            self._offline(report.error)
        elif report.step is Step.AUTH:
            self._refused(report.error)
        elif report.error is not None:
            self.last_error = report.error.message
            log.info("sync round failed: %s", report.error.message)
        return report.step in (Step.SENT, Step.RECONCILED, Step.FAILED, Step.SUBMITTED)

    def _queues(self, now: float) -> bool:
        if now < self.e._queues_next:
            return False
        try:
            done = self.queues.step()
        except TransportError as exc:
            self.e._queues_next = now + self.e._backoff.delay_for(max(1, self.e._backoff.failures))
            self._offline(exc)
            return False
        except AuthError as exc:
            self._refused(exc)
            return False
        return done > 0

    def _pull(self, now: float) -> bool:
        e = self.e
        if not (e._pull_now.is_set() or now >= e._next_pull):
            return False
        if self.connectivity is Connectivity.OFFLINE and not e._pull_now.is_set():
            e._next_pull = now + min(e.settings.pull_interval or 60.0, 60.0)
            return False
        e._pull_now.clear()
        e._next_pull = now + (e.settings.pull_interval or float("inf"))
        try:
            report = refresh_master_data(self.store, e.clients.fintiv)
        except AuthError as exc:
            self._refused(exc)
            return False
        except SyncError as exc:
            log.info("catalog refresh failed: %s", exc.message)
            e._next_pull = now + min(e.settings.pull_interval or 60.0, 60.0)
            if isinstance(exc, TransportError):
                self._offline(exc)
            return False
        log.info("catalog refreshed: %s", report)
        self._online()  # an answered pull is proof enough: no need to wait for an event
        return True

    def _refresh_cards(self) -> bool:
        e = self.e
        with e._refresh_lock:
            if not e._refresh or self.connectivity is Connectivity.OFFLINE:
                return False
            ids = list(e._refresh)
            e._refresh.clear()
        for card_id in ids:
            try:
                refresh_card(self.store, e.clients.fintiv, card_id)
            except SyncError as exc:
                log.info("card refresh failed: %s", exc.message)
                return False
        return True

    def _retry_now(self) -> None:
        self.store.db.execute(
            "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending' "
            "AND last_error IS NOT NULL AND result_code IS NULL"
        )
        self.e._queues_next = 0.0

    # -- state ----------------------------------------------------------------------------

    def _online(self) -> None:
        self.connectivity = Connectivity.ONLINE
        self.auth_refused = False
        self.last_error = None

    def _offline(self, exc: SyncError | None) -> None:
        self.connectivity = Connectivity.OFFLINE
        self.last_error = exc.message if exc else None

    def _refused(self, exc: SyncError | None) -> None:
        if not self.auth_refused:
            self.store.journal.notify(
                "auth", "The stamp service refused this terminal's credentials. Events are kept "
                        "here; ask a manager to check the API key and token in the settings.")
        self.auth_refused = True
        self.connectivity = Connectivity.AUTH_REFUSED
        self.last_error = exc.message if exc else None
        self.e._auth_until = self.e.clock() + self.e.settings.auth_retry

    def sleep_time(self) -> float:
        """Seconds until something is due (bounded so the lease is renewed)."""
        now = self.e.clock()
        candidates = [self.lock.ttl / 3, self.e._next_pull - now, self.e._queues_next - now]
        try:
            due = self.store.db.scalar(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE state IN ('pending', 'in_flight')"
            )
            qdue = self.store.db.scalar(
                "SELECT MIN(next_attempt_at) FROM (SELECT next_attempt_at FROM member_queue "
                "WHERE state = 'pending' UNION ALL SELECT next_attempt_at FROM issue_queue "
                "WHERE state = 'pending')"
            )
        except LedgerError:
            return 1.0
        for value in (due, qdue):
            if value is not None:
                candidates.append(float(value) - now)
        if now < self.e._auth_until:
            candidates.append(self.e._auth_until - now)
        return max(0.005, min(candidates))

    def drained(self) -> bool:
        counts = self.store.outbox.counts()
        return (counts["pending"] + counts["in_flight"] == 0
                and self.queues.pending() == 0
                and self.store.member_queue.count("in_flight") == 0
                and self.store.issue_queue.count("in_flight") == 0)

    def held(self) -> bool:
        return (self.store.outbox.counts()["held"] > 0
                or self.store.member_queue.count("held") > 0
                or self.store.issue_queue.count("held") > 0)

    def publish(self, *, force: bool = False) -> None:
        e = self.e
        now = e.clock()
        if not force and now - e._last_status < e.settings.status_interval:
            return
        e._last_status = now
        try:
            counts = self.store.outbox.counts()
            members = self.store.member_queue.count("pending")
            issues = self.store.issue_queue.count("pending")
        except LedgerError:
            return
        skew = e.clients.skew
        status = SyncStatus(
            connectivity=self.connectivity,
            pending=counts["pending"], in_flight=counts["in_flight"], held=counts["held"],
            rejected=counts["rejected"], queued_members=members, queued_issues=issues,
            last_sync=self.last_sync or e._status.last_sync, last_error=self.last_error,
            clock_offset=skew.offset_seconds,
            clock_skew_warning=skew.exceeds(e.settings.max_clock_skew),
            lock_held_elsewhere=self.lock_elsewhere,
        )
        changed = replace(status, last_sync=None) != replace(e._status, last_sync=None)
        e._status = status
        self._write_meta(status)
        if changed or force:
            for listener in list(e._listeners):
                try:
                    listener(status)
                except Exception:
                    log.exception("sync status listener failed")

    def _write_meta(self, status: SyncStatus) -> None:
        values: dict[str, object] = {
            META_ONLINE: None if status.connectivity is Connectivity.UNKNOWN
            else status.connectivity is Connectivity.ONLINE,
            META_AUTH_REFUSED: status.connectivity is Connectivity.AUTH_REFUSED,
            META_CLOCK_OFFSET: None if status.clock_offset is None
            else round(status.clock_offset, 1),
        }
        if status.last_sync is not None:
            values[META_LAST_SYNC] = format_timestamp(
                datetime.fromtimestamp(int(status.last_sync), UTC)
            )
        changed = {k: v for k, v in values.items() if self.e._meta_written.get(k) != v}
        if not changed:
            return
        try:
            with self.store.db.transaction():
                for key, value in changed.items():
                    self.store.journal.set_meta(key, value)
        except LedgerError:
            return
        self.e._meta_written.update(changed)
