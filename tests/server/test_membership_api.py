"""Stamps.co.id Membership API: status, suggestions, register, change and the documented
400/401/403/405 bodies."""

from __future__ import annotations

import httpx
import pytest

from server.demo_data import DEMO_MEMBERSHIP_MERCHANT
from tests.helpers.service_clients import MEMBERSHIP_HEADERS

pytestmark = pytest.mark.dates

BASE = "/api/memberships/"
M = DEMO_MEMBERSHIP_MERCHANT
DETAIL_400 = "Your transaction cannot be completed due to the following error(s)"
STATUS_KEYS = {"id", "stamps", "membership_status", "phone", "birthday", "address", "name",
               "gender", "member_ids", "balance", "email", "identifier", "is_active"}


@pytest.fixture(scope="module")
def members(http: httpx.Client) -> httpx.Client:
    return http


def get(client: httpx.Client, path: str, **params: object) -> httpx.Response:
    return client.get(BASE + path, params=params, headers=MEMBERSHIP_HEADERS)


def post(client: httpx.Client, path: str, body: object) -> httpx.Response:
    return client.post(BASE + path, json=body, headers=MEMBERSHIP_HEADERS)


@pytest.mark.parametrize("user", ["siti.rahayu@example.com", "SITI.RAHAYU@example.com",
                                  "100000000001", "+6281234567801", "081234567801",
                                  "+62 812-3456-7801", "1"])
def test_status_finds_a_member_by_email_member_id_phone_or_key(
    members: httpx.Client, user: str
) -> None:
    response = get(members, "status", user=user, merchant=M)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= STATUS_KEYS
    assert body["id"] == 1 and body["name"] == "Siti Rahayu"
    assert body["member_ids"] == ["100000000001"] and body["gender"] == 2
    assert isinstance(body["stamps"], int) and isinstance(body["balance"], int)


def test_status_errors(members: httpx.Client) -> None:
    missing = get(members, "status", merchant=M)
    assert missing.status_code == 400
    assert missing.json() == {"detail": DETAIL_400, "errors": [{"user": "This field is required."}]}
    both = get(members, "status").json()["errors"]
    assert {k for e in both for k in e} == {"user", "merchant"}
    assert get(members, "status", user="1", merchant="x").json()["errors"] == [
        {"merchant": "A valid integer is required."}]
    nobody = get(members, "status", user="nobody@example.com", merchant=M)
    assert nobody.status_code == 400 and list(nobody.json()["errors"][0]) == ["user"]
    other_merchant = get(members, "status", user="1", merchant=15)
    assert other_merchant.status_code == 400


def test_suggestions_match_name_email_phone_and_member_id(members: httpx.Client) -> None:
    def names(query: str) -> list[str]:
        response = get(members, "suggestions", query=query, merchant=M)
        assert response.status_code == 200, response.text
        return [s["name"] for s in response.json()["suggestions"]]

    assert names("siti") == ["Siti Rahayu"]
    assert names("example.fr") == ["Marie Dubois"]
    assert names("100000000013") == ["Ayu Lestari"]
    assert names("4567805") == ["Rizky Pratama"]
    assert "Budi Santoso" in names("a")
    assert names("%") == [] and names("zzz") == []
    first = get(members, "suggestions", query="siti", merchant=M).json()["suggestions"][0]
    assert {"membership", "email", "stamps", "id", "name", "phone", "address", "gender",
            "member_ids"} <= set(first)
    assert first["membership"] == "Gold"
    assert get(members, "suggestions", merchant=M).status_code == 400


def test_register_then_look_up_and_change(members: httpx.Client) -> None:
    example = {"name": "me", "email": "me@mail.com", "member_id": "123412341234",
               "phone": "+62215600010", "birthday": "1991-10-19", "gender": "Female",
               "merchant": M, "address": "221b Baker Street", "store": 2}
    response = post(members, "register", example)
    assert response.status_code == 200, response.text
    customer = response.json()["customer"]
    assert {"id", "name", "email", "identifier", "member_id", "phone", "birthday",
            "gender"} <= set(customer)
    assert customer["gender"] == "Female" and customer["member_id"] == "123412341234"
    assert customer["identifier"] == "me@mail.com"
    pk = customer["id"]
    assert get(members, "status", user="123412341234", merchant=M).json()["id"] == pk
    duplicate = post(members, "register", {**example, "member_id": "999999999999"})
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"] == [{"email": "A member with this email already exists."}]
    change = {"id": pk, "name": "me too", "email": "me2@mail.com", "member_id": "123412341235",
              "phone": "+62215600011", "birthday": "1991-10-19", "gender": "Female",
              "merchant": M, "address": "221b Baker Street"}
    changed = post(members, "change", change)
    assert changed.status_code == 200, changed.text
    assert changed.json()["customer"]["name"] == "me too"
    status = get(members, "status", user="me2@mail.com", merchant=M).json()
    assert status["member_ids"] == ["123412341235", "123412341234"]
    taken = post(members, "change", {**change, "email": "siti.rahayu@example.com"})
    assert taken.json()["errors"] == [{"email": "A member with this email already exists."}]
    ghost = post(members, "change", {**change, "id": 99999})
    assert ghost.status_code == 400 and list(ghost.json()["errors"][0]) == ["id"]


def test_register_validation_lists_every_bad_field(members: httpx.Client) -> None:
    response = post(members, "register", {"name": "", "email": "not-an-email",
                                          "birthday": "19-10-1991", "gender": "x"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == DETAIL_400
    fields = {k for e in body["errors"] for k in e}
    assert fields == {"merchant", "name", "email", "birthday", "gender", "store"}
    assert all(len(e) == 1 for e in body["errors"])
    assert post(members, "register", [1]).status_code == 400
    huge = post(members, "register", {"merchant": 2**70})
    assert huge.status_code == 400
    bad_json = members.post(BASE + "register", content=b"{", headers=MEMBERSHIP_HEADERS)
    assert bad_json.status_code == 400 and "detail" in bad_json.json()


@pytest.mark.parametrize("path,method", [("status", "GET"), ("suggestions", "GET"),
                                         ("register", "POST"), ("change", "POST")])
def test_auth_and_method_errors(members: httpx.Client, path: str, method: str) -> None:
    url = BASE + path
    missing = members.request(method, url)
    assert missing.status_code == 401
    assert missing.json() == {"detail": "Authentication credentials were not provided."}
    wrong = members.request(method, url, headers={"Authorization": "Token guess"})
    assert wrong.status_code == 403
    assert wrong.json() == {"detail": "You do not have permission to perform this action."}
    other = "POST" if method == "GET" else "GET"
    for verb in (other, "PUT", "DELETE"):
        response = members.request(verb, url, headers=MEMBERSHIP_HEADERS)
        assert response.status_code == 405
        assert response.json() == {"detail": f'Method "{verb}" not allowed.'}
