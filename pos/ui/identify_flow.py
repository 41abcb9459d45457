"""Who is at the counter: a scan, a typed code or a member search finds the customer, who is
then shown and kept up to date. The flows that act on a card ask here for the selected one.

Each lookup runs on the worker (never the GUI thread); a scan gets a visible answer at once
("Looking up…") and a sound with the result.

An open action (add stamps, redeem, undo's PIN, issue, edit) is bound to the customer it was
opened for, so a scan or tap that arrives meanwhile does not replace them: it is held, named
("Next: Dewi (waiting)"), and identified once the last action has closed. Only the newest
held scan is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from hardware.scan import Scan, ScanSource
from pos.services.errors import NotFound, NotOurCard
from pos.services.identify import Customer
from pos.services.terminal import Terminal
from pos.ui.card_tile import format_date
from pos.ui.customer_view import CardView, from_customer
from pos.ui.flow_context import FlowContext
from pos.ui.qt import QObject, QTimer, Signal
from pos.ui.search_panel import Suggestion
from pos.ui.status_flow import StatusFlow
from stamps.models import InstanceStatus
from stamps.payloads import NotOurCode, StampCode, parse_payload

log = logging.getLogger(__name__)
# (terminal, text) -> [(local id, member)] from the Membership API, cached locally
RemoteSearch = Callable[[Terminal, str], list[tuple[int, Any]]]
Shown = tuple[Customer, dict[str, int]]  # the customer and the events waiting on each card

# While the sync engine drains it reports many times a second; the customer on screen is
# re-read (their events may just have been confirmed or refused) at most this often.
SYNC_REFRESH_SECONDS = 1.0


def _is_search_text(text: str, ctx: FlowContext) -> bool:
    """Typed text that is no code of any kind (a name, say): a search, not a refused code."""
    found = parse_payload(text, stamp_domains=ctx.terminal.settings.stamp_domains)
    return isinstance(found, NotOurCode) and found.reason == "unrecognised"


class IdentifyFlow(QObject):
    customer_shown = Signal(object)  # CustomerView
    # the store's own stamp code, scanned while this card is shown: the stamping flow records it
    stamp_code_scanned = Signal(object, str)  # CardView, code

    def __init__(self, ctx: FlowContext, status: StatusFlow, *,
                 remote_search: RemoteSearch | None = None) -> None:
        super().__init__(ctx.window)
        self.ctx, self.status = ctx, status
        self.remote_search = remote_search
        # asks the sync engine to bring these cards up to date from the service (when online)
        self.refresh_cards: Callable[[list[str]], None] | None = None
        self.last_customer: Customer | None = None
        self._refreshed_after_sync = 0.0
        #: the scan that arrived while an action was open, identified once it ends
        self.held: Scan | None = None
        #: who this visit is for (member, else card) and the stamps it added
        self.visit_key: object = None
        self.visit_added = 0
        ctx.on_actions_ended.append(self.release_held)
        # cleared after idle_clear_seconds without an action (restarted by each one)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.idle_timeout)
        ctx.on_actions_ended.append(self.restart_idle)
        w = ctx.window
        w.search.query_changed.connect(self.search)
        w.search.suggestion_chosen.connect(self.choose)
        w.search.submitted.connect(lambda text: self.identify(text, ScanSource.KEYBOARD))
        w.counter_actions["clear"].triggered.connect(self.clear)

    # ---- identify ------------------------------------------------------------------

    def on_scan(self, scan: Scan) -> None:
        """A device read something: answer at once, then look it up on the worker (or hold it
        while an action for the customer on screen is open)."""
        if self.ctx.action_open():
            self.hold(scan)
            return
        self.identify(scan.payload, scan.source, nfc_uid=scan.nfc_uid)

    def hold(self, scan: Scan) -> None:
        self.held = scan
        panel = self.ctx.window.customer
        panel.set_waiting(self.tr("Next: %1 (waiting)").replace("%1", self.tr("a new code")))

        def named(customer: Customer) -> None:
            if self.held is not scan:
                return
            who = customer.member.name if customer.member is not None else self.tr("a card")
            panel.set_waiting(self.tr("Next: %1 (waiting)").replace("%1", who))

        # Named for the cashier only; any refusal is said when the scan is released.
        self.ctx.run(lambda t: t.identify(scan.payload, nfc_uid=scan.nfc_uid), named,
                     lambda _exc: None, name="name waiting")

    def release_held(self) -> None:
        """The action has ended: the customer who waited is identified now."""
        scan, self.held = self.held, None
        self.ctx.window.customer.set_waiting("")
        if scan is not None:
            self.identify(scan.payload, scan.source, nfc_uid=scan.nfc_uid)

    def identify(self, payload: str | bytes, source: ScanSource = ScanSource.KEYBOARD,
                 *, nfc_uid: bool = False) -> None:
        self.ctx.messages.info(self.tr("Looking up the code…"))
        card = self.ctx.window.customer.selected_card
        if card is not None and not nfc_uid:
            found = parse_payload(payload, stamp_domains=self.ctx.terminal.settings.stamp_domains)
            if isinstance(found, StampCode):
                self.stamp_code_scanned.emit(card, found.code)
                return

        def done(result: Shown) -> None:
            self.show_customer(*result, announce=True)
            self.ask_refresh(result[0])

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotOurCard | NotFound) and source is ScanSource.KEYBOARD:
                text = payload if isinstance(payload, str) else ""
                if self._choose_single_suggestion(text):
                    return
                if isinstance(exc, NotOurCard) and _is_search_text(text, self.ctx):
                    self.say_no_match(text, offline=self.remote_search is None)
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
    def _with_waiting(terminal: Terminal, customer: Customer) -> Shown:
        return customer, terminal.waiting_by_card(customer)

    # ---- the customer on screen ------------------------------------------------------

    def show_customer(self, customer: Customer, waiting: dict[str, int], *,
                      announce: bool = False, select: str | None = None) -> None:
        self.last_customer = customer
        now = self.ctx.terminal.clock.local_now()  # dates shown are the store's days
        view = from_customer(customer, now, waiting, unknown_card_name=self.tr("Card"))
        w = self.ctx.window
        w.customer.show_customer(view, select=select or customer.selected_card_id)
        self.restart_idle()
        key = customer.member_local_id or customer.selected_card_id
        if announce and key != self.visit_key:
            self.visit_key, self.visit_added = key, 0
            w.customer.set_visit(0)
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

    def selected_card(self) -> CardView | None:
        """The card an action applies to; without one, the cashier is told to find it first."""
        card = self.ctx.window.customer.selected_card
        if card is None:
            self.ctx.messages.refusal(self.tr("Find the customer first: scan, tap or search."))
            self.ctx.sounds.play("refusal")
        return card

    def refresh_customer(self, select: str | None = None) -> None:
        self.status.refresh()
        customer = self.last_customer
        if customer is None:
            return

        def load(t: Terminal) -> Shown:
            if customer.member_local_id is not None:
                fresh = t.customer_for_member(customer.member_local_id)
            else:
                fresh = t.customer_for_card(customer.selected_card_id or "")
            return fresh, t.waiting_by_card(fresh)

        def shown(result: Shown) -> None:
            # Another customer may have been identified while this one was re-read: a late
            # refresh must never put the previous customer back on screen.
            if self.last_customer is customer:
                self.show_customer(*result, select=select)

        self.ctx.run(load, shown, name="refresh")

    def after_sync_report(self) -> None:
        """The engine reported: the customer on screen may have had events confirmed or
        refused. Debounced, so a draining engine costs one re-read a second, not hundreds."""
        now = time.monotonic()
        if self.last_customer is None or now - self._refreshed_after_sync <= SYNC_REFRESH_SECONDS:
            return
        self._refreshed_after_sync = now
        self.refresh_customer()

    def restart_idle(self) -> None:
        if self.last_customer is not None:
            self.idle_timer.start(int(self.ctx.terminal.settings.idle_clear_seconds * 1000))

    def idle_timeout(self) -> None:
        """Nothing done for a while: clear the customer, unless an action is still open."""
        if self.last_customer is not None and not self.ctx.action_open():
            self.clear()

    def add_to_visit(self, card_instance_id: str, count: int) -> None:
        """Count stamps added (or, negative, undone) on a card of the customer on screen."""
        view = self.ctx.window.customer.view
        if view is None or card_instance_id not in {c.card_instance_id for c in view.cards}:
            return
        self.visit_added = max(0, self.visit_added + count)
        self.ctx.window.customer.set_visit(self.visit_added)

    def clear(self) -> None:
        self.last_customer = None
        self.idle_timer.stop()
        self.visit_key, self.visit_added = None, 0
        self.ctx.window.customer.set_visit(0)
        w = self.ctx.window
        w.customer.clear()
        w.search.clear()
        w.update_enabled()
        self.ctx.messages.info("")
        w.search.focus()

    # ---- search --------------------------------------------------------------------

    def search(self, text: str) -> None:
        remote = self.remote_search

        def find(t: Terminal) -> tuple[list[Suggestion], bool]:
            """The suggestions, and whether only this terminal's cache was searched."""
            found = [
                Suggestion(self._label(m, pending), str(local_id), "local")
                for local_id, m, pending in t.search_members(text)
            ]
            offline = remote is None
            if remote is not None:
                try:
                    known = {s.key for s in found}
                    for local_id, member in remote(t, text):
                        if str(local_id) not in known:
                            found.append(Suggestion(self._label(member, False), str(local_id),
                                                    "server"))
                except Exception as exc:  # offline: the local cache is enough
                    log.info("online member search failed: %s", exc)
                    offline = True
            return found, offline

        def found(result: tuple[list[Suggestion], bool]) -> None:
            suggestions, offline = result
            self.ctx.window.search.set_suggestions(text, suggestions)
            if not suggestions and text.strip() == self.ctx.window.search.box.text().strip():
                self.say_no_match(text, offline=offline)

        self.ctx.run(find, found,
                     on_error=lambda exc: log.warning("search failed", exc_info=exc),
                     name="search")

    def say_no_match(self, text: str, *, offline: bool) -> None:
        sentence = self.tr("No member matches ‘%1’.").replace("%1", text.strip())
        if offline:
            sentence += " " + self.tr("Searched this terminal only (offline).")
        self.ctx.messages.info(sentence)

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

        def load(t: Terminal) -> Shown:
            customer = t.customer_for_member(local_id)
            return customer, t.waiting_by_card(customer)

        def done(result: Shown) -> None:
            self.show_customer(*result, announce=True)
            self.ask_refresh(result[0])

        self.ctx.run(load, done, name="choose")
