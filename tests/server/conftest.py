"""The reference service on an ephemeral loopback port, and clients for its three APIs.

Every test that runs a service through ``server``, ``make_server`` or ``database`` runs twice:
on SQLite and on a throwaway PostgreSQL (``postgres_cluster.py``), with the same assertions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from server.config import ServerConfig
from server.runner import ServerThread
from tests.helpers.service_clients import CONTROL_TOKEN, FINTIV_HEADERS, Fintiv, service_clock
from tests.server.postgres_cluster import MISSING, Cluster, Database, postgres_bin

#: every server test runs on both; STAMP_TEST_BACKENDS narrows it (make test-dates runs SQLite
#: only: the date rules are the same Python for both backends, and the passes must stay short)
BACKENDS = tuple(os.environ.get("STAMP_TEST_BACKENDS", "sqlite,postgresql").split(","))


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip(MISSING)
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except Exception as exc:
        cluster.stop()
        pytest.fail(f"the test PostgreSQL did not start: {exc}\n{cluster.log()}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def database(request: pytest.FixtureRequest) -> Database:
    if request.param == "sqlite":
        return dict  # a fresh temporary SQLite file per service
    cluster: Cluster = request.getfixturevalue("postgres")
    return lambda: {"db_url": cluster.new_database()}


@pytest.fixture(scope="module")
def server(database: Database) -> Iterator[ServerThread]:
    with ServerThread(ServerConfig(port=0, demo_data=True, control_token=CONTROL_TOKEN,
                                   clock=service_clock(), **database())) as running:
        yield running


@pytest.fixture
def make_server(database: Database) -> Iterator[Callable[..., ServerThread]]:
    """Start a private service with config overrides (its clock frozen at SERVICE_NOW unless
    one is given); stopped after the test."""
    started: list[ServerThread] = []

    def make(**overrides: Any) -> ServerThread:
        overrides.setdefault("clock", service_clock())
        config = ServerConfig(
            port=0, demo_data=True, **{"control_token": CONTROL_TOKEN, **database(), **overrides})
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
