"""The served OpenAPI document and docs/server.md cover what the service offers: every route,
every CLI flag, every demo constant the terminal imports."""

from __future__ import annotations

import argparse
from pathlib import Path

import httpx
import pytest
from starlette.routing import Route

from server import commands, demo_data
from server.runner import ServerThread
from tests.helpers.service_clients import SERVICE_NOW

pytestmark = pytest.mark.dates

DOC = (Path(__file__).resolve().parents[2] / "docs" / "server.md").read_text()
TEST_ONLY = {"/_control/faults", "/_control/stats", "/openapi.json", "/healthz", "/metrics"}


def test_openapi_describes_every_route(server: ServerThread) -> None:
    spec = httpx.get(server.base_url + "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    routes = {r.path for r in server.app.routes if isinstance(r, Route)}
    assert set(spec["paths"]) == routes - TEST_ONLY
    for path, methods in spec["paths"].items():
        for operation in methods.values():
            assert operation["responses"], path
            assert operation["security"], path


def test_every_cli_flag_is_documented() -> None:
    parser = argparse.ArgumentParser()
    commands.register(parser.add_subparsers())
    server_parser = parser._subparsers._group_actions[0].choices["server"]  # type: ignore
    flags = [o for a in server_parser._actions for o in a.option_strings if o.startswith("--")]
    assert len(flags) > 20
    for flag in flags:
        if flag != "--help":
            assert flag in DOC, flag


def test_demo_constants_are_documented_and_consistent() -> None:
    for name in ("DEMO_API_KEY", "DEMO_BEARER_TOKEN", "DEMO_MEMBERSHIP_TOKEN", "DEMO_VVD_KEY",
                 "DEMO_STAMP_CARDS", "DEMO_STAMP_MASTERS", "DEMO_MEMBERS",
                 "demo_stamp_cards", "demo_card_instances", "DEMO_CARD_IDS", "DEMO_CARD_OWNERS",
                 "DEMO_VVD_CODE"):
        assert name in DOC, name
    assert {card.stamp_type.value for _, card in demo_data.DEMO_STAMP_CARDS} == {
        "QR", "NFC", "STAMP"}
    member_ids = {m.id for m in demo_data.DEMO_MEMBERS}
    assert len(member_ids) >= 6
    cards = demo_data.demo_card_instances(SERVICE_NOW)
    instances = {c.card_instance_id for c in cards}
    assert set(demo_data.DEMO_CARD_OWNERS) == instances == set(demo_data.DEMO_CARD_IDS)
    assert set(demo_data.DEMO_CARD_OWNERS.values()) <= member_ids
    for card in cards:
        history = demo_data.demo_history(card)
        assert sum(e.event_type.value == "STAMP" for e in history) == card.total_stamps
        assert sum(e.event_type.value == "REWARD" for e in history) == len(card.rewards)
