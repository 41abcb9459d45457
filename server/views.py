"""How stored objects are shown: a card or reward past its expiry reads EXPIRED even though the
stored status (what the rules see) is still ACTIVE, and a card lists only redeemable rewards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos.domain.models import CardInstance, InstanceStatus, RewardInstance


def card_view(card: CardInstance, now: datetime) -> dict[str, Any]:
    out = card.to_api(with_rewards=False)
    if (
        card.status is InstanceStatus.ACTIVE
        and card.expiration_date is not None
        and now >= card.expiration_date
    ):
        out["status"] = InstanceStatus.EXPIRED.value
    out["rewards"] = [r.to_api() for r in card.rewards if r.is_redeemable(now)]
    return out


def reward_view(reward: RewardInstance, now: datetime) -> dict[str, Any]:
    out = reward.to_api()
    if reward.status is InstanceStatus.ACTIVE and not reward.is_redeemable(now):
        out["status"] = InstanceStatus.EXPIRED.value
    return out
