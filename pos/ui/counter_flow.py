"""The counter's main flows: identify, search, stamp, undo, redeem, history, notices, status.

Each flow asks the worker (never the GUI thread) to call the terminal, and updates the panels
from the result. Scans get a visible answer at once ("Looking up…") and a sound with the result.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from hardware.scan import Scan, ScanSource
from ledger.journal import Notice
from pos.services import stamping
from pos.services.errors import NeedsManager, NotFound, NotOurCard
from pos.services.history import merge_history
from pos.services.identify import Customer
from pos.services.stamping import StampResult
from pos.services.status import Status
from pos.services.terminal import Terminal
from pos.ui.card_tile import format_date
from pos.ui.count_dialog import CountDialog
from pos.ui.customer_view import CardView, from_customer
from pos.ui.flow_context import FlowContext
from pos.ui.history_dialog import HistoryDialog
from pos.ui.messages import sentence_for
from pos.ui.notices_dialog import NoticesDialog
from pos.ui.pin_dialog import require_pin
from pos.ui.qt import QMessageBox, QObject, QTimer, Signal
from pos.ui.search_panel import Suggestion
from stamps.errors import UnknownStampValue
from stamps.models import Event, InstanceStatus
from stamps.payloads import StampCode, parse_payload

log = logging.getLogger(__name__)
#: (terminal, text) -> [(local id, member)] from the Membership API, cached locally
RemoteSearch = Callable[[Terminal, str], list[tuple[int, Any]]]
RemoteHistory = Callable[[str], list[Event]]


def _parse_time(text: Any) -> datetime | None:
    if not text:
        return None
    if isinstance(text, int | float):
        return datetime.fromtimestamp(text, UTC)
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def _waiting_by_card(terminal: Terminal, customer: Customer) -> dict[str, int]:
    ids = {c.card.card_instance_id for c in customer.cards}
    if customer.selected_card_id:
        ids.add(customer.selected_card_id)
    return {
        card_id: sum(1 for e in terminal.local_history(card_id)
                     if e.state in ("pending", "in_flight"))
        for card_id in ids
    }


class CounterFlow(QObject):
    """Wires the main window's panels and actions to the terminal."""

    customer_shown = Signal(object)  # CustomerView
    status_shown = Signal(object)  # Status

    def __init__(
        self,
        ctx: FlowContext,
        *,
        remote_search: RemoteSearch | None = None,
        remote_history: RemoteHistory | None = None,
        status_interval_ms: int = 1000,
    ) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.remote_search = remote_search
        self.remote_history = remote_history
        self.last_customer: Customer | None = None
        w = ctx.window
        a = w.counter_actions
        w.search.query_changed.connect(self.search)
        w.search.suggestion_chosen.connect(self.choose)
        w.search.submitted.connect(lambda text: self.identify(text, ScanSource.KEYBOARD))
        w.customer.redeem_requested.connect(self.confirm_redeem)
        w.customer.remove_requested.connect(self.remove_reward)
        a["stamp"].triggered.connect(lambda: self.stamp(1))
        a["add_n"].triggered.connect(self.ask_count)
        a["undo"].triggered.connect(self.undo)
        a["redeem"].triggered.connect(self.redeem_first)
        a["history"].triggered.connect(self.history)
        a["notices"].triggered.connect(self.notices)
        a["clear"].triggered.connect(self.clear)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(status_interval_ms)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start()
        self._status_busy = False
        self.refresh_status()

    # ---- identify ------------------------------------------------------------------

    def on_scan(self, scan: Scan) -> None:
        """A device read something: answer at once, then look it up on the worker."""
        self.identify(scan.payload, scan.source, nfc_uid=scan.nfc_uid)

    def identify(self, payload: str | bytes, source: ScanSource = ScanSource.KEYBOARD,
                 *, nfc_uid: bool = False) -> None:
        self.ctx.messages.info(self.tr("Looking up the code…"))
        card = self.ctx.window.customer.selected_card
        if card is not None and not nfc_uid:
            found = parse_payload(payload, stamp_domains=self.ctx.terminal.settings.stamp_domains)
            if isinstance(found, StampCode):
                self.stamp_with_code(card, found.code)
                return

        def done(result: tuple[Customer, dict[str, int]]) -> None:
            self.show_customer(*result, announce=True)
            self.ask_refresh(result[0])

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotOurCard | NotFound) and source is ScanSource.KEYBOARD:
                text = payload if isinstance(payload, str) else ""
                if self._choose_single_suggestion(text):
                    return
            if isinstance(exc, NotOurCard):
                self.ctx.messages.refusal(self.tr(
                    "This is not a loyalty code of this store. Ask the customer for their card."
                ))
                self.ctx.sounds.play("refusal")
                return
            self.ctx.refuse(exc)

        self.ctx.run(lambda t: self._with_waiting(t, t.identify(payload, nfc_uid=nfc_uid)),
                     done, failed, name="identify")

    def ask_refresh(self, customer: Customer) -> None:
        ids = [c.card.card_instance_id for c in customer.cards]
        if customer.selected_card_id and customer.selected_card_id not in ids:
            ids.append(customer.selected_card_id)
        if ids and self.refresh_cards is not None:
            self.refresh_cards(ids)

    def _choose_single_suggestion(self, text: str) -> bool:
        matches = [s for s in self.ctx.window.search.suggestions
                   if text.lower() in s.label.lower()]
        if len(matches) == 1:
            self.choose(matches[0])
            return True
        return False

    @staticmethod
    def _with_waiting(terminal: Terminal, customer: Customer) -> tuple[Customer, dict[str, int]]:
        return customer, _waiting_by_card(terminal, customer)

    def show_customer(self, customer: Customer, waiting: dict[str, int], *,
                      announce: bool = False, select: str | None = None) -> None:
        self.last_customer = customer
        now = datetime.now(UTC)
        view = from_customer(customer, now, waiting, unknown_card_name=self.tr("Card"))
        w = self.ctx.window
        w.customer.show_customer(view, select=select or customer.selected_card_id)
        w.update_enabled()
        self.customer_shown.emit(view)
        if not announce:
            return
        card = w.customer.selected_card
        if card is not None and not card.usable:
            self.ctx.messages.refusal(self.unusable_sentence(card))
            self.ctx.sounds.play("refusal")
            return
        who = view.member.name if view.member else (card.name if card else self.tr("Card"))
        if card is not None:
            text = self.tr("%1 — %2: %3 of %4 stamps.").replace("%1", who).replace(
                "%2", card.name).replace("%3", str(card.current)).replace("%4", str(card.threshold))
        else:
            text = self.tr("%1 found. This customer has no stamp card yet.").replace("%1", who)
        if customer.notes:
            text += " " + self.tr("This card is new to this terminal; the server confirms it "
                                  "when it is reachable.")
        self.ctx.messages.success(text)
        self.ctx.sounds.play("success")

    def unusable_sentence(self, card: CardView) -> str:
        dates = self.tr("valid %1 to %2").replace("%1", format_date(card.issue_date)).replace(
            "%2", format_date(card.expiration_date))
        if card.status is InstanceStatus.EXPIRED:
            text = self.tr("This card has expired (%1). Issue the customer a new card with F4.")
        else:
            text = self.tr("This card is not active (%1). Issue the customer a new card with F4.")
        return text.replace("%1", dates)

    def refresh_customer(self, select: str | None = None) -> None:
        self.refresh_status()
        customer = self.last_customer
        if customer is None:
            return

        def load(t: Terminal) -> tuple[Customer, dict[str, int]]:
            if customer.member_local_id is not None:
                fresh = t.customer_for_member(customer.member_local_id)
            else:
                fresh = t.customer_for_card(customer.selected_card_id or "")
            return fresh, _waiting_by_card(t, fresh)

        self.ctx.run(load, lambda r: self.show_customer(*r, select=select), name="refresh")

    def clear(self) -> None:
        self.last_customer = None
        w = self.ctx.window
        w.customer.clear()
        w.search.clear()
        w.update_enabled()
        self.ctx.messages.info("")
        w.search.focus()

    # ---- search --------------------------------------------------------------------

    def search(self, text: str) -> None:
        remote = self.remote_search

        def find(t: Terminal) -> list[Suggestion]:
            found = [
                Suggestion(self._label(m, pending), str(local_id), "local")
                for local_id, m, pending in t.search_members(text)
            ]
            if remote is not None:
                try:
                    known = {s.key for s in found}
                    for local_id, member in remote(t, text):
                        if str(local_id) not in known:
                            found.append(Suggestion(self._label(member, False), str(local_id),
                                                    "server"))
                except Exception as exc:  # offline: the local cache is enough
                    log.info("online member search failed: %s", exc)
            return found

        self.ctx.run(find, lambda s: self.ctx.window.search.set_suggestions(text, s),
                     on_error=lambda exc: log.warning("search failed", exc_info=exc),
                     name="search")

    def _label(self, member: Any, pending: bool) -> str:
        parts = [member.name]
        if member.member_id:
            parts.append(member.member_id)
        if member.phone:
            parts.append(member.phone)
        if member.email:
            parts.append(member.email)
        label = " · ".join(parts)
        return label + (" " + self.tr("(not yet confirmed)") if pending else "")

    def choose(self, suggestion: Suggestion) -> None:
        self.ctx.messages.info(self.tr("Opening %1…").replace("%1", suggestion.label))
        local_id = int(suggestion.key)

        def load(t: Terminal) -> tuple[Customer, dict[str, int]]:
            customer = t.customer_for_member(local_id)
            return customer, _waiting_by_card(t, customer)

        def done(result: tuple[Customer, dict[str, int]]) -> None:
            self.show_customer(*result, announce=True)
            self.ask_refresh(result[0])

        self.ctx.run(load, done, name="choose")

    # ---- stamping ------------------------------------------------------------------

    def _selected(self) -> CardView | None:
        card = self.ctx.window.customer.selected_card
        if card is None:
            self.ctx.messages.refusal(self.tr("Find the customer first: scan, tap or search."))
            self.ctx.sounds.play("refusal")
        return card

    def stamp(self, count: int = 1) -> None:
        card = self._selected()
        if card is None:
            return
        if not card.usable:
            self.ctx.messages.refusal(self.unusable_sentence(card))
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
        self.refresh_customer(select=card.card_instance_id)

    def ask_count(self) -> None:
        card = self._selected()
        if card is None:
            return
        dialog = CountDialog(card.name, self.ctx.window)
        dialog.chosen.connect(self.stamp)
        self.ctx.keep("count", dialog)
        dialog.open()

    def undo(self, manager_ok: bool = False) -> None:
        card = self._selected()
        if card is None:
            return
        card_id = card.card_instance_id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NeedsManager) and not manager_ok:
                dialog = require_pin(self.ctx.pins, sentence_for(exc) or "", self.ctx.window,
                                     lambda: self.undo(manager_ok=True))
                self.ctx.keep("pin", dialog)
                return
            self.ctx.refuse(exc)

        def done(result: StampResult) -> None:
            self.ctx.messages.success(self.tr("Last stamp removed — %1 of %2.").replace(
                "%1", str(result.card.current_stamps)).replace(
                "%2", str(result.stamp_card.round_size if result.stamp_card else "?")))
            self.ctx.sounds.play("success")
            self.refresh_customer(select=card_id)

        self.ctx.run(lambda t: t.undo_last_stamp(card_id, manager_ok=manager_ok), done, failed,
                     name="undo")

    def redeem_first(self) -> None:
        card = self._selected()
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
            self.refresh_customer(select=card_id)

        self.ctx.run(lambda t: t.redeem(card_id, reward_id), done, name="redeem")

    def remove_reward(self, card_id: str, reward_id: str) -> None:
        """REMOVE_REWARD always needs the manager PIN."""
        def remove() -> None:
            def done(_result: StampResult) -> None:
                self.ctx.messages.success(self.tr("The reward was taken back."))
                self.ctx.sounds.play("success")
                self.refresh_customer(select=card_id)

            self.ctx.run(lambda t: t.remove_reward(card_id, reward_id, manager_ok=True), done,
                         name="remove reward")

        dialog = require_pin(self.ctx.pins, self.tr("Taking a reward back needs the manager PIN."),
                             self.ctx.window, remove)
        self.ctx.keep("pin", dialog)

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

    # ---- history, notices, status ---------------------------------------------------

    def history(self) -> None:
        card = self._selected()
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
                except Exception as exc:
                    log.info("server history unavailable: %s", exc)
            return merge_history(server, t.local_history(card_id)), reached

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
        self.refresh_status()

    #: set by the member flow: opens a member whose details the service refused
    open_member: Callable[[int], None] | None = None

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

        def load(t: Terminal) -> tuple[Customer, dict[str, int]]:
            event = t.store.outbox.get(ref) if with_history else None
            card_id = event.card_instance_id if event is not None else ref
            customer = t.customer_for_card(card_id)
            return customer, _waiting_by_card(t, customer)

        def show(result: tuple[Customer, dict[str, int]]) -> None:
            notices = self.ctx.dialogs.get("notices")
            if notices is not None:
                notices.accept()
            self.show_customer(*result)
            if with_history:
                self.history()

        self.ctx.run(load, show, name="open notice")

    def refresh_status(self) -> None:
        if self._status_busy:
            return
        self._status_busy = True

        def done(status: Status) -> None:
            self._status_busy = False
            self.show_status(status)

        def failed(exc: BaseException) -> None:
            self._status_busy = False
            log.warning("status unavailable", exc_info=exc)

        self.ctx.run(lambda t: t.status(), done, failed, name="status")

    #: the sync engine's latest report (a :class:`sync.status.SyncStatus`), when running
    sync_status: Any = None
    #: asks the sync engine to bring these cards up to date from the service (when online)
    refresh_cards: Callable[[list[str]], None] | None = None
    _customer_refreshed = 0.0

    def apply_sync_status(self, sync_status: Any) -> None:
        """The engine reported: update the status bar, and at most once a second the customer
        on screen (their events may just have been confirmed or refused)."""
        self.sync_status = sync_status
        self.refresh_status()
        now = time.monotonic()
        if self.last_customer is not None and now - self._customer_refreshed > 1.0:
            self._customer_refreshed = now
            self.refresh_customer()

    def show_status(self, status: Status) -> None:
        bar = self.ctx.window.status
        online, last = status.online, _parse_time(status.last_sync)
        skew = status.clock_offset_seconds
        reported = self.sync_status
        if reported is not None:
            connectivity = str(reported.connectivity)
            online = None if connectivity == "unknown" else connectivity == "online"
            if reported.last_sync is not None:
                last = datetime.fromtimestamp(reported.last_sync, UTC)
            if reported.clock_offset is not None:
                skew = reported.clock_offset
        bar.set_sync(online, status.waiting + status.members_pending
                     + status.issues_pending, last)
        limit = self.ctx.terminal.settings.max_clock_skew
        bar.set_skew(skew if skew is not None and abs(skew) > limit else None)
        bar.set_notices(status.open_notices)
        self.status_shown.emit(status)
