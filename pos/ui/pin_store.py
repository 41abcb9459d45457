"""The manager PIN, stored only as a scrypt hash in the config directory.

Set on first run; checked before settings, a late undo and a reward removal. After
``MAX_ATTEMPTS`` wrong PINs in a row, checks are refused for ``LOCKOUT_SECONDS``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from pos.settings.config import config_dir
from pos.ui.errors import UiError, WrongPin

N, R, P = 2**14, 8, 1
MIN_LENGTH = 4
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60.0


def _hash(pin: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


class PinStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "manager_pin.json"
        self._failures = 0
        self._locked_until = 0.0

    @property
    def is_set(self) -> bool:
        return self.path.exists()

    def set_pin(self, pin: str) -> None:
        if len(pin) < MIN_LENGTH or not pin.isdigit():
            raise UiError(f"The PIN must be at least {MIN_LENGTH} digits.")
        salt = secrets.token_bytes(16)
        record = {"n": N, "r": R, "p": P, "salt": salt.hex(), "hash": _hash(pin, salt).hex()}
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.replace(tmp, self.path)

    def check(self, pin: str) -> None:
        """Return if ``pin`` is the manager PIN, else raise WrongPin (or UiError when locked)."""
        now = time.monotonic()
        if now < self._locked_until:
            wait = int(self._locked_until - now) + 1
            raise UiError(f"Too many wrong PINs. Try again in {wait} seconds.")
        record = json.loads(self.path.read_text(encoding="utf-8"))
        salt = bytes.fromhex(record["salt"])
        got = _hash(pin, salt, record["n"], record["r"], record["p"])
        if hmac.compare_digest(got, bytes.fromhex(record["hash"])):
            self._failures = 0
            return
        self._failures += 1
        if self._failures >= MAX_ATTEMPTS:
            self._failures = 0
            self._locked_until = now + LOCKOUT_SECONDS
        raise WrongPin("This PIN is not the manager PIN. Try again.")
