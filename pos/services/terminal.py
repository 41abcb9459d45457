"""The facade the UI and the CLI call: one object, the use cases as methods.

It owns nothing but a :class:`Context`; each method delegates to the module that holds the use
case, so this file stays a table of contents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ledger import Ledger
from ledger.journal import Notice
from pos.services import history, identify, issuing, membership, stamping
from pos.services import status as status_module
from pos.services.context import Context
from pos.services.identify import Customer
from pos.services.settings import TerminalSettings
from pos.services.status import Status
from stamps.clock import Clock
from stamps.members import Member
from stamps.models import StampCard


class Terminal:
    def __init__(
        self, store: Ledger, settings: TerminalSettings | None = None, *,
        clock: Clock | None = None, wake: Callable[[], None] | None = None,
    ) -> None:
        """``clock`` defaults to the ledger's; a clock passed here becomes the ledger's too,
        so events, notices and bookkeeping columns all read one time."""
        if clock is None:
            clock = store.clock
        else:
            store.db.clock = clock
        self.ctx = Context(store=store, settings=settings or TerminalSettings(), clock=clock)
        if wake is not None:
            self.ctx.wake = wake

    @property
    def store(self) -> Ledger:
        return self.ctx.store

    @property
    def settings(self) -> TerminalSettings:
        return self.ctx.settings

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    def set_wake(self, wake: Callable[[], None]) -> None:
        self.ctx.wake = wake

    # identify
    def identify(self, payload: str | bytes, *, nfc_uid: bool = False) -> Customer:
        return identify.identify(self.ctx, payload, nfc_uid=nfc_uid)

    def customer_for_member(self, local_id: int) -> Customer:
        return identify.customer_for_member(self.ctx, local_id)

    def customer_for_card(self, card_instance_id: str) -> Customer:
        return identify.customer_for_card(self.ctx, card_instance_id)

    def search_members(self, text: str, limit: int = 10) -> list[tuple[int, Member, bool]]:
        return membership.search_members(self.ctx, text, limit)

    # stamping
    def add_stamps(self, card_instance_id: str, count: int = 1) -> stamping.StampResult:
        return stamping.add_stamps(self.ctx, card_instance_id, count)

    def undo_last_stamp(self, card_instance_id: str, *, manager_ok: bool = False
                        ) -> stamping.StampResult:
        return stamping.undo_last_stamp(self.ctx, card_instance_id, manager_ok=manager_ok)

    def undo_last_action(self, card_instance_id: str, *, manager_ok: bool = False
                         ) -> stamping.Undone:
        return stamping.undo_last_action(self.ctx, card_instance_id, manager_ok=manager_ok)

    def redeem(self, card_instance_id: str, reward_instance_id: str) -> stamping.StampResult:
        return stamping.redeem(self.ctx, card_instance_id, reward_instance_id)

    def remove_reward(self, card_instance_id: str, reward_instance_id: str, *,
                      manager_ok: bool = False) -> stamping.StampResult:
        return stamping.remove_reward(self.ctx, card_instance_id, reward_instance_id,
                                      manager_ok=manager_ok)

    # members
    def register_member(self, fields: dict[str, Any]) -> membership.QueuedMember:
        return membership.register_member(self.ctx, fields)

    def change_member(self, local_id: int, fields: dict[str, Any]) -> membership.QueuedMember:
        return membership.change_member(self.ctx, local_id, fields)

    def member_errors(self, local_id: int) -> dict[str, str]:
        return membership.member_errors(self.ctx, local_id)

    # issuing
    def catalog(self) -> list[StampCard]:
        return self.store.catalog.cards()

    def issuable_cards(self) -> tuple[list[StampCard], float | None]:
        """The cards that can be issued here, and when the catalog was last saved (so a
        caller that asked for a refresh can tell when it has arrived)."""
        return self.store.catalog.issuable_cards(), self.store.catalog.refreshed_at()

    def issue_card(self, stamp_card_id: str, start: date, end: date, *,
                   member_local_id: int | None = None) -> issuing.IssueTicket:
        return issuing.issue_card(self.ctx, stamp_card_id, start, end,
                                  member_local_id=member_local_id)

    def issue_ticket(self, ticket_id: int) -> issuing.IssueTicket:
        return issuing.ticket(self.ctx, ticket_id)

    # history, status, notices
    def local_history(self, card_instance_id: str) -> list[Any]:
        return history.local_history(self.ctx, card_instance_id)

    def waiting_by_card(self, customer: Customer) -> dict[str, int]:
        return history.waiting_by_card(self.ctx, customer)

    def status(self) -> Status:
        return status_module.status(self.ctx)

    def notices(self, *, open_only: bool = True) -> list[Notice]:
        return self.store.journal.notices(open_only=open_only)

    def acknowledge(self, notice_id: int) -> None:
        self.store.journal.acknowledge(notice_id)
