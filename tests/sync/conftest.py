"""Fixtures for the sync tests: the reference service over loopback (idempotency OFF, so a
resent event would be applied twice), a terminal database in tmp_path, and helpers to record
events, inject faults and read the service's own counts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from ledger import Ledger
from server import demo_data as demo
from server.config import ServerConfig
from server.runner import ServerThread
from stamps.models import Event, EventType
from sync.engine import Clients, EngineSettings, SyncEngine
from sync.fintiv import FintivClient
from sync.http import ClockSkew, HttpSettings, build_client
from sync.push import PushSettings
from tests.helpers.service_clients import CONTROL_HEADERS, CONTROL_TOKEN

STAMP = demo.COFFEE_CLUB_STAMP


@dataclass
class Service:
    thread: ServerThread

    @property
    def base_url(self) -> str:
        return self.thread.base_url

    @property
    def fintiv_url(self) -> str:
        return self.base_url + "/stampcard/v2/"

    def faults(self, **faults: Any) -> None:
        r = httpx.post(self.base_url + "/_control/faults", json=faults, headers=CONTROL_HEADERS)
        r.raise_for_status()

    def stats(self) -> dict[str, Any]:
        return httpx.get(self.base_url + "/_control/stats", headers=CONTROL_HEADERS).json()

    def client(self, *, read_timeout: float = 5.0, api_key: str = demo.DEMO_API_KEY,
               skew: ClockSkew | None = None,
               transport: httpx.BaseTransport | None = None) -> FintivClient:
        http = build_client(
            HttpSettings(self.fintiv_url, connect_timeout=1.0, read_timeout=read_timeout),
            transport=transport,
        )
        return FintivClient(http, api_key=api_key, token=demo.DEMO_BEARER_TOKEN, skew=skew)

    def new_cards(self, n: int, stamp_card_id: str = demo.COFFEE_CLUB_ID) -> list[str]:
        c = self.client()
        cards = []
        for _ in range(n):
            card = c.add_card(stamp_card_id)
            assert card is not None
            cards.append(card.card_instance_id)
        return cards


def start_service(**config: Any) -> ServerThread:
    return ServerThread(ServerConfig(port=0, idempotency=False, demo_data=True,
                                     control_token=CONTROL_TOKEN, **config)).start()


@pytest.fixture
def service() -> Iterator[Service]:
    thread = start_service()
    try:
        yield Service(thread)
    finally:
        thread.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pos.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Ledger]:
    s = Ledger(db_path)
    yield s
    s.close()


def record(store: Ledger, cards: list[str], n: int, *, start: datetime | None = None,
           stamp_value: str = STAMP, event_type: EventType = EventType.STAMP) -> list[str]:
    """Record ``n`` events round-robin over ``cards``, 1 ms apart (distinct per card)."""
    base = start or store.clock.now() - timedelta(hours=2)
    ids = []
    with store.db.transaction():
        for i in range(n):
            eid = str(uuid.uuid4())
            store.outbox.add(Event(cards[i % len(cards)], event_type,
                                   base + timedelta(milliseconds=i), stamp_value=stamp_value,
                                   event_id=eid))
            ids.append(eid)
    return ids


def fast_settings(**push: Any) -> EngineSettings:
    """Short timeouts and grace so fault tests run in seconds."""
    values: dict[str, Any] = {"batch_size": 50, "reconcile_grace": 1.0, "retry_initial": 0.05,
                              "retry_max": 0.2}
    values.update(push)
    return EngineSettings(push=PushSettings(**values), pull_interval=0, backoff_initial=0.02,
                          backoff_max=0.2, auth_retry=0.2, status_interval=0.05)


EngineFactory = Callable[..., SyncEngine]


@pytest.fixture
def make_engine(service: Service, db_path: Path) -> EngineFactory:
    def make(*, read_timeout: float = 5.0, settings: EngineSettings | None = None,
             client: FintivClient | None = None, **kwargs: Any) -> SyncEngine:
        fintiv = client or service.client(read_timeout=read_timeout)
        return SyncEngine(db_path, Clients(fintiv=fintiv, skew=fintiv.http.skew),
                          settings or fast_settings(), **kwargs)

    return make


def stamp_count(stats: dict[str, Any]) -> int:
    return int(stats["eventsByType"].get("STAMP", 0))
