"""The ``dates`` marker is complete: ``make test-dates`` reruns the marked tests with the system
clock moved by libfaketime, so a test module that touches dates and lacks the marker would
escape those passes. A module touches dates when it imports a date or clock module, the demo
data (laid relative to the day it is seeded) or the frozen test moments, or when its tests use
a fixture that starts the reference service or seeds a terminal with the demo."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: modules whose import means dates are involved
DATE_MODULES = (
    "datetime", "zoneinfo", "email.utils", "stamps.clock", "stamps.timestamps",
    "server.demo_data", "pos.app.demo", "tests.helpers.service_clients", "tests.ui.ui_clock",
)
#: fixtures that start the reference service (demo data seeded at its now) or seed a terminal
DATE_FIXTURES = frozenset({
    "server", "make_server", "fintiv", "http", "service", "make_engine", "counter", "terminal",
    "online", "clock",
})


def _imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = ("tests." if node.level else "") + node.module
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return names


def _fixtures_used(tree: ast.Module) -> set[str]:
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            used.update(a.arg for a in node.args.args + node.args.kwonlyargs)
    return used


def _marked(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            return "mark.dates" in ast.unparse(node.value)
    return False


def touches_dates(source: str) -> list[str]:
    """Why a test module touches dates (empty when it does not)."""
    tree = ast.parse(source)
    imported = _imported(tree)
    why = sorted(m for m in DATE_MODULES
                 if any(i == m or i.startswith(m + ".") for i in imported))
    return why + sorted(f"fixture {f}" for f in _fixtures_used(tree) & DATE_FIXTURES)


def test_every_test_module_that_touches_dates_is_marked() -> None:
    unmarked = []
    for path in sorted(HERE.rglob("test_*.py")):
        source = path.read_text()
        why = touches_dates(source)
        if why and not _marked(ast.parse(source)):
            unmarked.append(f"{path.relative_to(HERE.parent)}: {', '.join(why)}")
    assert unmarked == [], (
        "add `pytestmark = pytest.mark.dates` to:\n" + "\n".join(unmarked))


def test_the_rule_sees_imports_and_fixtures() -> None:
    assert touches_dates("from datetime import date\n") == ["datetime"]
    assert touches_dates("from server import demo_data as demo\n") == ["server.demo_data"]
    assert touches_dates("def test_x(counter):\n    pass\n") == ["fixture counter"]
    assert touches_dates("import re\n\ndef test_y(tmp_path):\n    pass\n") == []
    marked = "import pytest\n\npytestmark = [pytest.mark.dates, pytest.mark.slow]\n"
    assert _marked(ast.parse(marked)) and not _marked(ast.parse("import pytest\n"))
