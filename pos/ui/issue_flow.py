"""Issue a new stamp card (F4): queue the vvd.bz request, then show its URL as a QR code.

Offline the ticket waits in the queue; the dialog shows it as queued and checks back every
second, so the QR appears as soon as the sync engine has the answer.
"""

from __future__ import annotations

from datetime import date

from pos.services.errors import InvalidInput
from pos.services.issuing import IssueTicket
from pos.services.terminal import Terminal
from pos.ui.flow_context import FlowContext
from pos.ui.issue_dialog import IssueDialog
from pos.ui.qt import QObject, QTimer
from stamps.models import StampCard


class IssueFlow(QObject):
    def __init__(self, ctx: FlowContext, poll_ms: int = 1000) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.poll_ms = poll_ms
        ctx.window.counter_actions["issue"].triggered.connect(self.start)

    def start(self) -> None:
        self.ctx.run(lambda t: t.catalog(), lambda cards: self.choose(cards), name="catalog")

    def choose(self, cards: list[StampCard]) -> IssueDialog:
        dialog = IssueDialog([(c.name, c.stamp_card_id) for c in cards],
                             self.ctx.terminal.clock.today(),
                             self.ctx.window)
        view = self.ctx.window.customer.view
        member_local_id = view.member_local_id if view is not None else None
        dialog.submitted.connect(
            lambda card_id, start, end: self.issue(dialog, card_id, start, end, member_local_id)
        )
        self.ctx.keep("issue", dialog)
        dialog.open()
        return dialog

    def issue(self, dialog: IssueDialog, card_id: str, start: date, end: date,
              member_local_id: int | None) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidInput):
                dialog.show_failed(" ".join(exc.errors.values()))
                return
            dialog.show_failed(str(exc))
            self.ctx.refuse(exc)

        self.ctx.run(
            lambda t: t.issue_card(card_id, start, end, member_local_id=member_local_id),
            lambda ticket: self.show_ticket(dialog, ticket), failed, name="issue",
        )

    def show_ticket(self, dialog: IssueDialog, ticket: IssueTicket) -> None:
        if ticket.url:
            dialog.show_issued(ticket.url)
            self.ctx.messages.success(self.tr("New card issued: %1").replace("%1", ticket.url))
            self.ctx.sounds.play("success")
            return
        if ticket.state in ("rejected", "held"):
            dialog.show_failed(ticket.error or self.tr("The issuing service refused the card."))
            dialog.pages.setCurrentIndex(0)
            return
        dialog.show_queued()
        if dialog.isVisible():
            QTimer.singleShot(self.poll_ms, lambda: self.poll(dialog, ticket.id))

    def poll(self, dialog: IssueDialog, ticket_id: int) -> None:
        if not dialog.isVisible():
            return

        def check(t: Terminal) -> IssueTicket:
            return t.issue_ticket(ticket_id)

        self.ctx.run(check, lambda ticket: self.show_ticket(dialog, ticket), name="ticket")
