"""Fuzzing every endpoint from the served OpenAPI document (schemathesis): valid and invalid
input never gets a 500, and the database stays consistent afterwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from server.config import ServerConfig
from server.runner import ServerThread
from tests.helpers.service_clients import FINTIV_HEADERS, MEMBERSHIP_HEADERS, VVD_HEADERS
from tests.server.postgres_cluster import Database

pytestmark = pytest.mark.dates

EXAMPLES = 20


@pytest.fixture(scope="module")
def fuzzed(database: Database) -> Iterator[ServerThread]:
    with ServerThread(ServerConfig(port=0, demo_data=True, min_stamp_interval=1,
                                   **database())) as running:
        yield running


def headers_for(path: str) -> dict[str, str]:
    if path.startswith("/api/memberships/"):
        return MEMBERSHIP_HEADERS
    if path.startswith("/api/stamp/"):
        return VVD_HEADERS
    return FINTIV_HEADERS


def operations(running: ServerThread) -> list[Any]:
    schema = schemathesis.openapi.from_url(running.base_url + "/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_no_input_makes_the_service_fail(fuzzed: ServerThread, mode: GenerationMode) -> None:
    ops = operations(fuzzed)
    assert len(ops) == 18
    with httpx.Client(base_url=fuzzed.base_url, timeout=10) as client:
        for operation in ops:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def fuzz(case: Any) -> None:
                kwargs = case.as_transport_kwargs(base_url=fuzzed.base_url)
                ours = headers_for(case.path)
                given_headers = {k: v for k, v in (kwargs.get("headers") or {}).items()
                                 if k.lower() not in {h.lower() for h in ours}}
                kwargs["headers"] = {**given_headers, **ours}
                for unused in ("base_url", "cookies"):
                    kwargs.pop(unused, None)
                if isinstance(kwargs.get("data"), bytes | str):
                    kwargs["content"] = kwargs.pop("data")
                response = client.request(**kwargs)
                assert response.status_code < 500, (case.method, case.path, kwargs,
                                                    response.text[:300])
                assert "Traceback" not in response.text
                if response.status_code != 405 and response.content:
                    response.json()

            fuzz()


def test_state_is_consistent_after_fuzzing(fuzzed: ServerThread) -> None:
    """Runs after the fuzz test in this module: every stored invariant still holds."""
    if fuzzed.config.db_url is None:
        conn = sqlite3.connect(fuzzed.services.db.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    # PostgreSQL enforces its foreign keys on every write; the counts are checked on both.
    with fuzzed.services.db.read() as conn:
        assert check_card_counts(conn) == []


def check_card_counts(conn: Any) -> list[tuple[Any, ...]]:
    """Cards whose stamp count or reward instances disagree with their event log."""
    return conn.execute(
        "SELECT c.card_instance_id, c.total_stamps, coalesce(e.stamps, 0),"
        " coalesce(r.n, 0), coalesce(e.rewards, 0) FROM card_instances c"
        " LEFT JOIN (SELECT card_instance_id,"
        "   sum(CASE event_type WHEN 'STAMP' THEN 1 WHEN 'REMOVE_STAMP' THEN -1 ELSE 0 END)"
        "   AS stamps, sum(CASE event_type WHEN 'REWARD' THEN 1 ELSE 0 END) AS rewards"
        "   FROM events GROUP BY card_instance_id) e USING (card_instance_id)"
        " LEFT JOIN (SELECT card_instance_id, count(*) AS n FROM reward_instances"
        "   GROUP BY card_instance_id) r USING (card_instance_id)"
        " WHERE c.total_stamps != coalesce(e.stamps, 0)"
        "    OR coalesce(r.n, 0) != coalesce(e.rewards, 0)"
    ).fetchall()
