"""``stamp-pos backup`` and ``stamp-pos restore`` driven as the README says."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.backup import backup_name, made_at

pytestmark = pytest.mark.dates

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"


def _pos(home, *args):
    return subprocess.run([sys.executable, "-m", "pos", *args], capture_output=True, text=True,
                          env={**os.environ, "STAMP_POS_HOME": str(home)}, timeout=60)


def test_backup_then_restore_refuses_to_lose_later_events_unless_forced(tmp_path):
    home = tmp_path / "home"
    assert _pos(home, "record", "--card-instance", CARD, "--type", "STAMP").returncode == 0
    made = _pos(home, "backup")
    assert made.returncode == 0, made.stderr
    copy = made.stdout.strip()
    assert copy.startswith(str(home / "backups" / "stamp-pos-"))
    assert _pos(home, "record", "--card-instance", CARD, "--type", "STAMP",
                "--count", "2").returncode == 0
    refused = _pos(home, "restore", copy)
    assert refused.returncode == 1
    assert "2 events recorded after this backup" in refused.stderr
    assert "Traceback" not in refused.stderr
    forced = _pos(home, "restore", copy, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "1 unsent events will be checked against the service" in forced.stdout
    assert "2 events recorded after the backup were dropped" in forced.stdout
    status = _pos(home, "status")
    assert "in_flight 1" in status.stdout


def test_restore_of_a_missing_file_is_one_sentence(tmp_path):
    missing = tmp_path / "nope.db"
    done = _pos(tmp_path / "home", "restore", str(missing))
    assert done.returncode == 1
    assert done.stderr.strip() == f"stamp-pos restore: There is no backup at {missing}."


def test_a_copys_age_is_read_from_the_name_its_clock_gave_it() -> None:
    """Not from the file's modification time, which another clock (the file system's) wrote."""
    moment = datetime(2028, 2, 29, 23, 59, 30, tzinfo=UTC)
    assert made_at(Path(backup_name(moment))) == moment
    assert made_at(Path("stamp-pos.db")) is None
