"""Masking secrets in text and in log records, shared by the terminal and the service.

Two passes: by value (every credential the process holds, wherever it appears: a message, a
URL, an exception, a traceback), then by shape (``api-key: …``, ``Authorization: Bearer …``)
for a credential this process does not know, such as one typed into a form.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

MASK = "***"
#: shorter values would mask ordinary words
MIN_SECRET = 4
_HEADER = re.compile(r"(?i)(api-key|authorization|bearer|token|password)(['\"]?\s*[:=]\s*['\"]?)"
                     r"(bearer\s+|token\s+)?[^\s'\",}]+")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every secret value and every header-shaped credential masked."""
    for value in sorted({s for s in secrets if s and len(s) >= MIN_SECRET}, key=len, reverse=True):
        text = text.replace(value, MASK)
    return _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)


class RedactingFilter(logging.Filter):
    """Masks each record, traceback included, before any handler formats it.

    ``secrets`` is read at every record, so a credential saved while the process runs is
    masked from then on."""

    def __init__(self, secrets: Callable[[], Iterable[str | None]] = tuple) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            # Render the traceback here, masked, so no handler formats the raw one later.
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        if record.stack_info:
            message += "\n" + record.stack_info
        record.msg, record.args = redact(message, self.secrets()), None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
