"""Member registrations and changes queued offline reach the Membership API (temporary ids
mapped to the server's, field errors back to the cashier); cards issued offline reach vvd.bz
create and get their QR code URL."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from pos.services import issuing, membership
from pos.services.context import Context
from pos.services.settings import TerminalSettings
from server import demo_data as demo
from sync.engine import Clients, DrainResult, SyncEngine
from sync.http import HttpSettings, build_client
from sync.membership import MembershipClient
from sync.queues import QueueSender
from sync.vvd import VvdClient

from .conftest import fast_settings

pytestmark = pytest.mark.dates


@pytest.fixture
def ctx(store, tmp_path):
    return Context(store=store, settings=TerminalSettings(), clock=store.clock)


def _members(service, transport=None) -> MembershipClient:
    http = build_client(HttpSettings(service.base_url + "/api/memberships/"), transport=transport)
    return MembershipClient(http, token=demo.DEMO_MEMBERSHIP_TOKEN,
                            merchant=demo.DEMO_MEMBERSHIP_MERCHANT)


def _vvd(service) -> VvdClient:
    return VvdClient(build_client(HttpSettings(service.base_url)), api_key=demo.DEMO_VVD_KEY)


ALICE = {"name": "Alice Wonder", "email": "alice.wonder@example.com", "birthday": "1990-04-02",
         "gender": "female", "phone": "+6281299990000"}


def test_member_registered_offline_gets_its_server_id_then_its_change_goes_out(
    service, store, ctx
):
    queued = membership.register_member(ctx, ALICE)
    membership.change_member(ctx, queued.local_id, {**ALICE, "address": "Jl. Sudirman 1"})
    assert store.members.server_id(queued.local_id) is None
    sender = QueueSender(store, _members(service), None)
    assert sender.step() == 2
    server_id = store.members.server_id(queued.local_id)
    assert server_id is not None and server_id > 0
    online = _members(service).status("alice.wonder@example.com")
    assert online.id == server_id
    assert online.address == "Jl. Sudirman 1"
    assert [i.state for i in store.member_queue.for_member(queued.local_id)] == ["done", "done"]


def test_validation_error_comes_back_to_the_cashier_with_its_field(service, store, ctx):
    taken = {**ALICE, "email": "siti.rahayu@example.com"}  # a member of the service already
    queued = membership.register_member(ctx, taken)
    QueueSender(store, _members(service), None).step()
    errors = membership.member_errors(ctx, queued.local_id)
    assert "email" in errors
    assert any(n.kind == "member" and "email" in n.message for n in store.journal.notices())
    assert store.member_queue.for_member(queued.local_id)[0].state == "rejected"


def test_ambiguous_registration_is_looked_up_not_registered_twice(service, store, ctx):
    class DropFirstRegister(httpx.BaseTransport):
        """Registers for real, then loses the answer, once."""

        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport()
            self.dropped = False

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = self.inner.handle_request(request)
            if request.url.path.endswith("register") and not self.dropped:
                self.dropped = True
                response.read()
                raise httpx.ReadTimeout("lost", request=request)
            return response

    queued = membership.register_member(ctx, ALICE)
    sender = QueueSender(store, _members(service, DropFirstRegister()), None)
    sender.retry.initial = 0.0
    sender.step()
    assert store.members.server_id(queued.local_id) is None
    store.db.execute("UPDATE member_queue SET next_attempt_at = 0")
    sender.step()
    server_id = store.members.server_id(queued.local_id)
    assert server_id is not None
    found = _members(service).suggestions("alice.wonder")
    assert [m.id for m in found] == [server_id]  # one member, not two


def test_card_issued_offline_gets_its_code_and_url(service, store, ctx):
    from sync.pull import refresh_master_data

    refresh_master_data(store, service.client())
    store.db.execute("UPDATE stamp_cards SET card_idx = 101 WHERE stamp_card_id = ?",
                     (demo.COFFEE_CLUB_ID,))
    today = ctx.clock.today()
    ticket = issuing.issue_card(ctx, demo.COFFEE_CLUB_ID, today, today + timedelta(days=365))
    assert ticket.state == "pending" and ticket.url is None
    assert QueueSender(store, None, _vvd(service)).step() == 1
    done = issuing.ticket(ctx, ticket.id)
    assert done.state == "done"
    assert done.code and done.url == f"https://vvd.bz/{done.code}"


def test_engine_drains_all_queues_together(service, store, ctx, db_path):
    membership.register_member(ctx, ALICE)
    from .conftest import record

    record(store, service.new_cards(2), 6)
    clients = Clients(fintiv=service.client(), membership=_members(service), vvd=_vvd(service))
    engine = SyncEngine(db_path, clients, fast_settings())
    assert engine.drain(timeout=30) is DrainResult.DRAINED
    assert store.member_queue.count("done") == 1
    assert store.outbox.counts()["synced"] == 6


def test_a_card_is_issued_without_a_vvd_key_when_the_service_needs_none(
    tmp_path, monkeypatch, store, ctx
):
    from pos.app.wiring import build_clients
    from pos.settings.config import load
    from sync.pull import refresh_master_data

    from .conftest import start_service

    keyless = start_service(vvd_key="")
    try:
        monkeypatch.setenv("STAMP_POS_HOME", str(tmp_path / "home"))  # no stored secrets
        monkeypatch.setenv("STAMP_POS_FINTIV_API_KEY", demo.DEMO_API_KEY)
        monkeypatch.setenv("STAMP_POS_FINTIV_BEARER", demo.DEMO_BEARER_TOKEN)
        monkeypatch.delenv("STAMP_POS_VVD_KEY", raising=False)
        monkeypatch.setenv("STAMP_POS_FINTIV_BASE_URL", keyless.base_url + "/stampcard/v2/")
        monkeypatch.setenv("STAMP_POS_VVD_BASE_URL", keyless.base_url)
        clients = build_clients(load())
        assert clients.vvd is not None
        refresh_master_data(store, clients.fintiv)
        store.db.execute("UPDATE stamp_cards SET card_idx = 101 WHERE stamp_card_id = ?",
                         (demo.COFFEE_CLUB_ID,))
        today = ctx.clock.today()
        ticket = issuing.issue_card(ctx, demo.COFFEE_CLUB_ID, today, today + timedelta(days=365))
        assert QueueSender(store, None, clients.vvd).step() == 1
        done = issuing.ticket(ctx, ticket.id)
        assert done.state == "done" and done.url == f"https://vvd.bz/{done.code}"
    finally:
        keyless.stop()
