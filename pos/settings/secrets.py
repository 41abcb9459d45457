"""API keys and tokens: kept in the system keyring, or in a 0600 file when the machine has no
keyring backend. Never in config.toml, never in logs.

Names: ``fintiv_api_key``, ``fintiv_bearer``, ``membership_token``, ``vvd_key``.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pos.settings import config
from stamps import redaction

log = logging.getLogger(__name__)
SERVICE = "stamp-pos"
NAMES = ("fintiv_api_key", "fintiv_bearer", "membership_token", "vvd_key")
_FILE = "secrets.json"


def _keyring_usable() -> bool:
    if os.environ.get(config.ENV_PREFIX + "HOME"):
        return False  # a relocated home (tests, demo) keeps its secrets beside its data
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a broken keyring backend must not stop the terminal
        log.warning("keyring unavailable, using the 0600 file", exc_info=True)
        return False


def _file() -> Path:
    return config.config_dir() / _FILE


def _read_file() -> dict[str, str]:
    path = _file()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.error("secrets file %s is unreadable; ignoring it", path)
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


#: every secret value this process has read or stored, for the log filter to mask
_known: set[str] = set()


def get(name: str) -> str | None:
    """The secret's value; the environment (``STAMP_POS_<NAME>``) overrides storage."""
    env = os.environ.get(config.ENV_PREFIX + name.upper())
    if env:
        value: str | None = env
    elif _keyring_usable():
        import keyring

        value = keyring.get_password(SERVICE, name)
    else:
        value = _read_file().get(name)
    if value:
        _known.add(value)
    return value


def known_values() -> frozenset[str]:
    """The secret values seen so far (cheap: no keyring call)."""
    return frozenset(_known)


def load_known() -> frozenset[str]:
    """Read every stored secret once, so the log filter masks them from the first record."""
    for name in NAMES:
        get(name)
    return known_values()


def set(name: str, value: str) -> None:
    if name not in NAMES:
        raise ValueError(f"unknown secret {name!r}")
    _known.add(value)
    if _keyring_usable():
        import keyring

        keyring.set_password(SERVICE, name, value)
        return
    data = _read_file()
    data[name] = value
    path = _file()
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def redact(text: str) -> str:
    """``text`` with every stored secret value (and header-shaped credential) masked."""
    return redaction.redact(text, load_known())
