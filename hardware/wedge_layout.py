"""Spotting a code that a keyboard-wedge scanner typed through the wrong layout.

A scanner set to US layout on a computer set to AZERTY types ``https://`` as ``httpsM!!``: the
computer reads the scanner's keys through its own layout.  Given such text, try each pair of
(scanner layout, computer layout): map every character back to the key the computer says typed
it, then forward through the scanner's layout.  If only that gives a link, the pair is the
mismatch, and the cashier is told what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hardware.keymaps import LAYOUTS, Layout

_LINK = re.compile(r"https?://[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LayoutMismatch:
    """What the scanner meant, and the sentence saying what to change."""

    scanner: Layout
    computer: Layout
    meant: str

    @property
    def message(self) -> str:
        return (f"This scan looks garbled: the scanner types in {self.scanner.title} but this "
                f"computer uses {self.computer.title}. Set the scanner to "
                f"{self.computer.title} (scan the layout code in its manual), or choose it "
                f"under Settings › Devices so it is read directly.")


def retype(text: str, scanner: Layout, computer: Layout) -> str | None:
    """``text`` as the scanner meant it, if the computer typed it through ``computer``."""
    out = []
    for char in text:
        key = computer.keys_for(char)
        if key is None:
            return None
        meant = scanner.char(*key)
        if not meant:
            return None
        out.append(meant)
    return "".join(out)


def layout_mismatch(text: str) -> LayoutMismatch | None:
    """The layout mismatch that explains ``text`` as a garbled link, or None."""
    if _LINK.match(text):
        return None
    for scanner in LAYOUTS.values():
        for computer in LAYOUTS.values():
            if scanner is computer:
                continue
            meant = retype(text, scanner, computer)
            if meant is not None and _LINK.match(meant):
                return LayoutMismatch(scanner, computer, meant)
    return None
