"""Fills a fresh terminal database with the demo catalog, members and cards, as a terminal
that has been online once would hold them, so the demo and the UI tests start from the same
known customers (see :mod:`server.demo_data`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ledger import Ledger
from pos.settings import config as config_module
from pos.settings import secrets
from server import demo_data as demo


def seed_terminal_cache(store: Ledger) -> None:
    """Seed the cards as they stand at the ledger's now (the demo's dates are relative)."""
    now = store.clock.now()
    with store.db.transaction():
        store.catalog.save_cards((card, idx) for idx, card in demo.demo_stamp_cards(now))
        for card_id, masters in demo.DEMO_STAMP_MASTERS.items():
            store.catalog.save_stamp_masters(card_id, masters)
        store.catalog.save_merchants(merchant for merchant, _stores in demo.DEMO_MERCHANTS)
        for member in demo.DEMO_MEMBERS:
            store.members.upsert(member)
        for instance in demo.demo_card_instances(now):
            store.cards.save_confirmed(
                instance, member_id=demo.DEMO_CARD_OWNERS[instance.card_instance_id]
            )
        store.cards.save_stamp_code(demo.DEMO_VVD_CODE, demo.CARD_VVD, demo.DEMO_VVD_URL)


def demo_payloads() -> list[str]:
    """What the demo camera shows in turn: two demo cards, a vvd.bz card and a foreign code."""
    return [demo.CARD_NEAR_REWARD, demo.DEMO_VVD_URL, demo.CARD_WITH_REWARD,
            "https://example.com/menu"]


def prepare_demo(home: Path | None, server_config: Any = None) -> tuple[Any, Path]:
    """A data directory wired to the reference service (started here) with demo data:
    ``home``, else ``STAMP_POS_HOME`` when set (as the README promises), else a new one."""
    from server.config import ServerConfig
    from server.runner import ServerThread

    from_env = os.environ.get(config_module.ENV_PREFIX + "HOME")
    base = home or Path(from_env or tempfile.mkdtemp(prefix="stamp-pos-demo-"))
    os.environ[config_module.ENV_PREFIX + "HOME"] = str(base)
    server = ServerThread(server_config or ServerConfig(port=0, demo_data=True)).start()
    use_demo_service(server.base_url)
    return server, base


def use_demo_service(base_url: str) -> None:
    """Point this data directory's settings and secrets at a reference service with demo data."""
    config_module.save({
        "fintiv_base_url": f"{base_url}/stampcard/v2/",
        "vvd_base_url": base_url,
        "membership_base_url": base_url,
        "merchant_id": demo.KOPI_MERCHANT_ID,
        "membership_merchant": demo.DEMO_MEMBERSHIP_MERCHANT,
        "store_id": demo.DEMO_MEMBERSHIP_STORE,
        "terminal_id": "demo-counter",
    })
    secrets.set("fintiv_api_key", demo.DEMO_API_KEY)
    secrets.set("fintiv_bearer", demo.DEMO_BEARER_TOKEN)
    secrets.set("membership_token", demo.DEMO_MEMBERSHIP_TOKEN)
    secrets.set("vvd_key", demo.DEMO_VVD_KEY)
