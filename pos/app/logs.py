"""Logging to a rotating file in the data directory, with secrets filtered out."""

from __future__ import annotations

import logging
import logging.handlers
import re

from pos.settings import config

_SECRET_PATTERNS = (
    re.compile(r"(?i)(api-key|authorization|bearer|token|password)(['\"]?\s*[:=]\s*['\"]?)"
               r"(bearer\s+|token\s+)?[^\s'\",}]+"),
)


class RedactingFilter(logging.Filter):
    """Masks header-like secrets (``api-key: ...``, ``Authorization: Bearer ...``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern in _SECRET_PATTERNS:
            message = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}***", message)
        record.msg, record.args = message, None
        return True


def setup(level: int = logging.INFO, *, console: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_stamp_pos", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        config.log_dir() / "stamp-pos.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler._stamp_pos = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(RedactingFilter())
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    root.setLevel(level)
