"""The reference service on an ephemeral loopback port, and clients for its three APIs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from server.config import ServerConfig
from server.runner import ServerThread
from tests.helpers.service_clients import FINTIV_HEADERS, Fintiv, service_clock


@pytest.fixture(scope="module")
def server() -> Iterator[ServerThread]:
    with ServerThread(ServerConfig(port=0, demo_data=True, clock=service_clock())) as running:
        yield running


@pytest.fixture
def make_server() -> Iterator[Callable[..., ServerThread]]:
    """Start a private service with config overrides (its clock frozen at SERVICE_NOW unless
    one is given); stopped after the test."""
    started: list[ServerThread] = []

    def make(**overrides: Any) -> ServerThread:
        overrides.setdefault("clock", service_clock())
        config = ServerConfig(port=0, demo_data=True, **overrides)
        running = ServerThread(config).start()
        started.append(running)
        return running

    yield make
    for running in started:
        running.stop()


@pytest.fixture(scope="module")
def http(server: ServerThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def fintiv(http: httpx.Client) -> Fintiv:
    http.headers.update(FINTIV_HEADERS)
    return Fintiv(http)
