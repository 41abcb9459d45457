"""What a scanned or tapped payload identifies.

:func:`parse_payload` never raises: anything that is not one of this store's loyalty codes
becomes :class:`NotOurCode` with a reason, so a camera pointed at a cereal box, a binary NFC
blob or an injection string all end as one plain sentence for the cashier.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Longest payload considered at all; a QR code holds at most 2,953 bytes.
MAX_PAYLOAD = 2048
DEFAULT_STAMP_DOMAIN = "https://vvd.bz"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_STAMP_URL_CODE = re.compile(r"[A-Za-z0-9]{4,32}")
_STAMP_CODE = re.compile(r"[A-Z0-9]{2,8}(?:-[A-Z0-9]{2,8}){2,7}")
_MEMBER_ID = re.compile(r"\d{6,20}", re.ASCII)  # ASCII: "١٢٣٤٥٦" is no member ID
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{6,22}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})+")
_HEX_UID = re.compile(r"(?:[0-9A-Fa-f]{2}[:\-]?){3,9}[0-9A-Fa-f]{2}")
_UID_BYTES = (4, 7, 8, 10)  # NFC-A UIDs are 4, 7 or 10 bytes; a FeliCa IDm is 8


@dataclass(frozen=True, slots=True)
class CardInstanceRef:
    card_instance_id: str


@dataclass(frozen=True, slots=True)
class StampUrl:
    """A card issued through vvd.bz, e.g. ``https://vvd.bz/ZJLF0399WQBEQZJM``."""

    code: str
    url: str


@dataclass(frozen=True, slots=True)
class MemberRef:
    kind: str  # "member_id" | "phone" | "email"
    value: str


@dataclass(frozen=True, slots=True)
class StampCode:
    """A stamp master stampValue such as ``GZ23-A457-Z50-E56X-O23G``."""

    code: str


@dataclass(frozen=True, slots=True)
class NfcUid:
    uid: str  # upper-case hex, no separators


@dataclass(frozen=True, slots=True)
class NotOurCode:
    reason: str

    @property
    def message(self) -> str:
        return "This is not a loyalty code of this store. Ask the customer for their card."


Identified = CardInstanceRef | StampUrl | MemberRef | StampCode | NfcUid | NotOurCode


def parse_payload(
    data: str | bytes,
    *,
    nfc_uid: bool = False,
    stamp_domains: Iterable[str] = (DEFAULT_STAMP_DOMAIN,),
) -> Identified:
    """Identify a payload read by a camera, NFC reader or keyboard-wedge scanner."""
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_PAYLOAD:
            return NotOurCode("too long")
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            return NotOurCode("binary data")
    if not isinstance(data, str):
        return NotOurCode("not text")
    if len(data) > MAX_PAYLOAD:
        return NotOurCode("too long")
    text = data.strip()
    if not text:
        return NotOurCode("empty")
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text):
        return NotOurCode("control characters")
    if nfc_uid:
        return _nfc_uid(text) or NotOurCode("not a tag UID")
    if _UUID.fullmatch(text):
        return CardInstanceRef(text.lower())
    if "://" in text:
        return _stamp_url(text, stamp_domains)
    if _EMAIL.fullmatch(text):
        return MemberRef("email", text.lower())
    if _MEMBER_ID.fullmatch(text):
        return MemberRef("member_id", text)
    # A stamp code has letters; digits in dashed groups are a phone number ("0812-3456-7801").
    if _STAMP_CODE.fullmatch(text.upper()) and any("A" <= c <= "Z" for c in text.upper()):
        return StampCode(text.upper())
    if _PHONE.fullmatch(text) and sum(c.isdigit() for c in text) >= 7:
        return MemberRef("phone", normalize_phone(text))
    uid = _nfc_uid(text) if any(c in text for c in ":-") or not text.isdigit() else None
    return uid or NotOurCode("unrecognised")


def normalize_phone(text: str) -> str:
    digits = "".join(c for c in text if "0" <= c <= "9")
    return ("+" if text.strip().startswith("+") else "") + digits


def _nfc_uid(text: str) -> NfcUid | None:
    if not _HEX_UID.fullmatch(text):
        return None
    hexed = re.sub(r"[:\-]", "", text).upper()
    return NfcUid(hexed) if len(hexed) // 2 in _UID_BYTES else None


def _stamp_url(text: str, stamp_domains: Iterable[str]) -> Identified:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return NotOurCode("malformed URL")
    host = (parts.hostname or "").lower()
    for domain in stamp_domains:
        want = urlsplit(domain)
        if (
            parts.scheme.lower() in ("https", want.scheme.lower())
            and host == (want.hostname or "").lower()
            and port == want.port
            and not parts.username
        ):
            path = parts.path
            prefix = want.path.rstrip("/")
            if not path.startswith(prefix + "/"):
                continue
            code = path[len(prefix) + 1:].rstrip("/")
            if _STAMP_URL_CODE.fullmatch(code):
                return StampUrl(code=code.upper(), url=f"{domain.rstrip('/')}/{code.upper()}")
            return NotOurCode("stamp URL without a valid code")
    return NotOurCode("foreign URL")


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return bool(_UUID.fullmatch(text))
