"""The Qt binding the app imports through :mod:`pos.ui.qt`: it is a supported version, it keeps
Python's reference counts right (6.12.0 on Python 3.11 did not: every emit released True once
too often, and the app aborted after a few thousand scans), and no other module names it.
The refcount margins allow for other threads; the bug loses one reference per call."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pos.ui
from pos.ui.qt import BINDING_VERSION, QObject, QRunnable, QThreadPool, Signal, binding_supported


class _Pinger(QObject):
    ping = Signal(object)


class _Nothing(QRunnable):
    def run(self) -> None:
        return None


def test_emit_keeps_true_and_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    pinger = _Pinger()
    pinger.ping.connect(lambda _v: None)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(3000):
        pinger.ping.emit(None)
    assert sys.getrefcount(True) >= before_true - 500
    assert sys.getrefcount(None) >= before_none - 500


def test_runnable_returning_none_keeps_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    pool = QThreadPool()
    before = sys.getrefcount(None)
    for _ in range(3000):
        pool.start(_Nothing())
    assert pool.waitForDone(10_000)
    assert sys.getrefcount(None) >= before - 500


def test_the_installed_binding_is_a_supported_version() -> None:
    assert binding_supported(BINDING_VERSION), BINDING_VERSION
    assert binding_supported("6.7.0") and binding_supported("6.11.3")
    assert not binding_supported("6.12.0")  # the refcount bug above
    assert not binding_supported("6.6.3")


def test_only_the_qt_module_names_the_binding() -> None:
    package = Path(pos.ui.__file__).parent
    naming: list[str] = []
    for path in sorted(package.glob("*.py")):
        if path.name == "qt.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            naming += [path.name for m in modules if m.split(".")[0] == "PySide6"]
    assert naming == []
