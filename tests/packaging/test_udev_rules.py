"""The udev rules shipped in the .deb cover exactly the USB readers nfcpy has a driver for, and
hand them to the group the app's own advice names."""

from __future__ import annotations

import re
from pathlib import Path

from nfc.clf import device

from hardware.reader_diagnosis import PERMISSION_ADVICE

RULES = Path(__file__).resolve().parents[2] / "packaging" / "udev" / "60-stamp-pos-nfc.rules"
RULE = re.compile(
    r'ATTR\{idVendor\}=="(?P<vid>[0-9a-f]{4})", ATTR\{idProduct\}=="(?P<pid>[0-9a-f]{4})", '
    r'GROUP="(?P<group>[a-z]+)", MODE="(?P<mode>0[0-7]{3})"'
)


def rules() -> list[re.Match[str]]:
    lines = [ln for ln in RULES.read_text().splitlines() if ln.startswith("ATTR{idVendor}")]
    matches = [RULE.match(ln) for ln in lines]
    assert all(matches), [ln for ln, m in zip(lines, matches, strict=True) if m is None]
    return [m for m in matches if m is not None]


def test_every_reader_nfcpy_supports_has_a_rule_and_no_other() -> None:
    covered = {(int(m["vid"], 16), int(m["pid"], 16)) for m in rules()}
    assert covered == set(device.usb_device_map)


def test_readers_go_to_the_group_the_app_tells_the_user_to_join() -> None:
    groups = {m["group"] for m in rules()}
    assert groups == {"plugdev"}
    assert "'plugdev' group" in PERMISSION_ADVICE
    assert {m["mode"] for m in rules()} == {"0660"}  # the group may read and write, others not


def test_the_rules_only_touch_usb_devices_being_added() -> None:
    text = RULES.read_text()
    assert 'SUBSYSTEM!="usb", GOTO="stamp_pos_nfc_end"' in text
    assert text.rstrip().endswith('LABEL="stamp_pos_nfc_end"')
