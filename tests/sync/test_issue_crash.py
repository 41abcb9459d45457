"""A member registered offline with a card issued for them: the registration's answer is lost
(the service registered the member), ``stamp-pos sync`` is SIGKILLed, and a later run must
find the member instead of registering a second one, then issue exactly one card carrying the
userId the service assigned. Idempotency off, so a resent request would really double."""

from __future__ import annotations

import signal
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from ledger import Ledger
from pos.services import issuing, membership
from pos.services.context import Context
from pos.services.settings import TerminalSettings
from server import demo_data as demo
from sync.fintiv import FintivClient
from sync.http import HttpSettings, build_client
from sync.pull import refresh_master_data
from tests.helpers.processes import (
    run_sync_once,
    server_process,
    set_faults,
    start_sync,
    terminal_env,
    wait_until,
)

pytestmark = [pytest.mark.dates, pytest.mark.timing]

BOB = {"name": "Bob Lost-Answer", "email": "bob.lost@example.com", "birthday": "1985-01-20",
       "gender": "male", "phone": "+6281200001111"}


def test_a_lost_registration_answer_then_a_kill_gives_one_member_and_one_card(
    tmp_path: Path,
) -> None:
    with server_process(tmp_path) as base_url:
        env = {**terminal_env(tmp_path, base_url),
               "STAMP_POS_MEMBERSHIP_BASE_URL": base_url, "STAMP_POS_VVD_BASE_URL": base_url,
               "STAMP_POS_MEMBERSHIP_TOKEN": demo.DEMO_MEMBERSHIP_TOKEN,
               "STAMP_POS_VVD_KEY": demo.DEMO_VVD_KEY}
        store = Ledger(tmp_path / "stamp-pos.db")
        refresh_master_data(store, FintivClient(
            build_client(HttpSettings(base_url + "/stampcard/v2/")),
            api_key=demo.DEMO_API_KEY, token=demo.DEMO_BEARER_TOKEN))
        store.db.execute("UPDATE stamp_cards SET card_idx = 101 WHERE stamp_card_id = ?",
                         (demo.COFFEE_CLUB_ID,))
        ctx = Context(store=store, settings=TerminalSettings(), clock=store.clock)
        queued = membership.register_member(ctx, BOB)
        today = ctx.clock.today()
        ticket = issuing.issue_card(ctx, demo.COFFEE_CLUB_ID, today,
                                    today + timedelta(days=365), member_local_id=queued.local_id)

        set_faults(base_url, drop_next=1, paths=["register"])
        proc = start_sync(env)
        try:
            assert wait_until(
                lambda: store.member_queue.for_member(queued.local_id)[0].attempts > 0
                and store.member_queue.for_member(queued.local_id)[0].last_error is not None,
                30, step=0.01)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert store.members.server_id(queued.local_id) is None  # the answer never came
        assert issuing.ticket(ctx, ticket.id).state == "pending"  # it waited for its member

        done = run_sync_once(env, timeout=60)
        assert done.returncode == 0, done.stderr
        server_id = store.members.server_id(queued.local_id)
        assert server_id is not None
        issued = issuing.ticket(ctx, ticket.id)
        assert issued.state == "done" and issued.code
        store.close()

    service = sqlite3.connect(tmp_path / "server.sqlite3")
    members = service.execute("SELECT id FROM members WHERE email = ?", (BOB["email"],)).fetchall()
    assert members == [(server_id,)]  # one member
    cards = service.execute("SELECT code, user_id FROM vvd_stamps WHERE user_id = ?",
                            (str(server_id),)).fetchall()
    assert cards == [(issued.code, str(server_id))]  # one card, carrying the service's id
    service.close()
