"""What the customer panel shows, as plain values: a member and their stamp cards.

Built by :func:`from_customer` from what the services return, so panels never reach into
the store. ``confirmed`` tells whether the server has seen every event behind the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos.services.identify import CardView as ServiceCardView
from pos.services.identify import Customer
from stamps.members import Member
from stamps.models import InstanceStatus, StampType


@dataclass(frozen=True, slots=True)
class RewardView:
    reward_instance_id: str
    name: str
    expires: datetime | None = None
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class CardView:
    card_instance_id: str
    name: str
    stamp_type: StampType
    current: int
    threshold: int
    status: InstanceStatus = InstanceStatus.ACTIVE
    issue_date: datetime | None = None
    expiration_date: datetime | None = None
    rewards: tuple[RewardView, ...] = ()
    #: reward thresholds inside one round, drawn as marks on the progress
    milestones: tuple[int, ...] = ()
    confirmed: bool = True
    pending_events: int = 0
    url: str | None = None  # the vvd.bz URL, once issued

    @property
    def usable(self) -> bool:
        return self.status is InstanceStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class CustomerView:
    member: Member | None
    cards: tuple[CardView, ...]
    member_pending: bool = False  # registered here, not yet confirmed by the service
    member_local_id: int | None = None
    selected_card_id: str | None = None

    @property
    def confirmed(self) -> bool:
        return not self.member_pending and all(c.confirmed for c in self.cards)

    @property
    def title(self) -> str:
        if self.member is not None:
            return self.member.name
        return ""


def from_customer(
    customer: Customer,
    now: datetime,
    waiting_by_card: dict[str, int] | None = None,
    unknown_card_name: str = "Card",
) -> CustomerView:
    """Turn what :mod:`pos.services.identify` found into what the panel draws. Dates are shown
    in ``now``'s zone (pass the store's local now), so a card shows the store's days."""
    waiting = waiting_by_card or {}
    cards = [_card(view, now, waiting.get(view.card.card_instance_id, 0))
             for view in customer.cards]
    known = {c.card_instance_id for c in cards}
    if customer.selected_card_id and customer.selected_card_id not in known:
        # A card never seen on this terminal: it can take stamps; the server decides.
        cards.append(CardView(
            card_instance_id=customer.selected_card_id,
            name=f"{unknown_card_name} {customer.selected_card_id[:8]}",
            stamp_type=StampType.QR, current=0, threshold=10, confirmed=False,
            pending_events=waiting.get(customer.selected_card_id, 0),
        ))
    return CustomerView(member=customer.member, cards=tuple(cards),
                        member_pending=customer.member_pending,
                        member_local_id=customer.member_local_id,
                        selected_card_id=customer.selected_card_id)


def _card(view: ServiceCardView, now: datetime, waiting: int) -> CardView:
    card, stamp_card = view.card, view.stamp_card
    threshold = stamp_card.round_size if stamp_card else max(card.current_stamps, 10)
    milestones = tuple(sorted({r.threshold for r in stamp_card.rewards})) if stamp_card else ()
    rewards = tuple(
        RewardView(r.reward_instance_id, r.reward.name, _in_zone(r.reward_expiration_date, now),
                   confirmed=not r.reward_instance_id.startswith("local-"))
        for r in card.active_rewards(now)
    )
    status = card.status
    if status is InstanceStatus.ACTIVE and card.expiration_date and card.expiration_date <= now:
        status = InstanceStatus.EXPIRED
    return CardView(
        card_instance_id=card.card_instance_id,
        name=stamp_card.name if stamp_card else card.stamp_card_id[:8],
        stamp_type=stamp_card.stamp_type if stamp_card else StampType.QR,
        current=card.current_stamps, threshold=threshold, status=status,
        issue_date=_in_zone(card.issue_date, now),
        expiration_date=_in_zone(card.expiration_date, now), rewards=rewards,
        milestones=milestones, confirmed=view.confirmed and waiting == 0,
        pending_events=waiting,
    )


def _in_zone(moment: datetime | None, now: datetime) -> datetime | None:
    return None if moment is None else moment.astimezone(now.tzinfo)
