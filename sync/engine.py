"""The sync engine: a loop that pushes events and queued requests, reconciles, pulls master
data, and reports its state. No Qt: the UI wraps it and forwards ``on_state`` as a signal.

It runs on its own thread (:meth:`SyncEngine.start`) or in the caller's (:meth:`run_forever`,
:meth:`drain`). It opens its own database connection, sends only while it holds the SQLite
lease (:mod:`sync.lock`), sleeps until the next thing is due, and wakes at once on
:meth:`wake` (called after every recorded event) or :meth:`notify_online`.

Its parts: :mod:`sync.engine_settings` (what it is handed), :mod:`sync.scheduler` (what is due
and how long to sleep), :mod:`sync.publisher` (the status its listeners hear, only when it
changed) and :mod:`workers.thread` (start, stop, and the one error path).
"""

from __future__ import annotations

import enum
import gc
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from stamps.clock import Clock
from sync.engine_settings import Clients, EngineSettings
from sync.scheduler import Requests, Session
from sync.status import Connectivity, StatusListener, SyncStatus
from workers import WorkerThread

__all__ = ["Clients", "DrainResult", "EngineSettings", "SyncEngine"]


class DrainResult(enum.IntEnum):
    """Exit status of ``stamp-pos sync --once``."""

    DRAINED = 0
    HELD = 1  # drained, but some events or requests wait for a manager
    UNFINISHED = 3  # time ran out, the service stayed unreachable or refused the credentials


class SyncEngine(WorkerThread[SyncStatus]):
    title = "sync engine"
    stop_timeout = 15.0
    log_states = False  # the counts change with every batch; the status bar shows them

    def __init__(
        self,
        db_path: Path | str,
        clients: Clients,
        settings: EngineSettings | None = None,
        *,
        on_state: StatusListener | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__("sync-engine", SyncStatus())
        self.db_path = Path(db_path)
        self.clients = clients
        self.settings = settings or EngineSettings()
        #: business time (the ledger's); ``self.clock`` is its seconds since 1970, for the
        #: retry times and the lease kept in the database
        self.business_clock: Clock = clock if clock is not None else clients.skew.clock
        self.clock: Callable[[], float] = self.business_clock.epoch
        self._requests = Requests()
        if on_state is not None:
            self.add_listener(on_state)
        self.synced_total = 0
        #: passes of the loop so far: how often it woke up to look for work
        self.passes = 0

    # -- control (any thread) -------------------------------------------------------------

    def add_listener(self, listener: StatusListener) -> None:
        """``listener(status)`` hears each new status, on the engine's thread."""
        self.add_state_listener(lambda status, _summary: listener(status))

    @property
    def status(self) -> SyncStatus:
        return self.state

    def wake(self) -> None:
        """Something was recorded: look at the queues now."""
        self._requests.wake.set()

    def notify_online(self) -> None:
        """The network came back: retry everything now instead of after the backoff."""
        self._requests.came_online()

    def request_pull(self) -> None:
        """Refresh the catalog, stamps and merchants as soon as possible."""
        self._requests.pull_now()

    def refresh_cards(self, card_instance_ids: list[str]) -> None:
        """A customer was identified: bring their cards and rewards up to date when the
        service is reachable (on the engine's thread, never the caller's)."""
        self._requests.refresh(card_instance_ids)

    def run_forever(self) -> None:
        """Run on the calling thread until :meth:`stop` (``stamp-pos sync``)."""
        self.run_here()

    def drain(self, *, timeout: float = 600.0) -> DrainResult:
        """Send everything that can be sent, then return (``stamp-pos sync --once``)."""
        wake = self._requests.wake
        deadline = time.monotonic() + timeout  # a duration: a clock change does not move it
        with self._session() as session:
            try:
                while time.monotonic() < deadline and not self.stopping.is_set():
                    wake.clear()
                    worked = self._pass(session)
                    if session.auth_refused or session.misconfigured:
                        return DrainResult.UNFINISHED  # waiting cannot help: a manager must
                    if not worked and session.drained():
                        if session.stuck():
                            return DrainResult.UNFINISHED
                        return DrainResult.HELD if session.held() else DrainResult.DRAINED
                    if not worked:
                        wake.wait(min(session.sleep_time(),
                                      max(0.0, deadline - time.monotonic())))
            finally:
                session.publish()  # the last word, so `engine.status` is the final one
        return DrainResult.UNFINISHED

    # -- the worker thread ----------------------------------------------------------------

    def _on_start(self) -> None:
        # Objects alive now are moved out of the garbage collector's full passes: with a
        # GUI's heap, one full pass holds the interpreter for tens of milliseconds, which the
        # GUI thread would feel.
        gc.collect()
        gc.freeze()

    def _interrupt(self) -> None:
        self._requests.wake.set()

    def _failure(self, message: str) -> tuple[SyncStatus, str]:
        status = replace(self.state, connectivity=Connectivity.STOPPED, last_error=message)
        return status, status.summary()

    def _work(self) -> None:
        wake = self._requests.wake
        with self._session() as session:
            while not self.stopping.is_set():
                wake.clear()
                if self._pass(session):
                    if self.settings.round_pause:
                        time.sleep(self.settings.round_pause)
                    continue
                wake.wait(session.sleep_time())

    def _session(self) -> Session:
        return Session(self.db_path, self.clients, self.settings, self._requests,
                       self._report, clock=self.business_clock, last_sync=self.state.last_sync)

    def _pass(self, session: Session) -> bool:
        self.passes += 1
        before = session.synced
        worked = session.tick()
        self.synced_total += session.synced - before
        return worked

    def _report(self, status: SyncStatus) -> None:
        self._set_state(status, status.summary())
