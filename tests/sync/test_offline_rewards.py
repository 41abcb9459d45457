"""A reward earned and redeemed while offline: the redemption goes out under the reward id
the service gave when the stamp that earned it was synced."""

from __future__ import annotations

import pytest

from pos.services import stamping
from pos.services.context import Context
from pos.services.settings import TerminalSettings
from server import demo_data as demo
from stamps.models import EventType
from sync.engine import DrainResult
from sync.pull import refresh_master_data

pytestmark = pytest.mark.dates


@pytest.fixture
def ctx(store, tmp_path):
    return Context(store=store, settings=TerminalSettings(), clock=store.clock)


def test_reward_earned_and_redeemed_offline(service, store, ctx, make_engine):
    client = service.client()
    refresh_master_data(store, client)
    card = client.add_card(demo.COFFEE_CLUB_ID)
    store.cards.save_confirmed(card)
    stamped = stamping.add_stamps(ctx, card.card_instance_id, 5)
    (local_reward,) = stamped.earned
    assert local_reward.reward_instance_id.startswith("local-")
    redeemed = stamping.redeem(ctx, card.card_instance_id, local_reward.reward_instance_id)
    assert make_engine().drain(timeout=30) is DrainResult.DRAINED
    redeem_event = store.outbox.get(redeemed.event_ids[0])
    assert redeem_event.state == "synced"
    history = client.get_event_history(card.card_instance_id)
    earned = [e.reward_instance_id for e in history if e.event_type is EventType.REWARD]
    spent = [e.reward_instance_id for e in history if e.event_type is EventType.REDEEM]
    assert earned == spent == [redeem_event.reward_instance_id]
    assert client.get_rewards(card.card_instance_id) == []  # nothing left to redeem


def test_redemption_of_a_reward_whose_stamp_was_refused_is_refused(service, store, ctx,
                                                                   make_engine):
    client = service.client()
    refresh_master_data(store, client)
    card = client.add_card(demo.COFFEE_CLUB_ID)
    store.cards.save_confirmed(card)
    client.remove_card(card.card_instance_id)  # the stamps will be refused: card not active
    stamped = stamping.add_stamps(ctx, card.card_instance_id, 5)
    redeemed = stamping.redeem(ctx, card.card_instance_id, stamped.earned[0].reward_instance_id)
    assert make_engine().drain(timeout=30) is DrainResult.DRAINED
    assert all(store.outbox.get(e).state == "rejected" for e in stamped.event_ids)
    refused = store.outbox.get(redeemed.event_ids[0])
    assert refused.state == "rejected" and refused.result_code == 33005
