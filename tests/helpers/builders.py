from datetime import UTC, datetime, timedelta
from itertools import count

from stamps.models import CardInstance, InstanceStatus, Reward, StampCard, StampType

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def make_card(current: int = 0, *, expires: datetime | None = None,
              status: InstanceStatus = InstanceStatus.ACTIVE) -> CardInstance:
    return CardInstance(
        card_instance_id="3ab8fd17-2fb5-468c-9079-dfb887aacc54",
        stamp_card_id="0616DE94-DED7-4D51-B766-2203296654FB",
        current_stamps=current, total_stamps=current, issue_date=T0 - timedelta(days=30),
        expiration_date=expires or T0 + timedelta(days=365), status=status,
    )


def make_stamp_card(*thresholds: int) -> StampCard:
    rewards = tuple(
        Reward(reward_id=f"R{t}", name=f"Reward at {t}", threshold=t) for t in thresholds
    )
    return StampCard(stamp_card_id="0616DE94-DED7-4D51-B766-2203296654FB", name="Coffee Club",
                     stamp_type=StampType.QR, stamp_count=max(thresholds), rewards=rewards)


def id_factory():
    n = count(1)
    return lambda: f"reward-{next(n)}"


