"""Client of the Stamps.co.id Membership API: status, suggestions, register and change.

A 400 raises :class:`~sync.errors.ApiValidationError` whose ``field_errors`` maps each field
to the service's message, so the form can show it next to the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from stamps.errors import DomainError
from stamps.members import Member, MemberForm
from sync.errors import ApiValidationError, InvalidResponse, no_such_address
from sync.http import ClockSkew, JsonHttp

SERVICE = "the membership service"
SUBJECT = SERVICE[:1].upper() + SERVICE[1:]


class MembershipClient:
    """``client`` carries the base URL (e.g. ``https://stamps.co.id/api/memberships``).

    ``token`` is the whole ``Authorization`` value (``Token abc``); a bare token gets the
    ``Token`` scheme."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        token: str,
        merchant: int,
        skew: ClockSkew | None = None,
    ) -> None:
        auth = token if " " in token.strip() else f"Token {token.strip()}"
        self.http = JsonHttp(client, headers={"authorization": auth}, skew=skew, service=SERVICE)
        self.merchant = merchant

    def status(self, user: str) -> Member:
        """The member whose email, member id, phone or primary key is ``user``."""
        data = self._call("GET", "status", params={"user": user, "merchant": self.merchant})
        return _member(data)

    def suggestions(self, query: str) -> list[Member]:
        data = self._call(
            "GET", "suggestions", params={"query": query, "merchant": self.merchant}
        )
        raw = data.get("suggestions")
        if not isinstance(raw, list):
            raise InvalidResponse(f"{SUBJECT} sent suggestions of the wrong shape.")
        return [_member(item) for item in raw]

    def register(self, form: MemberForm) -> Member:
        body = form.to_api()
        body.pop("id", None)
        data = self._call("POST", "register", body=body)
        return _member(data.get("customer"))

    def change(self, form: MemberForm) -> Member:
        if form.id is None:
            raise ValueError("a change needs the member's id")
        data = self._call("POST", "change", body=form.to_api())
        return _member(data.get("customer"))

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> Mapping[str, Any]:
        try:
            status, data = self.http.call(method, path, body=body, params=params)
        except ApiValidationError as exc:
            wrong_address = no_such_address(SUBJECT, exc)
            if wrong_address is None:
                raise
            raise wrong_address from exc
        if status == 400:
            raise _validation_error(data)
        if not isinstance(data, Mapping):
            raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.")
        return data


def _member(raw: Any) -> Member:
    if not isinstance(raw, Mapping):
        raise InvalidResponse(f"{SUBJECT} sent a member of the wrong shape.")
    try:
        return Member.from_api(raw)
    except (DomainError, ValueError, TypeError) as exc:
        raise InvalidResponse(
            f"{SUBJECT} sent a member of the wrong shape.", detail=str(exc)
        ) from None


def _validation_error(data: Any) -> ApiValidationError:
    """``{"detail": ..., "errors": [{"field": "message"}]}`` (or ``validation_errors``)."""
    fields: dict[str, str] = {}
    message = "The membership service refused the form."
    if isinstance(data, Mapping):
        detail = data.get("detail")
        if isinstance(detail, str) and detail:
            message = detail
        for key in ("errors", "validation_errors"):
            errors = data.get(key)
            entries = errors if isinstance(errors, list) else [errors]
            for entry in entries:
                if isinstance(entry, Mapping):
                    for k, v in entry.items():
                        text = v[0] if isinstance(v, list) and v else v
                        fields[str(k)] = str(text)
    return ApiValidationError(message, field_errors=fields, status=400)
