"""One way to run a loop on a background thread: start, stop, state and one error path.

The camera, the QR decoder, the NFC reader, the simulated NFC tag and the sync engine each
loop on their own thread until asked to stop. They share this base so that all of them behave
alike where it matters to a caller:

* :meth:`WorkerThread.start` twice runs one thread; :meth:`WorkerThread.stop` twice, or before
  any start, does no harm; ``stop(timeout)`` joins and says whether the thread ended in time.
* A worker is in one state at a time, with a plain sentence saying what it means. Listeners
  hear each change once, on the thread that made it; a listener that raises is logged, and the
  worker carries on.
* An exception that escapes the loop is a bug, never swallowed: its traceback goes to the log,
  and listeners hear the worker's failure state with a sentence a cashier can act on.

A subclass implements :meth:`WorkerThread._work` (loop until :attr:`WorkerThread.stopping` is
set) and :meth:`WorkerThread._failure` (its state for "died of a bug"), and overrides the
``_on_start`` / ``_interrupt`` / ``_on_stop`` hooks where it needs to.
"""

from __future__ import annotations

import abc
import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

S = TypeVar("S")

#: ``listener(state, message)``: called once per change of state, on the thread that made it
StateListener = Callable[[S, str], None]

FAILURE_ADVICE = (
    "The {title} stopped after an unexpected error. Restart Stamp POS; if it happens again, "
    "tell a manager (the details are in the log)."
)


class WorkerThread(abc.ABC, Generic[S]):
    """A loop on its own daemon thread, with a state that listeners follow."""

    #: what a cashier calls this worker, used in the failure sentence
    title = "worker"
    #: seconds :meth:`stop` waits for the thread when no timeout is given
    stop_timeout = 2.0
    #: log each change of state at INFO (devices change rarely; the engine's counts do not)
    log_states = True

    def __init__(self, name: str, initial: S, message: str = "") -> None:
        self.name = name
        #: set by :meth:`stop`; the loop waits on it (``self.stopping.wait(delay)``) and ends
        self.stopping = threading.Event()
        self._log = logging.getLogger(type(self).__module__)
        self._thread: threading.Thread | None = None
        # Re-entrant: a state listener run by start() or stop() may itself call start or stop.
        self._control = threading.RLock()
        self._state_lock = threading.Lock()
        self._state = initial
        self._message = message
        # The first state set is always reported, even if equal to ``initial``: until then
        # the listeners know nothing.
        self._reported = False
        self._listeners: list[StateListener[S]] = []

    # -- what callers use (any thread) --------------------------------------------------------

    @property
    def state(self) -> S:
        return self._state

    @property
    def message(self) -> str:
        """The sentence that goes with :attr:`state`."""
        return self._message

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def add_state_listener(self, listener: StateListener[S]) -> None:
        with self._state_lock:
            self._listeners.append(listener)

    def start(self) -> None:
        """Start the loop on its thread; does nothing while it runs."""
        with self._control:
            if self._thread is not None and self._thread.is_alive():
                if self.stopping.is_set():
                    # A stop timed out and the old loop has not ended yet: two loops would
                    # share one device, so refuse rather than start a second one.
                    self._log.warning("%s is still stopping; not started again", self.name)
                return
            self.stopping.clear()
            self._on_start()
            self._thread = threading.Thread(target=self._main, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the loop to end and wait up to ``timeout`` seconds (default
        :attr:`stop_timeout`); True when no thread is left running."""
        self.stopping.set()
        self._interrupt()
        with self._control:
            thread = self._thread
        current = threading.current_thread()
        if thread is not None and thread is not current:
            thread.join(self.stop_timeout if timeout is None else timeout)
        alive = thread is not None and thread.is_alive()
        if alive and thread is not current:
            self._log.warning("%s thread did not stop within %.1f s", self.name,
                              self.stop_timeout if timeout is None else timeout)
        with self._control:
            if not alive and self._thread is thread:
                self._thread = None
        self._on_stop()
        return not alive

    def join(self, timeout: float | None = None) -> bool:
        """Wait for a loop that ends by itself (a video file, a one-off tap); True if it did."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        return thread is None or not thread.is_alive()

    def run_here(self) -> None:
        """Run the loop on the calling thread until :meth:`stop` (a command-line process).

        The error path is the thread's, and the exception is then raised again so that the
        process exits with an error and its supervisor can restart it."""
        self._guarded(reraise=True)

    # -- what subclasses provide ----------------------------------------------------------------

    @abc.abstractmethod
    def _work(self) -> None:
        """The loop: return once :attr:`stopping` is set (or when the work is done)."""

    @abc.abstractmethod
    def _failure(self, message: str) -> tuple[S, str]:
        """The state, and its sentence, that report this worker died of a bug; ``message``
        is a ready sentence saying so."""

    def _on_start(self) -> None:
        """Called by :meth:`start` just before the thread starts (e.g. report "starting")."""

    def _interrupt(self) -> None:
        """Called by :meth:`stop` before joining: wake whatever the loop waits on besides
        :attr:`stopping` (a condition, an event)."""

    def _on_stop(self) -> None:
        """Called by :meth:`stop` after joining (e.g. report "stopped")."""

    # -- state ------------------------------------------------------------------------------------

    def _set_state(self, state: S, message: str) -> bool:
        """Record the state; tell the listeners if it changed. True when it changed."""
        with self._state_lock:
            if self._reported and (state, message) == (self._state, self._message):
                return False
            self._state, self._message, self._reported = state, message, True
            listeners = list(self._listeners)
        if self.log_states:
            self._log.info("%s %s: %s", self.title, state, message)
        for listener in listeners:
            try:
                listener(state, message)
            except Exception:
                self._log.exception("%s state listener failed", self.name)
        return True

    # -- the one error path -----------------------------------------------------------------------

    def _main(self) -> None:
        self._guarded(reraise=False)

    def _guarded(self, *, reraise: bool) -> None:
        try:
            self._work()
        except Exception:
            self._log.exception("%s stopped by an unexpected error", self.name)
            self._set_state(*self._failure(FAILURE_ADVICE.format(title=self.title)))
            if reraise:
                raise
