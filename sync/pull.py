"""Reading from the services into the local database, so the terminal works offline:
the catalog (paged), stamp master data and merchants; a customer's cards and rewards when
they are identified; member lookups that fall back to the local FTS cache when offline."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ledger import Ledger
from stamps.members import Member
from sync.errors import AmbiguousError, ApiValidationError, ServerError, TransportError
from sync.fintiv import FintivClient
from sync.membership import MembershipClient

log = logging.getLogger(__name__)

#: Failures after which a lookup falls back to the local cache.
UNREACHABLE = (TransportError, AmbiguousError, ServerError)


@dataclass(frozen=True, slots=True)
class PullReport:
    cards: int
    stamps: int
    merchants: int


def refresh_master_data(store: Ledger, client: FintivClient, *, page_size: int = 100) -> PullReport:
    """Catalog, each card's stamp master data, and merchants. Raises SyncError on failure,
    leaving what was stored before untouched."""
    entries = list(client.iter_catalog(page_size=page_size))
    cards = [card for card, _idx in entries]
    masters = {c.stamp_card_id: client.get_stamps(c.stamp_card_id) for c in cards}
    merchants = client.get_merchants()
    with store.db.transaction():
        # the service's cardIdx when it sends one (issuing needs it), else the one known here
        store.catalog.save_cards(
            (c, idx if idx is not None else store.catalog.card_idx(c.stamp_card_id))
            for c, idx in entries
        )
        for card_id, stamps in masters.items():
            store.catalog.save_stamp_masters(card_id, stamps)
        store.catalog.save_merchants(merchants)
    return PullReport(len(cards), sum(len(m) for m in masters.values()), len(merchants))


def refresh_card(store: Ledger, client: FintivClient, card_instance_id: str) -> bool:
    """Bring one card's rewards up to date from the service. The shown state is replaced only
    when no local event of the card is still waiting; returns whether anything was stored."""
    rewards = client.get_rewards(card_instance_id)
    known = store.cards.server_state(card_instance_id) or (
        (store.cards.get(card_instance_id) or (None, False))[0]
    )
    if known is None:
        return False
    card = known.with_(rewards=tuple(rewards))
    waiting = store.db.scalar(
        "SELECT COUNT(*) FROM outbox WHERE card_instance_id = ? "
        "AND state IN ('pending', 'in_flight')", (card_instance_id,),
    )
    if waiting:
        return False
    store.cards.save_confirmed(card)
    return True


def lookup_member(
    store: Ledger, client: MembershipClient | None, user: str
) -> tuple[list[tuple[int, Member]], bool]:
    """The members matching ``user`` (email, member id, phone or name prefix) and whether the
    answer came from the service. Online answers are cached for offline use."""
    if client is not None:
        try:
            found = [client.status(user)] if _exact(user) else client.suggestions(user)
        except ApiValidationError:
            return [], True  # the service does not know this member
        except UNREACHABLE as exc:
            log.info("member lookup offline: %s", exc.message)
        else:
            return [(store.members.upsert(m), m) for m in found], True
    return [(local_id, m) for local_id, m, _pending in store.members.search(user)], False


def _exact(user: str) -> bool:
    return "@" in user or user.replace("+", "").replace(" ", "").isdigit()
