"""``stamp-pos tap`` (a simulated NFC tap) and ``stamp-pos devices`` (what is plugged in)."""

from __future__ import annotations

import argparse
import json
import sys

from hardware.nfc_tap import DEFAULT_PORT


def _uid(text: str) -> bytes:
    try:
        uid = bytes.fromhex(text)
    except ValueError:
        uid = b""
    if len(uid) != 8:
        raise argparse.ArgumentTypeError("must be 8 bytes as 16 hex digits, e.g. 03FEFFE011223344")
    return uid


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError("must be a port number from 1 to 65535")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tap",
        help="tap a simulated NFC card on the UDP reader (udp:127.0.0.1:PORT)",
        description="Emulate an NFC tag carrying a URI or Text record, or only a UID, until a "
        "reader configured as udp:127.0.0.1:PORT reads it.",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--uri", help="URI record to put on the card (e.g. a stamp URL)")
    what.add_argument("--text", help="Text record to put on the card")
    what.add_argument("--uid-only", action="store_true", help="a card without NDEF data")
    p.add_argument("--uid", type=_uid, help="card identifier, 16 hex digits")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a reader")
    p.add_argument("--hold", type=float, default=1.0, help="seconds the card stays on the reader")
    p.set_defaults(func=tap_cmd)

    p = sub.add_parser("devices", help="list cameras and NFC readers and what to do about problems")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=devices_cmd)


def tap_cmd(args: argparse.Namespace) -> int:
    from hardware.nfc_tap import DEFAULT_IDM, EmulatedTag, TagMemory, ndef_message, udp_path

    memory = None if args.uid_only else TagMemory(ndef_message(uri=args.uri, text=args.text))
    path = udp_path(args.port)
    tag = EmulatedTag(path, memory, idm=args.uid or DEFAULT_IDM)
    print(f"Holding the card on the simulated reader {path} (up to {args.timeout:.0f} s)...")
    try:
        touched = tag.run(timeout=args.timeout, hold=args.hold)
    except OSError as exc:
        print(f"stamp-pos tap: {exc}", file=sys.stderr)
        return 1
    if not touched:
        print(
            f"stamp-pos tap: no reader read the card. Is the terminal running with the NFC "
            f"reader set to {path}?",
            file=sys.stderr,
        )
        return 1
    print("The reader read the card.")
    return 0


def devices_cmd(args: argparse.Namespace) -> int:
    from hardware.devices import DeviceReport, list_cameras, list_readers, list_scanners

    cameras = list_cameras()
    readers = list_readers()
    scanners = list_scanners()
    if args.json:
        print(json.dumps([d.to_json() for d in [*cameras, *readers, *scanners]], indent=2))
        return 0
    print("Cameras:")
    if not cameras:
        print("  none found (no /dev/video*). Plug a webcam in.")
    sections: list[DeviceReport | str] = [*cameras, "NFC readers:", *readers,
                                           "Handheld scanners (read directly):", *scanners]
    for d in sections:
        if isinstance(d, str):
            print(d)
            continue
        state = "simulated" if d.path.startswith("udp:") else d.state
        print(f"  {d.path:<24} {d.name:<28} {state}")
        if not d.usable or d.message != "Works.":
            print(f"  {'':<24} {d.message}")
    return 0
