"""Value objects for every object of the Fintiv Digital Stamp API v2: plain and frozen. Their
wire format (``from_api``/``to_api``) is in :mod:`stamps.wire`; times are aware datetimes (see
:mod:`stamps.timestamps`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from stamps.timestamps import truncate_ms


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




@dataclass(frozen=True, slots=True)
class Merchant:
    merchant_id: str
    merchant_name: str
    merchant_image_url: str | None = None
    update_dtim: datetime | None = None
    store: Store | None = None




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




@dataclass(frozen=True, slots=True)
class StampMaster:
    """Stamp master data (getStamps): the stampValue codes a card accepts."""

    stamp_id: str
    stamp_value: str
    stamp_state: str = "ACTIVE"
    award_stamps: int = 0
    reward_id: str | None = None
    stamp_event_type: str | None = None




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



    def matches(self, other: Event) -> bool:
        """Same event as seen in getEventHistory, which carries no eventId: card, type, time to
        the millisecond and stampValue."""
        return (
            self.card_instance_id == other.card_instance_id
            and self.event_type == other.event_type
            and truncate_ms(self.event_time) == truncate_ms(other.event_time)
            and (self.stamp_value or None) == (other.stamp_value or None)
        )
