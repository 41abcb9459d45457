import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stamps.payloads import (
    CardInstanceRef,
    MemberRef,
    NfcUid,
    NotOurCode,
    StampCode,
    StampUrl,
    parse_payload,
)

CUSTOM = ("https://vvd.bz", "https://stamps.example.com")
CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"
VVD = "https://vvd.bz/ZJLF0399WQBEQZJM"


@pytest.mark.parametrize("payload, expected", [
    (CARD.upper(), CardInstanceRef(CARD)),
    (f"  {CARD}\r\n", CardInstanceRef(CARD)),
    (CARD.encode(), CardInstanceRef(CARD)),
    (VVD, StampUrl("ZJLF0399WQBEQZJM", VVD)),
    ("https://VVD.BZ/zjlf0399wqbeqzjm/", StampUrl("ZJLF0399WQBEQZJM", VVD)),
    ("https://stamps.example.com/AB12CD34",
     StampUrl("AB12CD34", "https://stamps.example.com/AB12CD34")),
    ("customer@stamps.co.id", MemberRef("email", "customer@stamps.co.id")),
    ("123456789012", MemberRef("member_id", "123456789012")),
    ("+62 811-1111-11", MemberRef("phone", "+628111111 11".replace(" ", ""))),
    ("GZ23-A457-Z50-E56X-O23G", StampCode("GZ23-A457-Z50-E56X-O23G")),
    ("04:A2:24:6A:B1:3C:80", NfcUid("04A2246AB13C80")),
])
def test_recognises_what_it_identifies(payload, expected):
    assert parse_payload(payload, stamp_domains=CUSTOM) == expected


def test_nfc_uid_from_a_reader():
    assert parse_payload("04a2246ab13c80", nfc_uid=True) == NfcUid("04A2246AB13C80")
    assert isinstance(parse_payload("hello", nfc_uid=True), NotOurCode)


@pytest.mark.parametrize("payload", [
    "https://evil.example/ZJLF0399WQBEQZJM", "https://vvd.bz.evil.com/ZJLF0399WQBEQZJM",
    "https://user@vvd.bz/ZJLF0399WQBEQZJM", "https://vvd.bz/ZJLF/0399", "https://vvd.bz/",
    "javascript:alert(1)", "'; DROP TABLE outbox; --", "<script>alert(1)</script>",
    "\x00\x01\x02", "3ab8fd17-2fb5-468c-9079-dfb887aacc54\x00", "", "   ",
    b"\xff\xfe\x00binary", "x" * 5000, b"y" * 5000, "hello world", "12345",
    "https://vvd.bz:99999/CODE1234", "http://[::1/x",
])
def test_everything_else_is_not_our_code(payload):
    result = parse_payload(payload)
    assert isinstance(result, NotOurCode)
    assert "not a loyalty code of this store" in result.message


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000),
                 st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=80)))
def test_fuzz_never_raises(data):
    result = parse_payload(data, stamp_domains=CUSTOM)
    assert isinstance(result, CardInstanceRef | StampUrl | MemberRef | StampCode | NfcUid
                      | NotOurCode)
    if isinstance(result, CardInstanceRef):
        assert len(result.card_instance_id) == 36


@settings(max_examples=100, deadline=None)
@given(st.uuids())
def test_any_uuid_is_a_card(u):
    assert parse_payload(str(u).upper()) == CardInstanceRef(str(u))


def test_member_ids_and_phones_are_ascii_digits_only():
    """Issue 12 #7: ``\\d`` without re.ASCII took Arabic-Indic and other digits as an ID."""
    assert not isinstance(parse_payload("١٢٣٤٥٦٧٨"), MemberRef)
    assert not isinstance(parse_payload("１２３４５６７８"), MemberRef)
    assert parse_payload("12345678") == MemberRef("member_id", "12345678")
    # digits in dashed groups are a phone number, not a stamp code (those have letters)
    assert parse_payload("0812-3456-7801") == MemberRef("phone", "081234567801")


def test_phones_compare_in_e164_with_the_stores_country():
    from stamps.phones import e164

    assert e164("0812-3456-7801", "ID") == "+6281234567801"
    assert e164("+62 812 3456 7801", "FR") == "+6281234567801"
    assert e164("06 12 34 56 78", "FR") == "+33612345678"
    assert e164("not a phone", "ID") is None
