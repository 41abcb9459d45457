"""The message bridge: every sentence a cashier reads passes through here.

Widgets and flows never open an error box themselves: they call :meth:`MessageBridge.report`
with the exception, or :meth:`success`/:meth:`refusal`/:meth:`info`/:meth:`notice` with a
sentence. Each error is routed once: a cancellation is dropped; a refusal or a fault of the
environment is shown as its plain sentence (translated where a French sentence exists); a bug
is logged with its traceback and shown as a short apology.
"""

from __future__ import annotations

import enum
import logging
import sqlite3

from PySide6.QtCore import QCoreApplication, QObject, Signal

from hardware.errors import HardwareError
from pos.domain.errors import DomainError, RuleViolation, ValidationError
from pos.ui.errors import Cancelled, UiError
from pos.ui.i18n import SOURCE_LANGUAGE, current_language
from sync.errors import SyncError

log = logging.getLogger(__name__)


class Level(enum.StrEnum):
    INFO = "info"
    SUCCESS = "success"
    REFUSAL = "refusal"
    NOTICE = "notice"
    REWARD = "reward"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Refusals", text)


def _refusal_sentences() -> dict[int, str]:
    """The French-translatable sentence for each refusal code of the stamping rules."""
    return {
        33001: _tr("This card is no longer active. Issue the customer a new card."),
        33002: _tr("This card is outside its validity dates. Issue the customer a new card."),
        33003: _tr("This card was already stamped moments ago. Wait before stamping again."),
        33004: _tr("This stamp code does not belong to this card. Scan the store's own code."),
        33005: _tr("This reward cannot be redeemed any more. Refresh the customer's card."),
        33006: _tr("There is no such reward on this card to remove."),
        33007: _tr("This card has no stamps to remove."),
        33008: _tr("This action is done by the stamp service, not by the terminal."),
        33009: _tr("The stamp service does not know this card. Ask the customer for another."),
    }


#: Exception bases whose message is written for the cashier (refusals and the environment).
CASHIER_FACING: tuple[type[BaseException], ...] = (UiError, DomainError, HardwareError, SyncError)


def register_cashier_facing(*bases: type[BaseException]) -> None:
    """Let another package's exception base be shown as its own message (e.g. services)."""
    global CASHIER_FACING
    CASHIER_FACING = tuple(dict.fromkeys((*CASHIER_FACING, *bases)))


def sentence_for(exc: BaseException) -> str | None:
    """The sentence to show for ``exc``, or None for a cancellation. Logs as it routes."""
    if isinstance(exc, Cancelled):
        return None
    code = getattr(exc, "code", None)
    if isinstance(exc, RuleViolation) or (isinstance(code, int) and 33000 < code < 34000):
        english = str(exc)
        assert isinstance(code, int)
        template = _refusal_sentences().get(code)
        # English keeps the rule's own sentence, which carries dates and waits; another
        # language shows the translated sentence for the code.
        if template is not None and current_language() != SOURCE_LANGUAGE:
            return template
        return english
    if isinstance(exc, ValidationError):
        fields = ", ".join(exc.errors)
        return QCoreApplication.translate(
            "Messages", "Some fields are not right ({0}). Correct them and try again."
        ).format(fields)
    if isinstance(exc, CASHIER_FACING):
        log.info("shown to cashier: %s", exc)
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError | OSError):
        log.error("environment fault", exc_info=exc)
        return QCoreApplication.translate(
            "Messages",
            "The terminal could not save its data (the disk may be full or busy). "
            "Free some space or restart the terminal; nothing recorded so far is lost.",
        )
    log.error("unexpected error", exc_info=exc)
    return QCoreApplication.translate(
        "Messages",
        "Sorry, something went wrong inside the app. It was written to the log: try again, "
        "and tell your manager if it happens again.",
    )


class MessageBridge(QObject):
    """Signals the banner, status bar and notices list listen to."""

    message = Signal(str, str)  # level, sentence

    def info(self, text: str) -> None:
        self.message.emit(Level.INFO.value, text)

    def success(self, text: str) -> None:
        self.message.emit(Level.SUCCESS.value, text)

    def refusal(self, text: str) -> None:
        self.message.emit(Level.REFUSAL.value, text)

    def notice(self, text: str) -> None:
        self.message.emit(Level.NOTICE.value, text)

    def reward(self, text: str) -> None:
        self.message.emit(Level.REWARD.value, text)

    def report(self, exc: BaseException) -> None:
        text = sentence_for(exc)
        if text is not None:
            self.refusal(text)
