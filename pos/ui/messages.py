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

from hardware.errors import CameraError, HardwareError, NfcError
from ledger.errors import EnvironmentLedgerError
from pos.services.errors import InvalidInput, NeedsManager, NotFound, NotOurCard, ServiceError
from pos.ui.errors import Cancelled, UiError
from pos.ui.i18n import SOURCE_LANGUAGE, current_language
from pos.ui.qt import QCoreApplication, QObject, Signal
from stamps.errors import DomainError, RuleViolation, ValidationError
from sync.errors import AuthError, SyncError

log = logging.getLogger(__name__)


class Level(enum.StrEnum):
    INFO = "info"
    SUCCESS = "success"
    REFUSAL = "refusal"
    NOTICE = "notice"
    REWARD = "reward"


def _refusal_sentences() -> dict[int, str]:
    """The translated sentence for each refusal code of the stamping rules."""
    return {
        33001: QCoreApplication.translate(
            "Refusals",
            "This card is no longer active. Issue the customer a new card."
        ),
        33002: QCoreApplication.translate(
            "Refusals",
            "This card is outside its validity dates. Issue the customer a new card."
        ),
        33003: QCoreApplication.translate(
            "Refusals",
            "This card was already stamped moments ago. Wait before stamping again."
        ),
        33004: QCoreApplication.translate(
            "Refusals",
            "This stamp code does not belong to this card. Scan the store's own code."
        ),
        33005: QCoreApplication.translate(
            "Refusals",
            "This reward cannot be redeemed any more. Refresh the customer's card."
        ),
        33006: QCoreApplication.translate(
            "Refusals",
            "There is no such reward on this card to remove."
        ),
        33007: QCoreApplication.translate(
            "Refusals",
            "This card has no stamps to remove."
        ),
        33008: QCoreApplication.translate(
            "Refusals",
            "This action is done by the stamp service, not by the terminal."
        ),
        33009: QCoreApplication.translate(
            "Refusals",
            "The stamp service does not know this card. Ask the customer for another."
        ),
    }


def _family_sentences() -> list[tuple[type[BaseException], str]]:
    """Outside English, a translated sentence per kind of error (the English detail, written
    by the package that raised it, goes to the log)."""
    return [
        (NeedsManager, QCoreApplication.translate(
            "Messages",
            "This needs the manager PIN."
        )),
        (NotOurCard, QCoreApplication.translate(
            "Messages",
            "This is not a loyalty code of this store. Ask the customer for their card."
        )),
        (NotFound, QCoreApplication.translate(
            "Messages",
            "This card or member is not known on this terminal. Search by name, or connect to the"
            " network and try again."
        )),
        (CameraError, QCoreApplication.translate(
            "Messages",
            "The camera is not available. Check its cable, or choose another camera in the "
            "settings."
        )),
        (NfcError, QCoreApplication.translate(
            "Messages",
            "The NFC reader is not available. Check its cable, or choose another reader in the "
            "settings."
        )),
        (HardwareError, QCoreApplication.translate(
            "Messages",
            "A device is not working. Check its cable."
        )),
        (AuthError, QCoreApplication.translate(
            "Messages",
            "The stamp service refused this terminal's credentials. Ask the manager to check them"
            " in the settings."
        )),
        (SyncError, QCoreApplication.translate(
            "Messages",
            "The stamp service cannot be reached now. Everything is kept here and sent later."
        )),
        (EnvironmentLedgerError, QCoreApplication.translate(
            "Messages",
            "The terminal could not save its data (the disk may be full or busy). Free some space"
            " or restart the terminal; nothing recorded so far is lost."
        )),
    ]


#: Exception bases whose message is written for the cashier (refusals and the environment).
CASHIER_FACING: tuple[type[BaseException], ...] = (
    UiError, DomainError, HardwareError, SyncError, ServiceError, EnvironmentLedgerError,
)


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
    if isinstance(exc, InvalidInput):
        return QCoreApplication.translate(
            "Messages", "Some fields are not right. Correct them and try again."
        ) if current_language() != SOURCE_LANGUAGE else str(exc)
    if isinstance(exc, CASHIER_FACING):
        log.info("shown to cashier: %s", exc)
        if current_language() != SOURCE_LANGUAGE:
            for family, sentence in _family_sentences():
                if isinstance(exc, family):
                    return sentence
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
