from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from stamps.models import Event, EventType, InstanceStatus
from stamps.rules import StampPolicy, apply_event, replay
from tests.helpers.builders import T0, id_factory, make_card, make_stamp_card

pytestmark = pytest.mark.dates

POLICY = StampPolicy()


def ev(kind, at=T0, **kw):
    return Event(card_instance_id="3ab8fd17-2fb5-468c-9079-dfb887aacc54", event_type=kind,
                 event_time=at, **kw)


def stamp_n(card, stamp_card, n, ids, policy=POLICY):
    earned = []
    for i in range(n):
        out = apply_event(card, ev(EventType.STAMP, T0 + timedelta(seconds=i)), stamp_card,
                          policy, ids)
        card = out.card
        earned.extend(out.earned)
    return card, earned


def test_stamp_adds_one(ids):
    out = apply_event(make_card(2), ev(EventType.STAMP), make_stamp_card(5), POLICY, ids)
    assert out.card.current_stamps == 3
    assert out.card.total_stamps == 3
    assert out.card.last_stamp_time == T0
    assert out.earned == ()


def test_reaching_threshold_creates_active_reward_and_starts_a_new_round(ids):
    card, earned = stamp_n(make_card(), make_stamp_card(5, 10), 10, ids)
    assert [r.reward.threshold for r in earned] == [5, 10]
    assert all(r.status is InstanceStatus.ACTIVE for r in earned)
    assert card.current_stamps == 0
    assert card.total_stamps == 10
    assert earned[0].reward_expiration_date == earned[0].rewarded_time + timedelta(days=30)


def test_redeem_only_active_unexpired(ids):
    card, earned = stamp_n(make_card(4), make_stamp_card(5), 1, ids)
    rid = earned[0].reward_instance_id
    redeemed = apply_event(card, ev(EventType.REDEEM, reward_instance_id=rid),
                           make_stamp_card(5), POLICY, ids).card
    assert redeemed.rewards[0].status is InstanceStatus.REDEEMED
    with pytest.raises(RewardNotRedeemable, match="redeemed"):
        apply_event(redeemed, ev(EventType.REDEEM, reward_instance_id=rid), make_stamp_card(5),
                    POLICY, ids)
    late = T0 + timedelta(days=31)
    with pytest.raises(RewardNotRedeemable, match="expired"):
        apply_event(card, ev(EventType.REDEEM, late, reward_instance_id=rid), make_stamp_card(5),
                    POLICY, ids)
    with pytest.raises(RewardNotRedeemable, match="unknown"):
        apply_event(card, ev(EventType.REDEEM, reward_instance_id="nope"), make_stamp_card(5),
                    POLICY, ids)


def test_remove_stamp_never_below_zero(ids):
    out = apply_event(make_card(1), ev(EventType.REMOVE_STAMP), make_stamp_card(5), POLICY, ids)
    assert out.card.current_stamps == 0
    with pytest.raises(NothingToRemove, match="no stamps"):
        apply_event(out.card, ev(EventType.REMOVE_STAMP), make_stamp_card(5), POLICY, ids)


def test_remove_stamp_reopens_a_completed_round(ids):
    card, earned = stamp_n(make_card(4), make_stamp_card(5), 1, ids)
    assert card.current_stamps == 0 and earned  # the round completed and reset
    out = apply_event(card, ev(EventType.REMOVE_STAMP), make_stamp_card(5), POLICY, ids)
    assert (out.card.current_stamps, out.card.total_stamps) == (4, 4)


def test_remove_reward_deletes_it(ids):
    card, earned = stamp_n(make_card(4), make_stamp_card(5), 1, ids)
    rid = earned[0].reward_instance_id
    out = apply_event(card, ev(EventType.REMOVE_REWARD, reward_instance_id=rid),
                      make_stamp_card(5), POLICY, ids)
    assert out.card.rewards[0].status is InstanceStatus.DELETED
    with pytest.raises(RewardNotFound):
        apply_event(out.card, ev(EventType.REMOVE_REWARD, reward_instance_id=rid),
                    make_stamp_card(5), POLICY, ids)


@pytest.mark.parametrize("kind", list(EventType))
def test_expired_or_inactive_card_accepts_nothing(kind, ids):
    expired = make_card(1, expires=T0 - timedelta(seconds=1))
    with pytest.raises(CardExpired, match="expired on"):
        apply_event(expired, ev(kind, reward_instance_id="r"), make_stamp_card(5), POLICY, ids)
    removed = make_card(1, status=InstanceStatus.DELETED)
    with pytest.raises(CardNotActive, match="deleted"):
        apply_event(removed, ev(kind, reward_instance_id="r"), make_stamp_card(5), POLICY, ids)


def test_program_dates_apply(ids):
    ended = replace(make_stamp_card(5), stamp_end_date=T0 - timedelta(days=1))
    with pytest.raises(CardExpired, match="ended"):
        apply_event(make_card(), ev(EventType.STAMP), ended, POLICY, ids)


def test_minimum_interval_is_configurable(ids):
    policy = StampPolicy(min_stamp_interval=timedelta(minutes=5))
    card = apply_event(make_card(), ev(EventType.STAMP), make_stamp_card(5), policy, ids).card
    with pytest.raises(MultipleStampAttempt, match="already stamped") as info:
        apply_event(card, ev(EventType.STAMP, T0 + timedelta(minutes=4)), make_stamp_card(5),
                    policy, ids)
    assert info.value.code == 33003
    assert info.value.key == "stamp.multiple.stamp.attempt"
    later = apply_event(card, ev(EventType.STAMP, T0 + timedelta(minutes=5)), make_stamp_card(5),
                        policy, ids)
    assert later.card.current_stamps == 2


def test_minimum_interval_judges_an_older_event_by_its_distance(ids):
    # An offline terminal may sync a stamp older than the card's last one: far older is fine,
    # a few minutes older is the same visit, and the wait is never absurd.
    policy = StampPolicy(min_stamp_interval=timedelta(minutes=5))
    card = apply_event(make_card(), ev(EventType.STAMP), make_stamp_card(5), policy, ids).card
    days_before = ev(EventType.STAMP, T0 - timedelta(days=3))
    assert apply_event(card, days_before, make_stamp_card(5), policy, ids).card.current_stamps == 2
    with pytest.raises(MultipleStampAttempt, match="allowed in 2 minutes"):
        apply_event(card, ev(EventType.STAMP, T0 - timedelta(minutes=3)), make_stamp_card(5),
                    policy, ids)


def test_unknown_stamp_value_refused_but_none_means_the_regular_stamp(ids):
    policy = StampPolicy(accepted_stamp_values=frozenset({"GZ23-A457-Z50-E56X-O23G"}))
    with pytest.raises(UnknownStampValue):
        apply_event(make_card(), ev(EventType.STAMP, stamp_value="X"), make_stamp_card(5), policy,
                    ids)
    out = apply_event(make_card(), ev(EventType.STAMP), make_stamp_card(5), policy, ids)
    assert out.card.current_stamps == 1


def test_reward_events_come_from_the_service_only(ids):
    with pytest.raises(EventNotAllowed):
        apply_event(make_card(), ev(EventType.REWARD), make_stamp_card(5), POLICY, ids)


def test_every_refusal_reads_as_a_sentence(ids):
    for exc_type in RuleViolation.__subclasses__():
        assert exc_type.code != 33000
        assert exc_type.key.startswith("stamp.")


# ---- properties ---------------------------------------------------------------------------

kinds = st.sampled_from([EventType.STAMP, EventType.STAMP, EventType.STAMP, EventType.REDEEM,
                         EventType.REMOVE_STAMP, EventType.REMOVE_REWARD])
sequences = st.lists(st.tuples(kinds, st.integers(0, 5), st.integers(0, 90)), max_size=60)
thresholds = st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)


def build_events(seq):
    events, at = [], T0
    for kind, pick, gap in seq:
        at = at + timedelta(seconds=gap)
        events.append(ev(kind, at, reward_instance_id=f"reward-{pick}"))
    return events


@settings(max_examples=150, deadline=None)
@given(sequences, thresholds, st.sampled_from([0, 30]))
def test_replay_is_deterministic_and_never_negative(seq, ts, interval):
    stamp_card = make_stamp_card(*ts)
    policy = StampPolicy(min_stamp_interval=timedelta(seconds=interval))
    events = build_events(seq)
    first, refused1 = replay(make_card(), events, stamp_card, policy, id_factory())
    second, refused2 = replay(make_card(), events, stamp_card, policy, id_factory())
    assert first == second
    assert refused1 == refused2
    assert 0 <= first.current_stamps < stamp_card.round_size
    assert first.total_stamps >= 0


@settings(max_examples=150, deadline=None)
@given(sequences, thresholds)
def test_rewards_earned_match_stamps_and_thresholds(seq, ts):
    """A separate, obviously-right model of the rounds agrees with the rules."""
    stamp_card = make_stamp_card(*ts)
    round_size = stamp_card.round_size
    events = [e for e in build_events(seq) if e.event_type in (EventType.STAMP,
                                                                EventType.REMOVE_STAMP)]
    card, _ = replay(make_card(), events, stamp_card, POLICY, id_factory())
    current, total, expected = 0, 0, {t: 0 for t in ts}
    for e in events:
        if e.event_type is EventType.STAMP:
            current, total = current + 1, total + 1
            for t in ts:
                if current == t:
                    expected[t] += 1
            if current == round_size:
                current = 0
        elif total > 0:  # at 0 after a completed round, removing a stamp reopens the round
            current, total = (current or round_size) - 1, total - 1
    got = {t: sum(1 for r in card.rewards if r.reward.threshold == t) for t in ts}
    assert got == expected
    assert card.current_stamps == current


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 60), thresholds)
def test_stamps_only_closed_form(n, ts):
    stamp_card = make_stamp_card(*ts)
    size = stamp_card.round_size
    card, _ = replay(make_card(), [ev(EventType.STAMP, T0 + timedelta(seconds=i))
                                   for i in range(n)], stamp_card, POLICY, id_factory())
    for t in ts:
        earned = sum(1 for r in card.rewards if r.reward.threshold == t)
        assert earned == n // size + (1 if n % size >= t else 0)
    assert card.current_stamps == n % size


@pytest.fixture
def ids():
    return id_factory()
