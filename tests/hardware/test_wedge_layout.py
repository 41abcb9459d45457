"""A link a keyboard-wedge scanner typed through the wrong layout is spotted and explained."""

from __future__ import annotations

import pytest

from hardware.keymaps import LAYOUTS
from hardware.wedge_layout import layout_mismatch

URL = "https://vvd.bz/s/ZJ4?store=14"
# What each computer types for a scanner set to another layout (keys through the wrong map).
GARBLED = {
    ("us", "fr"): "httpsM!!vvd:bw!s!WJ'§store=&'",
    ("us", "de"): "httpsÖ--vvd.by-s-YJ4_store14",
    ("fr", "us"): "https.>>vvd<bw>s>WJ$Mstore=!$",
    ("de", "us"): "https>&&vvd.by&s&YJ4_store)14",
}


@pytest.mark.parametrize(("pair", "typed"), GARBLED.items(), ids=lambda v: str(v))
def test_a_garbled_link_names_both_layouts_and_what_to_change(pair, typed):
    _, computer = pair
    mismatch = layout_mismatch(typed)
    assert mismatch is not None
    assert (mismatch.scanner.name, mismatch.computer.name) == pair
    assert mismatch.meant.startswith("https://vvd.bz/s/")
    assert LAYOUTS[computer].title in mismatch.message
    assert "Settings › Devices" in mismatch.message


@pytest.mark.parametrize("typed", [URL, "MEMBER-000042", "hello", ""])
def test_a_good_link_or_plain_text_is_left_alone(typed):
    assert layout_mismatch(typed) is None
