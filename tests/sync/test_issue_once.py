"""Card issues exactly once, through lost answers: resent with the same Idempotency-Key to a
service that honours it, held for a manager by one that does not, never a silent second card;
an issue queued behind its member's registration waits for it and carries the service's id."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from ledger import Ledger
from pos.services import issuing, membership
from pos.services.context import Context
from pos.services.settings import TerminalSettings
from server import demo_data as demo
from server.config import ServerConfig
from server.runner import ServerThread
from sync.http import HttpSettings, build_client
from sync.issues import META_VVD_KEYS_HONOURED
from sync.membership import MembershipClient
from sync.pull import refresh_master_data
from sync.queues import QueueSender
from sync.vvd import VvdClient
from tests.helpers.service_clients import CONTROL_TOKEN

from .conftest import Service

pytestmark = pytest.mark.dates

CREATE = ["api/stamp/v1/create"]
ALICE = {"name": "Alice Wonder", "email": "alice.wonder@example.com", "birthday": "1990-04-02",
         "gender": "female", "phone": "+6281299990000"}


@pytest.fixture(params=[True, False], ids=["keys-honoured", "keys-ignored"])
def service(request: Any) -> Iterator[Service]:
    thread = ServerThread(ServerConfig(port=0, idempotency=request.param, demo_data=True,
                                       control_token=CONTROL_TOKEN)).start()
    try:
        yield Service(thread)
    finally:
        thread.stop()


@pytest.fixture
def ctx(store: Ledger, service: Service) -> Context:
    refresh_master_data(store, service.client())
    store.db.execute("UPDATE stamp_cards SET card_idx = 101 WHERE stamp_card_id = ?",
                     (demo.COFFEE_CLUB_ID,))
    return Context(store=store, settings=TerminalSettings(), clock=store.clock)


def _sender(service: Service, store: Ledger) -> QueueSender:
    vvd = VvdClient(build_client(HttpSettings(service.base_url)), api_key=demo.DEMO_VVD_KEY)
    members = MembershipClient(
        build_client(HttpSettings(service.base_url + "/api/memberships/")),
        token=demo.DEMO_MEMBERSHIP_TOKEN, merchant=demo.DEMO_MEMBERSHIP_MERCHANT)
    sender = QueueSender(store, members, vvd)
    sender.retry.initial = 0.0
    return sender


def _issue(ctx: Context, member: int | None = None) -> int:
    today = ctx.clock.today()
    return issuing.issue_card(ctx, demo.COFFEE_CLUB_ID, today, today + timedelta(days=365),
                              member_local_id=member).id


def _service_stamps(service: Service) -> list[tuple[str, str]]:
    """The cards the service issued through vvd.bz (not the demo data's), as (code, userId)."""
    with service.thread.services.db.read() as conn:
        rows = conn.execute("SELECT code, user_id FROM vvd_stamps WHERE code != ?",
                            (demo.DEMO_VVD_CODE,))
        return [(r[0], r[1]) for r in rows]


def _settle(sender: QueueSender, store: Ledger) -> None:
    for _ in range(5):
        store.db.execute("UPDATE issue_queue SET next_attempt_at = 0")
        store.db.execute("UPDATE member_queue SET next_attempt_at = 0")
        sender.step()


def test_a_lost_create_answer_never_makes_a_silent_second_card(service, store, ctx):
    honoured = service.thread.config.idempotency
    sender = _sender(service, store)
    first = _issue(ctx)
    assert sender.step() == 1  # an answered issue: the terminal learns whether keys count
    assert store.journal.meta(META_VVD_KEYS_HONOURED) is honoured
    second = _issue(ctx)
    service.faults(drop_next=1, paths=CREATE)  # issued, then the answer is lost
    _settle(sender, store)
    stamps = _service_stamps(service)
    assert len(stamps) == 2  # the first card and the one whose answer was lost: no third
    done = [issuing.ticket(ctx, t) for t in (first, second)]
    assert done[0].state == "done"
    if honoured:  # resent with the same key: the service answered with the card it had made
        assert done[1].state == "done" and {d.code for d in done} == {c for c, _ in stamps}
    else:  # nothing could tell whether it landed: a manager looks, with a notice
        assert done[1].state == "held" and done[1].code is None
        notices = [n.message for n in store.journal.notices() if n.kind == "issue"]
        assert len(notices) == 1 and "vvd.bz dashboard" in notices[0]


def test_an_issue_waits_for_its_members_registration_and_carries_its_id(service, store, ctx):
    queued = membership.register_member(ctx, ALICE)
    ticket = _issue(ctx, queued.local_id)
    sender = _sender(service, store)
    service.faults(fail_500_next=1, paths=["register"])  # the registration must wait a round
    sender.step()
    assert store.members.server_id(queued.local_id) is None
    assert issuing.ticket(ctx, ticket).state == "pending"  # not sent without its userId
    assert _service_stamps(service) == []
    _settle(sender, store)
    server_id = store.members.server_id(queued.local_id)
    assert server_id is not None
    assert issuing.ticket(ctx, ticket).state == "done"
    assert [u for _, u in _service_stamps(service)] == [str(server_id)]
    found = _members_named(service, "alice.wonder")
    assert found == [server_id]  # one member, one card


def test_a_refused_registration_holds_the_issue_with_a_notice(service, store, ctx):
    queued = membership.register_member(ctx, ALICE)
    ticket = _issue(ctx, queued.local_id)
    with service.thread.services.db.write() as conn:  # the email is taken meanwhile
        conn.execute("UPDATE members SET email = ? WHERE id = (SELECT min(id) FROM members)",
                     (ALICE["email"],))
    sender = _sender(service, store)
    _settle(sender, store)
    assert store.member_queue.for_member(queued.local_id)[0].state == "rejected"
    held = issuing.ticket(ctx, ticket)
    assert held.state == "held" and held.error == "registration refused"
    assert any("registration was refused" in n.message for n in store.journal.notices())
    assert _service_stamps(service) == []


def _members_named(service: Service, query: str) -> list[int]:
    client = MembershipClient(
        build_client(HttpSettings(service.base_url + "/api/memberships/")),
        token=demo.DEMO_MEMBERSHIP_TOKEN, merchant=demo.DEMO_MEMBERSHIP_MERCHANT)
    return [m.id for m in client.suggestions(query)]
