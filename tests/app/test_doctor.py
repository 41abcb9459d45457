"""``stamp-pos doctor`` as the README says: one line per check, exit 0 only when all pass,
``--json`` for monitoring."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from server import demo_data as demo
from server.config import ServerConfig
from server.runner import ServerThread

pytestmark = pytest.mark.dates


def _env(home, base_url, **extra):
    return {**os.environ, "STAMP_POS_HOME": str(home),
            "STAMP_POS_FINTIV_BASE_URL": base_url + "/stampcard/v2/",
            "STAMP_POS_MEMBERSHIP_BASE_URL": base_url, "STAMP_POS_VVD_BASE_URL": base_url,
            "STAMP_POS_FINTIV_API_KEY": demo.DEMO_API_KEY,
            "STAMP_POS_FINTIV_BEARER": demo.DEMO_BEARER_TOKEN,
            "STAMP_POS_MEMBERSHIP_TOKEN": demo.DEMO_MEMBERSHIP_TOKEN,
            "STAMP_POS_VVD_KEY": demo.DEMO_VVD_KEY, **extra}


def _doctor(env, *args):
    return subprocess.run([sys.executable, "-m", "pos", "doctor", "--no-devices", *args],
                          env=env, capture_output=True, text=True, timeout=120)


def test_all_pass_after_a_backup_and_each_fault_is_named(tmp_path):
    with ServerThread(ServerConfig(port=0, demo_data=True)) as server:
        env = _env(tmp_path / "home", server.base_url)
        first = _doctor(env, "--json")
        checks = {c["name"]: c for c in json.loads(first.stdout)}
        assert first.returncode == 1
        assert not checks["backup"]["ok"] and "stamp-pos backup" in checks["backup"]["message"]
        assert all(checks[n]["ok"] for n in ("settings", "stamp service", "membership service",
                                             "card issuing service", "clock", "disk",
                                             "database", "unsent events"))
        subprocess.run([sys.executable, "-m", "pos", "record", "--card-instance",
                        "3ab8fd17-2fb5-468c-9079-dfb887aacc54", "--type", "STAMP"], env=env,
                       check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "pos", "backup"], env=env, check=True,
                       capture_output=True)
        healthy = _doctor(env)
        assert healthy.returncode == 0, healthy.stdout
        assert healthy.stdout.splitlines()[0].startswith("✓ settings")
        assert "1 events waiting" in healthy.stdout

        wrong = _doctor({**env, "STAMP_POS_FINTIV_API_KEY": "wrong"})
        assert wrong.returncode == 1
        assert "✗ stamp service" in wrong.stdout and "refused the credentials" in wrong.stdout


def test_a_broken_config_file_is_one_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("batch_size = [\n")
    done = _doctor({**os.environ, "STAMP_POS_HOME": str(home)})
    assert done.returncode == 1
    assert done.stdout.startswith("✗ settings") and "not valid TOML" in done.stdout
    assert "Traceback" not in done.stderr
