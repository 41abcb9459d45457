"""The demo tells the same story whenever it is seeded: a card one stamp from its reward last
stamped three days ago, a reward earned last week and still valid, a card that expired last
month, every other card usable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server import demo_data as demo
from stamps.clock import FrozenClock
from stamps.models import InstanceStatus
from stamps.timestamps import format_timestamp
from tests.helpers.service_clients import fintiv_for

pytestmark = pytest.mark.dates

#: seeding moments: an ordinary day, a year's last second, a leap day, the first of a month,
#: the day the old fixed dates ran out, and a far year
MOMENTS = [
    datetime(2026, 11, 22, 10, 0, tzinfo=UTC),
    datetime(2027, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(2028, 2, 29, 12, 0, tzinfo=UTC),
    datetime(2029, 3, 1, 0, 0, 1, tzinfo=UTC),
    datetime(2031, 1, 1, 0, 0, tzinfo=UTC),
    datetime(2099, 7, 14, 8, 30, tzinfo=UTC),
]


def _month_before(moment: datetime) -> tuple[int, int]:
    return (moment.year, moment.month - 1) if moment.month > 1 else (moment.year - 1, 12)


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.isoformat()[:10])
def test_the_story_is_the_same_on_any_day(now: datetime) -> None:
    cards = {c.card_instance_id: c for c in demo.demo_card_instances(now)}
    assert list(cards) == list(demo.DEMO_CARD_IDS)
    near = cards[demo.CARD_NEAR_REWARD]
    assert near.current_stamps == 4 and near.last_stamp_time == now - timedelta(days=3)
    reward = cards[demo.CARD_WITH_REWARD].rewards[0]
    assert reward.rewarded_time == now - timedelta(days=7)
    assert reward.is_redeemable(now)
    expired = cards[demo.CARD_EXPIRED]
    assert expired.expiration_date is not None and expired.expiration_date < now
    assert (expired.expiration_date.year, expired.expiration_date.month) == _month_before(now)
    for cid, card in cards.items():
        assert card.issue_date <= now and (card.last_stamp_time or card.issue_date) <= now
        if cid != demo.CARD_EXPIRED:
            assert card.expiration_date is not None and card.expiration_date > now, cid
    for _, program in demo.demo_stamp_cards(now):
        assert program.stamp_end_date is not None
        assert program.stamp_end_date.year == now.year + demo.PROGRAM_YEARS


@pytest.mark.parametrize("now", [MOMENTS[0], MOMENTS[4]], ids=["2026", "2031"])
def test_a_service_seeded_on_that_day_serves_the_story(make_server: Any, now: datetime) -> None:
    fintiv = fintiv_for(make_server(clock=FrozenClock(now, UTC)))
    cards = {c["cardInstanceId"]: c for c in fintiv("getCards", {})["cards"]}
    assert cards[demo.CARD_EXPIRED]["status"] == InstanceStatus.EXPIRED.value
    assert cards[demo.CARD_NEAR_REWARD]["status"] == "ACTIVE"
    rewards = fintiv("getRewards", {"cardInstanceId": demo.CARD_WITH_REWARD})
    assert [r["rewardInstanceId"] for r in rewards["rewards"]] == [demo.DEMO_REWARD_INSTANCE]
    stamped = fintiv("reportStampEvent", {
        "cardInstanceId": demo.CARD_NEAR_REWARD, "eventType": "STAMP",
        "eventTime": format_timestamp(now), "stampValue": demo.COFFEE_CLUB_STAMP})
    assert stamped["result"] == {"code": 0}  # one stamp from the reward: it earns it
    assert [r["reward"]["name"] for r in stamped["rewards"]] == ["Free Coffee"]
