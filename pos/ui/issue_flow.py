"""Issue a new stamp card (F4): queue the vvd.bz request, then show its URL as a QR code.

Offline the ticket waits in the queue; the dialog shows it as queued and checks back every
second, so the QR appears as soon as the sync engine has the answer.

Only cards whose vvd.bz index is known can be issued. When there are none (a terminal before
its first sync), or when the cashier presses "Refresh catalog", the flow asks the sync engine
for a catalog pull (``request_pull``, set by the app when it runs one) and checks the catalog
every ``poll_ms`` until it has been saved again, or says why not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from pos.services.errors import InvalidInput
from pos.services.issuing import IssueTicket
from pos.services.terminal import Terminal
from pos.ui.flow_context import FlowContext
from pos.ui.issue_dialog import IssueDialog
from pos.ui.qt import QObject, QTimer
from stamps.models import StampCard

#: how long a requested catalog refresh may take before the cashier is told it did not come
REFRESH_TIMEOUT = 20.0


def _choices(cards: list[StampCard]) -> list[tuple[str, object]]:
    return [(c.name, c.stamp_card_id) for c in cards]


class IssueFlow(QObject):
    def __init__(self, ctx: FlowContext, poll_ms: int = 1000) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.poll_ms = poll_ms
        #: asks the sync engine for a catalog pull; None when no engine runs (no credentials)
        self.request_pull: Callable[[], None] | None = None
        ctx.window.counter_actions["issue"].triggered.connect(self.start)

    def start(self) -> None:
        self.ctx.run(lambda t: t.issuable_cards(), lambda got: self.choose(got[0]),
                     name="catalog")

    def choose(self, cards: list[StampCard]) -> IssueDialog:
        dialog = IssueDialog([(c.name, c.stamp_card_id) for c in cards],
                             self.ctx.terminal.clock.today(),
                             self.ctx.window)
        dialog.refresh_requested.connect(lambda: self.refresh(dialog))
        view = self.ctx.window.customer.view
        member_local_id = view.member_local_id if view is not None else None
        dialog.submitted.connect(
            lambda card_id, start, end: self.issue(dialog, card_id, start, end, member_local_id)
        )
        self.ctx.keep("issue", dialog)
        dialog.open()
        if not cards:
            self.refresh(dialog)
        return dialog

    def refresh(self, dialog: IssueDialog) -> None:
        """Ask for a catalog pull and put the cards in the dialog once it has been saved."""
        if self.request_pull is None:
            dialog.show_failed(self.tr(
                "This terminal is not connected to the stamp service, so the catalog cannot "
                "be refreshed. Check the service settings."))
            return
        dialog.show_refreshing(True)

        def asked(t: Terminal) -> float | None:
            assert self.request_pull is not None
            before = t.issuable_cards()[1]
            self.request_pull()
            return before

        self.ctx.run(asked, lambda before: self.wait_catalog(dialog, before,
                                                            time.monotonic() + REFRESH_TIMEOUT),
                     name="refresh catalog")

    def wait_catalog(self, dialog: IssueDialog, before: float | None, deadline: float) -> None:
        def check(got: tuple[list[StampCard], float | None]) -> None:
            cards, saved = got
            if not dialog.isVisible():
                return
            if saved is not None and saved != before:
                dialog.show_refreshing(False)
                dialog.set_cards(_choices(cards))
                dialog.error.setText("" if cards else self.tr(
                    "The stamp service has no stamp card this terminal can issue."))
                return
            if time.monotonic() >= deadline:
                dialog.show_refreshing(False)
                dialog.show_failed(self.tr(
                    "The stamp service did not send the catalog. Check the connection and "
                    "press Refresh catalog again."))
                return
            QTimer.singleShot(self.poll_ms, dialog,
                              lambda: self.wait_catalog(dialog, before, deadline))

        self.ctx.run(lambda t: t.issuable_cards(), check, name="catalog")

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
            # the dialog is the timer's context: a closed and deleted dialog is not polled
            QTimer.singleShot(self.poll_ms, dialog, lambda: self.poll(dialog, ticket.id))

    def poll(self, dialog: IssueDialog, ticket_id: int) -> None:
        if not dialog.isVisible():
            return

        def check(t: Terminal) -> IssueTicket:
            return t.issue_ticket(ticket_id)

        self.ctx.run(check, lambda ticket: self.show_ticket(dialog, ticket), name="ticket")
