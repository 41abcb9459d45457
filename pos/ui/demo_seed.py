"""Fills a fresh terminal database with the demo catalog, members and cards, as a terminal
that has been online once would hold them, so the demo and the UI tests start from the same
known customers (see :mod:`server.demo_data`)."""

from __future__ import annotations

from ledger import Ledger
from server import demo_data as demo


def seed_terminal_cache(store: Ledger) -> None:
    with store.db.transaction():
        store.catalog.save_cards((card, idx) for idx, card in demo.DEMO_STAMP_CARDS)
        for card_id, masters in demo.DEMO_STAMP_MASTERS.items():
            store.catalog.save_stamp_masters(card_id, masters)
        store.catalog.save_merchants(merchant for merchant, _stores in demo.DEMO_MERCHANTS)
        for member in demo.DEMO_MEMBERS:
            store.members.upsert(member)
        for instance in demo.DEMO_CARD_INSTANCES:
            store.cards.save_confirmed(
                instance, member_id=demo.DEMO_CARD_OWNERS[instance.card_instance_id]
            )
        store.cards.save_stamp_code(demo.DEMO_VVD_CODE, demo.CARD_VVD, demo.DEMO_VVD_URL)
