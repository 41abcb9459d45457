"""The worker-thread base: start and stop are safe to repeat, stop joins, state changes reach
listeners once, and a bug in the loop is logged with its traceback and reported as a state."""

from __future__ import annotations

import enum
import logging
import threading

import pytest

from workers import WorkerThread


class Phase(enum.StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    STOPPED = "stopped"
    FAILED = "failed"


class Looper(WorkerThread[Phase]):
    """Loops until stopped; ``fail`` makes it raise, ``stubborn`` makes it ignore stop."""

    title = "test worker"

    def __init__(self, *, fail: bool = False, stubborn: threading.Event | None = None) -> None:
        super().__init__("looper", Phase.IDLE)
        self.fail = fail
        self.stubborn = stubborn
        self.entered = threading.Event()
        self.runs = 0
        self.reports: list[tuple[Phase, str]] = []
        self.add_state_listener(lambda state, message: self.reports.append((state, message)))

    def _on_start(self) -> None:
        self._set_state(Phase.RUNNING, "Running.")

    def _on_stop(self) -> None:
        self._set_state(Phase.STOPPED, "Stopped.")

    def _work(self) -> None:
        self.runs += 1
        self.entered.set()
        if self.fail:
            raise RuntimeError("boom: internal detail")
        if self.stubborn is not None:
            self.stubborn.wait(10)
        self.stopping.wait(10)

    def _failure(self, message: str) -> tuple[Phase, str]:
        return Phase.FAILED, message


def loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "looper"]


def test_start_twice_runs_one_thread_and_stop_joins_it():
    worker = Looper()
    worker.start()
    worker.start()
    assert worker.entered.wait(5)
    assert len(loop_threads()) == 1 and worker.running
    assert worker.stop(timeout=5) is True
    assert loop_threads() == [] and not worker.running
    assert worker.runs == 1
    assert worker.reports == [(Phase.RUNNING, "Running."), (Phase.STOPPED, "Stopped.")]


def test_stop_before_start_and_stop_twice_are_harmless():
    worker = Looper()
    assert worker.stop(timeout=1) is True
    worker.start()
    assert worker.entered.wait(5)
    assert worker.stop(timeout=5) is True
    assert worker.stop(timeout=5) is True
    assert worker.state is Phase.STOPPED
    # Stopped is reported once, however often stop is called.
    assert [s for s, _ in worker.reports] == [Phase.STOPPED, Phase.RUNNING, Phase.STOPPED]


def test_a_stopped_worker_starts_again():
    worker = Looper()
    worker.start()
    assert worker.entered.wait(5)
    worker.stop(timeout=5)
    worker.entered.clear()
    worker.start()
    assert worker.entered.wait(5)
    assert worker.stop(timeout=5)
    assert worker.runs == 2


def test_stop_that_times_out_says_so_and_start_waits_for_the_old_loop(caplog):
    release = threading.Event()
    worker = Looper(stubborn=release)
    worker.start()
    assert worker.entered.wait(5)
    with caplog.at_level(logging.WARNING):
        assert worker.stop(timeout=0.05) is False
    assert "did not stop within" in caplog.text
    worker.start()  # the old loop still runs: no second one
    assert len(loop_threads()) == 1 and worker.runs == 1
    release.set()
    assert worker.stop(timeout=5) is True
    assert loop_threads() == []


def test_a_bug_in_the_loop_is_logged_with_its_traceback_and_reported(caplog):
    worker = Looper(fail=True)
    with caplog.at_level(logging.ERROR):
        worker.start()
        assert worker.join(5)
    state, message = worker.reports[-1]
    assert state is Phase.FAILED and worker.state is Phase.FAILED
    assert message.startswith("The test worker stopped after an unexpected error.")
    assert "boom" not in message and "RuntimeError" not in message  # plain words only
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and "boom: internal detail" in caplog.text
    assert record.name == __name__  # logged under the worker's own module
    assert not worker.running
    assert worker.stop(timeout=1) is True


def test_run_here_reports_the_bug_then_raises_it(caplog):
    worker = Looper(fail=True)
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError, match="boom"):
        worker.run_here()
    assert worker.state is Phase.FAILED
    assert "Traceback" in caplog.text or caplog.records[-1].exc_info is not None


def test_run_here_returns_when_stopped_from_another_thread():
    worker = Looper()
    runner = threading.Thread(target=worker.run_here)
    runner.start()
    assert worker.entered.wait(5)
    worker.stop(timeout=0)
    runner.join(5)
    assert not runner.is_alive()


def test_unchanged_states_are_not_reported_again_and_a_failing_listener_is_contained(caplog):
    worker = Looper()

    def broken(_state: Phase, _message: str) -> None:
        raise ValueError("listener bug")

    worker.add_state_listener(broken)
    with caplog.at_level(logging.ERROR):
        assert worker._set_state(Phase.RUNNING, "Running.") is True
        assert worker._set_state(Phase.RUNNING, "Running.") is False
        assert worker._set_state(Phase.RUNNING, "Still running.") is True
    assert worker.reports == [(Phase.RUNNING, "Running."), (Phase.RUNNING, "Still running.")]
    assert caplog.text.count("state listener failed") == 2


def test_the_first_state_is_reported_even_when_equal_to_the_initial_one():
    worker = Looper()
    assert worker._set_state(Phase.IDLE, "") is True
    assert worker.reports == [(Phase.IDLE, "")]
