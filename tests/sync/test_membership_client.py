"""MembershipClient and VvdClient against canned answers (MockTransport)."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from stamps.members import MemberForm, StampIssueRequest
from sync.errors import ApiValidationError, AuthError, BusinessError, InvalidResponse
from sync.http import HttpSettings, build_client
from sync.membership import MembershipClient
from sync.vvd import VvdClient

pytestmark = pytest.mark.dates

ALICE = {"id": 2456, "stamps": 10, "membership_status": "Gold", "phone": "+6281111111",
         "birthday": "2000-09-15", "name": "Alice", "gender": 2,
         "member_ids": ["123456789012"], "balance": 2000}


def _members(handler) -> MembershipClient:
    http = build_client(HttpSettings("http://m.test/api/memberships"),
                        transport=httpx.MockTransport(handler))
    return MembershipClient(http, token="TOK", merchant=14)


def test_status_sends_user_and_merchant():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=ALICE)

    member = _members(handler).status("alice@stamps.co.id")
    assert member.id == 2456 and member.member_id == "123456789012"
    assert seen[0].method == "GET"
    assert seen[0].url.path == "/api/memberships/status"
    assert dict(seen[0].url.params) == {"user": "alice@stamps.co.id", "merchant": "14"}
    assert seen[0].headers["authorization"] == "Token TOK"


def test_suggestions_and_register():
    def handler(request):
        if request.url.path.endswith("suggestions"):
            return httpx.Response(200, json={"suggestions": [ALICE, dict(ALICE, id=3)]})
        body = json.loads(request.content)
        assert "id" not in body
        return httpx.Response(200, json={"customer": dict(ALICE, id=99, name=body["name"])})

    client = _members(handler)
    assert [m.id for m in client.suggestions("ali")] == [2456, 3]
    form = MemberForm(merchant=14, name="Bo", birthday="1990-01-01", gender="male",
                      email="bo@x.io", store=2)
    assert client.register(form).id == 99


def test_400_field_errors_reach_the_caller():
    client = _members(lambda r: httpx.Response(400, json={
        "detail": "Your transaction cannot be completed due to the following error(s)",
        "errors": [{"email": "Enter a valid email address."}]}))
    form = MemberForm(merchant=14, name="Bo", birthday="1990-01-01", gender="male", store=2)
    with pytest.raises(ApiValidationError) as info:
        client.register(form)
    assert info.value.field_errors == {"email": "Enter a valid email address."}


def test_403_is_an_auth_error():
    client = _members(lambda r: httpx.Response(
        403, json={"detail": "Authentication credentials were not provided."}))
    with pytest.raises(AuthError):
        client.status("x")


def test_member_without_id_is_invalid():
    client = _members(lambda r: httpx.Response(200, json={"name": "no id"}))
    with pytest.raises(InvalidResponse):
        client.status("x")


def _vvd(handler) -> VvdClient:
    http = build_client(HttpSettings("http://vvd.test"), transport=httpx.MockTransport(handler))
    return VvdClient(http, api_key="VK")


def _issue() -> StampIssueRequest:
    return StampIssueRequest(card_idx=123, strt_ymd=date(2025, 1, 1), end_ymd=date(2025, 12, 31))


def test_vvd_create_returns_code_and_url():
    def handler(request):
        assert request.url.path == "/api/stamp/v1/create"
        assert json.loads(request.content)["cardIdx"] == 123
        return httpx.Response(200, json={"code": 0, "message": "", "result": "ZJLF0399WQBEQZJM"})

    issued = _vvd(handler).create(_issue())
    assert issued.code == "ZJLF0399WQBEQZJM"
    assert issued.url == "https://vvd.bz/ZJLF0399WQBEQZJM"


def test_vvd_error_code_and_bad_shapes():
    with pytest.raises(BusinessError) as info:
        _vvd(lambda r: httpx.Response(200, json={"code": 7, "message": "plan"})).create(_issue())
    assert info.value.code == 7
    for body in ({"code": 0}, {"code": 0, "result": ""}, {"message": "x"}, []):
        with pytest.raises(InvalidResponse):
            _vvd(lambda r, b=body: httpx.Response(200, json=b)).create(_issue())
