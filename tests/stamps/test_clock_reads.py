"""Business time has one source: nothing in the product, its tests or its benchmarks reads the
wall clock or the system's time zone except stamps/clock.py. A read elsewhere is a time bomb
waiting for the wrong date, zone or clock change; inject a :class:`stamps.clock.Clock` instead
(a test freezes one; durations and timeouts use ``time.monotonic``, which is allowed)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("stamps", "ledger", "pos", "sync", "server", "hardware", "tests", "bench")
ALLOWED = {ROOT / "stamps" / "clock.py"}  # and the sample below, which is a string

#: fully qualified names that read the wall clock
WALL_CLOCK = {
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "datetime.date.today", "time.time", "time.time_ns", "time.localtime", "time.gmtime",
    "time.ctime",
}
#: Qt's own wall-clock reads, whatever module Qt is imported through
QT_WALL_CLOCK = {
    "currentDate", "currentDateTime", "currentDateTimeUtc", "currentMSecsSinceEpoch",
    "currentSecsSinceEpoch",
}


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> the qualified name it was imported as."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _qualified(node: ast.expr, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _qualified(node.value, names)
        return None if base is None else f"{base}.{node.attr}"
    return None


def wall_clock_reads(source: str, filename: str = "<source>") -> list[str]:
    """Each wall-clock read (called or passed along) and each bare ``astimezone()`` (the
    system's zone, not the store's), as ``file:line: what``."""
    tree = ast.parse(source, filename)
    names = _imports(tree)
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found += [(node.lineno, node.col_offset, f"imports {node.module}.{a.name}")
                      for a in node.names if f"{node.module}.{a.name}" in WALL_CLOCK]
        elif isinstance(node, ast.Attribute):
            name = _qualified(node, names)
            if name in WALL_CLOCK:
                found.append((node.lineno, node.col_offset, name))
            elif node.attr in QT_WALL_CLOCK:
                found.append((node.lineno, node.col_offset, f"Qt {node.attr}"))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "astimezone" and not node.args and not node.keywords):
            found.append((node.lineno, node.col_offset, "astimezone() in the system's zone"))
    return [f"{filename}:{line}: {what}" for line, _col, what in sorted(found)]


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    found: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path not in ALLOWED:
                found += wall_clock_reads(path.read_text(), str(path.relative_to(ROOT)))
    assert found == [], "inject stamps.clock.Clock instead:\n" + "\n".join(found)


def test_the_check_sees_every_spelling_of_a_read() -> None:
    source = """
import time
import datetime as dt
from datetime import UTC, date, datetime
from time import time as wall

a = datetime.now(UTC)
b = date.today()
c = dt.datetime.utcnow()
d = time.time()
e = lambda clock=time.time: clock()
f = a.astimezone()
g = QDate.currentDate()
ok = (time.monotonic(), a.astimezone(UTC), datetime.fromtimestamp(0, UTC))
"""
    lines = [line.split(": ", 1)[1] for line in wall_clock_reads(source)]
    assert lines == [
        "imports time.time", "datetime.datetime.now", "datetime.date.today",
        "datetime.datetime.utcnow", "time.time", "time.time", "astimezone() in the system's zone",
        "Qt currentDate",
    ]
