"""Issue 12 #12: honest words. The demo honours STAMP_POS_HOME; a simulated NFC reader is
called simulated in the status bar and by ``stamp-pos devices``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.app.cli import main as cli_main
from pos.app.launch import Running, prepare_demo, start_devices
from pos.settings import config as config_module
from tests.helpers.sockets import free_port

pytestmark = pytest.mark.dates


def test_demo_uses_stamp_pos_home(home: Path) -> None:
    server, base = prepare_demo(None)
    try:
        assert base == home
        assert home in config_module.database_path().parents
    finally:
        server.stop()


def test_status_bar_says_the_udp_reader_is_simulated(qtbot, counter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STAMP_POS_NFC_READER", f"udp:127.0.0.1:{free_port()}")
    monkeypatch.setenv("STAMP_POS_CAMERA", "/nonexistent/video0")
    running = Running()
    try:
        start_devices(counter, config_module.load(), running, demo=False)
        qtbot.waitUntil(lambda: counter.window.status.nfc_label.text()
                        == "NFC (simulated): ready")
    finally:
        running.stop_all()


def test_devices_says_simulated_without_demo_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["devices"]) == 0
    out = capsys.readouterr().out
    simulated = next(line for line in out.splitlines() if line.strip().startswith("udp:"))
    assert simulated.rstrip().endswith("simulated")
    assert "demo" not in out.lower()
