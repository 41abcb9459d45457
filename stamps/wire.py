"""The wire format of the Fintiv Digital Stamp API v2 for the value objects of
:mod:`stamps.models`: ``from_api(Kind, dict)`` is strict (a missing key or a wrong type raises
:class:`ValidationError`, naming the field) and ``to_api(value)`` writes the document's exact
field names. Times travel as ``2019-03-14T14:19:04.141+0000`` (see :mod:`stamps.timestamps`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import singledispatch
from typing import Any, TypeVar

from stamps.errors import TimestampError, ValidationError
from stamps.models import (
    CardInstance,
    Event,
    EventType,
    InstanceStatus,
    Merchant,
    Reward,
    RewardInstance,
    StampCard,
    StampMaster,
    StampType,
    Store,
)
from stamps.timestamps import format_timestamp, parse_timestamp

T = TypeVar("T")
M = TypeVar("M")


def from_api(kind: type[M], d: Mapping[str, Any]) -> M:
    """Read one ``kind`` (e.g. :class:`CardInstance`) from its API object, strictly."""
    parse: Callable[[Mapping[str, Any]], M] = _PARSERS[kind]
    return parse(d)


@singledispatch
def to_api(value: object) -> dict[str, Any]:
    """The API object of one value of :mod:`stamps.models`."""
    raise TypeError(f"{type(value).__name__} has no API form")


# ---- strict field readers -------------------------------------------------------------


def _get(d: Mapping[str, Any], key: str, kind: type[T], *, optional: bool = False) -> T:
    if not isinstance(d, Mapping):
        raise ValidationError({key: "expected an object"})
    if key not in d or d[key] is None:
        if optional:
            return None  # type: ignore[return-value]
        raise ValidationError({key: "is required"})
    value = d[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValidationError({key: f"expected {kind.__name__}, got {type(value).__name__}"})
    return value


def _str(d: Mapping[str, Any], key: str, *, optional: bool = False) -> str:
    return _get(d, key, str, optional=optional)


def _opt_str(d: Mapping[str, Any], key: str) -> str | None:
    return _get(d, key, str, optional=True)


def _time(d: Mapping[str, Any], key: str) -> datetime:
    opt = _opt_time(d, key)
    if opt is None:
        raise ValidationError({key: "is required"})
    return opt


def _opt_time(d: Mapping[str, Any], key: str) -> datetime | None:
    raw = _get(d, key, str, optional=True)
    if raw is None:
        return None
    try:
        return parse_timestamp(raw)
    except TimestampError as exc:
        raise ValidationError({key: str(exc)}) from None


def _enum(d: Mapping[str, Any], key: str, kind: type[enum.StrEnum]) -> Any:
    raw = _str(d, key)
    try:
        return kind(raw)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise ValidationError({key: f"expected one of {allowed}, got {raw!r}"}) from None


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    value = _get(d, key, list, optional=True)
    return [] if value is None else value


def _ts(moment: datetime | None) -> str | None:
    return None if moment is None else format_timestamp(moment)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


# ---- readers and writers, one pair per object -------------------------------------


def _reward(d: Mapping[str, Any]) -> Reward:
    threshold = _get(d, "threshold", int)
    if threshold < 0:
        raise ValidationError({"threshold": "must not be negative"})
    return Reward(
        reward_id=_str(d, "rewardId"),
        name=_str(d, "name"),
        threshold=threshold,
        wallet_id=_opt_str(d, "walletId"),
        service_id=_opt_str(d, "serviceId"),
        image_url=_opt_str(d, "imageUrl"),
        reward_message=_opt_str(d, "rewardMessage"),
        reward_description=_opt_str(d, "rewardDescription"),
    )


@to_api.register
def _(value: Reward) -> dict[str, Any]:
    return _drop_none({
        "rewardId": value.reward_id,
        "walletId": value.wallet_id,
        "serviceId": value.service_id,
        "name": value.name,
        "threshold": value.threshold,
        "imageUrl": value.image_url,
        "rewardMessage": value.reward_message,
        "rewardDescription": value.reward_description,
    })


def _store(d: Mapping[str, Any]) -> Store:
    return Store(
        store_id=_str(d, "storeId"),
        store_name=_str(d, "storeName"),
        street1=_opt_str(d, "street1"),
        city=_opt_str(d, "city"),
        state=_opt_str(d, "state"),
        zip=_opt_str(d, "zip"),
        country=_opt_str(d, "country"),
        latitude=_get(d, "latitude", float, optional=True),
        longitude=_get(d, "longitude", float, optional=True),
        distance=_get(d, "distance", float, optional=True),
    )


@to_api.register
def _(value: Store) -> dict[str, Any]:
    return _drop_none({
        "storeId": value.store_id,
        "storeName": value.store_name,
        "street1": value.street1,
        "city": value.city,
        "state": value.state,
        "zip": value.zip,
        "country": value.country,
        "latitude": value.latitude,
        "longitude": value.longitude,
        "distance": value.distance,
    })


def _merchant(d: Mapping[str, Any]) -> Merchant:
    store = _get(d, "store", dict, optional=True)
    return Merchant(
        merchant_id=_str(d, "merchantId"),
        merchant_name=_str(d, "merchantName"),
        merchant_image_url=_opt_str(d, "merchantImageUrl"),
        update_dtim=_opt_time(d, "updateDtim"),
        store=None if store is None else from_api(Store, store),
    )


@to_api.register
def _(value: Merchant) -> dict[str, Any]:
    return _drop_none({
        "merchantId": value.merchant_id,
        "merchantName": value.merchant_name,
        "merchantImageUrl": value.merchant_image_url,
        "updateDtim": _ts(value.update_dtim),
        "store": None if value.store is None else to_api(value.store),
    })


def _stamp_card(d: Mapping[str, Any]) -> StampCard:
    merchant = _get(d, "merchant", dict, optional=True)
    count = _get(d, "stampCount", int)
    if count < 0:
        raise ValidationError({"stampCount": "must not be negative"})
    return StampCard(
        stamp_card_id=_str(d, "stampCardId"),
        name=_str(d, "name"),
        stamp_type=_enum(d, "stampType", StampType),
        stamp_count=count,
        rewards=tuple(from_api(Reward, r) for r in _list(d, "rewards")),
        merchant=None if merchant is None else from_api(Merchant, merchant),
        tnc=_opt_str(d, "tnc"),
        available_store=_opt_str(d, "availableStore"),
        website_url=_opt_str(d, "websiteUrl"),
        phone_number=_opt_str(d, "phoneNumber"),
        information=_opt_str(d, "information"),
        is_publish_to_market=_opt_str(d, "isPublishToMarket"),
        background_image_url=_opt_str(d, "backgroundImageUrl"),
        stamp_area_image_url=_opt_str(d, "stampAreaImageUrl"),
        stamp_start_date=_opt_time(d, "stampStartDate"),
        stamp_end_date=_opt_time(d, "stampEndDate"),
        catalog_description=_opt_str(d, "catalogDescription"),
    )


@to_api.register
def _(value: StampCard) -> dict[str, Any]:
    return _drop_none({
        "stampCardId": value.stamp_card_id,
        "name": value.name,
        "stampType": value.stamp_type.value,
        "stampCount": value.stamp_count,
        "tnc": value.tnc,
        "availableStore": value.available_store,
        "websiteUrl": value.website_url,
        "phoneNumber": value.phone_number,
        "information": value.information,
        "isPublishToMarket": value.is_publish_to_market,
        "backgroundImageUrl": value.background_image_url,
        "stampAreaImageUrl": value.stamp_area_image_url,
        "rewards": [to_api(r) for r in value.rewards],
        "merchant": None if value.merchant is None else to_api(value.merchant),
        "stampStartDate": _ts(value.stamp_start_date),
        "stampEndDate": _ts(value.stamp_end_date),
        "catalogDescription": value.catalog_description,
    })


def _stamp_master(d: Mapping[str, Any]) -> StampMaster:
    return StampMaster(
        stamp_id=_str(d, "stampId"),
        stamp_value=_str(d, "stampValue"),
        stamp_state=_str(d, "stampState", optional=True) or "ACTIVE",
        award_stamps=_get(d, "awardStamps", int, optional=True) or 0,
        reward_id=_opt_str(d, "rewardId"),
        stamp_event_type=_opt_str(d, "stampEventType"),
    )


@to_api.register
def _(value: StampMaster) -> dict[str, Any]:
    return _drop_none({
        "stampId": value.stamp_id,
        "stampValue": value.stamp_value,
        "stampState": value.stamp_state,
        "awardStamps": value.award_stamps,
        "rewardId": value.reward_id,
        "stampEventType": value.stamp_event_type,
    })


def _reward_instance(d: Mapping[str, Any]) -> RewardInstance:
    return RewardInstance(
        reward_instance_id=_str(d, "rewardInstanceId"),
        card_instance_id=_str(d, "cardInstanceId"),
        status=_enum(d, "status", InstanceStatus),
        rewarded_time=_time(d, "rewardedTime"),
        reward=from_api(Reward, _get(d, "reward", dict)),
        reward_expiration_date=_opt_time(d, "rewardExpirationDate"),
    )


@to_api.register
def _(value: RewardInstance) -> dict[str, Any]:
    return _drop_none({
        "rewardInstanceId": value.reward_instance_id,
        "cardInstanceId": value.card_instance_id,
        "reward": to_api(value.reward),
        "status": value.status.value,
        "rewardedTime": _ts(value.rewarded_time),
        "rewardExpirationDate": _ts(value.reward_expiration_date),
    })


def _card_instance(d: Mapping[str, Any]) -> CardInstance:
    current = _get(d, "currentStamps", int)
    if current < 0:
        raise ValidationError({"currentStamps": "must not be negative"})
    return CardInstance(
        card_instance_id=_str(d, "cardInstanceId"),
        stamp_card_id=_str(d, "stampCardId"),
        current_stamps=current,
        total_stamps=_get(d, "totalStamps", int, optional=True) or 0,
        issue_date=_time(d, "issueDate"),
        expiration_date=_opt_time(d, "expirationDate"),
        status=_enum(d, "status", InstanceStatus),
        update_time=_opt_time(d, "updateTime"),
        rewards=tuple(from_api(RewardInstance, r) for r in _list(d, "rewards")),
    )


@to_api.register
def _(value: CardInstance) -> dict[str, Any]:
    out = _drop_none({
        "cardInstanceId": value.card_instance_id,
        "stampCardId": value.stamp_card_id,
        "currentStamps": value.current_stamps,
        "totalStamps": value.total_stamps,
        "issueDate": _ts(value.issue_date),
        "updateTime": _ts(value.update_time),
        "expirationDate": _ts(value.expiration_date),
        "status": value.status.value,
    })
    out["rewards"] = [to_api(r) for r in value.rewards]
    return out


def _event(d: Mapping[str, Any]) -> Event:
    return Event(
        card_instance_id=_str(d, "cardInstanceId"),
        event_type=_enum(d, "eventType", EventType),
        event_time=_time(d, "eventTime"),
        stamp_value=_opt_str(d, "stampValue"),
        reward_instance_id=_opt_str(d, "rewardInstanceId"),
        event_id=_opt_str(d, "eventId"),
        stamp_id=_opt_str(d, "stampId"),
    )


@to_api.register
def _(value: Event) -> dict[str, Any]:
    return _drop_none({
        "eventId": value.event_id,
        "cardInstanceId": value.card_instance_id,
        "eventTime": format_timestamp(value.event_time),
        "eventType": value.event_type.value,
        "stampId": value.stamp_id,
        "rewardInstanceId": value.reward_instance_id,
        "stampValue": value.stamp_value,
    })


_PARSERS: dict[type, Callable[[Mapping[str, Any]], Any]] = {
    Reward: _reward,
    Store: _store,
    Merchant: _merchant,
    StampCard: _stamp_card,
    StampMaster: _stamp_master,
    RewardInstance: _reward_instance,
    CardInstance: _card_instance,
    Event: _event,
}
