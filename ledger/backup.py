"""Copies of the terminal's database, and putting one back without sending anything twice.

A copy is made with SQLite's online backup API, so it is consistent while the counter keeps
recording. Restoring is the dangerous direction, for two reasons this module handles:

- Events recorded since the copy was made exist only in the current file. ``restore`` counts
  them and refuses unless forced (they are exported to JSON first either way).
- Events the copy holds as pending may have been synced after the copy was made. Sending them
  again would apply them twice against a service that does not de-duplicate eventIds, so every
  pending event of a restored copy becomes ``in_flight``: the sync engine reconciles it against
  the service's history before it sends anything (see ``sync/reconcile.py``). States the current
  file still knows (synced, rejected, held) are carried over directly.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ledger.errors import EnvironmentLedgerError

BACKUP_DIR = "backups"
_NAME = re.compile(r"stamp-pos-(\d{8}-\d{6})\.db")
#: states that no longer change: a restored copy takes them from the current file
_FINAL = ("synced", "rejected", "held")


class RestoreRefused(EnvironmentLedgerError):
    """Restoring would lose events recorded after the copy; ``str()`` says how many."""

    def __init__(self, message: str, lost: int) -> None:
        super().__init__(message)
        self.lost = lost


@dataclass(frozen=True, slots=True)
class RestoreReport:
    restored_from: Path
    #: events of the current file that the copy lacks, exported to ``exported`` (lost)
    lost: int
    exported: Path | None
    #: pending events of the copy that will be checked against the service before sending
    to_reconcile: int
    #: events whose final state was carried over from the current file
    carried_over: int


def backup_dir(data_dir: Path) -> Path:
    path = data_dir / BACKUP_DIR
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def backup_name(now: datetime) -> str:
    return f"stamp-pos-{now.strftime('%Y%m%d-%H%M%S')}.db"


def made_at(copy: Path) -> datetime | None:
    """When an automatic copy was made, by the clock that named it (UTC): its age is then
    measured on one clock, not against the file system's modification time."""
    m = _NAME.fullmatch(copy.name)
    if m is None:
        return None
    return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)


def backup(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` (0600), consistently, while others may be writing."""
    if not database.is_file():
        raise EnvironmentLedgerError(f"There is no database at {database} to back up yet.")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise EnvironmentLedgerError(
            f"The backup to {target} failed ({exc}). Check the disk space and that the "
            "directory is writable."
        ) from None
    return target


def backups(directory: Path) -> list[Path]:
    """The automatic copies in ``directory``, oldest first."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if _NAME.fullmatch(p.name))


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` copies; returns what was deleted."""
    old = backups(directory)[:-keep] if keep > 0 else backups(directory)
    for path in old:
        path.unlink(missing_ok=True)
    return old


def restore(copy: Path, database: Path, *, force: bool = False,
            export_dir: Path | None = None) -> RestoreReport:
    """Put ``copy`` in place of ``database``. Nothing already synced is sent again; events
    only the current file holds are exported to JSON and, unless ``force``, block the restore."""
    if not copy.is_file():
        raise EnvironmentLedgerError(f"There is no backup at {copy}.")
    current = _read_outbox(database)
    backed = _read_outbox(copy)
    if backed is None:
        raise EnvironmentLedgerError(f"{copy} is not a Stamp POS database that can be read.")
    only_here = {eid: row for eid, row in (current or {}).items()
                 if eid not in backed and row["state"] not in _FINAL}
    exported = None
    if only_here:
        exported = (export_dir or database.parent) / f"{database.stem}-unsent-events.json"
        _export(exported, list(only_here.values()))
        if not force:
            raise RestoreRefused(
                f"{len(only_here)} events recorded after this backup have not reached the "
                f"service and would be lost; they were saved to {exported}. Sync first, or "
                "restore with --force.", lost=len(only_here))
    partial = database.with_name(database.name + ".restoring")
    backup(copy, partial)
    carried = to_reconcile = 0
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for eid, row in (current or {}).items():
            if row["state"] in _FINAL and eid in backed and backed[eid]["state"] not in _FINAL:
                carried += conn.execute(
                    "UPDATE outbox SET state = ?, result_code = ?, result_message = ? "
                    "WHERE event_id = ?",
                    (row["state"], row["result_code"], row["result_message"], eid)).rowcount
        to_reconcile = conn.execute(
            "UPDATE outbox SET state = 'in_flight', next_attempt_at = 0 "
            "WHERE state IN ('pending', 'in_flight')").rowcount
        conn.execute("COMMIT")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(partial, database)
    return RestoreReport(copy, len(only_here) if force else 0, exported, to_reconcile, carried)


def _read_outbox(path: Path) -> dict[str, dict[str, object]] | None:
    """Every outbox row by eventId; None when the file cannot be read as a database."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            rows = conn.execute("SELECT * FROM outbox").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return {row["event_id"]: dict(row) for row in rows}


def _export(path: Path, rows: list[dict[str, object]]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, indent=2, default=str)
