"""Starting the app: without a display it says, in one line, to use xvfb-run; the run and
demo commands are registered and refuse bad arguments in one line."""

from __future__ import annotations

import pytest

from pos.app.cli import main
from pos.ui.app import check_display
from pos.ui.errors import NoDisplayError


def test_no_display_names_xvfb_run() -> None:
    with pytest.raises(NoDisplayError) as caught:
        check_display({"QT_QPA_PLATFORM": ""})
    message = str(caught.value)
    assert "xvfb-run" in message and "\n" not in message
    check_display({"QT_QPA_PLATFORM": "offscreen"})
    check_display({"DISPLAY": ":99"})


def test_demo_without_display_exits_2_with_one_line(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # as `make` exports it
    assert main(["demo", "--no-devices"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "xvfb-run" in err[0]


def test_bad_argument_is_one_line_and_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--exit-after", "-3"])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--exit-after" in err[0]
