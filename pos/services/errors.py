"""Errors of the use cases, each a sentence for the cashier::

    ServiceError
    ├── NotFound            the card or member is not known here
    ├── NeedsManager        the action needs the manager PIN (undo after the window, ...)
    ├── NotOurCard          the payload is not a loyalty code of this store
    └── InvalidInput        the cashier's input is wrong; ``errors`` maps field -> message

Stamping refusals are :class:`stamps.errors.RuleViolation`; the environment's faults
(disk full, database locked) are :class:`ledger.errors.EnvironmentLedgerError`.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base of the use cases' errors; ``str()`` is shown to the cashier as is."""


class NotFound(ServiceError):
    pass


class NeedsManager(ServiceError):
    pass


class NotOurCard(ServiceError):
    pass


class InvalidInput(ServiceError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("Please correct: " + "; ".join(self.errors.values()))
