"""Identify the customer behind a scanned, tapped or typed payload, from local data only.

The result says what was found and what the cashier can do next; online refreshes (the
customer's cards from the server, resolving a foreign vvd.bz code) are the sync layer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pos.services.context import Context
from pos.services.errors import NotFound, NotOurCard
from stamps.members import Member
from stamps.models import CardInstance, InstanceStatus, StampCard
from stamps.payloads import (
    CardInstanceRef,
    MemberRef,
    NfcUid,
    NotOurCode,
    StampCode,
    StampUrl,
    parse_payload,
)
from stamps.phones import e164


@dataclass(frozen=True, slots=True)
class CardView:
    card: CardInstance
    stamp_card: StampCard | None
    confirmed: bool

    @property
    def usable_problem(self) -> str | None:
        """A sentence when the card cannot take events (expired, inactive), else None."""
        c = self.card
        if c.status is not InstanceStatus.ACTIVE:
            return f"This card is {c.status.value.lower()} and cannot be used."
        return None


@dataclass(frozen=True, slots=True)
class Customer:
    """Who is at the counter: a member (when known) and the cards in question."""

    member: Member | None = None
    member_local_id: int | None = None
    member_pending: bool = False
    cards: tuple[CardView, ...] = ()
    #: The card the payload named, if it named one.
    selected_card_id: str | None = None
    #: What the payload was, for the cashier: "card", "member", "stamp code", ...
    matched_by: str = ""
    notes: tuple[str, ...] = field(default=())


def identify(ctx: Context, payload: str | bytes, *, nfc_uid: bool = False) -> Customer:
    """Find the customer; raise NotOurCard for foreign codes, NotFound for unknown people."""
    found = parse_payload(payload, nfc_uid=nfc_uid, stamp_domains=ctx.settings.stamp_domains)
    store = ctx.store
    if isinstance(found, NotOurCode):
        raise NotOurCard(found.message)
    if isinstance(found, CardInstanceRef):
        return customer_for_card(ctx, found.card_instance_id, matched_by="card")
    if isinstance(found, StampUrl):
        card_id = store.cards.card_for_code(found.code)
        if card_id is None:
            raise NotFound(
                "This card was issued elsewhere and is not known on this terminal yet. "
                "Connect to the network and scan it again."
            )
        return customer_for_card(ctx, card_id, matched_by="card")
    if isinstance(found, NfcUid):
        card_id = store.cards.card_for_code("UID:" + found.uid)
        if card_id is None:
            raise NotFound(
                "This NFC tag is not linked to a stamp card. Ask for the customer's QR code or "
                "search by name."
            )
        return customer_for_card(ctx, card_id, matched_by="nfc")
    if isinstance(found, MemberRef):
        value = found.value
        if found.kind == "phone":  # members are stored in E.164; "0812…" is read locally
            value = e164(value, ctx.settings.country) or value
        local_id = store.members.find(found.kind, value)
        if local_id is None:
            raise NotFound(
                "No member with this " + found.kind.replace("_", " ") + " is known here. "
                "Search by name or register the customer."
            )
        return customer_for_member(ctx, local_id, matched_by=found.kind)
    if isinstance(found, StampCode):
        stamp_card_id = store.catalog.card_for_stamp_value(found.code)
        if stamp_card_id is None:
            raise NotOurCard("This stamp code does not belong to any card of this store.")
        card = store.catalog.card(stamp_card_id)
        name = card.name if card else "a card"
        raise NotFound(
            f"This is the store's stamp code for {name}. Find the customer first, then stamp."
        )
    raise NotOurCard("This is not a loyalty code of this store. Ask the customer for their card.")


def customer_for_card(ctx: Context, card_instance_id: str, *, matched_by: str = "card"
                      ) -> Customer:
    store = ctx.store
    member_id = store.cards.member_of(card_instance_id)
    if member_id is not None:
        local_id = store.members.local_id_for_server(member_id)
        if local_id is not None:
            found = customer_for_member(ctx, local_id, matched_by=matched_by)
            return _select(found, card_instance_id)
    view = card_view(ctx, card_instance_id)
    if view is None:
        # Never seen here: it can still be stamped; the server will decide.
        return Customer(
            selected_card_id=card_instance_id, matched_by=matched_by,
            notes=("This card is new to this terminal. Stamps are recorded and confirmed by "
                   "the server when it is reachable.",),
        )
    return Customer(cards=(view,), selected_card_id=card_instance_id, matched_by=matched_by)


def customer_for_member(ctx: Context, local_id: int, *, matched_by: str = "member") -> Customer:
    store = ctx.store
    got = store.members.get(local_id)
    if got is None:
        raise NotFound("This member is no longer known on this terminal. Search again.")
    member, pending = got
    server_id = store.members.server_id(local_id)
    cards: list[CardView] = []
    if server_id is not None:
        for card, confirmed in store.cards.for_member(server_id):
            cards.append(CardView(card, store.catalog.card(card.stamp_card_id), confirmed))
    return Customer(member=member, member_local_id=local_id, member_pending=pending,
                    cards=tuple(cards), matched_by=matched_by)


def card_view(ctx: Context, card_instance_id: str) -> CardView | None:
    got = ctx.store.cards.get(card_instance_id)
    if got is None:
        return None
    card, confirmed = got
    return CardView(card, ctx.store.catalog.card(card.stamp_card_id), confirmed)


def _select(customer: Customer, card_instance_id: str) -> Customer:
    return replace(customer, selected_card_id=card_instance_id)
