"""``stamp-pos sync``: arguments, exit codes, and a real drain against the service."""

from __future__ import annotations

import subprocess

import pytest

from ledger import Ledger
from server import demo_data as demo
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from tests.helpers.processes import ROOT, pos_command, server_process, terminal_env

from .conftest import record

pytestmark = pytest.mark.dates


def _run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(pos_command("sync", *args), cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_bad_arguments_exit_2_with_one_line(tmp_path):
    env = terminal_env(tmp_path, "http://127.0.0.1:9")
    done = _run(env, "--batch-size", "0")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "batch-size" in done.stderr


def test_missing_credentials_say_how_to_set_them(tmp_path):
    env = terminal_env(tmp_path, "http://127.0.0.1:9")
    del env["STAMP_POS_FINTIV_API_KEY"]
    done = _run(env, "--once")
    assert done.returncode == 1
    assert "STAMP_POS_FINTIV_API_KEY" in done.stderr


def test_once_drains_and_exits_0(tmp_path):
    with server_process(tmp_path) as base:
        client = FintivClient(build_client(HttpSettings(base + "/stampcard/v2/")),
                              api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN)
        card = client.add_card(demo.COFFEE_CLUB_ID)
        store = Ledger(tmp_path / "stamp-pos.db")
        record(store, [card.card_instance_id], 25)
        done = _run(terminal_env(tmp_path, base), "--once")
        assert done.returncode == 0, done.stderr
        assert "everything is sent" in done.stdout
        assert store.outbox.counts()["synced"] == 25
        store.close()


def test_once_with_the_service_down_exits_3(tmp_path):
    store = Ledger(tmp_path / "stamp-pos.db")
    record(store, ["card-x"], 2)
    store.close()
    done = _run(terminal_env(tmp_path, "http://127.0.0.1:9"), "--once", "--timeout", "1")
    assert done.returncode == 3
    assert "Offline" in done.stderr
