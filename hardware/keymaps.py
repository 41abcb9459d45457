"""Keyboard layouts for handheld scanners: which character a Linux keycode types.

A HID scanner sends keycodes (physical key positions), as a keyboard does.  It is set to a
layout (US, French AZERTY, German QWERTZ...) and sends, for each character of the code, the
keys that type that character on that layout.  Read straight from the device (``evdev``), the
keycodes are turned back into text through the scanner's own layout, whatever the computer's
layout is.  Through the keyboard (a "wedge"), the computer's layout applies instead, which
garbles the code when the two differ (``hardware.wedge_layout``).

Keycodes are the kernel's (``linux/input-event-codes.h``), a stable ABI, so this module needs
no ``evdev`` and runs anywhere.  Dead keys (``^`` on AZERTY, ``´`` on QWERTZ) type nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEY_ENTER, KEY_KPENTER, KEY_TAB = 28, 96, 15
KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_RIGHTALT, KEY_CAPSLOCK = 42, 54, 100, 58
KEY_SPACE, KEY_102ND = 57, 86
EV_KEY = 1
KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2

_DIGIT_ROW = list(range(2, 14))  # KEY_1 .. KEY_EQUAL
_TOP_ROW = list(range(16, 28))  # KEY_Q .. KEY_RIGHTBRACE
_HOME_ROW = list(range(30, 41))  # KEY_A .. KEY_APOSTROPHE
_BOTTOM_ROW = list(range(44, 54))  # KEY_Z .. KEY_SLASH
KEY_GRAVE, KEY_BACKSLASH = 41, 43
# The keypad types digits whatever the layout (with Num Lock on, as scanners assume).
_KEYPAD = {82: "0", 79: "1", 80: "2", 81: "3", 75: "4", 76: "5", 77: "6", 71: "7", 72: "8",
           73: "9", 83: ".", 98: "/", 55: "*", 74: "-", 78: "+"}

Chars = tuple[str, str, str]  # plain, with Shift, with AltGr ("" = types nothing)


def _rows(plain: list[str], shifted: list[str]) -> dict[int, Chars]:
    codes = _DIGIT_ROW + _TOP_ROW + _HOME_ROW + _BOTTOM_ROW
    flat_plain = [c for row in plain for c in row]
    flat_shift = [c for row in shifted for c in row]
    if not len(codes) == len(flat_plain) == len(flat_shift):
        raise ValueError("a layout row has the wrong number of keys")
    return {code: (p.strip(), s.strip(), "") for code, p, s in zip(codes, flat_plain, flat_shift,
                                                                   strict=True)}


@dataclass(frozen=True)
class Layout:
    """What each keycode types on one layout; ``title`` is what a cashier calls it."""

    name: str
    title: str
    keys: dict[int, Chars] = field(repr=False)

    def char(self, code: int, shift: bool, altgr: bool) -> str:
        if code in _KEYPAD:
            return _KEYPAD[code]
        if code == KEY_SPACE:
            return " "
        plain, shifted, alt = self.keys.get(code, ("", "", ""))
        return alt if altgr else shifted if shift else plain

    def keys_for(self, char: str) -> tuple[int, bool, bool] | None:
        """The key (code, shift, altgr) that types ``char`` on this layout, if any."""
        if char == " ":
            return KEY_SPACE, False, False
        for code, (plain, shifted, alt) in self.keys.items():
            for typed, shift, altgr in ((plain, False, False), (shifted, True, False),
                                        (alt, False, True)):
                if typed == char:
                    return code, shift, altgr
        return None


def _with_extras(keys: dict[int, Chars], extras: dict[int, Chars],
                 altgr: dict[int, str]) -> dict[int, Chars]:
    out = {**keys, **extras}
    for code, char in altgr.items():
        plain, shifted, _ = out.get(code, ("", "", ""))
        out[code] = (plain, shifted, char)
    return out


# Each row string lists the keys left to right; a space stands for a dead key (types nothing).
US = Layout("us", "US English", _with_extras(
    _rows(["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"],
          ["!@#$%^&*()_+", "QWERTYUIOP{}", 'ASDFGHJKL:"', "ZXCVBNM<>?"]),
    {KEY_GRAVE: ("`", "~", ""), KEY_BACKSLASH: ("\\", "|", ""), KEY_102ND: ("\\", "|", "")},
    {}))

AZERTY = Layout("fr", "French AZERTY", _with_extras(
    _rows(["&é\"'(-è_çà)=", "azertyuiop $", "qsdfghjklmù", "wxcvbn,;:!"],
          ["1234567890°+", "AZERTYUIOP £", "QSDFGHJKLM%", "WXCVBN?./§"]),
    {KEY_GRAVE: ("²", "", ""), KEY_BACKSLASH: ("*", "µ", ""), KEY_102ND: ("<", ">", "")},
    {3: "~", 4: "#", 5: "{", 6: "[", 7: "|", 8: "`", 9: "\\", 10: "^", 11: "@", 12: "]",
     13: "}", 18: "€"}))

QWERTZ = Layout("de", "German QWERTZ", _with_extras(
    _rows(["1234567890ß ", "qwertzuiopü+", "asdfghjklöä", "yxcvbnm,.-"],
          ["!\"§$%&/()=? ", "QWERTZUIOPÜ*", "ASDFGHJKLÖÄ", "YXCVBNM;:_"]),
    {KEY_GRAVE: ("", "°", ""), KEY_BACKSLASH: ("#", "'", ""), KEY_102ND: ("<", ">", "")},
    {3: "²", 4: "³", 8: "{", 9: "[", 10: "]", 11: "}", 12: "\\", 16: "@", 18: "€", 27: "~",
     KEY_102ND: "|"}))

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (US, AZERTY, QWERTZ)}


def layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(f"unknown keyboard layout {name!r}; choose one of "
                         f"{', '.join(LAYOUTS)}") from None


class KeyDecoder:
    """Turns a scanner's key events into codes, one per Enter, through its layout."""

    def __init__(self, keyboard: Layout, terminators: tuple[int, ...] = (KEY_ENTER, KEY_KPENTER)):
        self.layout = keyboard
        self.terminators = terminators
        self._shift: set[int] = set()
        self._altgr = False
        self._text: list[str] = []

    def feed(self, code: int, value: int) -> str | None:
        """One key event (``value`` 1 = down, 0 = up, 2 = auto-repeat); a finished code when
        this was its terminator, else None."""
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            (self._shift.add if value else self._shift.discard)(code)
            return None
        if code == KEY_RIGHTALT:
            self._altgr = value != KEY_UP
            return None
        if value != KEY_DOWN:
            return None
        if code in self.terminators:
            text, self._text = "".join(self._text), []
            return text or None
        self._text.append(self.layout.char(code, bool(self._shift), self._altgr))
        return None

    def reset(self) -> None:
        """Forget a half-read code (the scanner was unplugged mid-scan)."""
        self._shift.clear()
        self._altgr = False
        self._text = []
