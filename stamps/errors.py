"""Refusals of the stamping rules.

Every refusal is a typed error whose ``str()`` is a sentence a cashier can read, and whose
``code``/``key`` pair is what the stamp service answers for it::

    DomainError
    ├── TimestampError              a timestamp is not yyyy-MM-dd'T'HH:mm:ss.SSSZ
    ├── ValidationError             request fields are wrong; ``errors`` maps field -> message
    └── RuleViolation               an event may not be applied to a card instance
        ├── CardNotActive           card instance is not ACTIVE (removed, redeemed, ...)
        ├── CardExpired             card instance or its stamp card is outside its dates
        ├── MultipleStampAttempt    33003: a second stamp inside the minimum interval
        ├── UnknownStampValue       stampValue is not stamp master data of this card
        ├── RewardNotRedeemable     no ACTIVE, unexpired reward instance with that id
        ├── RewardNotFound          REMOVE_REWARD names no live reward instance
        ├── NothingToRemove         REMOVE_STAMP on a card with no stamps
        └── EventNotAllowed         an event type a terminal may not send (REWARD)
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error raised by :mod:`stamps`."""


class TimestampError(DomainError, ValueError):
    """A timestamp or date could not be parsed."""


class ValidationError(DomainError, ValueError):
    """Request fields failed validation; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class RuleViolation(DomainError):
    """An event may not be applied. ``code`` and ``key`` are the service's per-event result."""

    code: int = 33000
    key: str = "stamp.rule.violation"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CardNotActive(RuleViolation):
    code, key = 33001, "stamp.card.not.active"


class CardExpired(RuleViolation):
    code, key = 33002, "stamp.card.expired"


class MultipleStampAttempt(RuleViolation):
    code, key = 33003, "stamp.multiple.stamp.attempt"


class UnknownStampValue(RuleViolation):
    code, key = 33004, "stamp.value.unknown"


class RewardNotRedeemable(RuleViolation):
    code, key = 33005, "stamp.reward.not.redeemable"


class RewardNotFound(RuleViolation):
    code, key = 33006, "stamp.reward.not.found"


class NothingToRemove(RuleViolation):
    code, key = 33007, "stamp.nothing.to.remove"


class EventNotAllowed(RuleViolation):
    code, key = 33008, "stamp.event.not.allowed"


class UnknownCardInstance(RuleViolation):
    code, key = 33009, "stamp.card.instance.unknown"


#: Per-event result codes that will never succeed if the same event is sent again.
FINAL_CODES: frozenset[int] = frozenset(
    cls.code
    for cls in (
        CardNotActive,
        CardExpired,
        MultipleStampAttempt,
        UnknownStampValue,
        RewardNotRedeemable,
        RewardNotFound,
        NothingToRemove,
        EventNotAllowed,
        UnknownCardInstance,
    )
)
