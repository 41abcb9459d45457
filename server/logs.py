"""The service's own console logging: one line a record, with its credentials masked by value
and by shape (see :mod:`stamps.redaction`), tracebacks included."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from stamps.redaction import RedactingFilter


def setup(secrets: Iterable[str] = (), level: int = logging.INFO) -> None:
    """Log INFO and up to the console with the given secrets masked."""
    logging.basicConfig(level=level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    held = tuple(secrets)
    redacting = RedactingFilter(lambda: held)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
