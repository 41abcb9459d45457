"""HTTP clients for the reference service's three APIs, shared by tests/server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from server.demo_data import (
    DEMO_API_KEY,
    DEMO_BEARER_TOKEN,
    DEMO_MEMBERSHIP_TOKEN,
    DEMO_VVD_KEY,
)
from server.runner import ServerThread
from stamps.clock import FrozenClock

FINTIV_HEADERS = {"api-key": DEMO_API_KEY, "authorization": f"Bearer {DEMO_BEARER_TOKEN}"}
MEMBERSHIP_HEADERS = {"Authorization": DEMO_MEMBERSHIP_TOKEN}
VVD_HEADERS = {"Authorization": f"Bearer {DEMO_VVD_KEY}"}
#: the test controls (/_control/*) exist only when the service is given a token
CONTROL_TOKEN = "test-control-token"
CONTROL_HEADERS = {"x-stamp-control-token": CONTROL_TOKEN}

#: where the services these tests start have their clock frozen; test data is relative to it
SERVICE_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def service_clock() -> FrozenClock:
    return FrozenClock(SERVICE_NOW, UTC)


class Fintiv:
    """POSTs to the Fintiv API and returns the decoded JSON (status checked by the caller)."""

    def __init__(self, client: httpx.Client, prefix: str = "/stampcard/v2/") -> None:
        self.client, self.prefix = client, prefix

    def raw(self, name: str, body: Any = None, **kw: Any) -> httpx.Response:
        return self.client.post(self.prefix + name, json=body if body is not None else {}, **kw)

    def __call__(self, name: str, body: Any = None) -> dict[str, Any]:
        response = self.raw(name, body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def new_card(self, stamp_card_id: str, **extra: Any) -> dict[str, Any]:
        answer = self("addCard", {"stampCardId": stamp_card_id, **extra})
        assert answer["result"] == {"code": 0}
        return dict(answer["cardInstance"])


def fintiv_for(running: ServerThread) -> Fintiv:
    return Fintiv(httpx.Client(base_url=running.base_url, headers=FINTIV_HEADERS, timeout=10),
                  running.config.prefix)
