"""Members (Stamps.co.id Membership API) and stamp issue requests (vvd.bz create).

Validation lives here so the terminal can show a field error inline while offline, and the
reference service answers the same errors online.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stamps.errors import TimestampError, ValidationError
from stamps.payloads import _EMAIL, _PHONE, DEFAULT_STAMP_DOMAIN
from stamps.timestamps import add_years, parse_date

GENDERS = {"male": 1, "female": 2}
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class Member:
    """A member as the Membership API returns it (status, suggestions, register, change)."""

    id: int
    name: str
    email: str | None = None
    phone: str | None = None
    birthday: str | None = None
    gender: int | None = None  # 1 male, 2 female
    address: str | None = None
    member_ids: tuple[str, ...] = ()
    membership_status: str | None = None
    stamps: int = 0
    balance: int = 0
    is_active: bool = True
    identifier: str | None = None

    @property
    def member_id(self) -> str | None:
        return self.member_ids[0] if self.member_ids else None

    @classmethod
    def from_api(cls, d: Mapping[str, Any]) -> Member:
        if not isinstance(d, Mapping):
            raise ValidationError({"customer": "expected an object"})
        pk = d.get("id")
        name = d.get("name")
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValidationError({"id": "expected an integer"})
        if not isinstance(name, str):
            raise ValidationError({"name": "expected a string"})
        ids = d.get("member_ids")
        if ids is None:
            single = d.get("member_id")
            ids = [single] if isinstance(single, str) and single else []
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ValidationError({"member_ids": "expected a list of strings"})
        gender = d.get("gender")
        if isinstance(gender, str):
            gender = GENDERS.get(
                gender.lower(), int(gender) if gender.isascii() and gender.isdigit() else None
            )
        return cls(
            id=pk,
            name=name,
            email=_opt(d, "email"),
            phone=_opt(d, "phone"),
            birthday=_opt(d, "birthday"),
            gender=gender if isinstance(gender, int) else None,
            address=_opt(d, "address"),
            member_ids=tuple(ids),
            membership_status=_opt(d, "membership_status") or _opt(d, "membership"),
            stamps=_int(d, "stamps"),
            balance=_int(d, "balance"),
            is_active=bool(d.get("is_active", True)),
            identifier=_opt(d, "identifier"),
        )

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "identifier": self.identifier or self.email or self.phone,
            "phone": self.phone,
            "birthday": self.birthday,
            "gender": self.gender,
            "address": self.address,
            "member_ids": list(self.member_ids),
            "membership_status": self.membership_status,
            "stamps": self.stamps,
            "balance": self.balance,
            "is_active": self.is_active,
        }


def _int(d: Mapping[str, Any], key: str) -> int:
    value = d.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _opt(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class MemberForm:
    """The fields of a registration (``id`` is None) or a change (``id`` set)."""

    merchant: int
    name: str
    birthday: str
    gender: str
    email: str | None = None
    store: int | None = None
    id: int | None = None
    member_id: str | None = None
    phone: str | None = None
    address: str | None = None

    def to_api(self) -> dict[str, Any]:
        body = {
            "id": self.id,
            "merchant": self.merchant,
            "store": self.store,
            "name": self.name,
            "email": self.email,
            "birthday": self.birthday,
            "gender": self.gender,
            "member_id": self.member_id,
            "phone": self.phone,
            "address": self.address,
        }
        return {k: v for k, v in body.items() if v not in (None, "")}


def validate_member_form(
    body: Mapping[str, Any], *, change: bool, today: date
) -> MemberForm:
    """Check a register (``change=False``) or change request; raise ValidationError listing
    every bad field, with the Membership API's wording ("This field is required")."""
    errors: dict[str, str] = {}
    required = ["merchant", "name", "birthday", "gender"]
    required += ["id"] if change else ["email", "store"]

    def text(key: str) -> str | None:
        value = body.get(key)
        if value is None or value == "":
            if key in required:
                errors[key] = "This field is required."
            return None
        if not isinstance(value, str):
            errors[key] = "Enter a valid text value."
            return None
        value = value.strip()
        if not value and key in required:
            errors[key] = "This field is required."
            return None
        if len(value) > MAX_TEXT:
            errors[key] = f"Ensure this field has no more than {MAX_TEXT} characters."
            return None
        return value

    def integer(key: str) -> int | None:
        value = body.get(key)
        if value is None or value == "":
            if key in required:
                errors[key] = "This field is required."
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[key] = "A valid integer is required."
            return None
        return value

    merchant, store, pk = integer("merchant"), integer("store"), integer("id")
    name, email, birthday = text("name"), text("email"), text("birthday")
    gender, member_id, phone, address = (
        text("gender"), text("member_id"), text("phone"), text("address")
    )
    if email is not None and not _EMAIL.fullmatch(email):
        errors["email"] = "Enter a valid email address."
    if birthday is not None:
        try:
            born = parse_date(birthday)
        except TimestampError:
            errors["birthday"] = "Date has wrong format. Use this format instead: YYYY-MM-DD."
        else:
            if born > today or born.year < 1900:
                errors["birthday"] = "Enter a real birthday."
    if gender is not None and gender.lower() not in GENDERS:
        errors["gender"] = '"Gender" must be "male" or "female".'
    if phone is not None and not _PHONE.fullmatch(phone):
        errors["phone"] = "Enter a valid phone number."
    if member_id is not None and not member_id.isalnum():
        errors["member_id"] = "A member ID has only letters and digits."
    if errors:
        raise ValidationError(errors)
    assert merchant is not None and name is not None and birthday is not None
    assert gender is not None
    return MemberForm(
        merchant=merchant, store=store, id=pk, name=name, email=email, birthday=birthday,
        gender=gender.lower(), member_id=member_id, phone=phone, address=address,
    )


@dataclass(frozen=True, slots=True)
class StampIssueRequest:
    """A vvd.bz ``POST /api/stamp/v1/create`` body."""

    card_idx: int
    strt_ymd: date
    end_ymd: date
    domain: str = DEFAULT_STAMP_DOMAIN
    active_yn: str = "Y"
    memo: str | None = None
    user_id: str | None = None
    user_nm: str | None = None
    user_phnno: str | None = None
    user_eml: str | None = None
    user_etc1: str | None = None
    user_etc2: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_api(self) -> dict[str, Any]:
        body = {
            "cardIdx": self.card_idx,
            "domain": self.domain,
            "strtYmd": self.strt_ymd.isoformat(),
            "endYmd": self.end_ymd.isoformat(),
            "activeYn": self.active_yn,
            "memo": self.memo,
            "userId": self.user_id,
            "userNm": self.user_nm,
            "userPhnno": self.user_phnno,
            "userEml": self.user_eml,
            "userEtc1": self.user_etc1,
            "userEtc2": self.user_etc2,
        }
        return {k: v for k, v in body.items() if v is not None}


MAX_VALIDITY_YEARS = 5


def validate_issue_request(body: Mapping[str, Any], *, today: date) -> StampIssueRequest:
    """Validate a vvd.bz create body as documented; raise ValidationError per field."""
    errors: dict[str, str] = {}
    if not isinstance(body, Mapping):
        raise ValidationError({"body": "expected a JSON object"})
    idx = body.get("cardIdx")
    if idx is None:
        errors["cardIdx"] = "cardIdx is required."
    elif not isinstance(idx, int) or isinstance(idx, bool) or idx <= 0:
        errors["cardIdx"] = "cardIdx must be a positive integer."
    dates: dict[str, date] = {}
    for key in ("strtYmd", "endYmd"):
        raw = body.get(key)
        if raw in (None, ""):
            errors[key] = f"{key} is required."
            continue
        try:
            dates[key] = parse_date(raw)
        except TimestampError:
            errors[key] = f"{key} must be a date such as 2025-12-31."
    if "strtYmd" in dates and "endYmd" in dates and dates["endYmd"] < dates["strtYmd"]:
        errors["endYmd"] = "endYmd must not be before strtYmd."
    if "endYmd" in dates and dates["endYmd"] > add_years(today, MAX_VALIDITY_YEARS):
        errors["endYmd"] = "endYmd can be at most 5 years from today."
    active = body.get("activeYn") or "Y"
    if active not in ("Y", "N"):
        errors["activeYn"] = "activeYn must be Y or N."
    domain = body.get("domain") or DEFAULT_STAMP_DOMAIN
    if not isinstance(domain, str) or not domain.startswith(("https://", "http://")):
        errors["domain"] = "domain must be a URL such as https://vvd.bz."
    strings: dict[str, str | None] = {}
    for key in ("memo", "userId", "userNm", "userPhnno", "userEml", "userEtc1", "userEtc2"):
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            errors[key] = f"{key} must be a string."
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            errors[key] = f"{key} must be at most {MAX_TEXT} characters."
        else:
            strings[key] = value or None
    if errors:
        raise ValidationError(errors)
    assert isinstance(idx, int) and isinstance(domain, str)
    return StampIssueRequest(
        card_idx=idx, strt_ymd=dates["strtYmd"], end_ymd=dates["endYmd"],
        domain=domain.rstrip("/"), active_yn=str(active), memo=strings["memo"],
        user_id=strings["userId"], user_nm=strings["userNm"], user_phnno=strings["userPhnno"],
        user_eml=strings["userEml"], user_etc1=strings["userEtc1"], user_etc2=strings["userEtc2"],
    )
