"""Errors raised by the cashier app itself.

::

    UiError                 base; ``str(error)`` is a sentence for the cashier
    ├── NoDisplayError      no graphical display and not offscreen: run under xvfb-run
    ├── WrongPin            the manager PIN given does not match
    └── Cancelled           the cashier or the app cancelled a task: never shown
"""

from __future__ import annotations


class UiError(Exception):
    """Base of every error raised by :mod:`pos.ui`."""


class NoDisplayError(UiError):
    """There is no display to open a window on."""


class WrongPin(UiError):
    """The manager PIN did not match."""


class Cancelled(UiError):
    """A task was cancelled; the message bridge never shows it."""
