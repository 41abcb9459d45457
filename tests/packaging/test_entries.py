"""The desktop entries and the systemd unit run commands the CLI accepts, so a renamed command
or flag breaks this test rather than a counter PC's autostart or its headless sync."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest

from pos.app.cli import build_parser

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def parses(command: str) -> str:
    """The subcommand that ``stamp-pos ...`` runs; fails if the CLI would reject the line."""
    program, *args = shlex.split(command)
    assert program in {"stamp-pos", "/usr/bin/stamp-pos"}
    namespace = build_parser(args).parse_args(args)
    assert callable(namespace.func)
    return str(namespace.command)


@pytest.mark.parametrize("name", ["stamp-pos.desktop", "stamp-pos-autostart.desktop"])
def test_desktop_entries_start_the_cashier_app(name: str) -> None:
    entry = read_ini(PACKAGING / "desktop" / name)["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert parses(entry["Exec"]) == "run"


def test_sync_unit_runs_headless_sync_as_the_instance_user_and_restarts_on_failure() -> None:
    unit = read_ini(PACKAGING / "systemd" / "stamp-pos-sync@.service")
    service = unit["Service"]
    assert parses(service["ExecStart"]) == "sync"
    assert "--once" not in service["ExecStart"]  # runs until stopped
    assert service["User"] == "%i"
    assert service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_wrapper_runs_the_bundle_where_the_deb_puts_it() -> None:
    wrapper = (PACKAGING / "deb" / "stamp-pos.sh").read_text()
    assert wrapper.startswith("#!/bin/sh\n")
    assert 'exec /opt/stamp-pos/stamp-pos "$@"' in wrapper.splitlines()
    build = (PACKAGING / "build.sh").read_text()
    assert 'cp -a "$BUNDLE" "$STAGE/opt/stamp-pos"' in build
