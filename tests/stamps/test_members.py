from datetime import date, timedelta

import pytest

from stamps.errors import ValidationError
from stamps.members import Member, validate_issue_request, validate_member_form
from stamps.timestamps import add_years

pytestmark = pytest.mark.dates

#: the day the checks run on: passed in, never read from the system (a leap day, on purpose)
TODAY = date(2028, 2, 29)

REGISTER = {"name": "me", "email": "me@mail.com", "member_id": "123412341234",
            "phone": "+62215600010", "birthday": "1991-10-19", "gender": "Female",
            "merchant": 14, "address": "221b Baker Street", "store": 2}


def test_documented_registration_is_valid():
    form = validate_member_form(REGISTER, change=False, today=TODAY)
    assert form.gender == "female"
    assert form.to_api()["merchant"] == 14


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(ValidationError) as info:
        validate_member_form({"merchant": "x", "email": "nope", "birthday": "19/10/1991",
                              "gender": "other", "phone": "call me"}, change=False, today=TODAY)
    errors = info.value.errors
    assert errors["name"] == "This field is required."
    assert set(errors) >= {"merchant", "email", "birthday", "gender", "phone", "store"}


def test_change_needs_id_not_email():
    body = {k: v for k, v in REGISTER.items() if k not in ("email", "store")}
    with pytest.raises(ValidationError) as info:
        validate_member_form(body, change=True, today=TODAY)
    assert set(info.value.errors) == {"id"}
    assert validate_member_form({**body, "id": 3}, change=True, today=TODAY).id == 3


def test_member_from_the_documents_examples():
    m = Member.from_api({"id": 2456, "stamps": 10, "membership_status": "Gold",
                         "phone": "+6281111111", "birthday": "2000-09-15", "name": "Alice",
                         "gender": 2, "member_ids": ["123456789012", "123456789011"],
                         "balance": 2000})
    assert m.member_id == "123456789012" and m.balance == 2000
    reg = Member.from_api({"id": 3, "name": "me", "email": "me@mail.com",
                           "member_id": "123412341234", "gender": "Female"})
    assert reg.member_ids == ("123412341234",) and reg.gender == 2
    with pytest.raises(ValidationError):
        Member.from_api({"id": "3", "name": "x"})


def test_issue_request_rules():
    today, yesterday = TODAY.isoformat(), (TODAY - timedelta(days=1)).isoformat()
    limit = add_years(TODAY, 5)  # 2033-02-28: a leap day plus five years
    ok = validate_issue_request({"cardIdx": 123, "strtYmd": today,
                                 "endYmd": limit.isoformat()}, today=TODAY)
    assert ok.domain == "https://vvd.bz" and ok.active_yn == "Y"
    with pytest.raises(ValidationError) as info:
        validate_issue_request({"strtYmd": "2026-13-01",  # month 13: the date is the point
                                "endYmd": (limit + timedelta(days=1)).isoformat(),
                                "activeYn": "X"}, today=TODAY)
    assert set(info.value.errors) == {"cardIdx", "strtYmd", "endYmd", "activeYn"}
    assert "5 years" in info.value.errors["endYmd"]
    with pytest.raises(ValidationError, match="before"):
        validate_issue_request({"cardIdx": 1, "strtYmd": today, "endYmd": yesterday},
                               today=TODAY)


def test_a_birthday_after_today_is_refused_today_is_not():
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as info:
        validate_member_form({**REGISTER, "birthday": tomorrow}, change=False, today=TODAY)
    assert info.value.errors == {"birthday": "Enter a real birthday."}
    born_today = {**REGISTER, "birthday": TODAY.isoformat()}
    assert validate_member_form(born_today, change=False, today=TODAY).birthday == "2028-02-29"


def test_non_ascii_digits_are_field_errors_not_crashes():
    # "²".isdigit() is True but int("²") raises; found by fuzzing the reference service.
    with pytest.raises(ValidationError) as info:
        validate_member_form({**REGISTER, "merchant": "²", "store": "٣"}, change=False, today=TODAY)
    assert info.value.errors["merchant"] == "A valid integer is required."
    assert Member.from_api({"id": 1, "name": "x", "gender": "²"}).gender is None
