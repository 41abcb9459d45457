"""Feedback sounds: short WAVs for success, refusal and reward; played without waiting."""

from __future__ import annotations

import wave
from pathlib import Path

from pos.ui.sounds import TONES, SoundPlayer, write_sounds


def test_sounds_are_short_valid_wavs(tmp_path: Path) -> None:
    paths = write_sounds(tmp_path)
    assert {p.stem for p in paths} == set(TONES)
    for path in paths:
        with wave.open(str(path)) as wav:
            seconds = wav.getnframes() / wav.getframerate()
        assert 0.05 < seconds < 0.5


def test_player_without_audio_tool_falls_back_to_the_beep(qapp) -> None:  # type: ignore[no-untyped-def]
    player = SoundPlayer()
    player.player = None  # as on a machine without paplay/aplay
    player.play("success")
    assert player.played == ["success"]
