"""Client of the vvd.bz stamp API: ``POST /api/stamp/v1/create`` issues a card to a customer.

The answer's ``result`` is the new stamp's code (the document shows a string such as
``ZJLF0399WQBEQZJM`` and also calls it an integer IDX; both are accepted, as text), which
the terminal turns into the QR code ``{domain}/{code}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from stamps.members import StampIssueRequest
from sync.errors import ApiValidationError, BusinessError, InvalidResponse
from sync.http import ClockSkew, JsonHttp

SERVICE = "the card issuing service (vvd.bz)"
SUBJECT = SERVICE[:1].upper() + SERVICE[1:]
CREATE_PATH = "api/stamp/v1/create"
#: request header naming one card issue; a service that honours it answers a repeated key with
#: the first answer, and says so by echoing the header (as Stripe does)
IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass(frozen=True, slots=True)
class IssuedStamp:
    code: str
    url: str
    #: the service echoed the idempotency key: a repeat of this request issues no second card
    key_honoured: bool = False


class VvdClient:
    """``client`` carries the base URL (e.g. ``https://vvd.bz``); ``api_key`` is sent as a
    Bearer token when given."""

    def __init__(
        self, client: httpx.Client, *, api_key: str | None = None, skew: ClockSkew | None = None
    ) -> None:
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self.http = JsonHttp(client, headers=headers, skew=skew, service=SERVICE)

    def create(
        self, request: StampIssueRequest, *, idempotency_key: str | None = None
    ) -> IssuedStamp:
        headers = {IDEMPOTENCY_HEADER: idempotency_key} if idempotency_key else {}
        answer = self.http.exchange("POST", CREATE_PATH, body=request.to_api(), headers=headers)
        status, data = answer.status, answer.data
        if status == 400:
            raise _validation_error(data)
        if not isinstance(data, Mapping):
            raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.")
        code = data.get("code")
        if not isinstance(code, int) or isinstance(code, bool):
            raise InvalidResponse(f"{SUBJECT} sent an answer without a code.")
        message = data.get("message")
        message = message if isinstance(message, str) else ""
        if code != 0:
            raise BusinessError(code, message)
        result = data.get("result")
        if isinstance(result, int) and not isinstance(result, bool):
            result = str(result)
        if not isinstance(result, str) or not result.strip():
            raise InvalidResponse(f"{SUBJECT} sent an answer without the new stamp's code.")
        result = result.strip()
        honoured = bool(idempotency_key) and (
            answer.headers.get(IDEMPOTENCY_HEADER) == idempotency_key)
        return IssuedStamp(code=result, url=f"{request.domain.rstrip('/')}/{result}",
                           key_honoured=honoured)


def _validation_error(data: Any) -> ApiValidationError:
    fields: dict[str, str] = {}
    message = f"{SUBJECT} refused the request."
    if isinstance(data, Mapping):
        if isinstance(data.get("message"), str) and data["message"]:
            message = data["message"]
        errors = data.get("errors")
        if isinstance(errors, Mapping):
            fields = {str(k): str(v) for k, v in errors.items()}
    return ApiValidationError(message, field_errors=fields, status=400)
