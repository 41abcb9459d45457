"""Errors of the reference stamp service.

Each carries the HTTP status and the body its API answers with, so a handler raises and one
exception handler renders the documented envelope (never a traceback)::

    ApiErrorAnswer             an error the API answers with (not sync.errors.ServerError, a 5xx)
    ├── FintivError            {"result": {"code", "message"}}; HTTP 400/401/405 or 200
    ├── MembershipError        {"detail": ..., "errors": [...]}; HTTP 400/401/403/405
    └── VvdError               {"code", "message", "result": null}; HTTP 400/401/404/405
"""

from __future__ import annotations

from typing import Any

from stamps.errors import RuleViolation

# Fintiv envelope codes that are not per-event rule codes (those live in stamps.errors).
BAD_JSON = 40001
BAD_REQUEST = 40002
METHOD_NOT_ALLOWED = 40501
API_KEY_INVALID = 40101
BEARER_INVALID = 40102
UNKNOWN_STAMP_CARD = 34001
INJECTED_FAULT = 50001


class EventInFuture(RuleViolation):
    """An event dated further ahead than the service's clock allows: the terminal's clock is
    wrong (a stamp dated 2030 must not earn a reward valid until 2031 today)."""

    code, key = 33010, "stamp.event.time.future"


class ApiErrorAnswer(Exception):
    """Base of the service's errors: an HTTP status plus the API's own error body."""

    status: int = 400

    def body(self) -> dict[str, Any]:
        raise NotImplementedError


class FintivError(ApiErrorAnswer):
    def __init__(
        self, status: int, code: int, message: str, description: str | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.description = status, code, message, description

    def body(self) -> dict[str, Any]:
        result: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.description:
            result["description"] = self.description
        return {"result": result}


class MembershipError(ApiErrorAnswer):
    def __init__(
        self, status: int, detail: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"detail": self.detail}
        if self.errors is not None:
            out["errors"] = self.errors
        return out


class VvdError(ApiErrorAnswer):
    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "result": None}
        if self.errors:
            out["errors"] = self.errors
        return out
