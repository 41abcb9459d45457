"""``stamp-pos server`` as a subprocess: the listening line, flags, env credentials, and a
database that survives a restart."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.demo_data import DEMO_BEARER_TOKEN, DEMO_CARD_IDS

pytestmark = pytest.mark.dates

STAMP_POS = [sys.executable, "-m", "pos.app.cli"]


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    proc = subprocess.Popen(
        [*STAMP_POS, "server", "--port", "0", *args], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)\n", line)
        assert match, (line, proc.stderr.read() if proc.stderr else "")
        yield match.group(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_subprocess_serves_with_flags_env_credentials_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "server.sqlite3"
    headers = {"api-key": "merchant-key", "authorization": f"Bearer {DEMO_BEARER_TOKEN}"}
    with serving("--db", str(db), "--demo-data", "--fault-500-next", "1",
                 env={"STAMP_SERVER_API_KEY": "merchant-key"}) as url:
        first = httpx.post(url + "/stampcard/v2/getCards", json={}, headers=headers)
        assert first.status_code == 500
        cards = httpx.post(url + "/stampcard/v2/getCards", json={}, headers=headers).json()
        assert len(cards["cards"]) == len(DEMO_CARD_IDS)
        demo_key = {**headers, "api-key": "demo-api-key"}
        assert httpx.post(url + "/stampcard/v2/getCards", json={},
                          headers=demo_key).status_code == 401
        added = httpx.post(url + "/stampcard/v2/addCard", headers=headers,
                           json={"stampCardId": cards["cards"][0]["stampCardId"]}).json()
    key_file = tmp_path / "api-key"
    key_file.write_text("merchant-key\n")
    with serving("--db", str(db), "--demo-data", "--prefix", "/stamp/v2/",
                 env={"STAMP_SERVER_API_KEY_FILE": str(key_file)}) as url:
        again = httpx.post(url + "/stamp/v2/getCards", json={}, headers=headers).json()
        ids = [c["cardInstanceId"] for c in again["cards"]]
        assert len(ids) == len(DEMO_CARD_IDS) + 1  # seeded once, new card kept
        assert added["cardInstance"]["cardInstanceId"] in ids


def test_bad_arguments_exit_2_with_one_line() -> None:
    for args in (["--port", "70000"], ["--port", "x"], ["--synchronous", "OFF"],
                 ["--min-stamp-interval", "-1"], ["--fault-500-rate", "2"],
                 ["--fault-drop-next", "-3"], ["--reward-validity-days", "x"],
                 ["--workers", "2"], ["--workers", "0"], ["migrate", "--api-key", "k"],
                 ["--db", "postgresql://u:secret@127.0.0.1/db"], ["--test-controls"],
                 ["--host", "0.0.0.0"], ["--host", "0.0.0.0", "--demo-data"]):
        env = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
        done = subprocess.run([*STAMP_POS, "server", *args], capture_output=True, text=True,
                              timeout=30, env=env)
        assert done.returncode == 2, done
        assert len(done.stderr.strip().splitlines()) == 1 and "error" in done.stderr
        assert "secret" not in done.stderr


def test_migrate_brings_a_database_to_the_current_schema(tmp_path: Path, database: Any) -> None:
    where = database().get("db_url") or str(tmp_path / "server.sqlite3")
    for _ in range(2):  # a second run finds nothing to do
        done = subprocess.run([*STAMP_POS, "server", "migrate", "--db", where],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith("schema up to date\n")
    assert "@" not in done.stdout  # the place, never the user or a password


def test_a_public_address_with_real_credentials_serves(tmp_path: Path) -> None:
    env = {"STAMP_SERVER_API_KEY": "k-1234", "STAMP_SERVER_BEARER": "b-1234",
           "STAMP_SERVER_MEMBERSHIP_TOKEN": "Token m-1234", "STAMP_SERVER_VVD_KEY": "v-1234"}
    proc = subprocess.Popen(
        [*STAMP_POS, "server", "--port", "0", "--host", "0.0.0.0", "--db",
         str(tmp_path / "s.sqlite3")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, **env})
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("listening on http://0.0.0.0:")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
