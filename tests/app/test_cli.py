"""Drive the CLI as the README says: the installed ``stamp-pos`` entry point."""

import json
import os
import subprocess
import sys

import pytest

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"


@pytest.fixture
def run(tmp_path):
    env = {**os.environ, "STAMP_POS_HOME": str(tmp_path)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "pos", *args], env=env, text=True,
                              capture_output=True, timeout=60)

    return run


def test_record_then_status_and_events(run):
    out = run("record", "--card-instance", CARD, "--type", "STAMP", "--count", "2")
    assert out.returncode == 0, out.stderr
    ids = out.stdout.split()
    assert len(ids) == 2
    status = json.loads(run("status", "--json").stdout)
    assert status["events"]["pending"] == 2 and status["waiting"] == 2
    events = json.loads(run("events", "--json", "--state", "pending").stdout)
    assert {e["eventId"] for e in events} == set(ids)
    assert all(e["state"] == "pending" and e["cardInstanceId"] == CARD for e in events)
    text = run("events").stdout
    assert ids[0] in text and "pending" in text


def test_bad_arguments_exit_2_with_one_line(run):
    out = run("record", "--card-instance", CARD, "--type", "BOGUS")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "invalid choice" in out.stderr
    out = run("record", "--card-instance", CARD, "--type", "REDEEM")
    assert out.returncode == 2 and "--reward-instance" in out.stderr


def test_refusal_is_a_sentence_not_a_traceback(run):
    out = run("record", "--card-instance", CARD, "--type", "REDEEM", "--reward-instance", "r")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "not known on this terminal" in out.stderr


def test_bad_config_is_reported_plainly(run, tmp_path):
    (tmp_path / "config.toml").write_text("batch_size = 'many'\n")
    out = run("status")
    assert out.returncode == 1 and "batch_size" in out.stderr and "Traceback" not in out.stderr


def test_help_loads_no_heavy_library():
    """``stamp-pos --help`` lists every command without loading Qt, OpenCV, httpx, numpy or the
    web server: each command's module imports those only when it runs."""
    import subprocess
    import sys

    code = ("import sys; from pos.app.cli import build_parser; build_parser([]).format_help(); "
            "print(sorted(m for m in ('PySide6', 'cv2', 'httpx', 'numpy', 'uvicorn', "
            "'starlette', 'sqlite_utils', 'zxingcpp') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
