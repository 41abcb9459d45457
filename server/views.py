"""How stored objects are shown, in UTC Fintiv timestamps.

A card or reward past its expiry reads EXPIRED even though the stored status (what the rules
see) is still ACTIVE, and a card lists only its redeemable rewards. Serialised rewards are
cached: a card's rewards are shown again with every event on it.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from server.cards import ts
from stamps.models import CardInstance, InstanceStatus, Reward, RewardInstance
from stamps.wire import to_api

_ACTIVE = InstanceStatus.ACTIVE


def card_view(card: CardInstance, now: datetime) -> dict[str, Any]:
    status = card.status
    expires = card.expiration_date
    if status is _ACTIVE and expires is not None and now >= expires:
        status = InstanceStatus.EXPIRED
    out: dict[str, Any] = {
        "cardInstanceId": card.card_instance_id,
        "stampCardId": card.stamp_card_id,
        "currentStamps": card.current_stamps,
        "totalStamps": card.total_stamps,
        "issueDate": ts(card.issue_date),
    }
    if card.update_time is not None:
        out["updateTime"] = ts(card.update_time)
    if expires is not None:
        out["expirationDate"] = ts(expires)
    out["status"] = status.value
    out["rewards"] = [reward_json(r) for r in card.rewards if r.is_redeemable(now)]
    return out


def reward_view(reward: RewardInstance, now: datetime) -> dict[str, Any]:
    out = dict(reward_json(reward))
    if reward.status is _ACTIVE and not reward.is_redeemable(now):
        out["status"] = InstanceStatus.EXPIRED.value
    return out


_SHOWN: dict[tuple[str, InstanceStatus], dict[str, Any]] = {}
_SHOWN_MAX = 50_000  # answers; about 50 MB at most


def reward_json(reward: RewardInstance) -> dict[str, Any]:
    """The reward instance as the API shows it. Shared between answers: never mutate it.

    Cached by (id, status): nothing else of a reward instance ever changes."""
    key = (reward.reward_instance_id, reward.status)
    shown = _SHOWN.get(key)
    if shown is None:
        if len(_SHOWN) > _SHOWN_MAX:
            _SHOWN.clear()
        shown = _SHOWN[key] = _reward_json(reward)
    return shown


def _reward_json(reward: RewardInstance) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rewardInstanceId": reward.reward_instance_id,
        "cardInstanceId": reward.card_instance_id,
        "reward": _reward_master(reward.reward),
        "status": reward.status.value,
        "rewardedTime": ts(reward.rewarded_time),
    }
    if reward.reward_expiration_date is not None:
        out["rewardExpirationDate"] = ts(reward.reward_expiration_date)
    return out


@lru_cache(maxsize=1024)
def _reward_master(reward: Reward) -> dict[str, Any]:
    return to_api(reward)
