"""The Fintiv Digital Stamp API v2 endpoints, all ``POST <prefix><name>``.

Business refusals answer HTTP 200 with ``{"result": {"code": N, "message": key}}``; bad
credentials 401, malformed bodies 400, other methods 405, each with that same envelope.
Extensions to the document (see docs/server.md): ``memberId`` and ``cardInstanceId`` filters,
``cardIdx`` in catalog entries, ``cardInstance`` in the addCard answer, ``eventId`` on
reportStampEvent.
"""

from __future__ import annotations

import hmac
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server import errors
from server.cards import CardRow
from server.catalog import CatalogEntry
from server.errors import FintivError
from server.geo import distance_km
from server.request_fields import (
    ALL_METHODS,
    BodyError,
    FieldError,
    json_object,
    opt_int,
    opt_list,
    opt_number,
    opt_str,
    req_str,
)
from server.responses import JsonResponse
from server.services import Services
from server.tenancy import Tenant
from server.views import card_view, reward_view
from stamps.errors import CardNotActive, RuleViolation, UnknownCardInstance
from stamps.models import CardInstance, InstanceStatus
from stamps.wire import to_api

MAX_BATCH = 1000
OK: dict[str, Any] = {"result": {"code": 0}}


@dataclass(frozen=True)
class RawJson:
    """An answer already encoded as JSON text (reportMultiStampEvents), sent as it is."""

    text: bytes


Handler = Callable[[dict[str, Any], Tenant], "dict[str, Any] | RawJson"]

ENDPOINTS = (
    "addCard", "getCards", "getCatalog", "getEventHistory", "getMerchants", "getRewards",
    "getCouponDetail", "getStamps", "removeCard", "reportStampEvent", "reportMultiStampEvents",
    "updateCardSequences",
)


def _refusal(violation: RuleViolation) -> dict[str, Any]:
    return {"result": {"code": violation.code, "message": violation.key,
                       "description": str(violation)}}


def _unknown_card() -> dict[str, Any]:
    return _refusal(UnknownCardInstance("This card is not known to the stamp service."))


def _unknown_stamp_card() -> dict[str, Any]:
    return {"result": {"code": errors.UNKNOWN_STAMP_CARD, "message": "stamp.card.unknown",
                       "description": "No stamp card with this stampCardId."}}


def _merchant_of(entry: CatalogEntry) -> str | None:
    return entry.card.merchant.merchant_id if entry.card.merchant else None


def _location(body: dict[str, Any], lat_key: str = "latitude") -> tuple[
    float | None, float | None, float | None
]:
    lat = opt_number(body, lat_key, lo=-90, hi=90)
    if lat is None and lat_key == "latitude":
        lat = opt_number(body, "Latitude", lo=-90, hi=90)
    lon = opt_number(body, "longitude", lo=-180, hi=180)
    radius = opt_number(body, "radius", lo=0)
    return lat, lon, radius


class FintivApi:
    def __init__(self, services: Services) -> None:
        self.s = services
        self.handlers: dict[str, Handler] = {
            "addCard": self.add_card,
            "getCards": self.get_cards,
            "getCatalog": self.get_catalog,
            "getEventHistory": self.get_event_history,
            "getMerchants": self.get_merchants,
            "getRewards": self.get_rewards,
            "getCouponDetail": self.get_rewards,
            "getStamps": self.get_stamps,
            "removeCard": self.remove_card,
            "reportStampEvent": self.report_stamp_event,
            "reportMultiStampEvents": self.report_multi_stamp_events,
            "updateCardSequences": self.update_card_sequences,
        }

    def routes(self) -> list[Route]:
        prefix = self.s.config.prefix
        return [Route(prefix + name, self._endpoint(handler), methods=ALL_METHODS)
                for name, handler in self.handlers.items()]

    def _endpoint(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            if request.method != "POST":
                raise FintivError(405, errors.METHOD_NOT_ALLOWED, "method.not.allowed",
                                  f"Use POST, not {request.method}.")
            tenant = self._authenticate(request)
            try:
                body = await json_object(request)
            except BodyError as exc:
                raise FintivError(400, errors.BAD_JSON, "request.malformed", str(exc)) from None
            started = time.perf_counter()
            try:
                answer = await run_in_threadpool(handler, body, tenant)
            except FieldError as exc:
                raise FintivError(400, errors.BAD_REQUEST, "request.invalid", str(exc)) from None
            # Server-Timing: the service's own time, so benchmarks can tell it from transport
            timing = {"server-timing": f"app;dur={(time.perf_counter() - started) * 1000:.3f}"}
            if isinstance(answer, RawJson):
                return Response(answer.text, media_type="application/json", headers=timing)
            status = 400 if answer["result"]["code"] == errors.BAD_REQUEST else 200
            return JsonResponse(answer, status_code=status, headers=timing)

        return endpoint

    def _authenticate(self, request: Request) -> Tenant:
        """The operator (the configured pair: every merchant) or the merchant whose issued
        api-key and bearer token these are."""
        cfg = self.s.config
        api_key = request.headers.get("api-key", "")
        operator = hmac.compare_digest(api_key.encode(), cfg.api_key.encode())
        grant = None if operator else self.s.credentials.grant("api-key", api_key)
        if not operator and grant is None:
            raise FintivError(401, errors.API_KEY_INVALID, "auth.api.key.invalid",
                              "The api-key header is missing or wrong.")
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        if operator:
            valid = hmac.compare_digest(token.encode(), cfg.bearer_token.encode())
        else:
            assert grant is not None
            valid = self.s.credentials.grant("bearer", token) == grant
        if scheme.lower() != "bearer" or not valid:
            raise FintivError(401, errors.BEARER_INVALID, "auth.bearer.invalid",
                              "The authorization header must be 'Bearer <token>'.")
        if grant is None:
            return Tenant(key=api_key)
        return Tenant(key=api_key, merchant_id=grant.merchant_id,
                      membership_merchant=grant.membership_merchant)

    def _entry(self, stamp_card_id: str, tenant: Tenant) -> CatalogEntry | None:
        """The catalog card, if this caller's merchant offers it."""
        entry = self.s.catalog.entry(stamp_card_id)
        return entry if entry is not None and tenant.sees(_merchant_of(entry)) else None

    def _mine(self, rows: list[CardRow], tenant: Tenant) -> list[CardRow]:
        return [r for r in rows if self._entry(r.card.stamp_card_id, tenant) is not None]

    def _load(self, conn: Any, cid: str, tenant: Tenant, *, lock: bool = False) -> CardRow | None:
        row = self.s.cards.load(conn, cid, lock=lock)
        return row if row is not None and self._mine([row], tenant) else None

    # ---- cards --------------------------------------------------------------------------

    def add_card(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        card_id = req_str(body, "stampCardId")
        member_id = opt_int(body, "memberId")
        entry = self._entry(card_id, tenant)
        if entry is None:
            return _unknown_stamp_card()
        now = self.s.config.clock.now()
        card = CardInstance(
            card_instance_id=str(uuid.uuid4()), stamp_card_id=card_id, current_stamps=0,
            total_stamps=0, issue_date=now, expiration_date=entry.card.stamp_end_date,
            status=InstanceStatus.ACTIVE, update_time=now,
        )
        with self.s.db.write() as conn:
            if member_id is not None and self.s.members.get(
                conn, member_id, tenant.membership_merchant if tenant.merchant_id else None
            ) is None:
                raise FieldError("memberId", "no member with this id")
            self.s.cards.insert(conn, card, member_id)
        return {**OK, "cardInstance": card_view(card, now)}

    def get_cards(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        lat, lon, radius = _location(body)
        sort = opt_int(body, "sortType", hi=7) or 0
        member_id = opt_int(body, "memberId")
        cid = opt_str(body, "cardInstanceId")
        with self.s.db.read() as conn:
            rows = self._mine(
                self.s.cards.select(conn, member_id=member_id, card_instance_id=cid), tenant)
        now = self.s.config.clock.now()
        listed = []
        for row in rows:
            entry = self.s.catalog.entry(row.card.stamp_card_id)
            name = entry.card.merchant.merchant_name if entry and entry.card.merchant else ""
            distance = None
            if entry and lat is not None and lon is not None:
                distance = min(
                    (distance_km(lat, lon, st.latitude, st.longitude) for st in entry.stores
                     if st.latitude is not None and st.longitude is not None),
                    default=None,
                )
                if radius is not None and (distance is None or distance > radius):
                    continue
            listed.append((row, name, distance))
        far = float("inf")
        keys: dict[int, Callable[[Any], Any]] = {
            1: lambda t: t[1].lower(), 2: lambda t: t[1].lower(),
            3: lambda t: far if t[2] is None else t[2], 4: lambda t: -far if t[2] is None else t[2],
            5: lambda t: t[0].usage, 6: lambda t: t[0].usage,
            7: lambda t: (t[0].sequence is None, t[0].sequence or 0),
        }
        if sort in keys:
            listed.sort(key=keys[sort], reverse=sort in (2, 4, 5))
        return {**OK, "cards": [card_view(row.card, now) for row, _, _ in listed]}

    def remove_card(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        cid = req_str(body, "cardInstanceId")
        with self.s.db.write() as conn:
            row = self._load(conn, cid, tenant, lock=True)
            if row is None:
                return _unknown_card()
            if row.card.status is InstanceStatus.DELETED:
                return _refusal(CardNotActive("This card was already removed."))
            self.s.cards.save(conn, row.card.with_(status=InstanceStatus.DELETED,
                                                   update_time=self.s.config.clock.now()))
        return OK

    def update_card_sequences(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        items = opt_list(body, "updateCardSeqList", lambda v: isinstance(v, dict), "objects")
        if items is None:
            raise FieldError("updateCardSeqList", "is required")
        pairs = [(req_str(item, "cardInstanceId"), opt_int(item, "sequence", lo=-MAX_BATCH * 1000))
                 for item in items]
        if any(seq is None for _, seq in pairs):
            raise FieldError("sequence", "is required")
        with self.s.db.write() as conn:
            named = sorted({cid for cid, _ in pairs})  # locked in id order: no deadlock
            known = [cid for cid in named if self._load(conn, cid, tenant, lock=True)]
            if len(known) != len(named):
                return _unknown_card()  # nothing changed: the transaction writes nothing
            for cid, seq in pairs:
                assert seq is not None
                self.s.cards.set_sequence(conn, cid, seq)
        return OK

    # ---- catalog --------------------------------------------------------------------------

    def get_catalog(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        lat, lon, radius = _location(body)
        skip = opt_int(body, "skipRows") or 0
        limit = opt_int(body, "maxResults")
        merchant_ids = opt_list(body, "merchantIds", lambda v: isinstance(v, str), "strings")
        card_id = opt_str(body, "stampCardId")
        for key in ("serviceId", "serviced"):
            opt_str(body, key)
        out = []
        for entry in self.s.catalog.entries():
            card = entry.card
            if not tenant.sees(_merchant_of(entry)):
                continue
            if card_id is not None and card.stamp_card_id.lower() != card_id.lower():
                continue
            if merchant_ids is not None and (
                card.merchant is None
                or card.merchant.merchant_id.lower() not in {m.lower() for m in merchant_ids}
            ):
                continue
            store = entry.stores[0] if entry.stores else None
            if lat is not None and lon is not None:
                measured = sorted(
                    (distance_km(lat, lon, st.latitude, st.longitude), n)
                    for n, st in enumerate(entry.stores)
                    if st.latitude is not None and st.longitude is not None
                )
                if radius is not None and (not measured or measured[0][0] > radius):
                    continue
                if measured:
                    store = replace(entry.stores[measured[0][1]], distance=measured[0][0])
            shown = card
            if card.merchant is not None:
                shown = replace(card, merchant=replace(card.merchant, store=store))
            out.append({**to_api(shown), "cardIdx": entry.idx})
        out = out[skip:]
        if limit is not None:
            out = out[:limit]
        return {**OK, "catalog": out}

    def get_merchants(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        lat, lon, radius = _location(body)
        name = opt_str(body, "merchantName")
        search = opt_int(body, "searchType", hi=2) or 0
        found = []
        for merchant, stores in self.s.catalog.merchants():
            if not tenant.sees(merchant.merchant_id):
                continue
            if name and name.lower() not in merchant.merchant_name.lower():
                continue
            distance = None
            if lat is not None and lon is not None:
                distance = min(
                    (distance_km(lat, lon, st.latitude, st.longitude) for st in stores
                     if st.latitude is not None and st.longitude is not None),
                    default=None,
                )
                if radius is not None and (distance is None or distance > radius):
                    continue
            found.append((merchant, distance))
        if search == 1:
            found.sort(key=lambda t: float("inf") if t[1] is None else t[1])
        elif search == 2:
            found.sort(key=lambda t: t[0].merchant_name.lower())
        return {**OK, "merchants": [to_api(m) for m, _ in found]}

    def get_stamps(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        entry = self._entry(req_str(body, "stampCardId"), tenant)
        if entry is None:
            return _unknown_stamp_card()
        return {**OK, "stamps": [to_api(m) for m in entry.masters]}

    # ---- rewards and events -------------------------------------------------------------

    def get_rewards(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        cid = opt_str(body, "cardInstanceId")
        member_id = opt_int(body, "memberId")
        with self.s.db.read() as conn:
            rows = self._mine(
                self.s.cards.select(conn, member_id=member_id, card_instance_id=cid), tenant)
        if cid is not None and not rows:
            return _unknown_card()
        now = self.s.config.clock.now()
        rewards = [reward_view(r, now) for row in rows for r in row.card.rewards
                   if r.is_redeemable(now)]
        return {**OK, "rewards": rewards}

    def get_event_history(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        cid = req_str(body, "cardInstanceId")
        with self.s.db.read() as conn:
            if self._load(conn, cid, tenant) is None:
                return _unknown_card()
            events = self.s.cards.history(conn, cid)
        return {**OK, "events": [to_api(e) for e in events]}

    def report_stamp_event(self, body: dict[str, Any], tenant: Tenant) -> dict[str, Any]:
        opt_str(body, "eventId")
        answer = orjson.loads(self.s.stamping.report(tenant.key, [body], tenant.merchant_id)[0])
        answer.pop("eventId", None)
        if answer["result"]["code"] != 0:
            return {"result": answer["result"]}
        return answer

    def report_multi_stamp_events(self, body: dict[str, Any], tenant: Tenant) -> RawJson:
        events = body.get("events")
        if not isinstance(events, list):
            raise FieldError("events", "expected a list of events")
        if len(events) > MAX_BATCH:
            raise FieldError("events", f"at most {MAX_BATCH} events per request")
        answers = self.s.stamping.report(tenant.key, events, tenant.merchant_id)
        return RawJson(b'{"result":{"code":0},"eventResults":[' + b",".join(answers) + b"]}")
