"""Each service probed with one harmless request, against the reference service and against
real sockets that misbehave: every outcome is named, with what to do."""

from __future__ import annotations

import pytest

from server import demo_data as demo
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from sync.membership import MembershipClient
from sync.probe import Verdict, probe_fintiv, probe_membership, probe_vvd
from sync.vvd import VvdClient
from tests.helpers.sockets import free_port, stalling_server, untrusted_tls_server

pytestmark = pytest.mark.dates


def _fintiv(base: str, api_key: str = demo.DEMO_API_KEY, timeout: float = 2.0) -> FintivClient:
    http = build_client(HttpSettings(base, connect_timeout=timeout, read_timeout=timeout))
    return FintivClient(http, api_key=api_key, token=demo.DEMO_BEARER_TOKEN)


def test_good_credentials_are_ok_on_all_three_services(service):
    assert probe_fintiv(_fintiv(service.fintiv_url), service.fintiv_url).ok
    members = MembershipClient(build_client(HttpSettings(service.base_url + "/api/memberships/")),
                               token=demo.DEMO_MEMBERSHIP_TOKEN,
                               merchant=demo.DEMO_MEMBERSHIP_MERCHANT)
    assert probe_membership(members, service.base_url).ok
    vvd = VvdClient(build_client(HttpSettings(service.base_url)), api_key=demo.DEMO_VVD_KEY)
    result = probe_vvd(vvd, service.base_url)
    assert result.ok, result.advice


def test_a_wrong_key_is_named_as_such(service):
    result = probe_fintiv(_fintiv(service.fintiv_url, api_key="wrong"), service.fintiv_url)
    assert result.verdict is Verdict.WRONG_KEY
    assert "refused the credentials" in result.advice
    vvd = VvdClient(build_client(HttpSettings(service.base_url)), api_key="wrong")
    assert probe_vvd(vvd, service.base_url).verdict is Verdict.WRONG_KEY


def test_a_wrong_base_path_is_not_found(service):
    url = service.base_url + "/stamp/v9/"
    result = probe_fintiv(_fintiv(url), url)
    assert result.verdict is Verdict.NOT_FOUND
    assert url in result.advice


def test_nothing_listening_is_unreachable():
    url = f"http://127.0.0.1:{free_port()}/stampcard/v2/"
    assert probe_fintiv(_fintiv(url), url).verdict is Verdict.UNREACHABLE


def test_a_service_that_accepts_and_never_answers_is_no_answer():
    with stalling_server() as base:
        url = base + "/stampcard/v2/"
        result = probe_fintiv(_fintiv(url, timeout=0.5), url)
    assert result.verdict is Verdict.NO_ANSWER
    assert "did not answer in time" in result.advice


@pytest.mark.skipif(not __import__("shutil").which("openssl"), reason="openssl is not installed")
def test_an_untrusted_certificate_is_named(tmp_path):
    with untrusted_tls_server(tmp_path) as base:
        url = base + "/stampcard/v2/"
        result = probe_fintiv(_fintiv(url), url)
    assert result.verdict is Verdict.CERTIFICATE
    assert "certificate is not trusted" in result.advice
