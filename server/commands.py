"""``stamp-pos server``: run the reference stamp service; ``stamp-pos server migrate`` brings
its database to the current schema and exits; ``stamp-pos server credentials
add|rotate|revoke MERCHANT`` manages a merchant's own credentials."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from server.config import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_PREFIX,
    ENV_CONTROL_TOKEN,
    ENV_DATABASE,
    ServerConfig,
)
from server.database import is_postgres_url
from server.demo_data import DEMO_API_KEY
from server.faults import Faults

log = logging.getLogger(__name__)


def _non_negative(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
        return value

    return parse


def _rate(text: str) -> float:
    value = _non_negative(float)(text)
    if value > 1:
        raise argparse.ArgumentTypeError(f"a rate is between 0 and 1: {text!r}")
    return float(value)


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("server", help="run the reference stamp service")
    p.add_argument("action", nargs="?", choices=["serve", "migrate", "credentials"],
                   default="serve",
                   help="serve (the default), migrate the database, or manage credentials")
    p.add_argument("verb", nargs="?", choices=["add", "rotate", "revoke"],
                   help="credentials: issue, replace or revoke a merchant's own set")
    p.add_argument("merchant", nargs="?", help="credentials: the Fintiv merchantId")
    p.add_argument("--membership-merchant", type=_non_negative(int), metavar="N",
                   help="credentials: the merchant's Membership API merchant number")
    p.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one")
    p.add_argument("--db", metavar="PATH|URL",
                   help=f"SQLite file or postgresql://user@host/dbname (default: ${ENV_DATABASE},"
                        " else <data dir>/server.sqlite3)")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="service processes (PostgreSQL only)")
    p.add_argument("--prefix", default=DEFAULT_PREFIX, help="Fintiv API base path")
    p.add_argument("--demo-data", action="store_true",
                   help="seed demo merchants, cards, members into an empty database")
    p.add_argument("--no-idempotency", action="store_true",
                   help="apply a resent eventId again, as the documented API allows")
    p.add_argument("--min-stamp-interval", type=_non_negative(float), default=0.0,
                   metavar="SECONDS",
                   help="refuse a second STAMP on one card within this time (33003)")
    p.add_argument("--max-clock-skew", type=_non_negative(float), default=24.0,
                   metavar="HOURS",
                   help="refuse events dated further ahead than this (33010; 24)")
    p.add_argument("--reward-validity-days", type=_non_negative(int), default=30,
                   metavar="DAYS", help="days an earned reward stays redeemable (30)")
    p.add_argument("--synchronous", choices=["NORMAL", "FULL"], default="NORMAL",
                   help="SQLite durability: NORMAL (WAL, survives crashes) or FULL")
    for flag, var in _SECRET_FLAGS.items():
        # Kept only to refuse them with the variable to use: ps shows a process's argv.
        p.add_argument(f"--{flag}", metavar="REFUSED", help=f"refused: set {var} instead")
    g = p.add_argument_group("fault injection (tests only)")
    g.add_argument("--test-controls", action="store_true",
                   help=f"serve /_control/* to loopback clients with ${ENV_CONTROL_TOKEN}")
    count = _non_negative(int)
    g.add_argument("--fault-500-next", type=count, default=0, metavar="N",
                   help="answer 500 before processing the next N requests")
    g.add_argument("--fault-500-rate", type=_rate, default=0.0, metavar="P")
    g.add_argument("--fault-drop-next", type=count, default=0, metavar="N",
                   help="process, then close the connection unanswered")
    g.add_argument("--fault-drop-rate", type=_rate, default=0.0, metavar="P")
    g.add_argument("--fault-partial-next", type=count, default=0, metavar="N",
                   help="answer only half of the next N batches")
    g.add_argument("--fault-malformed-next", type=count, default=0, metavar="N",
                   help="answer truncated JSON")
    g.add_argument("--fault-delay", type=_non_negative(float), default=0.0, metavar="SECONDS")
    g.add_argument("--fault-path", action="append", default=[], metavar="TEXT",
                   help="limit faults to paths containing TEXT (repeatable)")
    p.set_defaults(func=run)


#: the old secret flags -> the variable that replaces each
_SECRET_FLAGS = {
    "api-key": "STAMP_SERVER_API_KEY", "bearer": "STAMP_SERVER_BEARER",
    "membership-token": "STAMP_SERVER_MEMBERSHIP_TOKEN", "vvd-key": "STAMP_SERVER_VVD_KEY",
}


class UsageError(ValueError):
    """A bad combination of arguments: one line on stderr, exit 2."""


def _positive(text: str) -> int:
    value = _non_negative(int)(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return int(value)


def _database(args: argparse.Namespace) -> tuple[Path | None, str | None]:
    """(SQLite path, PostgreSQL URL) from --db, else $STAMP_POS_SERVER_DB, else the default."""
    if args.db and is_postgres_url(args.db):
        from server.postgres_database import url_has_password

        if url_has_password(args.db):
            raise UsageError(
                "--db must not carry a password, which ps would show; use PGPASSWORD or "
                f"~/.pgpass, or put the whole URL in {ENV_DATABASE}")
        return None, args.db
    chosen = args.db or os.environ.get(ENV_DATABASE)
    if chosen and is_postgres_url(chosen):
        return None, chosen
    return (Path(chosen).expanduser() if chosen else _default_db()), None


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    for flag, var in _SECRET_FLAGS.items():
        if getattr(args, flag.replace("-", "_")) is not None:
            raise UsageError(f"--{flag} would show its value to anyone running ps; "
                             f"set {var} (or {var}_FILE, a file holding it) instead")
    db_path, db_url = _database(args)
    if args.workers > 1 and db_url is None:
        raise UsageError("--workers above 1 needs PostgreSQL (--db postgresql://...); "
                         "SQLite serves from one process")
    config = ServerConfig(
        db_path=db_path, db_url=db_url, workers=args.workers,
        host=args.host, port=args.port, prefix=args.prefix,
        idempotency=not args.no_idempotency, min_stamp_interval=args.min_stamp_interval,
        reward_validity_days=args.reward_validity_days, demo_data=args.demo_data,
        max_future_skew_hours=args.max_clock_skew,
        sqlite_synchronous=args.synchronous,
        faults=Faults(
            fail_500_next=args.fault_500_next, fail_500_rate=args.fault_500_rate,
            drop_next=args.fault_drop_next, drop_rate=args.fault_drop_rate,
            partial_next=args.fault_partial_next, malformed_next=args.fault_malformed_next,
            delay_seconds=args.fault_delay, paths=list(args.fault_path),
        ),
    )
    config.credentials_from_env()
    if args.test_controls:
        config.control_token = os.environ.get(ENV_CONTROL_TOKEN) or None
        if config.control_token is None:
            raise UsageError(f"--test-controls needs the token in {ENV_CONTROL_TOKEN}")
    if problem := config.exposure_problem():
        raise UsageError(problem)
    return config


def _default_db() -> Path:
    from server.config import default_data_dir

    return default_data_dir() / "server.sqlite3"


def run(args: argparse.Namespace) -> int:
    from server import logs
    from server.runner import ServerThread

    if not 0 <= args.port <= 65535:
        print(f"stamp-pos server: error: port {args.port} is out of range", file=sys.stderr)
        return 2
    try:
        config = config_from_args(args)
    except (UsageError, OSError) as exc:
        print(f"stamp-pos server: error: {exc}", file=sys.stderr)
        return 2
    logs.setup(config.credentials())
    if args.action == "migrate":
        return _migrate(config)
    if args.action == "credentials":
        from server.credentials_command import run_credentials

        return run_credentials(config, args.verb, args.merchant, args.membership_merchant)
    if config.api_key == DEMO_API_KEY and not config.demo_data:
        log.warning("Using the demo credentials; set STAMP_SERVER_* for a real deployment.")
    if config.workers > 1:
        return _run_workers(config)
    try:
        server = ServerThread(config).start()
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"stamp-pos server: error: {exc}", file=sys.stderr)
        return 1
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print(f"listening on {server.base_url}", flush=True)
    stop.wait()
    server.stop()
    return 0


def _migrate(config: ServerConfig) -> int:
    from server.database import open_database

    try:
        db = open_database(url=config.db_url, path=config.db_path,
                           synchronous=config.sqlite_synchronous, pool_size=1)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"stamp-pos server: error: {exc}", file=sys.stderr)
        return 1
    print(f"{db.describe()}: schema up to date", flush=True)
    db.close()
    return 0


def _run_workers(config: ServerConfig) -> int:
    from server.workers import WorkerPool

    try:
        pool = WorkerPool(config)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"stamp-pos server: error: {exc}", file=sys.stderr)
        return 1
    print(f"listening on {pool.base_url}", flush=True)
    pool.run()  # until SIGINT/SIGTERM, which stop every worker
    return 0
