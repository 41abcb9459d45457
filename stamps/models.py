"""Value objects for every object of the Fintiv Digital Stamp API v2.

Each has ``from_api(dict)`` (strict: a missing key or a wrong type raises
:class:`ValidationError`) and ``to_api() -> dict`` with the document's exact field names.
Times are aware datetimes; see :mod:`stamps.timestamps`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from stamps.errors import TimestampError, ValidationError
from stamps.timestamps import format_timestamp, parse_timestamp, truncate_ms

T = TypeVar("T")


class StampType(enum.StrEnum):
    QR = "QR"
    NFC = "NFC"
    STAMP = "STAMP"


class InstanceStatus(enum.StrEnum):
    """Status shared by card instances and reward instances."""

    ACTIVE = "ACTIVE"
    REDEEMED = "REDEEMED"
    DELETED = "DELETED"
    EXPIRED = "EXPIRED"


class EventType(enum.StrEnum):
    STAMP = "STAMP"
    REDEEM = "REDEEM"
    REWARD = "REWARD"
    REMOVE_STAMP = "REMOVE_STAMP"
    REMOVE_REWARD = "REMOVE_REWARD"


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


# ---- objects --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reward:
    reward_id: str
    name: str
    threshold: int
    wallet_id: str | None = None
    service_id: str | None = None
    image_url: str | None = None
    reward_message: str | None = None
    reward_description: str | None = None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> Reward:
        threshold = _get(d, "threshold", int)
        if threshold < 0:
            raise ValidationError({"threshold": "must not be negative"})
        return cls(
            reward_id=_str(d, "rewardId"),
            name=_str(d, "name"),
            threshold=threshold,
            wallet_id=_opt_str(d, "walletId"),
            service_id=_opt_str(d, "serviceId"),
            image_url=_opt_str(d, "imageUrl"),
            reward_message=_opt_str(d, "rewardMessage"),
            reward_description=_opt_str(d, "rewardDescription"),
        )

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "rewardId": self.reward_id,
            "walletId": self.wallet_id,
            "serviceId": self.service_id,
            "name": self.name,
            "threshold": self.threshold,
            "imageUrl": self.image_url,
            "rewardMessage": self.reward_message,
            "rewardDescription": self.reward_description,
        })


@dataclass(frozen=True, slots=True)
class Store:
    store_id: str
    store_name: str
    street1: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    distance: float | None = None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> Store:
        return cls(
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

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "storeId": self.store_id,
            "storeName": self.store_name,
            "street1": self.street1,
            "city": self.city,
            "state": self.state,
            "zip": self.zip,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "distance": self.distance,
        })


@dataclass(frozen=True, slots=True)
class Merchant:
    merchant_id: str
    merchant_name: str
    merchant_image_url: str | None = None
    update_dtim: datetime | None = None
    store: Store | None = None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> Merchant:
        store = _get(d, "store", dict, optional=True)
        return cls(
            merchant_id=_str(d, "merchantId"),
            merchant_name=_str(d, "merchantName"),
            merchant_image_url=_opt_str(d, "merchantImageUrl"),
            update_dtim=_opt_time(d, "updateDtim"),
            store=None if store is None else Store.from_api(store),
        )

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "merchantId": self.merchant_id,
            "merchantName": self.merchant_name,
            "merchantImageUrl": self.merchant_image_url,
            "updateDtim": _ts(self.update_dtim),
            "store": None if self.store is None else self.store.to_api(),
        })


@dataclass(frozen=True, slots=True)
class StampCard:
    """A loyalty program: its type, how many stamps fill it, and the rewards on the way."""

    stamp_card_id: str
    name: str
    stamp_type: StampType
    stamp_count: int
    rewards: tuple[Reward, ...] = ()
    merchant: Merchant | None = None
    tnc: str | None = None
    available_store: str | None = None
    website_url: str | None = None
    phone_number: str | None = None
    information: str | None = None
    is_publish_to_market: str | None = None
    background_image_url: str | None = None
    stamp_area_image_url: str | None = None
    stamp_start_date: datetime | None = None
    stamp_end_date: datetime | None = None
    catalog_description: str | None = None

    @property
    def round_size(self) -> int:
        """Stamps that fill the card once: the highest reward threshold, else stampCount."""
        return max([r.threshold for r in self.rewards] + [self.stamp_count, 1])

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> StampCard:
        merchant = _get(d, "merchant", dict, optional=True)
        count = _get(d, "stampCount", int)
        if count < 0:
            raise ValidationError({"stampCount": "must not be negative"})
        return cls(
            stamp_card_id=_str(d, "stampCardId"),
            name=_str(d, "name"),
            stamp_type=_enum(d, "stampType", StampType),
            stamp_count=count,
            rewards=tuple(Reward.from_api(r) for r in _list(d, "rewards")),
            merchant=None if merchant is None else Merchant.from_api(merchant),
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

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "stampCardId": self.stamp_card_id,
            "name": self.name,
            "stampType": self.stamp_type.value,
            "stampCount": self.stamp_count,
            "tnc": self.tnc,
            "availableStore": self.available_store,
            "websiteUrl": self.website_url,
            "phoneNumber": self.phone_number,
            "information": self.information,
            "isPublishToMarket": self.is_publish_to_market,
            "backgroundImageUrl": self.background_image_url,
            "stampAreaImageUrl": self.stamp_area_image_url,
            "rewards": [r.to_api() for r in self.rewards],
            "merchant": None if self.merchant is None else self.merchant.to_api(),
            "stampStartDate": _ts(self.stamp_start_date),
            "stampEndDate": _ts(self.stamp_end_date),
            "catalogDescription": self.catalog_description,
        })


@dataclass(frozen=True, slots=True)
class StampMaster:
    """Stamp master data (getStamps): the stampValue codes a card accepts."""

    stamp_id: str
    stamp_value: str
    stamp_state: str = "ACTIVE"
    award_stamps: int = 0
    reward_id: str | None = None
    stamp_event_type: str | None = None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> StampMaster:
        return cls(
            stamp_id=_str(d, "stampId"),
            stamp_value=_str(d, "stampValue"),
            stamp_state=_str(d, "stampState", optional=True) or "ACTIVE",
            award_stamps=_get(d, "awardStamps", int, optional=True) or 0,
            reward_id=_opt_str(d, "rewardId"),
            stamp_event_type=_opt_str(d, "stampEventType"),
        )

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "stampId": self.stamp_id,
            "stampValue": self.stamp_value,
            "stampState": self.stamp_state,
            "awardStamps": self.award_stamps,
            "rewardId": self.reward_id,
            "stampEventType": self.stamp_event_type,
        })


@dataclass(frozen=True, slots=True)
class RewardInstance:
    reward_instance_id: str
    card_instance_id: str
    status: InstanceStatus
    rewarded_time: datetime
    reward: Reward
    reward_expiration_date: datetime | None = None

    def is_redeemable(self, at: datetime) -> bool:
        return self.status is InstanceStatus.ACTIVE and (
            self.reward_expiration_date is None or at < self.reward_expiration_date
        )

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> RewardInstance:
        return cls(
            reward_instance_id=_str(d, "rewardInstanceId"),
            card_instance_id=_str(d, "cardInstanceId"),
            status=_enum(d, "status", InstanceStatus),
            rewarded_time=_time(d, "rewardedTime"),
            reward=Reward.from_api(_get(d, "reward", dict)),
            reward_expiration_date=_opt_time(d, "rewardExpirationDate"),
        )

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "rewardInstanceId": self.reward_instance_id,
            "cardInstanceId": self.card_instance_id,
            "reward": self.reward.to_api(),
            "status": self.status.value,
            "rewardedTime": _ts(self.rewarded_time),
            "rewardExpirationDate": _ts(self.reward_expiration_date),
        })


@dataclass(frozen=True, slots=True)
class CardInstance:
    """One customer's copy of a stamp card, with the stamps collected in the current round."""

    card_instance_id: str
    stamp_card_id: str
    current_stamps: int
    total_stamps: int
    issue_date: datetime
    expiration_date: datetime | None
    status: InstanceStatus
    update_time: datetime | None = None
    rewards: tuple[RewardInstance, ...] = ()
    last_stamp_time: datetime | None = field(default=None, compare=False)

    def with_(self, **changes: Any) -> CardInstance:
        return replace(self, **changes)

    def active_rewards(self, at: datetime) -> tuple[RewardInstance, ...]:
        return tuple(r for r in self.rewards if r.is_redeemable(at))

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> CardInstance:
        current = _get(d, "currentStamps", int)
        if current < 0:
            raise ValidationError({"currentStamps": "must not be negative"})
        return cls(
            card_instance_id=_str(d, "cardInstanceId"),
            stamp_card_id=_str(d, "stampCardId"),
            current_stamps=current,
            total_stamps=_get(d, "totalStamps", int, optional=True) or 0,
            issue_date=_time(d, "issueDate"),
            expiration_date=_opt_time(d, "expirationDate"),
            status=_enum(d, "status", InstanceStatus),
            update_time=_opt_time(d, "updateTime"),
            rewards=tuple(RewardInstance.from_api(r) for r in _list(d, "rewards")),
        )

    def to_api(self, *, with_rewards: bool = True) -> dict[str, Any]:
        out = _drop_none({
            "cardInstanceId": self.card_instance_id,
            "stampCardId": self.stamp_card_id,
            "currentStamps": self.current_stamps,
            "totalStamps": self.total_stamps,
            "issueDate": _ts(self.issue_date),
            "updateTime": _ts(self.update_time),
            "expirationDate": _ts(self.expiration_date),
            "status": self.status.value,
        })
        if with_rewards:
            out["rewards"] = [r.to_api() for r in self.rewards]
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """A stamp event as reported to (or returned by) the stamp service."""

    card_instance_id: str
    event_type: EventType
    event_time: datetime
    stamp_value: str | None = None
    reward_instance_id: str | None = None
    event_id: str | None = None
    stamp_id: str | None = None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> Event:
        return cls(
            card_instance_id=_str(d, "cardInstanceId"),
            event_type=_enum(d, "eventType", EventType),
            event_time=_time(d, "eventTime"),
            stamp_value=_opt_str(d, "stampValue"),
            reward_instance_id=_opt_str(d, "rewardInstanceId"),
            event_id=_opt_str(d, "eventId"),
            stamp_id=_opt_str(d, "stampId"),
        )

    def to_api(self) -> dict[str, Any]:
        return _drop_none({
            "eventId": self.event_id,
            "cardInstanceId": self.card_instance_id,
            "eventTime": format_timestamp(self.event_time),
            "eventType": self.event_type.value,
            "stampId": self.stamp_id,
            "rewardInstanceId": self.reward_instance_id,
            "stampValue": self.stamp_value,
        })

    def matches(self, other: Event) -> bool:
        """Same event as seen in getEventHistory, which carries no eventId: card, type, time to
        the millisecond and stampValue."""
        return (
            self.card_instance_id == other.card_instance_id
            and self.event_type == other.event_type
            and truncate_ms(self.event_time) == truncate_ms(other.event_time)
            and (self.stamp_value or None) == (other.stamp_value or None)
        )
