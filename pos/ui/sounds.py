"""Short feedback sounds for scans: a chirp for success, a low buzz for a refusal.

PySide6-Essentials has no QtMultimedia, so the WAV files in ``resources/sounds`` (written by
:func:`write_sounds` with the ``wave`` module) are played by ``paplay``/``aplay`` when one is
installed, in a detached process that never blocks; otherwise the app falls back to
``QApplication.beep()``.
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import subprocess
import wave
from pathlib import Path

from pos.ui.qt import QApplication
from pos.ui.resource_paths import SOUNDS

log = logging.getLogger(__name__)
RATE = 22050
TONES = {  # name -> [(frequency Hz, seconds)]
    "success": [(880.0, 0.07), (1320.0, 0.09)],
    "refusal": [(220.0, 0.22)],
    "reward": [(660.0, 0.08), (880.0, 0.08), (1320.0, 0.16)],
}


def write_sounds(directory: Path = SOUNDS) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in TONES.items():
        frames = bytearray()
        for freq, seconds in notes:
            n = int(RATE * seconds)
            for i in range(n):
                envelope = min(1.0, i / 200, (n - i) / 400)
                sample = 9000 * envelope * math.sin(2 * math.pi * freq * i / RATE)
                frames += struct.pack("<h", int(sample))
        path = directory / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(bytes(frames))
        written.append(path)
    return written


class SoundPlayer:
    """Plays a named sound without waiting for it; ``muted`` for tests and screenshots."""

    def __init__(self, muted: bool = False) -> None:
        self.muted = muted
        self.player = shutil.which("paplay") or shutil.which("aplay")
        self.played: list[str] = []
        self._running: list[subprocess.Popen[bytes]] = []

    def play(self, name: str) -> None:
        self.played.append(name)
        if self.muted:
            return
        path = SOUNDS / f"{name}.wav"
        if self.player and path.exists():
            self._running = [p for p in self._running if p.poll() is None]  # reap finished
            try:
                self._running.append(subprocess.Popen(
                    [self.player, str(path)], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, start_new_session=True,
                ))
                return
            except OSError:
                log.warning("could not run %s", self.player, exc_info=True)
        QApplication.beep()


if __name__ == "__main__":
    for p in write_sounds():
        print(p)
