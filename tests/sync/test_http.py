"""The shared HTTP call: failures become typed errors, bodies are capped, secrets stay out of
logs, the server clock offset is recorded."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import formatdate

import httpx
import pytest

from stamps.clock import FrozenClock
from sync.errors import (
    AmbiguousError,
    ApiValidationError,
    AuthError,
    InvalidResponse,
    RequestTooLarge,
    ServerError,
    TransportError,
)
from sync.http import ClockSkew, HttpSettings, JsonHttp, build_client

pytestmark = pytest.mark.dates

SECRET = "s3cr3t-api-key-value"


def _http(handler, **kwargs) -> JsonHttp:
    client = build_client(
        HttpSettings("http://svc.test/base"), transport=httpx.MockTransport(handler)
    )
    return JsonHttp(client, headers={"api-key": SECRET}, **kwargs)


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthError), (403, AuthError), (413, RequestTooLarge), (404, ApiValidationError),
     (500, ServerError), (503, ServerError), (429, ServerError)],
)
def test_status_codes_map_to_typed_errors(status, error):
    http = _http(lambda r: httpx.Response(status, json={}))
    with pytest.raises(error):
        http.call("POST", "x", body={})


def test_400_is_returned_for_the_client_to_read_its_field_errors():
    http = _http(lambda r: httpx.Response(400, json={"errors": [{"email": "bad"}]}))
    assert http.call("POST", "x", body={}) == (400, {"errors": [{"email": "bad"}]})


def test_invalid_json_is_an_invalid_response():
    http = _http(lambda r: httpx.Response(200, content=b"{not json"))
    with pytest.raises(InvalidResponse):
        http.call("POST", "x", body={})


def test_oversized_body_is_refused_without_reading_it_all():
    big = b"[" + b"1," * 10_000 + b"1]"
    http = _http(lambda r: httpx.Response(200, content=big), max_body=1000)
    with pytest.raises(InvalidResponse, match="too large"):
        http.call("POST", "x", body={})


def test_oversized_streamed_body_without_length_is_refused():
    def handler(request):
        return httpx.Response(200, content=iter([b"[1" + b",1" * 600, b",1" * 600 + b"]"]))

    http = _http(handler, max_body=1000)
    with pytest.raises(InvalidResponse):
        http.call("POST", "x", body={})


def test_connect_failure_is_a_transport_error_and_read_timeout_is_ambiguous():
    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    def reset(request):
        raise httpx.RemoteProtocolError("reset", request=request)

    with pytest.raises(TransportError):
        _http(refuse).call("POST", "x", body={})
    with pytest.raises(AmbiguousError):
        _http(slow).call("POST", "x", body={})
    with pytest.raises(AmbiguousError):
        _http(reset).call("POST", "x", body={})
    assert not issubclass(TransportError, AmbiguousError)


def test_secrets_are_sent_but_never_logged(caplog):
    seen = {}

    def handler(request):
        seen.update(request.headers)
        raise httpx.ConnectError(f"refused with {SECRET}", request=request)

    caplog.set_level(logging.DEBUG, logger="sync")
    with pytest.raises(TransportError):
        _http(handler).call("POST", f"x?k={SECRET}", body={})
    assert seen["api-key"] == SECRET
    assert caplog.records
    assert SECRET not in caplog.text


def test_request_body_is_json_and_base_url_is_kept():
    captured = []

    def handler(request):
        captured.append(request)
        return httpx.Response(200, json={"ok": True})

    assert _http(handler).call("POST", "getCards", body={"a": 1}) == (200, {"ok": True})
    assert str(captured[0].url) == "http://svc.test/base/getCards"
    assert captured[0].content == b'{"a":1}'


def test_clock_offset_is_recorded_from_the_date_header():
    clock = FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    skew = ClockSkew(clock)
    ahead = formatdate(clock.epoch() + 600, usegmt=True)
    http = _http(lambda r: httpx.Response(200, json={}, headers={"date": ahead}), skew=skew)
    http.call("POST", "x", body={})
    assert skew.offset_seconds is not None
    assert 590 < skew.offset_seconds < 610
    assert skew.exceeds(120)
    assert not skew.exceeds(1200)


def test_tls_is_verified_by_default():
    assert HttpSettings("https://x").verify is True


def test_a_service_is_named_inside_a_sentence_and_at_its_start():
    """"The connection to The stamp service broke." read badly: the name is lower case inside
    a sentence and capitalised at its start."""

    def broken(request):
        raise httpx.RemoteProtocolError("peer closed", request=request)

    http = _http(broken, service="the stamp service")
    with pytest.raises(AmbiguousError, match=r"^The connection to the stamp service broke\.$"):
        http.call("POST", "x", body={})
    http = _http(lambda r: httpx.Response(500, json={}), service="the stamp service")
    with pytest.raises(ServerError, match=r"^The stamp service is having trouble"):
        http.call("POST", "x", body={})
