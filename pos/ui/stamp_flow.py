"""What the cashier does to the selected card: add stamps (one, several, or by scanning the
store's stamp code), undo the last one, redeem a reward, and take a reward back.

Each change runs on the worker; the answer is a sentence, a sound and, for a reward, the
celebration. Undoing after the undo window and taking a reward back need the manager PIN.
"""

from __future__ import annotations

from pos.services import stamping
from pos.services.errors import NeedsManager
from pos.services.stamping import StampResult, Undone
from pos.services.terminal import Terminal
from pos.ui.count_dialog import CountDialog
from pos.ui.customer_view import CardView
from pos.ui.flow_context import FlowContext
from pos.ui.identify_flow import IdentifyFlow
from pos.ui.messages import sentence_for
from pos.ui.pin_dialog import require_pin
from pos.ui.qt import QMessageBox, QObject
from stamps.errors import UnknownStampValue


class StampFlow(QObject):
    def __init__(self, ctx: FlowContext, customer: IdentifyFlow) -> None:
        super().__init__(ctx.window)
        self.ctx, self.customer = ctx, customer
        w = ctx.window
        a = w.counter_actions
        w.customer.redeem_requested.connect(self.confirm_redeem)
        w.customer.remove_requested.connect(self.remove_reward)
        a["stamp"].triggered.connect(lambda: self.stamp(1))
        a["add_n"].triggered.connect(self.ask_count)
        a["undo"].triggered.connect(lambda: self.undo())
        a["redeem"].triggered.connect(self.redeem_first)
        customer.stamp_code_scanned.connect(self.stamp_with_code)

    # ---- stamps --------------------------------------------------------------------

    def stamp(self, count: int = 1) -> None:
        card = self.customer.selected_card()
        if card is not None:
            self.stamp_on(card, count)

    def stamp_on(self, card: CardView, count: int) -> None:
        """Stamp ``card``: the one on screen when the action began, whoever is shown now."""
        if not card.usable:
            self.ctx.messages.refusal(self.customer.unusable_sentence(card))
            self.ctx.sounds.play("refusal")
            return
        card_id = card.card_instance_id
        self.ctx.run(lambda t: t.add_stamps(card_id, count),
                     lambda r: self.stamped(r, count), name="stamp")

    def stamped(self, result: StampResult, count: int) -> None:
        card = result.card
        threshold = result.stamp_card.round_size if result.stamp_card else card.current_stamps
        text = (self.tr("1 stamp added") if count == 1 else
                self.tr("%1 stamps added").replace("%1", str(count))) + " — " + self.tr(
            "%1 of %2.").replace("%1", str(card.current_stamps)).replace("%2", str(threshold))
        if result.earned:
            names = ", ".join(r.reward.name for r in result.earned)
            reward = self.tr("Reward earned: %1!").replace("%1", names)
            self.ctx.messages.reward(reward + " " + text)
            self.ctx.window.celebration.celebrate(reward)
            self.ctx.sounds.play("reward")
        elif result.flagged:
            self.ctx.messages.notice(text + " " + self.tr(
                "Many stamps on this card today: the manager has been notified."))
            self.ctx.sounds.play("success")
        else:
            self.ctx.messages.success(text)
            self.ctx.sounds.play("success")
        self.customer.add_to_visit(card.card_instance_id, count)
        self.customer.refresh_customer(select=card.card_instance_id)

    def ask_count(self) -> None:
        card = self.customer.selected_card()
        if card is None:
            return
        dialog = CountDialog(card.name, self.ctx.window)
        dialog.chosen.connect(lambda count, bound=card: self.stamp_on(bound, count))
        self.ctx.keep("count", dialog)
        dialog.open()

    def stamp_with_code(self, card: CardView, code: str) -> None:
        """The store's own stamp code scanned while a customer is shown: a stamp on their
        card (a STAMP-type card, whose stamp is a physical code at the counter)."""
        card_id = card.card_instance_id

        def record(t: Terminal) -> StampResult:
            # The rules check the code against the card's stamp codes; a card this terminal
            # has never seen has none to check against, so it is refused here.
            if t.store.cards.get(card_id) is None:
                raise UnknownStampValue(
                    "This stamp code does not belong to this card. Scan the store's own code.")
            return stamping.add_stamps(t.ctx, card_id, 1, stamp_value=code)

        self.ctx.run(record, lambda r: self.stamped(r, 1), name="stamp code")

    def undo(self, manager_ok: bool = False, card_id: str | None = None) -> None:
        """Undo on the selected card, or on ``card_id`` when the manager's PIN was asked for
        it (the customer on screen may have changed meanwhile)."""
        if card_id is None:
            card = self.customer.selected_card()
            if card is None:
                return
            card_id = card.card_instance_id
        bound = card_id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NeedsManager) and not manager_ok:
                dialog = require_pin(self.ctx.pins, sentence_for(exc) or "", self.ctx.window,
                                     lambda: self.undo(manager_ok=True, card_id=bound))
                self.ctx.keep("pin", dialog)
                return
            self.ctx.refuse(exc)

        def done(undone: Undone) -> None:
            result = undone.result
            removed = (self.tr("1 stamp removed") if undone.stamps == 1 else
                       self.tr("%1 stamps removed").replace("%1", str(undone.stamps)))
            of = str(result.stamp_card.round_size if result.stamp_card else "?")
            if undone.rewards:
                text = self.tr("Undone: %1, and %2 taken back — %3 of %4.").replace(
                    "%2", ", ".join(undone.rewards))
            else:
                text = self.tr("Undone: %1 — %3 of %4.")
            self.ctx.messages.success(text.replace("%1", removed).replace(
                "%3", str(result.card.current_stamps)).replace("%4", of))
            self.ctx.sounds.play("success")
            self.customer.add_to_visit(bound, -undone.stamps)
            self.customer.refresh_customer(select=bound)

        self.ctx.run(lambda t: t.undo_last_action(bound, manager_ok=manager_ok), done, failed,
                     name="undo")

    # ---- rewards -------------------------------------------------------------------

    def redeem_first(self) -> None:
        card = self.customer.selected_card()
        if card is None:
            return
        if not card.rewards:
            self.ctx.messages.refusal(self.tr("This card has no reward to redeem yet."))
            self.ctx.sounds.play("refusal")
            return
        self.confirm_redeem(card.card_instance_id, card.rewards[0].reward_instance_id)

    def confirm_redeem(self, card_id: str, reward_id: str) -> None:
        card = next((t.card for t in self.ctx.window.customer.tiles
                     if t.card.card_instance_id == card_id), None)
        reward = next((r for r in card.rewards if r.reward_instance_id == reward_id), None) \
            if card else None
        if card is None or reward is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Redeem reward"),
                          self.tr("Give the customer “%1” now? This cannot be undone by a "
                                  "cashier.").replace("%1", reward.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.ctx.window)
        box.setObjectName("redeemConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Redeem   Enter"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel   Esc"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.accepted.connect(lambda: self.redeem(card_id, reward_id, reward.name))
        self.ctx.keep("redeem", box)
        box.open()

    def redeem(self, card_id: str, reward_id: str, name: str) -> None:
        def done(_result: StampResult) -> None:
            self.ctx.messages.success(self.tr("Reward redeemed: %1. Enjoy!").replace("%1", name))
            self.ctx.sounds.play("success")
            self.customer.refresh_customer(select=card_id)

        self.ctx.run(lambda t: t.redeem(card_id, reward_id), done, name="redeem")

    def remove_reward(self, card_id: str, reward_id: str) -> None:
        """REMOVE_REWARD always needs the manager PIN."""
        def remove() -> None:
            def done(_result: StampResult) -> None:
                self.ctx.messages.success(self.tr("The reward was taken back."))
                self.ctx.sounds.play("success")
                self.customer.refresh_customer(select=card_id)

            self.ctx.run(lambda t: t.remove_reward(card_id, reward_id, manager_ok=True), done,
                         name="remove reward")

        dialog = require_pin(self.ctx.pins, self.tr("Taking a reward back needs the manager PIN."),
                             self.ctx.window, remove)
        self.ctx.keep("pin", dialog)
