"""``stamp-pos sync``: run the sync engine headless, continuously or ``--once``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="send recorded events and queued requests to the services")
    p.add_argument("--once", action="store_true",
                   help="send everything, then exit: 0 all sent, 1 something is held for a "
                        "manager, 3 not finished (service unreachable, credentials refused)")
    p.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                   help="with --once: give up after this long (default 600)")
    p.add_argument("--batch-size", type=int, metavar="N", help="events per request")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


class StatusLines:
    """Prints a status line when it changes, and repeats an unchanged one at most every
    ``repeat`` seconds: a day under systemd is a few thousand lines, not millions."""

    def __init__(self, repeat: float = 10.0, *, out: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.repeat, self.out, self.clock = repeat, out, clock
        self._last: str | None = None
        self._at = 0.0

    def offer(self, line: str) -> bool:
        now = self.clock()
        if line == self._last and now - self._at < self.repeat:
            return False
        self._last, self._at = line, now
        print(line, file=self.out or sys.stdout, flush=True)
        return True


def run(args: argparse.Namespace) -> int:
    from ledger.errors import LedgerError
    from pos.app import logs
    from pos.app.wiring import MissingCredentials, build_engine
    from pos.settings import config as pos_config
    from pos.settings.config import ConfigError
    from sync.status import SyncStatus

    if args.batch_size is not None and args.batch_size < 1:
        print("stamp-pos sync: error: --batch-size must be at least 1", file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print("stamp-pos sync: error: --timeout must be positive", file=sys.stderr)
        return 2
    try:
        logs.setup()
        config = pos_config.load()
        if args.batch_size is not None:
            config = config.replace(batch_size=args.batch_size)

        printer = StatusLines()

        def show(status: SyncStatus) -> None:
            if not args.quiet:
                printer.offer(status.summary())

        engine = build_engine(config, on_state=show, in_app=False)
        if args.once:
            result = engine.drain(timeout=args.timeout)
            status = engine.status
            if not args.quiet or result:
                print(f"stamp-pos sync: {result.name.lower()}: {status.summary()}",
                      file=sys.stderr if result else sys.stdout)
            return int(result)
        try:
            _run_until_signal(engine)
        except Exception:  # logged with its traceback by the engine's worker base
            print(f"stamp-pos sync: {engine.status.summary()} The details are in the log.",
                  file=sys.stderr)
            return 1
        return 0
    except (ConfigError, MissingCredentials, LedgerError) as exc:
        print(f"stamp-pos sync: {exc}", file=sys.stderr)
        return 1


def _run_until_signal(engine: Any) -> None:
    stopping = threading.Event()

    def stop(_signum: int, _frame: object) -> None:
        stopping.set()
        engine.stop(timeout=0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    engine.run_forever()
