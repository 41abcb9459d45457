"""Register a new member (F3) or edit the one on screen (F8), with inline field errors.

The service's own refusals (an email already taken, found when a registration made offline is
finally sent) are shown beside their fields when the member is opened again.
"""

from __future__ import annotations

from typing import Any

from pos.services.errors import InvalidInput
from pos.services.membership import QueuedMember
from pos.services.terminal import Terminal
from pos.ui.flow_context import FlowContext
from pos.ui.history_flow import HistoryFlow
from pos.ui.identify_flow import IdentifyFlow
from pos.ui.member_dialog import MemberDialog
from pos.ui.qt import QObject


class MemberFlow(QObject):
    def __init__(self, ctx: FlowContext, customer: IdentifyFlow, records: HistoryFlow) -> None:
        super().__init__(ctx.window)
        self.ctx, self.customer = ctx, customer
        actions = ctx.window.counter_actions
        actions["register"].triggered.connect(self.register)
        actions["edit_member"].triggered.connect(self.edit_current)
        records.open_member = self.edit

    def _dialog(self, local_id: int | None, member: Any = None) -> MemberDialog:
        config = self.ctx.terminal.settings
        dialog = MemberDialog(config.membership_merchant, config.store_id, member, self.ctx.window,
                              today=self.ctx.terminal.clock.today)
        dialog.submitted.connect(lambda body: self.save(dialog, local_id, body))
        self.ctx.keep("member", dialog)
        return dialog

    def register(self) -> None:
        self._dialog(None).open()

    def edit_current(self) -> None:
        view = self.ctx.window.customer.view
        if view is None or view.member_local_id is None:
            return
        self.edit(view.member_local_id)

    def edit(self, local_id: int) -> None:
        """Open the member with any field errors the service sent back."""
        def load(t: Terminal) -> tuple[Any, dict[str, str]]:
            got = t.store.members.get(local_id)
            return (got[0] if got else None), t.member_errors(local_id)

        def show(result: tuple[Any, dict[str, str]]) -> None:
            member, errors = result
            if member is None:
                self.ctx.messages.refusal(self.tr("This member is no longer known here."))
                return
            dialog = self._dialog(local_id, member)
            dialog.open()
            if errors:
                dialog.show_errors(errors)

        self.ctx.run(load, show, name="open member")

    def save(self, dialog: MemberDialog, local_id: int | None, body: dict[str, Any]) -> None:
        fields = {k: v for k, v in body.items() if k not in ("merchant", "store", "id")}
        dialog.buttons.setEnabled(False)

        def work(t: Terminal) -> tuple[QueuedMember, Any]:
            queued = (t.register_member(fields) if local_id is None
                      else t.change_member(local_id, fields))
            customer = t.customer_for_member(queued.local_id)
            return queued, (customer, t.waiting_by_card(customer))

        def done(result: tuple[QueuedMember, Any]) -> None:
            dialog.buttons.setEnabled(True)
            dialog.accept()
            queued, shown = result
            self.customer.show_customer(*shown)
            self.ctx.messages.success(
                (self.tr("%1 is registered. The membership service confirms it when reachable.")
                 if local_id is None else
                 self.tr("Changes to %1 are saved and will be sent to the membership service."))
                .replace("%1", queued.member.name))
            self.ctx.sounds.play("success")

        def failed(exc: BaseException) -> None:
            dialog.buttons.setEnabled(True)
            if isinstance(exc, InvalidInput):
                dialog.show_errors(exc.errors)
                return
            self.ctx.refuse(exc)

        self.ctx.run(work, done, failed, name="save member")
