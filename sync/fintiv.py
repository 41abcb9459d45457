"""Client of the Fintiv Digital Stamp API v2: the eleven POST endpoints.

Every call sends ``api-key`` and ``authorization: Bearer`` headers and returns
:mod:`stamps.models` objects. A non-zero top-level ``result.code`` raises
:class:`~sync.errors.BusinessError`; an answer of the wrong shape raises
:class:`~sync.errors.InvalidResponse`. ``reportMultiStampEvents`` returns one
:class:`EventResult` per eventId, since each event succeeds or fails on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from stamps.errors import DomainError
from stamps.models import (
    CardInstance,
    Event,
    Merchant,
    RewardInstance,
    StampCard,
    StampMaster,
)
from stamps.wire import from_api, to_api
from sync.errors import (
    ApiValidationError,
    BusinessError,
    InvalidResponse,
    RequestTooLarge,
    no_such_address,
)
from sync.http import ClockSkew, JsonHttp
from sync.reward_cache import RewardCache

T = TypeVar("T")

SERVICE = "the stamp service"
SUBJECT = SERVICE[:1].upper() + SERVICE[1:]


@dataclass(frozen=True, slots=True)
class EventResult:
    """The service's verdict on one event of a reportMultiStampEvents batch."""

    event_id: str
    code: int
    message: str = ""
    card_instance: CardInstance | None = None
    rewards: tuple[RewardInstance, ...] = ()
    #: the validated JSON of ``card_instance`` and ``rewards``, to store without re-encoding
    raw_card: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    raw_rewards: tuple[Mapping[str, Any], ...] = field(default=(), compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.code == 0


@dataclass(frozen=True, slots=True)
class StampResult:
    """Answer of reportStampEvent: the card instance after the event and rewards earned."""

    card_instance: CardInstance
    rewards: tuple[RewardInstance, ...] = ()


class FintivClient:
    """Typed calls to ``{base_url}/{endpoint}``; ``client`` carries base URL and timeouts."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        api_key: str,
        token: str,
        skew: ClockSkew | None = None,
        max_body: int | None = None,
    ) -> None:
        self._rewards = RewardCache()
        headers = {"api-key": api_key, "authorization": f"Bearer {token}"}
        kwargs: dict[str, Any] = {} if max_body is None else {"max_body": max_body}
        self.http = JsonHttp(client, headers=headers, skew=skew, service=SERVICE, **kwargs)

    # -- card instances ------------------------------------------------------------------

    def add_card(self, stamp_card_id: str, *, member_id: int | None = None) -> CardInstance | None:
        """Create a card instance; the new instance when the service returns it (the
        document's answer is only a result code)."""
        body = _drop_none({"stampCardId": stamp_card_id, "memberId": member_id})
        data = self._post("addCard", body)
        raw = data.get("cardInstance")
        return None if raw is None else _parse(CardInstance, raw, "cardInstance")

    def get_cards(
        self,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        radius: float | None = None,
        sort_type: int | None = None,
        member_id: int | None = None,
        card_instance_id: str | None = None,
    ) -> list[CardInstance]:
        """``member_id`` and ``card_instance_id`` narrow the answer on services that support
        them (the reference service does); others ignore them."""
        body = _drop_none({
            "latitude": latitude, "longitude": longitude, "radius": radius,
            "sortType": sort_type, "memberId": member_id, "cardInstanceId": card_instance_id,
        })
        data = self._post("getCards", body)
        return _objects(data, "cards", CardInstance)

    def remove_card(self, card_instance_id: str) -> None:
        self._post("removeCard", {"cardInstanceId": card_instance_id})

    def update_card_sequences(self, sequences: Sequence[tuple[str, int]]) -> None:
        seq = [{"cardInstanceId": cid, "sequence": n} for cid, n in sequences]
        self._post("updateCardSequences", {"updateCardSeqList": seq})

    # -- master data ---------------------------------------------------------------------

    def get_catalog(
        self,
        *,
        service_id: str | None = None,
        skip_rows: int = 0,
        max_results: int | None = None,
        merchant_ids: Sequence[str] | None = None,
        stamp_card_id: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        radius: float | None = None,
    ) -> list[StampCard]:
        body = _drop_none({
            "serviceId": service_id,
            "latitude": latitude,
            "longitude": longitude,
            "radius": radius,
            "skipRows": skip_rows,
            "maxResults": max_results,
            "merchantIds": list(merchant_ids) if merchant_ids else None,
            "stampCardId": stamp_card_id,
        })
        return [card for card, _idx in self._catalog_page(body)]

    def _catalog_page(self, body: Mapping[str, Any]) -> list[tuple[StampCard, int | None]]:
        data = self._post("getCatalog", body)
        cards = _objects(data, "catalog", StampCard)
        return [(card, _card_idx(raw)) for card, raw in zip(cards, data.get("catalog") or [],
                                                            strict=True)]

    def iter_catalog(
        self, *, page_size: int = 100, max_pages: int = 1000
    ) -> Iterator[tuple[StampCard, int | None]]:
        """Every stamp card with its vvd.bz ``cardIdx`` (None when the service sends none),
        page by page (skipRows/maxResults) until a short page."""
        skip = 0
        for _ in range(max_pages):
            page = self._catalog_page(_drop_none({"skipRows": skip, "maxResults": page_size}))
            yield from page
            if len(page) < page_size:
                return
            skip += len(page)

    def get_stamps(self, stamp_card_id: str) -> list[StampMaster]:
        data = self._post("getStamps", {"stampCardId": stamp_card_id})
        return _objects(data, "stamps", StampMaster)

    def get_merchants(
        self,
        *,
        merchant_name: str | None = None,
        search_type: int | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        radius: float | None = None,
    ) -> list[Merchant]:
        body = _drop_none({
            "latitude": latitude,
            "longitude": longitude,
            "radius": radius,
            "merchantName": merchant_name,
            "searchType": search_type,
        })
        data = self._post("getMerchants", body)
        return _objects(data, "merchants", Merchant)

    def get_rewards(self, card_instance_id: str | None = None) -> list[RewardInstance]:
        body = _drop_none({"cardInstanceId": card_instance_id})
        data = self._post("getRewards", body)
        return _objects(data, "rewards", RewardInstance)

    def get_event_history(self, card_instance_id: str) -> list[Event]:
        data = self._post("getEventHistory", {"cardInstanceId": card_instance_id})
        return _objects(data, "events", Event)

    # -- events --------------------------------------------------------------------------

    def report_stamp_event(self, event: Event) -> StampResult:
        body = to_api(event)
        body.pop("eventId", None)
        data = self._post("reportStampEvent", body)
        card = _parse(CardInstance, _field(data, "cardInstance", dict), "cardInstance")
        return StampResult(card, _objects(data, "rewards", RewardInstance, tuple_=True))

    def report_multi_stamp_events(
        self, events: Sequence[Event | Mapping[str, Any]]
    ) -> dict[str, EventResult]:
        """Send ``events`` (each with its eventId; an event may also be given as its API body,
        which spares re-formatting stored events); map each eventId the service answered for
        to its result. An eventId missing from the map was not answered for."""
        bodies = [to_api(e) if isinstance(e, Event) else dict(e) for e in events]
        ids = [b.get("eventId") for b in bodies]
        if any(not i for i in ids) or len(set(ids)) != len(ids):
            raise ValueError("every event of a batch needs a distinct event_id")
        data = self._post("reportMultiStampEvents", {"events": bodies})
        items = _field(data, "eventResults", list)
        results: dict[str, EventResult] = {}
        for item in items:
            result = _event_result(item, self._rewards)
            if result.event_id in results:
                raise InvalidResponse(
                    f"{SUBJECT} answered twice for one event.", detail=result.event_id
                )
            results[result.event_id] = result
        return results

    # -- plumbing ------------------------------------------------------------------------

    def _post(self, endpoint: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        try:
            status, data = self.http.call("POST", endpoint, body=body)
        except ApiValidationError as exc:
            wrong_address = no_such_address(SUBJECT, exc)
            if wrong_address is None:
                raise
            raise wrong_address from exc
        if status == 400:
            raise _validation_error(data)
        if not isinstance(data, Mapping):
            raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.",
                                  detail=f"{endpoint}: not an object")
        code, message = _result_code(data.get("result"), endpoint)
        if code != 0:
            raise BusinessError(code, message)
        return data


def _result_code(result: Any, where: str) -> tuple[int, str]:
    if not isinstance(result, Mapping):
        raise InvalidResponse(f"{SUBJECT} sent an answer without a result.", detail=where)
    code = result.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        raise InvalidResponse(f"{SUBJECT} sent an answer without a result code.", detail=where)
    message = result.get("message")
    if message is not None and not isinstance(message, str):
        raise InvalidResponse(f"{SUBJECT} sent a result message that is not text.", detail=where)
    return code, message or ""


def _event_result(item: Any, cache: RewardCache) -> EventResult:
    if not isinstance(item, Mapping):
        raise InvalidResponse(f"{SUBJECT} sent an event result of the wrong shape.")
    event_id = item.get("eventId")
    if isinstance(event_id, int) and not isinstance(event_id, bool):
        event_id = str(event_id)
    if not isinstance(event_id, str) or not event_id:
        raise InvalidResponse(f"{SUBJECT} sent an event result without an eventId.")
    code, message = _result_code(item.get("result"), f"eventResults[{event_id}]")
    if code != 0:
        return EventResult(event_id, code, message)
    where = f"eventResults[{event_id}]"
    raw_card = item.get("cardInstance")
    card = None
    if raw_card is not None:
        if not isinstance(raw_card, Mapping):
            raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.",
                                  detail=f"{where}.cardInstance: expected an object")
        held = _list_of(raw_card, "rewards", f"{where}.cardInstance")
        card = _parse(CardInstance, {**raw_card, "rewards": []}, f"{where}.cardInstance")
        parse_held = _reward_parser(f"{where}.cardInstance.rewards")
        card = card.with_(rewards=tuple(cache.parse(r, parse_held) for r in held))
    earned = _list_of(item, "rewards", where)
    parse_earned = _reward_parser(f"{where}.rewards")
    rewards = tuple(cache.parse(r, parse_earned) for r in earned)
    return EventResult(event_id, 0, message, card, rewards, raw_card, tuple(earned))


def _list_of(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    raw = data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.",
                              detail=f"{where}.{key}: expected a list")
    return raw


def _reward_parser(where: str) -> Callable[[Any], RewardInstance]:
    return lambda raw: _parse(RewardInstance, raw, where)


def _field(data: Mapping[str, Any], key: str, kind: type[T]) -> T:
    value = data.get(key)
    if not isinstance(value, kind):
        raise InvalidResponse(
            f"{SUBJECT} sent an answer of the wrong shape.",
            detail=f"{key}: expected {kind.__name__}, got {type(value).__name__}",
        )
    return value


def _card_idx(raw: Any) -> int | None:
    """The vvd.bz card index a catalog entry may carry (the reference service's extension)."""
    idx = raw.get("cardIdx") if isinstance(raw, Mapping) else None
    return idx if isinstance(idx, int) and not isinstance(idx, bool) and idx > 0 else None


def _objects(data: Mapping[str, Any], key: str, kind: type, *, tuple_: bool = False) -> Any:
    raw = data.get(key)
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.",
                              detail=f"{key}: expected a list")
    out = [_parse(kind, item, f"{key}[{i}]") for i, item in enumerate(raw)]
    return tuple(out) if tuple_ else out


def _parse(kind: type, raw: Any, where: str) -> Any:
    if not isinstance(raw, Mapping):
        raise InvalidResponse(f"{SUBJECT} sent an answer of the wrong shape.",
                              detail=f"{where}: expected an object")
    try:
        return from_api(kind, raw)
    except (DomainError, ValueError, TypeError, KeyError) as exc:
        raise InvalidResponse(
            f"{SUBJECT} sent an answer of the wrong shape.", detail=f"{where}: {exc}"
        ) from None


_LIMIT = re.compile(r"at most (\d+) events")


def _validation_error(data: Any) -> ApiValidationError:
    fields: dict[str, str] = {}
    message = "The stamp service refused the request."
    if isinstance(data, Mapping):
        result = data.get("result")
        if isinstance(result, Mapping) and isinstance(result.get("message"), str):
            message = f"The stamp service refused the request: {result['message']}."
            description = result.get("description")
            limit = _LIMIT.search(description) if isinstance(description, str) else None
            if limit is not None:
                return RequestTooLarge(message, status=400, limit=int(limit.group(1)))
        errors = data.get("errors")
        if isinstance(errors, Mapping):
            fields = {str(k): str(v) for k, v in errors.items()}
        elif isinstance(errors, list):
            for entry in errors:
                if isinstance(entry, Mapping):
                    fields.update({str(k): str(v) for k, v in entry.items()})
    return ApiValidationError(message, field_errors=fields, status=400)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
