"""Hosting several merchants: a merchant's own credentials (issued hashed) reach only that
merchant's programs, cards, members and events.

The isolation test is generated from the service's own OpenAPI document: every endpoint it
lists is called with the Bakery's credentials and a request naming everything of Kopi Senja's
(cards, stamp cards, members, rewards, its vvd.bz code). No answer may show any of it, and
Kopi's data must be unchanged afterwards. A new endpoint is probed without anyone adding it.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server import demo_data as demo
from server import tenancy
from server.config import ServerConfig
from server.openapi import openapi_document
from server.runner import ServerThread
from tests.helpers.service_clients import FINTIV_HEADERS, MEMBERSHIP_HEADERS, SERVICE_NOW
from tests.server.postgres_cluster import Database
from tests.server.test_server_cli import STAMP_POS

pytestmark = pytest.mark.dates

OWN_MEMBERSHIP = 99  # the Bakery's Membership merchant: none of the demo members
VICTIM_MEMBERSHIP = demo.DEMO_MEMBERSHIP_MERCHANT
VICTIM_CARDS = {card.stamp_card_id for _, card in demo.DEMO_STAMP_CARDS
                if card.merchant and card.merchant.merchant_id == demo.KOPI_MERCHANT_ID}
VICTIM_INSTANCES = [c.card_instance_id for c in demo.demo_card_instances(SERVICE_NOW)
                    if c.stamp_card_id in VICTIM_CARDS]
VICTIM_MEMBER = next(m for m in demo.DEMO_MEMBERS
                     if demo.DEMO_CARD_OWNERS[demo.CARD_WITH_REWARD] == m.id)
#: what no answer to the Bakery may contain
SECRETS = [*VICTIM_CARDS, *VICTIM_INSTANCES, demo.KOPI_MERCHANT_ID, demo.DEMO_REWARD_INSTANCE,
           VICTIM_MEMBER.email or "", "Kopi Senja",
           *(m.stamp_value for c in VICTIM_CARDS for m in demo.DEMO_STAMP_MASTERS[c])]
ROUTES = sorted((path, method.upper()) for path, methods in
                openapi_document(ServerConfig()).get("paths", {}).items() for method in methods)


@pytest.fixture(scope="module")
def hosted(database: Database) -> Iterator[tuple[ServerThread, dict[str, str]]]:
    with ServerThread(ServerConfig(port=0, demo_data=True, **database())) as running:
        issued = running.services.db.run_write(
            lambda conn: tenancy.issue(conn, demo.BAKERY_MERCHANT_ID, OWN_MEMBERSHIP, SERVICE_NOW))
        yield running, issued


def headers_for(path: str, issued: dict[str, str]) -> dict[str, str]:
    if path.startswith("/api/memberships/"):
        return {"Authorization": issued["membership"]}
    if path.startswith("/api/stamp/"):
        return {"Authorization": f"Bearer {issued['vvd']}"}
    return {"api-key": issued["api-key"], "authorization": f"Bearer {issued['bearer']}"}


def victim_state(base_url: str) -> list[Any]:
    """Everything of Kopi's, read with the operator's credentials."""
    with httpx.Client(base_url=base_url, timeout=10) as http:
        cards = http.post("/stampcard/v2/getCards", json={}, headers=FINTIV_HEADERS).json()
        mine = [c for c in cards["cards"] if c["stampCardId"] in VICTIM_CARDS]
        by_sequence = http.post("/stampcard/v2/getCards", json={"sortType": 7},
                                headers=FINTIV_HEADERS).json()
        order = [c["cardInstanceId"] for c in by_sequence["cards"]
                 if c["stampCardId"] in VICTIM_CARDS]
        history = [http.post("/stampcard/v2/getEventHistory", headers=FINTIV_HEADERS,
                             json={"cardInstanceId": cid}).json() for cid in VICTIM_INSTANCES]
        member = http.get("/api/memberships/status", headers=MEMBERSHIP_HEADERS, params={
            "user": VICTIM_MEMBER.email, "merchant": VICTIM_MEMBERSHIP}).json()
    return [mine, order, history, member]


def hostile_body() -> dict[str, Any]:
    """One body for every endpoint, naming the victim's things in every field they take."""
    cid = demo.CARD_WITH_REWARD  # it holds an ACTIVE reward
    event = {"eventId": "probe", "cardInstanceId": cid, "eventType": "STAMP",
             "eventTime": "2026-11-01T10:00:00.000+0000", "stampValue": demo.COFFEE_CLUB_STAMP}
    redeem = {**event, "eventId": "probe-2", "eventType": "REDEEM",
              "rewardInstanceId": demo.DEMO_REWARD_INSTANCE}
    return {
        **event, "stampCardId": demo.COFFEE_CLUB_ID, "memberId": VICTIM_MEMBER.id,
        "merchantIds": [demo.KOPI_MERCHANT_ID], "merchantName": "Kopi",
        "events": [event, redeem],
        "updateCardSeqList": [{"cardInstanceId": cid, "sequence": 1}],
        # Membership and vvd.bz fields
        "merchant": VICTIM_MEMBERSHIP, "id": VICTIM_MEMBER.id, "name": "Probe",
        "birthday": "1990-01-01", "gender": "1", "email": "probe@example.com",
        "cardIdx": 101, "strtYmd": "2026-01-01", "endYmd": "2026-12-31",
        "userEml": VICTIM_MEMBER.email,
    }


@pytest.mark.parametrize(("path", "method"), ROUTES)
def test_a_merchant_never_reads_or_changes_another_merchants_data(
    hosted: tuple[ServerThread, dict[str, str]], path: str, method: str
) -> None:
    running, issued = hosted
    before = victim_state(running.base_url)
    url = running.base_url + path.replace("{code}", demo.DEMO_VVD_CODE)
    headers = headers_for(path, issued)
    if method == "GET":
        params = {"user": VICTIM_MEMBER.email, "query": VICTIM_MEMBER.name.split()[0],
                  "merchant": VICTIM_MEMBERSHIP}
        answer = httpx.get(url, params=params, headers=headers, timeout=10)
    else:
        answer = httpx.request(method, url, json=hostile_body(), headers=headers, timeout=10)
    assert answer.status_code != 401, answer.text  # the Bakery's credentials were accepted
    for secret in SECRETS:
        assert secret not in answer.text, (path, secret, answer.text[:300])
    if path.startswith("/api/memberships/"):
        assert answer.status_code == 403, answer.text
    assert victim_state(running.base_url) == before


def test_a_merchant_works_on_its_own_data(hosted: tuple[ServerThread, dict[str, str]]) -> None:
    running, issued = hosted
    fintiv = headers_for("/stampcard/v2/", issued)
    with httpx.Client(base_url=running.base_url, timeout=10) as http:
        cards = http.post("/stampcard/v2/getCards", json={}, headers=fintiv).json()["cards"]
        assert cards and {c["stampCardId"] for c in cards} == {demo.BAKERY_TAP_ID}
        merchants = http.post("/stampcard/v2/getMerchants", json={}, headers=fintiv).json()
        assert [m["merchantId"] for m in merchants["merchants"]] == [demo.BAKERY_MERCHANT_ID]
        stamped = http.post("/stampcard/v2/reportStampEvent", headers=fintiv, json={
            "cardInstanceId": demo.CARD_NEW, "eventType": "STAMP",
            "eventTime": "2026-11-01T10:00:00.000+0000"}).json()
        assert stamped["result"] == {"code": 0}
        own = http.get("/api/memberships/status", headers=headers_for("/api/memberships/", issued),
                       params={"user": "nobody@example.com", "merchant": OWN_MEMBERSHIP})
        assert own.status_code == 400  # allowed, and no such member: not 403
        issued_card = http.post("/api/stamp/v1/create", headers=headers_for("/api/stamp/", issued),
                                json={"cardIdx": 102, "strtYmd": "2026-01-01",
                                      "endYmd": "2026-12-31"})
        assert issued_card.status_code == 200, issued_card.text


def test_credentials_are_issued_once_stored_hashed_rotated_and_revoked(tmp_path: Path) -> None:
    db = tmp_path / "server.sqlite3"
    ServerThread(ServerConfig(port=0, demo_data=True, db_path=db)).start().stop()

    def credentials(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*STAMP_POS, "server", "credentials", *args, "--db", str(db)],
                              capture_output=True, text=True, timeout=60)

    added = credentials("add", demo.BAKERY_MERCHANT_ID, "--membership-merchant", "99")
    assert added.returncode == 0, added.stderr
    secrets = dict(line.split(": ", 1) for line in added.stdout.splitlines()[1:])
    assert set(secrets) == set(tenancy.KINDS)
    stored = db.read_bytes() + (tmp_path / "server.sqlite3-wal").read_bytes() \
        if (tmp_path / "server.sqlite3-wal").exists() else db.read_bytes()
    for secret in secrets.values():
        assert secret.encode() not in stored
    assert credentials("add", demo.BAKERY_MERCHANT_ID).returncode == 1  # rotate instead
    assert credentials("add", "no-such-merchant").returncode == 1
    rotated = credentials("rotate", demo.BAKERY_MERCHANT_ID)
    assert rotated.returncode == 0 and secrets["api-key"] not in rotated.stdout
    conn = sqlite3.connect(db)
    try:
        live = conn.execute("SELECT kind, membership_merchant FROM credentials"
                            " WHERE revoked IS NULL ORDER BY kind").fetchall()
        assert live == [(k, 99) for k in sorted(tenancy.KINDS)]
    finally:
        conn.close()
    revoked = credentials("revoke", demo.BAKERY_MERCHANT_ID)
    assert revoked.returncode == 0 and "4 secrets revoked" in revoked.stdout
