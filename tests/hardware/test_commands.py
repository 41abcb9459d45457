"""``stamp-pos tap`` and ``stamp-pos devices`` through the real command line entry point."""

from __future__ import annotations

import json
import threading

import pytest

from hardware.nfc_reader import NfcReader
from hardware.nfc_tap import udp_path
from hardware.scan import Scan
from pos.app.cli import main

URL = "https://vvd.bz/s/ZJLF0399WQBEQZJM?store=14"


def test_tap_is_read_by_a_reader_on_the_udp_path(udp_port, capsys):
    scans: list[Scan] = []
    reader = NfcReader(udp_path(udp_port), scans.append)
    reader.start()
    codes: list[int] = []
    cli = threading.Thread(
        target=lambda: codes.append(
            main(["tap", "--uri", URL, "--port", str(udp_port), "--hold", "0.5"])
        )
    )
    cli.start()
    cli.join(20)
    reader.stop()
    assert codes == [0]
    assert [s.payload for s in scans] == [URL]
    assert "The reader read the card." in capsys.readouterr().out


def test_tap_text_and_uid_only(udp_port):
    scans: list[Scan] = []
    reader = NfcReader(udp_path(udp_port), scans.append)
    reader.start()
    for argv in (["--text", "MEMBER-7"], ["--uid-only", "--uid", "03FE00000000BEEF"]):
        assert reader.idle.wait(5)
        assert main(["tap", *argv, "--port", str(udp_port), "--hold", "0.5"]) == 0
    reader.stop()
    assert [(s.payload, s.nfc_uid) for s in scans] == [
        ("MEMBER-7", False),
        ("03FE00000000BEEF", True),
    ]


def test_tap_without_a_reader_says_so(udp_port, capsys):
    assert main(["tap", "--uri", URL, "--port", str(udp_port), "--timeout", "0.5"]) == 1
    assert "no reader read the card" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["tap"],
        ["tap", "--uri", URL, "--text", "both"],
        ["tap", "--uri", URL, "--uid", "12"],
        ["tap", "--uri", URL, "--port", "99999"],
    ],
)
def test_tap_bad_arguments_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_devices_lists_readers_with_advice(capsys):
    assert main(["devices", "--json"]) == 0
    devices = json.loads(capsys.readouterr().out)
    simulated = [d for d in devices if d["path"] == "udp:127.0.0.1:54321"]
    assert simulated and simulated[0]["usable"]
    for d in devices:
        assert d["kind"] in ("camera", "nfc", "scanner")
        assert d["message"]


def test_devices_plain_text(capsys):
    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "Cameras:" in out and "NFC readers:" in out and "stamp-pos tap" in out
    assert "Handheld scanners (read directly):" in out
