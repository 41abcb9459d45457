"""The rules that apply one event to a card instance.

Pure functions: :func:`apply_event` takes the card instance, its stamp card and the policy, and
returns the new card instance plus the reward instances this event earned, or raises a
:class:`~stamps.errors.RuleViolation` whose message a cashier can read.

A card fills in rounds. Each round is ``StampCard.round_size`` stamps (the highest reward
threshold). Crossing a reward's threshold inside a round earns one ACTIVE instance of that
reward; completing the round starts the next one at zero, so a regular keeps collecting on the
same card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from stamps.errors import (
    CardExpired,
    CardNotActive,
    EventNotAllowed,
    MultipleStampAttempt,
    NothingToRemove,
    RewardNotFound,
    RewardNotRedeemable,
    RuleViolation,
    UnknownStampValue,
)
from stamps.models import (
    CardInstance,
    Event,
    EventType,
    InstanceStatus,
    RewardInstance,
    StampCard,
)


@dataclass(frozen=True, slots=True)
class StampPolicy:
    """Merchant-configurable limits. ``min_stamp_interval`` zero means no limit."""

    min_stamp_interval: timedelta = timedelta(0)
    reward_validity: timedelta | None = timedelta(days=30)
    #: When set, a STAMP that names a stampValue must name one of these (the card's stamp
    #: master data). A STAMP without one is the card's regular stamp: a terminal that has
    #: never seen the card offline cannot know its stamp codes.
    accepted_stamp_values: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    card: CardInstance
    earned: tuple[RewardInstance, ...] = ()


IdFactory = Callable[[], str]


def apply_event(
    card: CardInstance,
    event: Event,
    stamp_card: StampCard,
    policy: StampPolicy,
    new_id: IdFactory,
) -> Outcome:
    """Apply ``event`` to ``card``; raise a RuleViolation when it may not be applied."""
    at = event.event_time
    _check_card_usable(card, stamp_card, at)
    handler = _HANDLERS.get(event.event_type)
    if handler is None:
        raise EventNotAllowed(
            f"A {event.event_type.value} event is created by the stamp service, not a terminal."
        )
    return handler(card, event, stamp_card, policy, new_id)


def replay(
    card: CardInstance,
    events: Iterable[Event],
    stamp_card: StampCard,
    policy: StampPolicy,
    new_id: IdFactory,
) -> tuple[CardInstance, list[Event | None]]:
    """Apply events in order, skipping refused ones; returns the final card and, per event,
    ``None`` when it was applied or the event itself when it was refused."""
    refused: list[Event | None] = []
    for event in events:
        try:
            card = apply_event(card, event, stamp_card, policy, new_id).card
            refused.append(None)
        except RuleViolation:
            refused.append(event)
    return card, refused


def _check_card_usable(card: CardInstance, stamp_card: StampCard, at: datetime) -> None:
    if card.status is not InstanceStatus.ACTIVE:
        raise CardNotActive(
            f"This card is {card.status.value.lower()} and cannot be used. "
            "Issue the customer a new card."
        )
    if card.expiration_date is not None and at >= card.expiration_date:
        raise CardExpired(
            f"This card expired on {card.expiration_date:%Y-%m-%d}. "
            "Issue the customer a new card."
        )
    if stamp_card.stamp_start_date is not None and at < stamp_card.stamp_start_date:
        raise CardExpired(
            f"The {stamp_card.name} program starts on {stamp_card.stamp_start_date:%Y-%m-%d}."
        )
    if stamp_card.stamp_end_date is not None and at >= stamp_card.stamp_end_date:
        raise CardExpired(
            f"The {stamp_card.name} program ended on {stamp_card.stamp_end_date:%Y-%m-%d}."
        )


def _stamp(
    card: CardInstance, event: Event, stamp_card: StampCard, policy: StampPolicy,
    new_id: IdFactory,
) -> Outcome:
    at = event.event_time
    accepted = policy.accepted_stamp_values
    if accepted is not None and event.stamp_value and event.stamp_value not in accepted:
        raise UnknownStampValue(
            "This stamp code does not belong to this card. Scan the store's own stamp code."
        )
    last = card.last_stamp_time
    # abs(): an older event synced late is judged by its distance from the last stamp too
    gap = None if last is None else abs(at - last)
    if policy.min_stamp_interval and gap is not None and gap < policy.min_stamp_interval:
        wait = policy.min_stamp_interval - gap
        raise MultipleStampAttempt(
            "This card was already stamped moments ago. "
            f"Another stamp is allowed in {_human(wait)}."
        )
    round_size = stamp_card.round_size
    after = card.current_stamps + 1
    earned = tuple(
        RewardInstance(
            reward_instance_id=new_id(),
            card_instance_id=card.card_instance_id,
            status=InstanceStatus.ACTIVE,
            rewarded_time=at,
            reward=reward,
            reward_expiration_date=(
                None if policy.reward_validity is None else at + policy.reward_validity
            ),
        )
        for reward in stamp_card.rewards
        if card.current_stamps < reward.threshold <= after
    )
    new_card = card.with_(
        current_stamps=0 if after >= round_size else after,
        total_stamps=card.total_stamps + 1,
        update_time=at,
        last_stamp_time=at if last is None else max(last, at),
        rewards=card.rewards + earned,
    )
    return Outcome(new_card, earned)


def _redeem(
    card: CardInstance, event: Event, stamp_card: StampCard, policy: StampPolicy,
    new_id: IdFactory,
) -> Outcome:
    at = event.event_time
    target = _find_reward(card, event.reward_instance_id)
    if target is None or target.status is not InstanceStatus.ACTIVE:
        state = "unknown" if target is None else target.status.value.lower()
        raise RewardNotRedeemable(
            f"This reward cannot be redeemed: it is {state}. Refresh the customer's card."
        )
    if not target.is_redeemable(at):
        expired = target.reward_expiration_date
        raise RewardNotRedeemable(
            f"This reward expired on {expired:%Y-%m-%d} and can no longer be redeemed."
        )
    return Outcome(_set_reward_status(card, target, InstanceStatus.REDEEMED, at))


def _remove_stamp(
    card: CardInstance, event: Event, stamp_card: StampCard, policy: StampPolicy,
    new_id: IdFactory,
) -> Outcome:
    current = card.current_stamps
    if current <= 0 and card.total_stamps > 0:
        # The stamp being removed completed a round, which reset the card to 0: reopen it.
        current = stamp_card.round_size
    if current <= 0:
        raise NothingToRemove("This card has no stamps to remove.")
    return Outcome(card.with_(
        current_stamps=current - 1,
        total_stamps=max(0, card.total_stamps - 1),
        update_time=event.event_time,
    ))


def _remove_reward(
    card: CardInstance, event: Event, stamp_card: StampCard, policy: StampPolicy,
    new_id: IdFactory,
) -> Outcome:
    target = _find_reward(card, event.reward_instance_id)
    if target is None or target.status is InstanceStatus.DELETED:
        raise RewardNotFound("There is no such reward on this card to remove.")
    return Outcome(_set_reward_status(card, target, InstanceStatus.DELETED, event.event_time))


def _find_reward(card: CardInstance, reward_instance_id: str | None) -> RewardInstance | None:
    if not reward_instance_id:
        return None
    return next(
        (r for r in card.rewards if r.reward_instance_id == reward_instance_id), None
    )


def _set_reward_status(
    card: CardInstance, target: RewardInstance, status: InstanceStatus, at: datetime
) -> CardInstance:
    rewards = tuple(
        replace(r, status=status) if r.reward_instance_id == target.reward_instance_id else r
        for r in card.rewards
    )
    return card.with_(rewards=rewards, update_time=at)


def _human(delta: timedelta) -> str:
    seconds = max(1, int(delta.total_seconds() + 0.999))
    if seconds < 120:
        return f"{seconds} seconds"
    minutes = (seconds + 59) // 60
    if minutes < 120:
        return f"{minutes} minutes"
    return f"{(minutes + 59) // 60} hours"


_HANDLERS = {
    EventType.STAMP: _stamp,
    EventType.REDEEM: _redeem,
    EventType.REMOVE_STAMP: _remove_stamp,
    EventType.REMOVE_REWARD: _remove_reward,
}
