"""Real processes for the crash and offline tests: ``stamp-pos server`` and ``stamp-pos sync``
started as subprocesses with their own ``STAMP_POS_HOME``."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from server import demo_data as demo
from tests.helpers.service_clients import CONTROL_HEADERS, CONTROL_TOKEN

ROOT = Path(__file__).resolve().parents[2]


def pos_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pos", *args]


@contextmanager
def server_process(home: Path, *extra: str, port: int = 0) -> Iterator[str]:
    """``stamp-pos server --no-idempotency`` on loopback; yields its base URL."""
    proc = subprocess.Popen(
        pos_command("server", "--port", str(port), "--no-idempotency", "--demo-data",
                    "--test-controls", "--db", str(home / "server.sqlite3"), *extra),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "STAMP_POS_HOME": str(home),
             "STAMP_SERVER_CONTROL_TOKEN": CONTROL_TOKEN},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://[\d.]+:\d+", line)
        assert match, f"server did not start: {line!r}"
        yield match.group(0)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def terminal_env(home: Path, base_url: str, *, timeout: float = 0.5) -> dict[str, str]:
    """Environment of a terminal whose data lives in ``home`` and talks to ``base_url``."""
    return {
        **os.environ,
        "STAMP_POS_HOME": str(home),
        "STAMP_POS_FINTIV_BASE_URL": base_url + "/stampcard/v2/",
        "STAMP_POS_FINTIV_API_KEY": demo.DEMO_API_KEY,
        "STAMP_POS_FINTIV_BEARER": demo.DEMO_BEARER_TOKEN,
        "STAMP_POS_HTTP_TIMEOUT": str(timeout),
        "STAMP_POS_PULL_INTERVAL": "3600",
    }


def start_sync(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(pos_command("sync", "--quiet", *args), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run_sync_once(env: dict[str, str], timeout: float = 240.0) -> subprocess.CompletedProcess:
    return subprocess.run(pos_command("sync", "--once", "--quiet", "--timeout", str(timeout)),
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout + 60)


def set_faults(base_url: str, **faults: Any) -> None:
    httpx.post(base_url + "/_control/faults", json=faults, timeout=10,
               headers=CONTROL_HEADERS).raise_for_status()


def stats(base_url: str) -> dict[str, Any]:
    return httpx.get(base_url + "/_control/stats", timeout=30, headers=CONTROL_HEADERS).json()


def wait_until(predicate: Any, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
