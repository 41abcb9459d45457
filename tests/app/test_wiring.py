"""The composition root hands each part its share of the declared settings."""

from __future__ import annotations

from pathlib import Path

from pos.app.wiring import engine_settings, terminal_settings
from pos.settings.config import load


def test_slot_and_backoff_cap_reach_the_services_and_the_engine(tmp_path: Path) -> None:
    config = load(tmp_path / "none.toml", environ={"STAMP_POS_TERMINAL_SLOT": "4",
                                                   "STAMP_POS_BACKOFF_MAX": "3"})
    assert terminal_settings(config).terminal_slot == 4
    assert engine_settings(config).backoff_max == 3.0
    defaults = load(tmp_path / "none.toml", environ={})
    assert terminal_settings(defaults).terminal_slot == 0
    assert engine_settings(defaults).backoff_max == 10.0
