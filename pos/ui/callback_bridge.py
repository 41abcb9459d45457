"""The one bridge from other threads to the GUI thread, modelled on Electrum's
``qt_event_listener``: a device or the sync engine calls a method of a :class:`CallbackBridge`
on its own thread, and the method's body runs later, queued, on the GUI thread, where it may
emit signals and touch widgets.

A subclass marks each such method with :func:`on_gui_thread` (every call is delivered, in
order) or :func:`latest_only` (calls coalesce, only the newest is delivered)::

    class DoorBridge(CallbackBridge):
        opened = Signal(str)

        @on_gui_thread
        def on_open(self, who: str) -> None:  # called on the door's thread, runs on the GUI's
            self.opened.emit(who)
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from pos.ui.qt import QObject, Qt, Signal
from pos.ui.thread_priority import lower_current_thread

P = ParamSpec("P")
B = TypeVar("B", bound="CallbackBridge")


class _Call(NamedTuple):
    """One call waiting for the GUI thread: the undecorated method and its arguments."""

    name: str
    method: Callable[..., None]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class CallbackBridge(QObject):
    """Base of the Qt adapters around the devices and the sync engine; lives on the GUI thread.

    ``calls_received`` counts calls per method name as they arrive (on any thread) and
    ``calls_delivered`` as their bodies run on the GUI thread; tests and benchmarks read them.
    """

    _call = Signal(object)  # a _Call, every one delivered
    _wake = Signal(str)  # a method name whose newest call waits in _latest

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even when the caller is the GUI thread itself (the keyboard wedge, a demo
        # message): the body then runs after the caller returns, never inside it.
        queued = Qt.ConnectionType.QueuedConnection
        self._call.connect(self._deliver, queued)
        self._wake.connect(self._deliver_latest, queued)
        self._lock = threading.Lock()
        self._latest: dict[str, _Call] = {}
        self.calls_received: Counter[str] = Counter()
        self.calls_delivered: Counter[str] = Counter()

    def _post(self, call: _Call) -> None:
        with self._lock:
            self.calls_received[call.name] += 1
        self._call.emit(call)

    def _post_latest(self, call: _Call) -> None:
        with self._lock:
            self.calls_received[call.name] += 1
            already_queued = call.name in self._latest
            self._latest[call.name] = call
        if not already_queued:
            self._wake.emit(call.name)  # a wake-up only; the slot takes the newest call

    def _deliver(self, call: _Call) -> None:
        self.calls_delivered[call.name] += 1
        call.method(self, *call.args, **call.kwargs)

    def _deliver_latest(self, name: str) -> None:
        with self._lock:
            call = self._latest.pop(name)  # the next call queues a new wake-up
        self._deliver(call)


def on_gui_thread(method: Callable[Concatenate[B, P], None]) -> Callable[Concatenate[B, P], None]:
    """Make a bridge method callable from any thread: each call runs, in order, on the GUI
    thread. The calling thread is a background one (a device, the sync engine): its first call
    lowers its priority, so it yields the CPU to the GUI thread (:mod:`pos.ui.thread_priority`)."""

    @functools.wraps(method)
    def queue(self: B, *args: P.args, **kwargs: P.kwargs) -> None:
        lower_current_thread()
        self._post(_Call(method.__name__, method, args, kwargs))

    return queue


def latest_only(method: Callable[Concatenate[B, P], None]) -> Callable[Concatenate[B, P], None]:
    """Like :func:`on_gui_thread`, for reports where only the newest matters: calls coalesce.
    At most one delivery is queued at a time and it runs with the newest call's arguments, so
    the GUI thread does a bounded amount of work however fast the caller reports."""

    @functools.wraps(method)
    def queue(self: B, *args: P.args, **kwargs: P.kwargs) -> None:
        lower_current_thread()
        self._post_latest(_Call(method.__name__, method, args, kwargs))

    return queue
