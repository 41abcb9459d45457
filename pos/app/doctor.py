"""``stamp-pos doctor``: one line per check, ✓ or ✗ with what to do; exit 0 when all pass.

For the person who looks after the counter PC (and ``--json`` for monitoring): the settings,
each service and its credentials, the clock, the devices, the disk, the database, the events
waiting to be sent and the last backup.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from pos.settings import config as config_module
from pos.settings.config import Config, ConfigError

#: below this much free space the next days of events and backups may not fit
MIN_FREE_BYTES = 200 * 1024 * 1024
#: an event still unsent after this long means sync is stuck
OUTBOX_STALE_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    message: str


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check settings, services, clock, devices, disk, "
                                      "database, unsent events and backups")
    p.add_argument("--json", action="store_true", help="print JSON (for monitoring)")
    p.add_argument("--no-devices", action="store_true", help="skip the camera and NFC checks")
    p.set_defaults(func=doctor_cmd)


def doctor_cmd(args: argparse.Namespace) -> int:
    checks = list(run_checks(devices=not args.no_devices))
    if args.json:
        print(json.dumps([asdict(c) for c in checks], indent=2, ensure_ascii=False))
    else:
        width = max(len(c.name) for c in checks)
        for c in checks:
            print(f"{'✓' if c.ok else '✗'} {c.name:<{width}}  {c.message}")
    return 0 if all(c.ok for c in checks) else 1


def run_checks(*, devices: bool = True) -> Iterator[Check]:
    try:
        config = config_module.load()
    except ConfigError as exc:
        yield Check("settings", False, str(exc))
        return
    yield Check("settings", True, f"{config.path} is valid." if config.path and
                config.path.exists() else "No config file yet: the defaults are used.")
    yield from _services(config)
    if devices:
        yield from _devices(config)
    data = config_module.data_dir()
    yield _disk(data)
    database = config_module.database_path()
    yield _database(database)
    yield _outbox(database)
    yield _backup(data, config)


def _services(config: Config) -> Iterator[Check]:
    from pos.app.wiring import MissingCredentials, build_clients
    from sync.probe import probe_fintiv, probe_membership, probe_vvd

    try:
        clients = build_clients(config)
    except MissingCredentials as exc:
        yield Check("stamp service", False, str(exc))
        return
    result = probe_fintiv(clients.fintiv, config.fintiv_base_url)
    yield Check("stamp service", result.ok, result.advice)
    if clients.membership is None:
        yield Check("membership service", False, "The membership token is not set: members "
                    "cannot be registered or searched online. Set it in Settings, Services.")
    else:
        member = probe_membership(clients.membership, config.membership_base_url)
        yield Check("membership service", member.ok, member.advice)
    if clients.vvd is not None:
        issuing = probe_vvd(clients.vvd, config.vvd_base_url)
        yield Check("card issuing service", issuing.ok, issuing.advice)
    offset = clients.skew.offset_seconds
    if offset is None:
        yield Check("clock", False, "The clock could not be compared: no service answered.")
    elif abs(offset) > config.max_clock_skew:
        yield Check("clock", False, f"This computer's clock is {abs(offset):.0f} s "
                    f"{'behind' if offset > 0 else 'ahead of'} the stamp service. Set the date "
                    "and time (or turn on network time).")
    else:
        yield Check("clock", True, f"Within {abs(offset):.1f} s of the stamp service.")


def _devices(config: Config) -> Iterator[Check]:
    from hardware.devices import SIMULATED_READER, list_cameras, list_readers, probe_camera

    if config.camera == "auto":
        cameras = list_cameras()
        usable = [c for c in cameras if c.usable]
        if usable:
            yield Check("camera", True, f"{usable[0].name} at {usable[0].path}.")
        else:
            reason = cameras[0].message if cameras else "No camera is plugged in."
            yield Check("camera", False, f"{reason} Codes can still be read by a handheld "
                        "scanner or typed.")
    elif config.camera.startswith("/dev/") or config.camera.isdigit():
        report = probe_camera(config.camera)
        yield Check("camera", report.usable, report.message)
    else:
        yield Check("camera", Path(config.camera).exists() or "://" in config.camera,
                    f"The camera is set to {config.camera}.")
    readers = [r for r in list_readers() if r.path != SIMULATED_READER]
    usable_readers = [r for r in readers if r.usable]
    if usable_readers:
        yield Check("NFC reader", True, f"{usable_readers[0].name} at {usable_readers[0].path}.")
    else:
        reason = readers[0].message if readers else "No USB NFC reader is plugged in."
        yield Check("NFC reader", False, reason)


def _disk(data: Path) -> Check:
    free = shutil.disk_usage(data).free
    if free < MIN_FREE_BYTES:
        return Check("disk", False, f"Only {free // 2**20} MB free where the data is ({data}). "
                     "Free some space: a full disk stops new stamps from being saved.")
    return Check("disk", True, f"{free // 2**30} GB free at {data}.")


def _read(database: Path, query: Callable[[sqlite3.Connection], Check]) -> Check:
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            return query(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("database", False, f"The database {database} cannot be read ({exc}). "
                     "Restore the latest backup with stamp-pos restore.")


def _database(database: Path) -> Check:
    if not database.exists():
        return Check("database", True, "No database yet: it is created at the first start.")

    def quick_check(conn: sqlite3.Connection) -> Check:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            return Check("database", False, f"The database {database} is damaged ({result}). "
                         "Restore the latest backup with stamp-pos restore.")
        return Check("database", True, f"{database} passed its integrity check.")

    return _read(database, quick_check)


def _outbox(database: Path) -> Check:
    from stamps.clock import SystemClock

    if not database.exists():
        return Check("unsent events", True, "None.")

    def oldest(conn: sqlite3.Connection) -> Check:
        row = conn.execute("SELECT COUNT(*), MIN(created_at) FROM outbox "
                           "WHERE state IN ('pending', 'in_flight')").fetchone()
        waiting, since = int(row[0]), row[1]
        if not waiting:
            return Check("unsent events", True, "None: everything recorded has been sent.")
        age = SystemClock().epoch() - float(since)
        text = f"{waiting} events waiting, the oldest for {_duration(age)}."
        if age > OUTBOX_STALE_SECONDS:
            return Check("unsent events", False, text + " Check the network and the stamp "
                         "service, then run stamp-pos sync --once.")
        return Check("unsent events", True, text)

    return _read(database, oldest)


def _backup(data: Path, config: Config) -> Check:
    from ledger.backup import BACKUP_DIR, backups, made_at
    from stamps.clock import SystemClock

    made = backups(data / BACKUP_DIR)
    if not made:
        return Check("backup", False, "No backup yet. Run stamp-pos backup (the app also makes "
                     "one at every start).")
    named = made_at(made[-1])
    now = SystemClock().epoch()
    age = now - (named.timestamp() if named is not None else made[-1].stat().st_mtime)
    limit = max(2 * config.backup_interval_hours * 3600, 2 * 86_400)
    text = f"The last backup is {_duration(age)} old ({made[-1].name})."
    if age > limit:
        return Check("backup", False, text + " Start the app or run stamp-pos backup.")
    return Check("backup", True, text)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{max(0, int(seconds))} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    if seconds < 172_800:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86_400)} days"

