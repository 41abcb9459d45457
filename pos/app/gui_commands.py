"""``stamp-pos run`` (the cashier app) and ``stamp-pos demo`` (the app with its own stamp
service, demo data and simulated devices)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="start the cashier app")
    p.add_argument("--no-devices", action="store_true", help="start without camera and NFC")
    _smoke_options(p)
    p.set_defaults(func=run_cmd)
    p = sub.add_parser(
        "demo", help="start the cashier app with a local stamp service and demo data",
        description="Starts the reference stamp service on loopback with demo data, a fresh "
        "data directory, the demo video as camera (without a webcam) and the simulated NFC "
        "reader (tap with 'stamp-pos tap --uri URL' in another terminal).",
    )
    p.add_argument("--home", type=Path, help="data directory (default: a new temporary one)")
    p.add_argument("--no-devices", action="store_true", help="start without camera and NFC")
    _smoke_options(p)
    p.set_defaults(func=demo_cmd)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _smoke_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--offscreen", action="store_true",
                   help="render without a display (for smoke tests and benchmarks)")
    p.add_argument("--exit-after", type=_positive, metavar="SECONDS",
                   help="quit after this many seconds")
    p.add_argument("--grab", type=Path, metavar="PNG",
                   help="with --exit-after: save a picture of the window before quitting")


def run_cmd(args: argparse.Namespace) -> int:
    from pos.app.launch import run_app

    return run_app(devices=not args.no_devices, offscreen=args.offscreen,
                   exit_after=args.exit_after, grab=args.grab)


def demo_cmd(args: argparse.Namespace) -> int:
    from pos.app.launch import run_app

    return run_app(demo=True, home=args.home, devices=not args.no_devices,
                   offscreen=args.offscreen, exit_after=args.exit_after, grab=args.grab)
