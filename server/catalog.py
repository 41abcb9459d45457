"""Merchants, stores, stamp cards and stamp master data: written once (demo seeding or admin),
read on every request, so they are cached in memory and reloaded after each write."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, replace

from server.database import Connection, Database
from stamps.models import Merchant, Reward, StampCard, StampMaster, Store
from stamps.wire import from_api, to_api


@dataclass(frozen=True)
class CatalogEntry:
    card: StampCard  # its merchant carries no store; stores are listed apart
    idx: int
    stores: tuple[Store, ...]
    masters: tuple[StampMaster, ...]
    #: stampValues a STAMP event may carry: the card's ACTIVE stamp master data
    stamp_values: frozenset[str]


@dataclass(frozen=True)
class _Snapshot:
    entries: tuple[CatalogEntry, ...]
    by_id: dict[str, CatalogEntry]
    by_idx: dict[int, CatalogEntry]
    merchants: tuple[tuple[Merchant, tuple[Store, ...]], ...]
    rewards: dict[str, Reward]
    masters_by_value: dict[tuple[str, str], StampMaster]


class Catalog:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._snap: _Snapshot | None = None
        self._generation = 0  # bumped by invalidate(), so a load begun before it is not kept

    # ---- reads ------------------------------------------------------------------------

    def entries(self) -> tuple[CatalogEntry, ...]:
        return self._snapshot().entries

    def entry(self, stamp_card_id: str) -> CatalogEntry | None:
        return self._snapshot().by_id.get(stamp_card_id)

    def by_idx(self, idx: int) -> CatalogEntry | None:
        return self._snapshot().by_idx.get(idx)

    def merchants(self) -> tuple[tuple[Merchant, tuple[Store, ...]], ...]:
        return self._snapshot().merchants

    def reward(self, reward_id: str) -> Reward:
        """The reward master; a placeholder if it was removed from the catalog since."""
        found = self._snapshot().rewards.get(reward_id)
        return found or Reward(reward_id=reward_id, name="", threshold=0)

    def master(self, stamp_card_id: str, stamp_value: str | None) -> StampMaster | None:
        if stamp_value is None:
            return None
        return self._snapshot().masters_by_value.get((stamp_card_id, stamp_value))

    def invalidate(self) -> None:
        with self._lock:
            self._snap = None
            self._generation += 1

    # ---- loading ----------------------------------------------------------------------

    def _snapshot(self) -> _Snapshot:
        snap = self._snap  # one reference read
        if snap is not None:
            return snap
        # Load holding no lock of ours: a batch calls this inside the database's write lock,
        # so taking our lock first and the database's second (as a reader would) deadlocked.
        # Two threads may both load; the first to finish wins, the other's copy is dropped.
        generation = self._generation
        loaded = self._load()
        with self._lock:
            if self._snap is None and generation == self._generation:
                self._snap = loaded
            return self._snap or loaded

    def _load(self) -> _Snapshot:
        with self._db.read() as conn:
            merchant_rows = conn.execute(
                "SELECT merchant_id, body FROM merchants ORDER BY rowid"
            ).fetchall()
            store_rows = conn.execute(
                "SELECT merchant_id, body FROM stores ORDER BY rowid"
            ).fetchall()
            card_rows = conn.execute(
                "SELECT stamp_card_id, card_idx, merchant_id, body FROM stamp_cards"
                " ORDER BY card_idx"
            ).fetchall()
            master_rows = conn.execute(
                "SELECT stamp_card_id, body FROM stamp_masters ORDER BY rowid"
            ).fetchall()
        stores: dict[str, list[Store]] = {}
        for merchant_id, body in store_rows:
            stores.setdefault(merchant_id, []).append(from_api(Store, json.loads(body)))
        merchants = {mid: from_api(Merchant, json.loads(body)) for mid, body in merchant_rows}
        masters: dict[str, list[StampMaster]] = {}
        for card_id, body in master_rows:
            masters.setdefault(card_id, []).append(from_api(StampMaster, json.loads(body)))
        entries = []
        for card_id, idx, merchant_id, body in card_rows:
            card = replace(from_api(StampCard, json.loads(body)),
                           merchant=merchants.get(merchant_id))
            entries.append(CatalogEntry(
                card=card, idx=idx, stores=tuple(stores.get(merchant_id, ())),
                masters=tuple(masters.get(card_id, ())),
                stamp_values=frozenset(
                    m.stamp_value for m in masters.get(card_id, ()) if m.stamp_state == "ACTIVE"
                ),
            ))
        return _Snapshot(
            entries=tuple(entries),
            by_id={e.card.stamp_card_id: e for e in entries},
            by_idx={e.idx: e for e in entries},
            merchants=tuple((m, tuple(stores.get(mid, ()))) for mid, m in merchants.items()),
            rewards={r.reward_id: r for e in entries for r in e.card.rewards},
            masters_by_value={
                (e.card.stamp_card_id, m.stamp_value): m for e in entries for m in e.masters
            },
        )


def insert_merchant(conn: Connection, merchant: Merchant, stores: list[Store]) -> None:
    """Add a merchant and its stores; call :meth:`Catalog.invalidate` after the commit."""
    body = to_api(replace(merchant, store=None))
    conn.execute(
        "INSERT INTO merchants(merchant_id, merchant_name, body) VALUES (?, ?, ?)",
        (merchant.merchant_id, merchant.merchant_name, json.dumps(body)),
    )
    conn.executemany(
        "INSERT INTO stores(store_id, merchant_id, latitude, longitude, body)"
        " VALUES (?, ?, ?, ?, ?)",
        [(s.store_id, merchant.merchant_id, s.latitude, s.longitude, json.dumps(to_api(s)))
         for s in stores],
    )


def insert_stamp_card(
    conn: Connection, card: StampCard, idx: int, masters: list[StampMaster]
) -> None:
    """Add a stamp card (its merchant must exist) with its vvd.bz ``idx`` and master data."""
    merchant_id = card.merchant.merchant_id if card.merchant else None
    conn.execute(
        "INSERT INTO stamp_cards(stamp_card_id, card_idx, merchant_id, body) VALUES (?, ?, ?, ?)",
        (card.stamp_card_id, idx, merchant_id, json.dumps(to_api(replace(card, merchant=None)))),
    )
    conn.executemany(
        "INSERT INTO stamp_masters(stamp_id, stamp_card_id, stamp_value, body) VALUES (?, ?, ?, ?)",
        [(m.stamp_id, card.stamp_card_id, m.stamp_value, json.dumps(to_api(m)))
         for m in masters],
    )
