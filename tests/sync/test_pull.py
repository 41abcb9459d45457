"""Pulling master data and customers into the local database, and member lookups that fall
back to the local FTS cache when the service cannot be reached."""

from __future__ import annotations

import pytest

from server import demo_data as demo
from sync.http import HttpSettings, build_client
from sync.membership import MembershipClient
from sync.pull import lookup_member, refresh_card, refresh_master_data

pytestmark = pytest.mark.dates


def _members(base_url: str) -> MembershipClient:
    http = build_client(HttpSettings(base_url + "/api/memberships/", connect_timeout=0.3))
    return MembershipClient(http, token=demo.DEMO_MEMBERSHIP_TOKEN,
                            merchant=demo.DEMO_MEMBERSHIP_MERCHANT)


def test_catalog_stamps_and_merchants_are_stored_page_by_page(service, store):
    report = refresh_master_data(store, service.client(), page_size=2)
    assert report.cards == len(demo.DEMO_STAMP_CARDS) > 2
    assert {c.stamp_card_id for c in store.catalog.cards()} == {
        c.stamp_card_id for _, c in demo.DEMO_STAMP_CARDS}
    assert store.catalog.default_stamp_value(demo.COFFEE_CLUB_ID) == demo.COFFEE_CLUB_STAMP
    assert store.catalog.card_for_stamp_value(demo.BAKERY_TAP_STAMP) == demo.BAKERY_TAP_ID
    assert len(store.catalog.merchants()) == report.merchants > 0
    # the vvd.bz index comes with the catalog, so a terminal never seeded can issue cards
    assert {store.catalog.card_idx(c.stamp_card_id) for c in store.catalog.cards()} == {
        idx for idx, _ in demo.DEMO_STAMP_CARDS}


def test_member_lookup_online_caches_and_offline_uses_the_cache(service, store):
    found, online = lookup_member(store, _members(service.base_url), "siti.rahayu@example.com")
    assert online and [m.name for _, m in found] == ["Siti Rahayu"]
    offline = _members("http://127.0.0.1:9")
    found, online = lookup_member(store, offline, "siti")
    assert not online
    assert [m.name for _, m in found] == ["Siti Rahayu"]


def test_unknown_member_online_is_an_empty_answer(service, store):
    found, online = lookup_member(store, _members(service.base_url), "nobody@example.com")
    assert online and found == []


def test_customer_card_refreshed_with_its_rewards(service, store):
    card = service.client().get_cards(card_instance_id=demo.CARD_WITH_REWARD)[0]
    store.cards.save_local(card.with_(rewards=()))
    assert refresh_card(store, service.client(), demo.CARD_WITH_REWARD)
    local, confirmed = store.cards.get(demo.CARD_WITH_REWARD)
    assert confirmed
    assert [r.reward_instance_id for r in local.rewards] == [demo.DEMO_REWARD_INSTANCE]


def test_identified_customer_is_refreshed_on_the_engine_thread(service, store, make_engine):
    from tests.helpers.processes import wait_until

    card = service.client().get_cards(card_instance_id=demo.CARD_WITH_REWARD)[0]
    store.cards.save_local(card.with_(rewards=()))
    engine = make_engine()
    engine.start()
    try:
        engine.refresh_cards([demo.CARD_WITH_REWARD])
        assert wait_until(lambda: store.cards.get(demo.CARD_WITH_REWARD)[1], 10)
    finally:
        engine.stop()
    assert store.cards.get(demo.CARD_WITH_REWARD)[0].rewards[0].reward_instance_id == (
        demo.DEMO_REWARD_INSTANCE)


def test_an_answered_catalog_pull_shows_the_terminal_online(service, store, make_engine):
    from dataclasses import replace

    from sync.status import Connectivity
    from tests.helpers.processes import wait_until

    from .conftest import fast_settings

    engine = make_engine(settings=replace(fast_settings(), pull_interval=300.0))
    assert engine.status.connectivity is Connectivity.UNKNOWN
    engine.start()
    try:
        # No event is waiting: only the start-up pull can tell the engine it is online.
        assert wait_until(lambda: engine.status.connectivity is Connectivity.ONLINE, 10)
    finally:
        engine.stop()
    assert store.catalog.cards()
