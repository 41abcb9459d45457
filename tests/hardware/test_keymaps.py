"""Scanner keycodes read through the scanner's own layout: US, French AZERTY, German QWERTZ.

The key sequences below were written down key by key from each layout's keyboard (as a scanner
set to that layout sends them), independently of ``hardware.keymaps``' tables; key names are
the kernel's, looked up in python-evdev's ``ecodes``.  ``+KEY`` is the key with Shift held,
``^KEY`` with AltGr (right Alt) held.
"""

from __future__ import annotations

import pytest
from evdev import ecodes

from hardware.keymaps import LAYOUTS, KeyDecoder, layout

URL = "https://vvd.bz/s/ZJ4?store=14"
RECORDED = {
    "us": "H T T P S +SEMICOLON SLASH SLASH V V D DOT B Z SLASH S SLASH +Z +J 4 +SLASH "
          "S T O R E EQUAL 1 4 ENTER",
    "fr": "H T T P S DOT +DOT +DOT V V D +COMMA B W +DOT S +DOT +W +J +4 +M "
          "S T O R E EQUAL +1 +4 ENTER",
    "de": "H T T P S +DOT +7 +7 V V D DOT B Y +7 S +7 +Y +J 4 +MINUS "
          "S T O R E +0 1 4 ENTER",
}
MEMBER = "m@42"
RECORDED_MEMBER = {"us": "M +2 4 2 ENTER", "fr": "SEMICOLON ^0 +4 +2 ENTER",
                   "de": "M ^Q 4 2 KPENTER"}


def events(recording: str) -> list[tuple[int, int]]:
    """Press/release events as a scanner sends them, modifiers around each key."""
    out: list[tuple[int, int]] = []
    for token in recording.split():
        modifier = {"+": ecodes.KEY_LEFTSHIFT, "^": ecodes.KEY_RIGHTALT}.get(token[0])
        key = ecodes.ecodes["KEY_" + token.lstrip("+^")]
        if modifier:
            out.append((modifier, 1))
        out += [(key, 1), (key, 0)]
        if modifier:
            out.append((modifier, 0))
    return out


def read(recording: str, keyboard: str) -> list[str]:
    decoder = KeyDecoder(layout(keyboard))
    return [t for code, value in events(recording) if (t := decoder.feed(code, value))]


@pytest.mark.parametrize("keyboard", ["us", "fr", "de"])
def test_each_layout_reads_its_recorded_scan(keyboard):
    assert read(RECORDED[keyboard], keyboard) == [URL]
    assert read(RECORDED_MEMBER[keyboard], keyboard) == [MEMBER]


def test_a_us_scanner_read_as_azerty_or_qwertz_would_be_garbled():
    # What a wedge would type on a French or German computer; read directly, layout "us" wins.
    assert read(RECORDED["us"], "fr") != [URL]
    assert read(RECORDED["us"], "de") != [URL]


def test_auto_repeat_and_key_up_type_nothing_and_a_lone_enter_gives_no_code():
    decoder = KeyDecoder(layout("us"))
    h = ecodes.KEY_H
    assert [decoder.feed(h, 1), decoder.feed(h, 2), decoder.feed(h, 0)] == [None] * 3
    assert decoder.feed(ecodes.KEY_ENTER, 1) == "h"
    assert decoder.feed(ecodes.KEY_ENTER, 1) is None


def test_reset_forgets_a_half_read_code_and_a_held_shift():
    decoder = KeyDecoder(layout("us"))
    decoder.feed(ecodes.KEY_LEFTSHIFT, 1)
    decoder.feed(ecodes.KEY_A, 1)
    decoder.reset()
    for code in (ecodes.KEY_B, ecodes.KEY_ENTER):
        result = decoder.feed(code, 1)
    assert result == "b"


def test_every_layout_types_every_character_of_a_card_link_with_some_key():
    for keyboard in LAYOUTS.values():
        for char in "https://vvd.bz/s/0123456789ABCDEFGHJKLMNPQRSTVWXYZ?store=&-_.@":
            key = keyboard.keys_for(char)
            assert key is not None, (keyboard.name, char)
            assert keyboard.char(*key) == char


def test_unknown_layout():
    with pytest.raises(ValueError, match="us, fr, de"):
        layout("dvorak")
