"""The service's own console logging: one line a record, with its credentials masked.

Masking is by value (the credentials the service was started with, wherever they appear,
tracebacks included) and by shape (``api-key: …``, ``Authorization: Bearer …``), so a secret
that reaches a message through an exception or a header dump never reaches the console.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_HEADER = re.compile(r"(?i)(api-key|authorization|bearer|token|password)(['\"]?\s*[:=]\s*['\"]?)"
                     r"(bearer\s+|token\s+)?[^\s'\",}]+")
#: shorter values would mask ordinary words
_MIN_SECRET = 4


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= _MIN_SECRET},
                              key=len, reverse=True)

    def redact(self, text: str) -> str:
        for value in self.secrets:
            text = text.replace(value, "***")
        return _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            # Render the traceback now, masked, so no handler formats the raw one later.
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = self.redact(message), None
        return True


def setup(secrets: Iterable[str] = (), level: int = logging.INFO) -> None:
    """Log INFO and up to the console with the given secrets masked."""
    logging.basicConfig(level=level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redacting = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
