"""``stamp-pos server``: run the reference stamp service."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from server.config import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_PREFIX, ServerConfig
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
    p.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one")
    p.add_argument("--db", type=Path, help="SQLite file (default: <data dir>/server.sqlite3)")
    p.add_argument("--prefix", default=DEFAULT_PREFIX, help="Fintiv API base path")
    p.add_argument("--demo-data", action="store_true",
                   help="seed demo merchants, cards, members into an empty database")
    p.add_argument("--no-idempotency", action="store_true",
                   help="apply a resent eventId again, as the documented API allows")
    p.add_argument("--min-stamp-interval", type=_non_negative(float), default=0.0,
                   metavar="SECONDS",
                   help="refuse a second STAMP on one card within this time (33003)")
    p.add_argument("--reward-validity-days", type=_non_negative(int), default=30,
                   metavar="DAYS", help="days an earned reward stays redeemable (30)")
    p.add_argument("--synchronous", choices=["NORMAL", "FULL"], default="NORMAL",
                   help="SQLite durability: NORMAL (WAL, survives crashes) or FULL")
    for flag in ("api-key", "bearer", "membership-token", "vvd-key"):
        p.add_argument(f"--{flag}", help=f"{flag} (prefer the STAMP_SERVER_* variable)")
    g = p.add_argument_group("fault injection (tests only)")
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


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    config = ServerConfig(
        db_path=args.db or _default_db(), host=args.host, port=args.port, prefix=args.prefix,
        idempotency=not args.no_idempotency, min_stamp_interval=args.min_stamp_interval,
        reward_validity_days=args.reward_validity_days, demo_data=args.demo_data,
        sqlite_synchronous=args.synchronous,
        faults=Faults(
            fail_500_next=args.fault_500_next, fail_500_rate=args.fault_500_rate,
            drop_next=args.fault_drop_next, drop_rate=args.fault_drop_rate,
            partial_next=args.fault_partial_next, malformed_next=args.fault_malformed_next,
            delay_seconds=args.fault_delay, paths=list(args.fault_path),
        ),
    )
    config.credentials_from_env()
    for flag, attr in (("api_key", "api_key"), ("bearer", "bearer_token"),
                       ("membership_token", "membership_token"), ("vvd_key", "vvd_key")):
        if getattr(args, flag):
            setattr(config, attr, getattr(args, flag))
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
    config = config_from_args(args)
    logs.setup(config.credentials())
    if config.api_key == DEMO_API_KEY and not config.demo_data:
        log.warning("Using the demo credentials; set STAMP_SERVER_* for a real deployment.")
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
