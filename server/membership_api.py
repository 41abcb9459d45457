"""The Stamps.co.id Membership API: ``/api/memberships/{status,suggestions,register,change}``.

Errors use the document's bodies: 400 ``{"detail", "errors": [{field: message}]}``, 401 when the
``Authorization`` header is missing, 403 when it is wrong, 405 for another method. A lookup that
finds no member is a 400 with an error on ``user`` (the document lists no 404).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import MembershipError
from server.request_fields import ALL_METHODS, MAX_INT, BodyError, json_object
from server.responses import JsonResponse
from server.services import Services
from stamps.errors import ValidationError
from stamps.members import Member, validate_member_form

BASE = "/api/memberships/"
DETAIL_400 = "Your transaction cannot be completed due to the following error(s)"
REQUIRED = "This field is required."
FORBIDDEN = "You do not have permission to perform this action."
Handler = Callable[[Request], Awaitable[dict[str, Any]]]


def _invalid(errors: dict[str, str]) -> MembershipError:
    return MembershipError(400, DETAIL_400, [{k: v} for k, v in errors.items()])


def _merchant_in(body: dict[str, Any]) -> int | None:
    value = body.get("merchant")
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _customer(member: Member) -> dict[str, Any]:
    gender = {1: "Male", 2: "Female"}.get(member.gender or 0)
    return {
        "id": member.id, "name": member.name, "email": member.email,
        "identifier": member.identifier, "member_id": member.member_id,
        "member_ids": list(member.member_ids), "phone": member.phone,
        "birthday": member.birthday, "gender": gender, "address": member.address,
    }


class MembershipApi:
    def __init__(self, services: Services) -> None:
        self.s = services

    def routes(self) -> list[Route]:
        table: dict[str, tuple[str, Handler]] = {
            "status": ("GET", self.status),
            "suggestions": ("GET", self.suggestions),
            "register": ("POST", self.register),
            "change": ("POST", self.change),
        }
        return [Route(BASE + name, self._endpoint(method, handler), methods=ALL_METHODS)
                for name, (method, handler) in table.items()]

    def _endpoint(self, method: str, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            self._authenticate(request)
            if request.method == "OPTIONS":
                return Response(status_code=200, headers={"Allow": f"{method}, OPTIONS"})
            if request.method != method:
                raise MembershipError(405, f'Method "{request.method}" not allowed.')
            try:
                return JsonResponse(await handler(request))
            except ValidationError as exc:
                raise _invalid(exc.errors) from None

        return endpoint

    def _authenticate(self, request: Request) -> None:
        """The operator's token (every merchant) or a merchant's, whose Membership merchant
        number is kept in ``request.state`` for :meth:`_allow`."""
        given = request.headers.get("authorization")
        if not given:
            raise MembershipError(401, "Authentication credentials were not provided.")
        given = given.strip()
        request.state.merchant_grant = None
        if hmac.compare_digest(given.encode(), self.s.config.membership_token.encode()):
            return
        grant = self.s.credentials.grant("membership", given)
        if grant is None:
            raise MembershipError(403, FORBIDDEN)
        request.state.merchant_grant = grant

    @staticmethod
    def _allow(request: Request, merchant: int | None) -> None:
        """A merchant's token reaches its own Membership merchant only (403, as a wrong
        token)."""
        grant = request.state.merchant_grant
        if grant is not None and (merchant is None or merchant != grant.membership_merchant):
            raise MembershipError(403, FORBIDDEN)

    # ---- endpoints ------------------------------------------------------------------------

    async def status(self, request: Request) -> dict[str, Any]:
        user, merchant = self._query(request, "user")
        self._allow(request, merchant)
        member = await run_in_threadpool(self._find, user, merchant)
        if member is None:
            raise _invalid({"user": "No member matches this email, member ID, phone or ID."})
        return member.to_api()

    async def suggestions(self, request: Request) -> dict[str, Any]:
        query, merchant = self._query(request, "query")
        self._allow(request, merchant)
        found = await run_in_threadpool(self._suggest, query, merchant)
        return {"suggestions": [{**m.to_api(), "membership": m.membership_status}
                                for m in found]}

    async def register(self, request: Request) -> dict[str, Any]:
        body = await self._body(request)
        self._allow(request, _merchant_in(body))  # before validation says anything
        form = validate_member_form(body, change=False, today=self.s.config.clock.today())
        member = await run_in_threadpool(self._write, lambda conn: self.s.members.register(
            conn, form))
        return {"customer": _customer(member)}

    async def change(self, request: Request) -> dict[str, Any]:
        body = await self._body(request)
        self._allow(request, _merchant_in(body))
        form = validate_member_form(body, change=True, today=self.s.config.clock.today())
        member = await run_in_threadpool(self._write, lambda conn: self.s.members.change(
            conn, form))
        return {"customer": _customer(member)}

    # ---- helpers --------------------------------------------------------------------------

    def _query(self, request: Request, name: str) -> tuple[str, int]:
        errors = {}
        value = request.query_params.get(name, "").strip()
        merchant = request.query_params.get("merchant", "").strip()
        if not value:
            errors[name] = REQUIRED
        elif len(value) > 200:
            errors[name] = "Ensure this field has no more than 200 characters."
        elif "\x00" in value:
            errors[name] = "Null characters are not allowed."
        if not merchant:
            errors["merchant"] = REQUIRED
        elif not (merchant.isascii() and merchant.isdigit()) or len(merchant) > 9:
            errors["merchant"] = "A valid integer is required."
        if errors:
            raise _invalid(errors)
        return value, int(merchant)

    async def _body(self, request: Request) -> dict[str, Any]:
        try:
            body = await json_object(request)
        except BodyError as exc:
            raise MembershipError(400, f"JSON parse error - {exc}") from None
        too_big = {k: "A valid integer is required." for k in ("id", "merchant", "store")
                   if isinstance(body.get(k), int) and not 0 <= body[k] <= MAX_INT}
        if too_big:
            raise _invalid(too_big)
        return body

    def _find(self, user: str, merchant: int) -> Member | None:
        with self.s.db.read() as conn:
            return self.s.members.find(conn, user, merchant)

    def _suggest(self, query: str, merchant: int) -> list[Member]:
        with self.s.db.read() as conn:
            return self.s.members.suggestions(conn, query, merchant)

    def _write(self, action: Callable[[Any], Member]) -> Member:
        try:
            return self.s.db.run_write(action)
        except ValidationError as exc:
            raise _invalid(exc.errors) from None
