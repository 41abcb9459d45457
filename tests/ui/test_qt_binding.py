"""The installed PySide6 keeps Python's reference counts right (6.12.0 on Python 3.11 did not:
every emit released True once too often, and the app aborted after a few thousand scans).
The margins allow for other threads; the bug loses one reference per call."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Pinger(QObject):
    ping = Signal(object)


class _Nothing(QRunnable):
    def run(self) -> None:
        return None


def test_emit_keeps_true_and_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    pinger = _Pinger()
    pinger.ping.connect(lambda _v: None)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(3000):
        pinger.ping.emit(None)
    assert sys.getrefcount(True) >= before_true - 500
    assert sys.getrefcount(None) >= before_none - 500


def test_runnable_returning_none_keeps_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    pool = QThreadPool()
    before = sys.getrefcount(None)
    for _ in range(3000):
        pool.start(_Nothing())
    assert pool.waitForDone(10_000)
    assert sys.getrefcount(None) >= before - 500
