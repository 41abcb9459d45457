"""Reading request bodies and fields strictly: a wrong type or an out-of-range value is the
caller's error (HTTP 400 with the API's envelope), never an exception deeper in the service."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import orjson
from starlette.requests import Request

MAX_BODY = 1_000_000
MAX_INT = 2**31 - 1


class FieldError(ValueError):
    """A request field is missing or wrong; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


class BodyError(ValueError):
    """The body is not a JSON object within limits."""


async def json_object(request: Request, *, empty_ok: bool = True) -> dict[str, Any]:
    """The request body as a JSON object; an empty body is ``{}`` when ``empty_ok``. No
    string in it may hold a NUL character."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY:
        raise BodyError(f"The body is larger than {MAX_BODY} bytes.")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BodyError(f"The body is larger than {MAX_BODY} bytes.")
    if not raw.strip():
        if empty_ok:
            return {}
        raise BodyError("The body is empty; send a JSON object.")
    try:
        value = orjson.loads(raw)  # strict: no NaN/Infinity, 64-bit integers, depth-limited
    except (ValueError, RecursionError) as exc:
        raise BodyError(f"The body is not valid JSON: {str(exc)[:120]}") from None
    if not isinstance(value, dict):
        raise BodyError("The body must be a JSON object.")
    if b"\\u0000" in raw and _has_nul(value):  # the cheap test first: batches are large
        raise BodyError("The body contains a NUL character (\\u0000), which no field allows.")
    return value


def _has_nul(value: Any) -> bool:
    """Whether a decoded JSON value holds U+0000 in a string or key (PostgreSQL's text cannot
    store it; no field of ours means it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any("\x00" in k or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def opt_str(body: dict[str, Any], key: str, *, max_len: int = 200) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(key, "expected a string")
    if len(value) > max_len:
        raise FieldError(key, f"at most {max_len} characters")
    return value


def req_str(body: dict[str, Any], key: str, *, max_len: int = 200) -> str:
    value = opt_str(body, key, max_len=max_len)
    if value is None or not value.strip():
        raise FieldError(key, "is required")
    return value


def opt_int(
    body: dict[str, Any], key: str, *, lo: int = 0, hi: int = MAX_INT
) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(key, "expected an integer")
    if not lo <= value <= hi:
        raise FieldError(key, f"must be between {lo} and {hi}")
    return value


def opt_number(
    body: dict[str, Any], key: str, *, lo: float = -math.inf, hi: float = math.inf
) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise FieldError(key, "expected a number")
    value = float(value)
    if not math.isfinite(value) or not lo <= value <= hi:
        raise FieldError(key, f"must be between {lo:g} and {hi:g}")
    return value


def opt_list(
    body: dict[str, Any], key: str, item: Callable[[Any], bool], what: str, *,
    max_items: int = 1000,
) -> list[Any] | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(item(v) for v in value):
        raise FieldError(key, f"expected a list of {what}")
    if len(value) > max_items:
        raise FieldError(key, f"at most {max_items} items")
    return value

#: every method, so a handler can answer a wrong one with its API's own 405 body
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
