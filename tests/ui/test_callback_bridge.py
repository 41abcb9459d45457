"""The one thread→GUI bridge: calls made on another thread run on the GUI thread, in order;
coalesced calls deliver the newest arguments at most once per wake-up; and a call made on the
GUI thread itself runs later, never inside its caller."""

from __future__ import annotations

import threading

from pos.ui.callback_bridge import CallbackBridge, latest_only, on_gui_thread


class _Recorder(CallbackBridge):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int, str]] = []

    @on_gui_thread
    def every(self, n: int, *, tag: str = "") -> None:
        self.seen.append(("every", n, threading.current_thread().name))

    @latest_only
    def newest(self, n: int) -> None:
        self.seen.append(("newest", n, threading.current_thread().name))


def _from_thread(work) -> None:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=work, name="device")
    thread.start()
    thread.join(10)


def test_every_call_runs_on_the_gui_thread_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = _Recorder()
    _from_thread(lambda: [bridge.every(n, tag="x") for n in range(100)])
    qtbot.waitUntil(lambda: len(bridge.seen) == 100)
    assert [n for _k, n, _t in bridge.seen] == list(range(100))
    assert {t for _k, _n, t in bridge.seen} == {threading.main_thread().name}
    assert bridge.calls_received["every"] == bridge.calls_delivered["every"] == 100


def test_latest_only_delivers_the_newest_and_fewer(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = _Recorder()
    _from_thread(lambda: [bridge.newest(n) for n in range(5000)])
    qtbot.waitUntil(lambda: bool(bridge.seen) and bridge.seen[-1][1] == 4999)
    delivered = [n for _k, n, _t in bridge.seen]
    assert delivered == sorted(delivered)  # never an older report after a newer one
    assert bridge.calls_received["newest"] == 5000
    assert bridge.calls_delivered["newest"] == len(delivered) < 5000


def test_a_call_on_the_gui_thread_is_queued(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = _Recorder()
    bridge.every(1)
    bridge.newest(2)
    assert bridge.seen == []  # not run inside the caller
    qtbot.waitUntil(lambda: len(bridge.seen) == 2)
    assert [k for k, _n, _t in bridge.seen] == ["every", "newest"]
