"""The one way to run background work: a thread pool, results delivered on the GUI thread.

``runner.run(fn, on_done=..., on_error=..., on_cancel=...)`` calls ``fn()`` on a worker thread
and then exactly one of the callbacks on the GUI thread. Work that touches the store runs on
the runner's single worker, in submission order; an error with no ``on_error`` goes to the
message bridge. A cancelled task's result is dropped and ``on_cancel`` is called instead.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos.ui.errors import Cancelled
from pos.ui.qt import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from pos.ui.thread_priority import lower_current_thread

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[BaseException], None]


@dataclass
class TaskHandle:
    """What a caller keeps of a submitted task, to cancel it or see that it ended."""

    task_id: int
    name: str
    _cancel: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass(frozen=True, slots=True)
class _Box:
    """Carries a result (a value, None, or an exception) through the queued signal."""

    value: object


class _Carrier(QObject):
    """Lives on the GUI thread; workers emit on it, so delivery is queued to the GUI thread."""

    result = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, carrier: _Carrier, handle: TaskHandle, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._carrier, self._handle, self._fn = carrier, handle, fn

    def run(self) -> None:
        lower_current_thread()
        if self._handle.cancelled:
            self._carrier.result.emit(self._handle.task_id, False, _Box(Cancelled()))
            return
        try:
            value = self._fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self._carrier.result.emit(self._handle.task_id, False, _Box(exc))
        else:
            self._carrier.result.emit(self._handle.task_id, True, _Box(value))


@dataclass
class _Pending:
    handle: TaskHandle
    on_done: Done | None
    on_error: Failed | None
    on_cancel: Callable[[], None] | None


class TaskRunner(QObject):
    """Runs callables off the GUI thread; ``threads=1`` keeps them in submission order."""

    idle = Signal()

    def __init__(
        self,
        on_unhandled: Failed | None = None,
        *,
        threads: int = 1,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._pool.setExpiryTimeout(-1)  # keep the worker: SQLite likes one thread
        self._carrier = _Carrier(self)
        self._carrier.result.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._on_unhandled = on_unhandled

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_cancel: Callable[[], None] | None = None,
        name: str = "",
    ) -> TaskHandle:
        handle = TaskHandle(next(self._ids), name or getattr(fn, "__name__", "task"))
        self._pending[handle.task_id] = _Pending(handle, on_done, on_error, on_cancel)
        self._pool.start(_Job(self._carrier, handle, fn))
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel queued work and wait for the running task; True when the pool drained."""
        for pending in self._pending.values():
            pending.handle.cancel()
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, box: _Box) -> None:
        value = box.value
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        pending.handle.finished.set()
        try:
            if pending.handle.cancelled or isinstance(value, Cancelled):
                if pending.on_cancel is not None:
                    pending.on_cancel()
            elif ok:
                if pending.on_done is not None:
                    pending.on_done(value)
            elif pending.on_error is not None:
                assert isinstance(value, BaseException)
                pending.on_error(value)
            elif self._on_unhandled is not None:
                assert isinstance(value, BaseException)
                self._on_unhandled(value)
            else:
                log.error("task %s failed", pending.handle.name, exc_info=value)  # type: ignore[arg-type]
        except Exception as exc:  # a callback bug must not kill the event loop
            log.exception("callback of task %s failed", pending.handle.name)
            if self._on_unhandled is not None:
                self._on_unhandled(exc)
        finally:
            if not self._pending:
                self.idle.emit()
