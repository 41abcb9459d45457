"""The ``stamp-pos`` command line.

Each package owns its subcommands: a module listed in :data:`COMMAND_MODULES` defines
``register(subparsers)``, which adds its parsers and sets ``func(args) -> int`` on each.
Modules are imported lazily so ``stamp-pos status`` never pays for Qt or OpenCV.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pos import __version__

# subcommand name -> module that registers it
COMMAND_MODULES: dict[str, str] = {
    "run": "pos.ui.commands",
    "demo": "pos.ui.commands",
    "server": "server.commands",
    "sync": "sync.commands",
    "status": "pos.commands",
    "events": "pos.commands",
    "record": "pos.commands",
    "tap": "hardware.commands",
    "devices": "hardware.commands",
}


class _Parser(argparse.ArgumentParser):
    """argparse that prints a one-line error and exits 2 on bad arguments."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(prog="stamp-pos", description="Stamp POS loyalty terminal")
    parser.add_argument("--version", action="version", version=f"stamp-pos {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    wanted = next((a for a in argv if not a.startswith("-")), None)
    if wanted in COMMAND_MODULES:
        modules = [COMMAND_MODULES[wanted]]
    elif wanted is None:
        modules = list(dict.fromkeys(COMMAND_MODULES.values()))
    else:
        modules = []
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module_name.startswith(exc.name):
                raise
            continue  # not built yet: its commands get the placeholder below
        module.register(sub)
    for name, module_name in COMMAND_MODULES.items():
        if name in sub.choices:
            continue
        if module_name in modules:
            _not_yet(sub, name)
        else:
            sub.add_parser(name, help=f"(see stamp-pos {name} --help)")
    return parser


def _not_yet(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="not available yet")
    p.set_defaults(func=lambda _args: _say_not_yet(name))


def _say_not_yet(name: str) -> int:
    print(f"stamp-pos {name}: this command is not available yet in this version.", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
