"""Logging to a rotating file in the data directory: personal data stays private (0600 files
in a 0700 directory) and every stored secret is masked, tracebacks included.

A data directory that cannot be written (read-only disk, wrong owner) must not stop a command
that only reads: the log then goes to the console, and the command says so in one line.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from io import TextIOWrapper
from pathlib import Path

from pos.settings import config, secrets
from stamps.redaction import RedactingFilter

LOG_NAME = "stamp-pos.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each log file (the first and every rotation) readable by its owner only: the
    log names customers and cards."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        os.close(fd)
        return super()._open()


def setup(level: int = logging.INFO, *, console: bool = False) -> Path | None:
    """Log to ``<data dir>/logs/stamp-pos.log``; returns its path, or None when the directory
    cannot be written (then WARNING and up go to stderr, after one line that says why)."""
    root = logging.getLogger()
    existing = next((h for h in root.handlers if getattr(h, "_stamp_pos", False)), None)
    if existing is not None:
        return Path(existing.baseFilename) if isinstance(existing, logging.FileHandler) else None
    secrets.load_known()
    redacting = RedactingFilter(secrets.known_values)
    path: Path | None
    try:
        path = config.log_dir() / LOG_NAME
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        path = None
        print(f"stamp-pos: the log cannot be written in {config.data_dir()} "
              f"({exc.strerror or exc}); logging to the console only.", file=sys.stderr)
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        console = False
    handler._stamp_pos = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(redacting)
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(redacting)
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    root.setLevel(level)
    return path
