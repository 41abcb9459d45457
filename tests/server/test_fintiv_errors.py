"""Fintiv authentication and request errors: the documented envelope, never a traceback."""

from __future__ import annotations

import httpx
import pytest

from server.fintiv_api import ENDPOINTS
from tests.helpers.service_clients import FINTIV_HEADERS, Fintiv

pytestmark = pytest.mark.dates


def assert_envelope(response: httpx.Response, status: int, code: int) -> None:
    assert response.status_code == status, response.text
    result = response.json()["result"]
    assert result["code"] == code and isinstance(result["message"], str)
    assert "Traceback" not in response.text


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_checks_api_key_and_bearer(http: httpx.Client, endpoint: str) -> None:
    url = "/stampcard/v2/" + endpoint
    no_key = {"authorization": FINTIV_HEADERS["authorization"], "api-key": ""}
    assert_envelope(http.post(url, json={}, headers=no_key), 401, 40101)
    wrong_key = {**FINTIV_HEADERS, "api-key": "guess"}
    assert_envelope(http.post(url, json={}, headers=wrong_key), 401, 40101)
    for auth in ("", "Bearer guess", "Basic demo-token", "demo-token"):
        headers = {**FINTIV_HEADERS, "authorization": auth}
        assert_envelope(http.post(url, json={}, headers=headers), 401, 40102)
    assert_envelope(http.get(url, headers=FINTIV_HEADERS), 405, 40501)


def test_credentials_never_echo_in_answers(http: httpx.Client) -> None:
    response = http.post("/stampcard/v2/getCards", json={},
                         headers={**FINTIV_HEADERS, "api-key": "secret-guess"})
    assert "secret-guess" not in response.text and "demo-api-key" not in response.text


def test_malformed_json_and_wrong_types_are_400(fintiv: Fintiv) -> None:
    bad_json = fintiv.client.post("/stampcard/v2/getCards", content=b"{not json")
    assert_envelope(bad_json, 400, 40001)
    assert_envelope(fintiv.raw("getCards", [1, 2]), 400, 40001)
    cases = [
        ("getCards", {"sortType": 8}),
        ("getCards", {"sortType": "1"}),
        ("getCards", {"latitude": 91}),
        ("getCards", {"radius": -1}),
        ("getCatalog", {"skipRows": -1}),
        ("getCatalog", {"merchantIds": "abc"}),
        ("getMerchants", {"searchType": 3}),
        ("getEventHistory", {}),
        ("getStamps", {"stampCardId": 5}),
        ("addCard", {}),
        ("removeCard", {"cardInstanceId": None}),
        ("updateCardSequences", {"updateCardSeqList": [{"cardInstanceId": "x"}]}),
        ("reportMultiStampEvents", {"events": {}}),
        ("reportMultiStampEvents", {}),
        ("reportStampEvent", {"cardInstanceId": "x", "eventType": "STAMP"}),
    ]
    for endpoint, body in cases:
        response = fintiv.raw(endpoint, body)
        assert_envelope(response, 400, 40002)
        assert response.json()["result"]["message"] == "request.invalid" or endpoint.startswith(
            "report")


def test_unknown_paths_answer_404_json(fintiv: Fintiv) -> None:
    response = fintiv.raw("noSuchEndpoint", {})
    assert response.status_code == 404
    assert response.json()["result"]["code"] == 40401


def test_the_prefix_is_configurable(make_server: object) -> None:
    running = make_server(prefix="stamp/v2")  # type: ignore[operator]
    with httpx.Client(base_url=running.base_url, headers=FINTIV_HEADERS) as client:
        assert client.post("/stamp/v2/getCatalog", json={}).json()["result"] == {"code": 0}
        assert client.post("/stampcard/v2/getCatalog", json={}).status_code == 404
