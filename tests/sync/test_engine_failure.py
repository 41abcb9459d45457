"""A bug in the engine's loop is never swallowed: its traceback goes to the log and listeners
hear a ``stopped`` status in plain words; run in the caller's thread (``stamp-pos sync``) it is
raised again so the process exits with an error and its supervisor restarts it."""

from __future__ import annotations

import logging
from dataclasses import replace

import httpx
import pytest

from sync.status import Connectivity, SyncStatus

from .conftest import fast_settings

pytestmark = pytest.mark.dates


class BrokenCatalog(httpx.BaseTransport):
    """Forwards to the real service, except that reading the catalog hits a bug (an exception
    no layer expects), as a programming error would."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("getCatalog"):
            raise RuntimeError("bug while reading the catalog")
        return self.inner.handle_request(request)


def _engine(service, make_engine, statuses: list[SyncStatus]):
    return make_engine(client=service.client(transport=BrokenCatalog()),
                       settings=replace(fast_settings(), pull_interval=300.0),
                       on_state=statuses.append)


def test_a_bug_on_the_engine_thread_is_logged_and_reported(service, store, make_engine,
                                                           caplog):
    statuses: list[SyncStatus] = []
    engine = _engine(service, make_engine, statuses)
    with caplog.at_level(logging.ERROR):
        engine.start()
        assert engine.join(10)
    assert engine.status.connectivity is Connectivity.STOPPED
    assert statuses[-1] == engine.status
    summary = engine.status.summary()
    assert summary.startswith("Sending has stopped after an unexpected error; events are kept")
    assert "RuntimeError" not in summary and "catalog" not in summary
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and errors[0].exc_info is not None
    assert "bug while reading the catalog" in caplog.text
    assert engine.stop(timeout=5)
    # The lease was released on the way out: another engine can take over at once.
    assert make_engine().drain(timeout=30).name == "DRAINED"


def test_a_bug_in_the_command_line_loop_is_reported_then_raised(service, store, make_engine,
                                                                caplog):
    statuses: list[SyncStatus] = []
    engine = _engine(service, make_engine, statuses)
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError, match="catalog"):
        engine.run_forever()
    assert statuses[-1].connectivity is Connectivity.STOPPED
