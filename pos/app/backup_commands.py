"""``stamp-pos backup [PATH]`` and ``stamp-pos restore PATH [--force]``, and the automatic
copies the app makes at start and every ``backup_interval_hours``."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

from ledger.backup import RestoreRefused, backup, backup_dir, backup_name, prune, restore
from ledger.errors import LedgerError
from pos.settings import config as config_module
from pos.settings.config import Config
from stamps.clock import SystemClock

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the database (default: into <data dir>/backups)")
    p.add_argument("path", nargs="?", type=Path, help="where to write the copy")
    p.set_defaults(func=backup_cmd)
    p = sub.add_parser(
        "restore", help="put a backup in place of the database",
        description="Replaces the database with a backup. Events the backup holds as unsent are "
        "checked against the service before anything is sent, so nothing is applied twice. "
        "Events recorded after the backup are saved to JSON and block the restore unless "
        "--force.")
    p.add_argument("path", type=Path, help="the backup file")
    p.add_argument("--force", action="store_true",
                   help="restore even though events recorded after the backup would be lost")
    p.set_defaults(func=restore_cmd)


def make_backup(config: Config | None = None, target: Path | None = None) -> Path:
    """A copy of the database now: to ``target``, or to the backups folder keeping the newest
    ``backups_kept``."""
    config = config or config_module.load()
    database = config_module.database_path()
    if target is not None:
        return backup(database, target)
    folder = backup_dir(config_module.data_dir())
    made = backup(database, folder / backup_name(SystemClock().now()))
    prune(folder, config.backups_kept)
    return made


def backup_cmd(args: argparse.Namespace) -> int:
    try:
        made = make_backup(target=args.path)
    except LedgerError as exc:
        print(f"stamp-pos backup: {exc}", file=sys.stderr)
        return 1
    print(made)
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    try:
        report = restore(args.path, config_module.database_path(), force=args.force)
    except RestoreRefused as exc:
        print(f"stamp-pos restore: {exc}", file=sys.stderr)
        return 1
    except LedgerError as exc:
        print(f"stamp-pos restore: {exc}", file=sys.stderr)
        return 1
    lines = [f"restored from {report.restored_from}",
             f"{report.to_reconcile} unsent events will be checked against the service "
             "before they are sent"]
    if report.carried_over:
        lines.append(f"{report.carried_over} events keep the state they reached after the backup")
    if report.lost:
        lines.append(f"{report.lost} events recorded after the backup were dropped; they are "
                     f"saved in {report.exported}")
    print("\n".join(lines))
    return 0


class BackupTimer:
    """Backs up at start and every ``interval`` hours on its own thread; a failure is logged
    and retried at the next interval, never shown as a crash."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="backup", daemon=True)

    def start(self) -> BackupTimer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        interval = self.config.backup_interval_hours * 3600
        while not self._stop.is_set():
            try:
                log.info("backed up to %s", make_backup(self.config))
            except LedgerError as exc:
                log.warning("automatic backup failed: %s", exc)
            if interval <= 0 or self._stop.wait(interval):
                return
