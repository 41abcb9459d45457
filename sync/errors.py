"""Errors of the API clients and the sync engine.

``str(error)`` is a plain sentence a cashier can read; details go to the log. What the engine
does with each class is the point of the tree, so it is drawn here::

    SyncError
    ├── TransportError        nothing reached the service (refused, DNS, connect timeout):
    │   │                     safe to resend as is
    │   └── ConfigurationError  the service cannot be used as set up (untrusted certificate,
    │                         not a web address, no such path: 404/405): nothing was applied,
    │                         and retrying cannot help until a manager changes the settings
    ├── AmbiguousError        the request may have been applied, but no usable answer came
    │   │                     back (read timeout, reset after sending): reconcile first
    │   └── InvalidResponse   an answer came but is unusable: not JSON, wrong shape,
    │                         missing key, wrong type, too large
    ├── AuthError             401/403: the credentials were refused; stop until fixed
    ├── ApiValidationError    400: the request was refused; ``field_errors`` maps field->message
    │   └── RequestTooLarge   413 (or a 400 naming a size limit): send less at once
    ├── BusinessError         the service answered with a non-zero ``code`` and ``message``
    └── ServerError           5xx or 429: the service failed; retry later (reconcile first for
                              writes, since it may have failed after applying)
"""

from __future__ import annotations

from collections.abc import Mapping


class SyncError(Exception):
    """Base of every error raised by :mod:`sync`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransportError(SyncError):
    """The request never reached the service; resending cannot double anything."""


class ConfigurationError(TransportError):
    """The service cannot be used as configured; the message names what to check. ``status``
    is the HTTP status that showed it (404, 405), if any."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def no_such_address(subject: str, exc: ApiValidationError) -> ConfigurationError | None:
    """A 404 or 405 from an API whose every path is fixed means its base URL is wrong."""
    if exc.status not in (404, 405):
        return None
    return ConfigurationError(
        f"{subject} has no such address (HTTP {exc.status}); check its base URL, including the "
        "path, in the settings.", status=exc.status)


class AmbiguousError(SyncError):
    """The request was sent, and may have been applied; the answer was lost."""


class InvalidResponse(AmbiguousError):
    """The service answered with something this client cannot trust."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class AuthError(SyncError):
    """The service refused the credentials (HTTP 401 or 403)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class ApiValidationError(SyncError):
    """The service refused the request's fields (HTTP 400 and other 4xx)."""

    def __init__(
        self, message: str, *, field_errors: Mapping[str, str] | None = None, status: int = 400
    ) -> None:
        super().__init__(message)
        self.field_errors: dict[str, str] = dict(field_errors or {})
        self.status = status


class RequestTooLarge(ApiValidationError):
    """HTTP 413, or a 400 naming a limit on the number of events: send less at once.
    ``limit`` is the largest count the service said it accepts, when it said one."""

    def __init__(self, message: str, *, status: int = 413, limit: int | None = None) -> None:
        super().__init__(message, status=status)
        self.limit = limit


class BusinessError(SyncError):
    """A well-formed answer with a non-zero result code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"The stamp service refused the request ({code}: {message}).")
        self.code = code
        self.key = message


class ServerError(SyncError):
    """HTTP 5xx (or 429): the service is failing; retry with backoff."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status
