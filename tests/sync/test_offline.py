"""Offline for days: events recorded while the service is down drain once it is back, with
the engine running on its background thread and woken by recording and by coming online."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from ledger import Ledger
from server import demo_data as demo
from server.config import ServerConfig
from server.runner import ServerThread
from sync.engine import Clients, SyncEngine
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from sync.status import Connectivity, SyncStatus
from tests.helpers.processes import wait_until
from tests.helpers.service_clients import CONTROL_HEADERS, CONTROL_TOKEN

from .conftest import fast_settings, record, stamp_count

pytestmark = pytest.mark.dates


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _service(db: Path, port: int) -> ServerThread:
    return ServerThread(ServerConfig(db_path=db, port=port, idempotency=False,
                                     demo_data=True, control_token=CONTROL_TOKEN)).start()


def _offline_for_days(tmp_path: Path, events: int, cards: int, wait: float) -> None:
    port = _free_port()
    server_db = tmp_path / "server.sqlite3"
    # The customers' cards exist on the service before the outage.
    service = _service(server_db, port)
    base = f"http://127.0.0.1:{port}"
    client = FintivClient(build_client(HttpSettings(base + "/stampcard/v2/")),
                          api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
    card_ids = [c.card_instance_id for c in (client.add_card(demo.COFFEE_CLUB_ID)
                                             for _ in range(cards)) if c is not None]
    before = stamp_count(_stats(base))
    service.stop()

    db = tmp_path / "pos.db"
    store = Ledger(db)
    states: list[SyncStatus] = []
    http = build_client(HttpSettings(base + "/stampcard/v2/", connect_timeout=0.5,
                                     read_timeout=5.0))
    fintiv = FintivClient(http, api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
    engine = SyncEngine(db, Clients(fintiv=fintiv), fast_settings(batch_size=200),
                        on_state=states.append)
    engine.start()
    try:
        start = store.clock.now() - timedelta(days=3)
        chunk = max(1, events // 10)
        for n in range(0, events, chunk):
            record(store, card_ids, min(chunk, events - n),
                   start=start + timedelta(hours=n // chunk))
            engine.wake()
        assert wait_until(lambda: engine.status.connectivity is Connectivity.OFFLINE, 10)
        counts = store.outbox.counts()
        assert counts["pending"] + counts["in_flight"] == events and counts["synced"] == 0
        service = _service(server_db, port)
        try:
            engine.notify_online()
            assert wait_until(lambda: store.outbox.counts()["synced"] == events, wait,
                              step=0.2), store.outbox.counts()
            stats = _stats(base)
            assert stats["duplicateEvents"] == []
            assert stamp_count(stats) - before == events
            assert wait_until(lambda: engine.status.connectivity is Connectivity.ONLINE, 5)
            assert any(s.connectivity is Connectivity.OFFLINE for s in states)
        finally:
            service.stop()
    finally:
        engine.stop()
        store.close()


def _stats(base: str) -> dict:
    import httpx

    return httpx.get(base + "/_control/stats", timeout=30, headers=CONTROL_HEADERS).json()


def test_events_recorded_offline_drain_when_the_service_returns(tmp_path):
    _offline_for_days(tmp_path, events=5000, cards=200, wait=60)


@pytest.mark.soak
def test_100k_events_recorded_offline_drain(tmp_path):
    _offline_for_days(tmp_path, events=100_000, cards=2000, wait=900)


def test_recording_wakes_the_engine_at_once(service, store, db_path):
    cards = service.new_cards(1)
    idle = threading.Event()
    engine = SyncEngine(db_path, Clients(fintiv=service.client()), fast_settings(),
                        on_state=lambda status: idle.set())
    engine.start()
    try:
        assert idle.wait(10)
        # The engine now sleeps until its lease renewal (tens of seconds): only wake() can
        # make it send within the wait below.
        ids = record(store, cards, 3)
        engine.wake()
        assert wait_until(lambda: all(store.outbox.get(i).state == "synced" for i in ids), 5)
    finally:
        engine.stop()
