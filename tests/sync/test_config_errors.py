"""A service that cannot be used as set up is named for what it is (an untrusted certificate, no
such path, a queue without its client), never shown as "Online" or "everything is sent", and
never retried in a tight loop; ``sync --once`` ends at once instead of waiting out its timeout."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from pos.services import membership
from pos.services.context import Context
from pos.services.settings import TerminalSettings
from server import demo_data as demo
from sync.engine import Clients, DrainResult, SyncEngine
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from sync.status import Connectivity, SyncStatus
from sync.vvd import VvdClient
from tests.helpers.processes import pos_command, terminal_env
from tests.helpers.sockets import untrusted_tls_server

from .conftest import fast_settings, record

pytestmark = pytest.mark.dates


class Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return super().handle_request(request)


def _engine(db_path: Path, base: str, transport: httpx.BaseTransport | None = None,
            **clients: object) -> SyncEngine:
    fintiv = FintivClient(build_client(HttpSettings(base, read_timeout=2.0), transport=transport),
                          api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
    # Retries of a refused or misconfigured service at their real pace: once a minute.
    settings = replace(fast_settings(), auth_retry=60.0)
    return SyncEngine(db_path, Clients(fintiv=fintiv, **clients),  # type: ignore[arg-type]
                      settings)


def test_a_wrong_base_path_is_named_keeps_the_events_and_is_not_hammered(
    service, store, db_path
):
    ids = record(store, service.new_cards(2), 10)
    transport = Counting()
    engine = _engine(db_path, service.base_url + "/wrong/v2/", transport)
    started = time.monotonic()
    assert engine.drain(timeout=30) is DrainResult.UNFINISHED
    assert time.monotonic() - started < 5  # ended at once: waiting cannot fix a setting
    status = engine.status
    assert status.connectivity is Connectivity.MISCONFIGURED
    assert "no such address (HTTP 404)" in status.summary() and "Online" not in status.summary()
    assert {store.outbox.get(i).state for i in ids} == {"pending"}  # kept, not held
    transport.requests = 0
    engine.start()  # the continuous engine tries once, then pauses instead of looping
    try:
        time.sleep(1.5)
    finally:
        engine.stop()
    assert 1 <= transport.requests <= 3


def test_an_untrusted_certificate_is_named(store, db_path, tmp_path):
    record(store, ["3ab8fd17-2fb5-468c-9079-dfb887aacc54"], 2)
    with untrusted_tls_server(tmp_path) as base:
        engine = _engine(db_path, base + "/stampcard/v2/")
        assert engine.drain(timeout=30) is DrainResult.UNFINISHED
    assert engine.status.connectivity is Connectivity.MISCONFIGURED
    assert "certificate is not trusted" in engine.status.summary()


def test_a_queue_without_its_client_is_shown_and_sync_once_ends(service, store, db_path):
    ctx = Context(store=store, settings=TerminalSettings(), clock=store.clock)
    membership.register_member(ctx, {
        "name": "Carla Queue", "email": "carla@example.com", "birthday": "1990-04-02",
        "gender": "female", "phone": "+6281299991234"})
    record(store, service.new_cards(1), 3)
    vvd = VvdClient(build_client(HttpSettings(service.base_url)), api_key=demo.DEMO_VVD_KEY)
    engine = _engine(db_path, service.fintiv_url, vvd=vvd)  # no membership token
    started = time.monotonic()
    assert engine.drain(timeout=30) is DrainResult.UNFINISHED
    assert time.monotonic() - started < 5
    summary = engine.status.summary()
    assert "1 member registrations or changes cannot be sent" in summary
    assert "everything is sent" not in summary
    assert store.outbox.counts()["synced"] == 3  # the events still went
    assert store.member_queue.count("pending") == 1


def test_everything_is_sent_only_when_every_queue_is_empty() -> None:
    online = SyncStatus(connectivity=Connectivity.ONLINE)
    assert online.summary() == "Online: everything is sent."
    assert "everything" not in SyncStatus(connectivity=Connectivity.ONLINE,
                                          queued_issues=1).summary()
    assert "everything" not in SyncStatus(connectivity=Connectivity.ONLINE,
                                          queued_members=2).summary()


def test_sync_once_and_status_name_a_wrong_address(service, store, tmp_path):
    import subprocess

    record(store, service.new_cards(1), 1)
    store.close()
    env = {**terminal_env(tmp_path, service.base_url),
           "STAMP_POS_FINTIV_BASE_URL": service.base_url + "/nothing-here/"}
    done = subprocess.run(pos_command("sync", "--once", "--timeout", "60"), env=env,
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 3
    assert "no such address (HTTP 404)" in done.stderr and "Online" not in done.stderr
    status = subprocess.run(pos_command("status"), env=env, capture_output=True, text=True,
                            timeout=60)
    assert "WARNING: Not sending: The stamp service has no such address" in status.stdout
