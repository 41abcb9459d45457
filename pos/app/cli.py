"""The ``stamp-pos`` command line.

Each package owns its subcommands: a module with ``register(subparsers)`` adds its parsers and
sets ``func(args) -> int`` on each. The table below imports each module only when its command is
asked for, so ``stamp-pos status`` never pays for Qt, OpenCV or the server, and ``--help`` loads
them all at once (plain imports, so the layer contracts see every arrow).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from types import ModuleType

from pos import __version__


def _gui() -> ModuleType:
    from pos.app import gui_commands

    return gui_commands


def _server() -> ModuleType:
    from server import commands

    return commands


def _sync() -> ModuleType:
    from pos.app import sync_command

    return sync_command


def _terminal() -> ModuleType:
    from pos.app import terminal_commands

    return terminal_commands


def _backups() -> ModuleType:
    from pos.app import backup_commands

    return backup_commands


def _doctor() -> ModuleType:
    from pos.app import doctor

    return doctor


def _hardware() -> ModuleType:
    from hardware import commands

    return commands


#: subcommand name -> loader of the module that registers it
COMMANDS: dict[str, Callable[[], ModuleType]] = {
    "run": _gui,
    "demo": _gui,
    "server": _server,
    "sync": _sync,
    "status": _terminal,
    "events": _terminal,
    "record": _terminal,
    "backup": _backups,
    "restore": _backups,
    "doctor": _doctor,
    "tap": _hardware,
    "devices": _hardware,
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
    if wanted in COMMANDS:
        loaders = [COMMANDS[wanted]]
    elif wanted is None:
        loaders = list(dict.fromkeys(COMMANDS.values()))
    else:
        loaders = []
    for load in loaders:
        load().register(sub)
    for name in COMMANDS:
        if name not in sub.choices:
            sub.add_parser(name, help=f"(see stamp-pos {name} --help)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import sys

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
