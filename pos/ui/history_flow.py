"""The records behind the counter: a card's history (the server's events merged with this
terminal's own, each with its state) and the notices for the manager, each of which opens
what it is about."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from ledger.journal import Notice
from pos.services.history import merge_history
from pos.services.terminal import Terminal
from pos.ui.flow_context import FlowContext
from pos.ui.history_dialog import HistoryDialog
from pos.ui.identify_flow import IdentifyFlow, Shown
from pos.ui.notices_dialog import NoticesDialog
from pos.ui.qt import QObject
from pos.ui.status_flow import StatusFlow
from stamps.models import Event

log = logging.getLogger(__name__)
RemoteHistory = Callable[[str], list[Event]]


class HistoryFlow(QObject):
    def __init__(self, ctx: FlowContext, customer: IdentifyFlow, status: StatusFlow, *,
                 remote_history: RemoteHistory | None = None) -> None:
        super().__init__(ctx.window)
        self.ctx, self.customer, self.status = ctx, customer, status
        self.remote_history = remote_history
        #: set by the member flow: opens a member whose details the service refused
        self.open_member: Callable[[int], None] | None = None
        a = ctx.window.counter_actions
        a["history"].triggered.connect(self.history)
        a["notices"].triggered.connect(self.notices)

    def history(self) -> None:
        card = self.customer.selected_card()
        if card is None:
            return
        card_id = card.card_instance_id
        dialog = HistoryDialog(card.name, self.ctx.window)
        self.ctx.keep("history", dialog)
        dialog.open()
        remote = self.remote_history

        def load(t: Terminal) -> tuple[list[Any], bool]:
            server: Sequence[Event] = []
            reached = False
            if remote is not None:
                try:
                    server = remote(card_id)
                    reached = True
                except Exception as exc:  # offline: the dialog says it shows local events only
                    log.info("server history unavailable: %s", exc)
            return merge_history(server, t.local_history(card_id), t.clock.zone), reached

        self.ctx.run(load, lambda r: dialog.show_rows(r[0], server_reached=r[1]),
                     name="history")

    def notices(self) -> None:
        dialog = NoticesDialog(self.ctx.window)
        self.ctx.keep("notices", dialog)
        dialog.acknowledged.connect(lambda notice_id: self._acknowledge(dialog, notice_id))
        dialog.opened.connect(self.open_notice)
        dialog.open()
        self.ctx.run(lambda t: t.notices(), dialog.show_notices, name="notices")

    def _acknowledge(self, dialog: NoticesDialog, notice_id: int) -> None:
        def ack(t: Terminal) -> list[Notice]:
            t.acknowledge(notice_id)
            return t.notices()

        self.ctx.run(ack, dialog.show_notices, name="acknowledge")
        self.status.refresh()

    def open_notice(self, notice: Notice) -> None:
        """Open what a notice is about: the member with their refused fields, or the card
        (with its history, for an event the server refused)."""
        ref = notice.ref or ""
        if notice.kind == "member" and ref.isdigit() and self.open_member is not None:
            self.open_member(int(ref))
            return
        if not ref:
            return
        with_history = notice.kind in ("rejected", "held")

        def load(t: Terminal) -> Shown:
            event = t.store.outbox.get(ref) if with_history else None
            card_id = event.card_instance_id if event is not None else ref
            customer = t.customer_for_card(card_id)
            return customer, t.waiting_by_card(customer)

        def show(result: Shown) -> None:
            notices = self.ctx.dialogs.get("notices")
            if notices is not None:
                notices.accept()
            self.customer.show_customer(*result)
            if with_history:
                self.history()

        self.ctx.run(load, show, name="open notice")
