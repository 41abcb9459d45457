"""vvd.bz ``POST /api/stamp/v1/create``: issue a stamp card to a customer.

The stamp card is the catalog card whose ``cardIdx`` is given; the new card instance is ACTIVE
(``activeYn`` Y) or DELETED (N, unusable: Fintiv has no inactive status), issued at ``strtYmd``
and expiring at the end of ``endYmd`` (UTC). The answer's ``result`` is a new 16-character code;
``https://vvd.bz/<code>`` is the customer's stamp URL. Authentication: ``Authorization: Bearer
<key>`` (the document shows none). ``GET /api/stamp/v1/stamps/{code}`` is this service's
extension that resolves a code to its card instance.
"""

from __future__ import annotations

import hmac
import json
import secrets
import string
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.catalog import CatalogEntry
from server.errors import VvdError
from server.member_store import phone_key
from server.request_fields import ALL_METHODS, BodyError, json_object
from server.responses import JsonResponse
from server.services import Services
from server.tenancy import Grant
from stamps.errors import ValidationError
from stamps.members import StampIssueRequest, validate_issue_request
from stamps.models import CardInstance, InstanceStatus
from stamps.timestamps import truncate_ms

CREATE = "/api/stamp/v1/create"
#: a client's name for one card issue: a repeated key gets the first answer, and the header is
#: echoed to say it was honoured (off with ``--no-idempotency``)
IDEMPOTENCY_HEADER = "Idempotency-Key"
LOOKUP = "/api/stamp/v1/stamps/{code}"
CODE_ALPHABET = string.ascii_uppercase + string.digits
CODE_LENGTH = 16


def _offers(entry: CatalogEntry, grant: Grant) -> bool:
    """Whether the stamp card is one of the calling merchant's."""
    return entry.card.merchant is not None and entry.card.merchant.merchant_id == grant.merchant_id


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class VvdApi:
    def __init__(self, services: Services) -> None:
        self.s = services

    def routes(self) -> list[Route]:
        return [
            Route(CREATE, self.create, methods=ALL_METHODS),
            Route(LOOKUP, self.lookup, methods=ALL_METHODS),
        ]

    def _check(self, request: Request, method: str) -> Grant | None:
        """The caller's merchant: None for the operator's key (every merchant)."""
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        bearer = scheme.lower() == "bearer"
        grant = self.s.credentials.grant("vvd", token) if bearer and token else None
        key = self.s.config.vvd_key
        # Seed 000 names no key for create: a service started without one asks for none.
        operator = grant is None and (not key or (bearer and hmac.compare_digest(
            token.encode(), key.encode())))
        if grant is None and not operator:
            raise VvdError(401, 401, "Missing or wrong API key: send Authorization: Bearer <key>.")
        if request.method != method:
            raise VvdError(405, 405, f"Method {request.method} not allowed; use {method}.")
        return grant

    async def create(self, request: Request) -> Response:
        grant = self._check(request, "POST")
        try:
            body = await json_object(request, empty_ok=False)
        except BodyError as exc:
            raise VvdError(400, 400, str(exc)) from None
        try:
            # the latest "today" on Earth (UTC+14), so no store's own today is refused
            today = (self.s.config.clock.now() + timedelta(hours=14)).date()
            issue = validate_issue_request(body, today=today)
        except ValidationError as exc:
            first = next(iter(exc.errors.values()))
            raise VvdError(400, 400, first, exc.errors) from None
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()[:200] or None
        if not self.s.config.idempotency:
            key = None  # --no-idempotency: a repeated create issues another card
        code = await run_in_threadpool(self._create, issue, grant, key)
        headers = {IDEMPOTENCY_HEADER: key} if key else None
        return JsonResponse({"code": 0, "message": "", "result": code}, headers=headers)

    def _create(
        self, issue: StampIssueRequest, grant: Grant | None, key: str | None = None
    ) -> str:
        entry = self.s.catalog.by_idx(issue.card_idx)
        if entry is not None and grant is not None and not _offers(entry, grant):
            entry = None  # another merchant's card is unknown to this caller
        if entry is None:
            raise VvdError(404, 404, f"No stamp card has cardIdx {issue.card_idx}.",
                           {"cardIdx": "unknown cardIdx"})
        start = datetime.combine(issue.strt_ymd, time(0, 0), tzinfo=UTC)
        end = truncate_ms(datetime.combine(issue.end_ymd, time(23, 59, 59), tzinfo=UTC))
        active = issue.active_yn == "Y"
        card = CardInstance(
            card_instance_id=str(uuid.uuid4()), stamp_card_id=entry.card.stamp_card_id,
            current_stamps=0, total_stamps=0, issue_date=start, expiration_date=end,
            status=InstanceStatus.ACTIVE if active else InstanceStatus.DELETED,
            update_time=self.s.config.clock.now(),
        )
        user_id = issue.user_id or "u" + secrets.token_hex(4)
        # A merchant's keys are its own: another merchant reusing one gets a card of its own.
        stored_key = key if key is None or grant is None else f"{grant.merchant_id}:{key}"
        with self.s.db.write() as conn:
            if key is not None:
                known = conn.execute(
                    "SELECT code FROM vvd_stamps WHERE idempotency_key = ?", (stored_key,)
                ).fetchone()
                if known is not None:
                    return str(known[0])  # the first answer, again: no second card
            member = self._member(conn, issue, grant)
            self.s.cards.insert(conn, card, member)
            while True:
                code = new_code()
                exists = conn.execute("SELECT 1 FROM vvd_stamps WHERE code = ?", (code,))
                if exists.fetchone() is None:
                    break
            conn.execute(
                "INSERT INTO vvd_stamps(code, card_instance_id, card_idx, domain, user_id, body,"
                " idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (code, card.card_instance_id, issue.card_idx, issue.domain, user_id,
                 json.dumps({**issue.to_api(), "userId": user_id}), stored_key),
            )
        return code

    def _member(self, conn: Any, issue: StampIssueRequest, grant: Grant | None) -> int | None:
        """The member this stamp is for, matched by email, then phone; a merchant's key
        reaches its own Membership merchant's members only."""
        scope, args = ("", ()) if grant is None else (" AND merchant = ?",
                                                       (grant.membership_merchant,))
        if issue.user_eml:
            row = conn.execute(
                "SELECT id FROM members WHERE lower(email) = lower(?)" + scope,
                (issue.user_eml, *args),
            ).fetchone()
            if row:
                return int(row[0])
        if issue.user_phnno and len(phone_key(issue.user_phnno)) >= 6:
            row = conn.execute(
                "SELECT id FROM members WHERE phone_digits = ?" + scope,
                (phone_key(issue.user_phnno), *args),
            ).fetchone()
            if row:
                return int(row[0])
        return None

    async def lookup(self, request: Request) -> Response:
        grant = self._check(request, "GET")
        code = str(request.path_params["code"]).upper()
        row = None if "\x00" in code else await run_in_threadpool(self._lookup, code)
        entry = None if row is None else self.s.catalog.entry(row[2])
        if row is None or (grant is not None and (entry is None or not _offers(entry, grant))):
            raise VvdError(404, 404, "No stamp has this code.")
        card_instance_id, domain, stamp_card_id = row
        return JsonResponse({"code": 0, "message": "", "result": {
            "cardInstanceId": card_instance_id, "stampCardId": stamp_card_id,
            "url": f"{domain.rstrip('/')}/{code}",
        }})

    def _lookup(self, code: str) -> tuple[str, str, str] | None:
        with self.s.db.read() as conn:
            row = conn.execute(
                "SELECT v.card_instance_id, v.domain, c.stamp_card_id FROM vvd_stamps v"
                " JOIN card_instances c USING (card_instance_id) WHERE v.code = ?", (code,),
            ).fetchone()
        return None if row is None else (row[0], row[1], row[2])
