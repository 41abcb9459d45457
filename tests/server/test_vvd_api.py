"""vvd.bz create: the documented validation, the key check, and the code-lookup extension."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import pytest

from server.demo_data import CARD_VVD, DEMO_VVD_CODE
from stamps.timestamps import add_years
from tests.helpers.service_clients import FINTIV_HEADERS, SERVICE_NOW, VVD_HEADERS

pytestmark = pytest.mark.dates

CREATE = "/api/stamp/v1/create"
TODAY = SERVICE_NOW.date()  # the service's frozen day
KIRITIMATI_TODAY = (SERVICE_NOW + timedelta(hours=14)).date()


def body(**changes: object) -> dict[str, object]:
    example: dict[str, object] = {
        "cardIdx": 101, "domain": "https://vvd.bz", "strtYmd": TODAY.isoformat(),
        "endYmd": (TODAY + timedelta(days=365)).isoformat(), "activeYn": "Y",
        "memo": "New Member Registration, IP: 211.111.222.33", "userId": "att78z",
        "userNm": "Brown Smith", "userPhnno": "+1 123-4567-8900", "userEml": "test@gmail.com",
        "userEtc1": "Gold rating", "userEtc2": "",
    }
    example.update(changes)
    return {k: v for k, v in example.items() if v is not None}


def create(http: httpx.Client, payload: object) -> httpx.Response:
    return http.post(CREATE, json=payload, headers=VVD_HEADERS)


def resolve(http: httpx.Client, code: str) -> httpx.Response:
    return http.get(f"/api/stamp/v1/stamps/{code}", headers=VVD_HEADERS)


def test_create_answers_a_new_code_that_resolves_to_a_card_instance(http: httpx.Client) -> None:
    response = create(http, body())
    assert response.status_code == 200, response.text
    answer = response.json()
    assert set(answer) == {"code", "message", "result"}
    assert answer["code"] == 0 and answer["message"] == ""
    code = answer["result"]
    assert re.fullmatch(r"[A-Z0-9]{16}", code)
    assert create(http, body()).json()["result"] != code
    resolved = resolve(http, code).json()["result"]
    assert resolved["url"] == f"https://vvd.bz/{code}"
    cards = http.post("/stampcard/v2/getCards", json={"cardInstanceId": resolved["cardInstanceId"]},
                      headers=FINTIV_HEADERS).json()["cards"]
    assert cards[0]["status"] == "ACTIVE" and cards[0]["stampCardId"] == resolved["stampCardId"]
    assert cards[0]["issueDate"] == f"{TODAY.isoformat()}T00:00:00.000+0000"
    end = TODAY + timedelta(days=365)
    assert cards[0]["expirationDate"] == f"{end.isoformat()}T23:59:59.000+0000"


def test_minimal_body_uses_defaults_and_inactive_is_unusable(http: httpx.Client) -> None:
    start = TODAY - timedelta(days=300)
    minimal = {"cardIdx": 102, "strtYmd": start.isoformat(), "endYmd": TODAY.isoformat()}
    code = create(http, minimal).json()["result"]
    assert resolve(http, code).json()["result"]["url"].startswith("https://vvd.bz/")
    custom = create(http, body(domain="https://stamps.example.com/s")).json()["result"]
    assert resolve(http, custom).json()["result"]["url"] == f"https://stamps.example.com/s/{custom}"
    off = create(http, body(activeYn="N")).json()["result"]
    cid = resolve(http, off).json()["result"]["cardInstanceId"]
    card = http.post("/stampcard/v2/getCards", json={"cardInstanceId": cid},
                     headers=FINTIV_HEADERS).json()["cards"][0]
    assert card["status"] == "DELETED"


def test_the_demo_code_resolves(http: httpx.Client) -> None:
    result = resolve(http, DEMO_VVD_CODE.lower()).json()["result"]
    assert result["cardInstanceId"] == CARD_VVD
    missing = resolve(http, "AAAAAAAAAAAAAAAA")
    assert missing.status_code == 404 and missing.json()["code"] != 0


@pytest.mark.parametrize("changes,field", [
    ({"cardIdx": None}, "cardIdx"),
    ({"cardIdx": "101"}, "cardIdx"),
    ({"cardIdx": 0}, "cardIdx"),
    ({"strtYmd": None}, "strtYmd"),
    ({"endYmd": None}, "endYmd"),
    ({"strtYmd": "2025/01/01"}, "strtYmd"),
    ({"endYmd": "2025-02-30"}, "endYmd"),
    # five years from the latest "today" on Earth (UTC+14: Kiritimati's), plus a day
    ({"endYmd": (add_years(KIRITIMATI_TODAY, 5) + timedelta(days=1)).isoformat()}, "endYmd"),
    ({"strtYmd": "2026-06-01", "endYmd": "2026-05-01"}, "endYmd"),
    ({"activeYn": "yes"}, "activeYn"),
    ({"domain": "vvd.bz"}, "domain"),
    ({"userNm": 5}, "userNm"),
])
def test_validation_errors(http: httpx.Client, changes: dict[str, object], field: str) -> None:
    response = create(http, body(**changes))
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["code"] != 0 and answer["result"] is None
    assert answer["message"] and field in answer["errors"]


def test_end_date_exactly_five_years_ahead_is_accepted(http: httpx.Client) -> None:
    limit: date = add_years(TODAY, 5)
    assert create(http, body(endYmd=limit.isoformat())).json()["code"] == 0


def test_unknown_card_idx_bad_json_auth_and_method(http: httpx.Client) -> None:
    unknown = create(http, body(cardIdx=999))
    assert unknown.status_code == 404 and unknown.json()["code"] == 404
    bad = http.post(CREATE, content=b"[", headers=VVD_HEADERS)
    assert bad.status_code == 400 and bad.json()["code"] == 400
    for headers in ({}, {"Authorization": "Bearer guess"}, {"Authorization": "demo-vvd-key"}):
        denied = http.post(CREATE, json=body(), headers=headers)
        assert denied.status_code == 401
        assert denied.json()["code"] == 401 and denied.json()["result"] is None
    assert http.get(CREATE, headers=VVD_HEADERS).status_code == 405
    assert http.get("/api/stamp/v1/stamps/X").status_code == 401


def test_a_repeated_idempotency_key_gets_the_first_card_again(http: httpx.Client) -> None:
    def keyed(key: str) -> httpx.Response:
        return http.post(CREATE, json=body(), headers={**VVD_HEADERS, "Idempotency-Key": key})

    first = keyed("issue-1")
    assert first.headers["idempotency-key"] == "issue-1"  # honoured, and it says so
    again = keyed("issue-1")
    assert again.json()["result"] == first.json()["result"]
    assert keyed("issue-2").json()["result"] != first.json()["result"]
    assert "idempotency-key" not in create(http, body()).headers
def test_a_store_ahead_of_utc_may_issue_five_years_from_its_own_today(http: httpx.Client) -> None:
    """A Kiritimati counter (UTC+14) is already on the next day: its five years are allowed."""
    assert KIRITIMATI_TODAY > TODAY
    end = add_years(KIRITIMATI_TODAY, 5).isoformat()
    response = create(http, body(strtYmd=KIRITIMATI_TODAY.isoformat(), endYmd=end))
    assert response.status_code == 200, response.text
