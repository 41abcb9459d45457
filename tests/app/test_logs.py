"""The log and the database are private (0600 in a 0700 directory), every stored secret is
masked in the log by its value (tracebacks included), and a data directory that cannot be
written costs one sentence, not a traceback."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.db import Database
from ledger.errors import DatabaseEmpty
from pos.app import logs
from pos.settings import secrets

SECRET = "SeKrEtKeY7731zz"
CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"


@pytest.fixture
def fresh_logging(tmp_path, monkeypatch):
    monkeypatch.setenv("STAMP_POS_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    before = list(root.handlers)
    yield tmp_path / "home"
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_log_and_database_are_readable_by_their_owner_only(fresh_logging):
    path = logs.setup()
    assert path is not None
    logging.getLogger("t").warning("Siti Rahayu, +6281234567890")
    Database(fresh_logging / "stamp-pos.db").close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert (fresh_logging / "stamp-pos.db").stat().st_mode & 0o777 == 0o600
    assert (fresh_logging / "logs").stat().st_mode & 0o777 == 0o700


def test_a_stored_secret_never_reaches_the_log_even_in_a_traceback(fresh_logging):
    secrets.set("vvd_key", SECRET)
    path = logs.setup()
    assert path is not None
    log = logging.getLogger("t")
    log.warning("key %s failed", SECRET)  # no keyword before it: only its value gives it away
    try:
        raise RuntimeError(f"the service refused {SECRET}")
    except RuntimeError:
        log.exception("sending failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "sending failed" in text and "RuntimeError: the service refused ***" in text
    assert SECRET not in text


def test_an_empty_database_file_is_not_silently_started_again(tmp_path):
    path = tmp_path / "stamp-pos.db"
    path.write_bytes(b"")
    with pytest.raises(DatabaseEmpty, match=r"data was lost\. Restore the latest backup"):
        Database(path)
    assert path.stat().st_size == 0  # left as found, for whoever investigates


def _read_only_copy(source: Path, tmp_path: Path) -> Path:
    """``source`` seen through a read-only bind mount (root ignores file modes)."""
    target = tmp_path / "ro"
    target.mkdir()
    if os.geteuid() != 0:
        os.chmod(source, 0o500)
        return source
    mounted = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if mounted.returncode != 0:
        reason = mounted.stderr.decode().strip()
        pytest.skip(f"this machine cannot bind-mount a read-only directory: {reason}")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], check=True)
    return target


@pytest.mark.parametrize("command", [["status"], ["events"],
                                     ["record", "--card-instance", CARD, "--type", "STAMP"]])
def test_a_read_only_data_directory_costs_one_sentence_not_a_traceback(tmp_path, command):
    home = tmp_path / "home"
    env = {**os.environ, "STAMP_POS_HOME": str(home)}
    run = [sys.executable, "-m", "pos"]
    subprocess.run([*run, "record", "--card-instance", CARD, "--type", "STAMP"], env=env,
                   check=True, capture_output=True)
    read_only = _read_only_copy(home, tmp_path)
    try:
        done = subprocess.run([*run, *command], env={**env, "STAMP_POS_HOME": str(read_only)},
                              capture_output=True, text=True, timeout=60)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(read_only)], check=False)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert "the log cannot be written" in done.stderr
    assert "cannot be opened or written" in done.stderr
