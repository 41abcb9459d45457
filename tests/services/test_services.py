from datetime import UTC, datetime, timedelta

import pytest

from ledger import Ledger
from pos.services.errors import InvalidInput, NeedsManager, NotFound, NotOurCard
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from stamps.clock import FrozenClock
from stamps.errors import MultipleStampAttempt
from stamps.event_slots import epoch_ms
from stamps.members import Member
from stamps.models import (
    CardInstance,
    InstanceStatus,
    Reward,
    StampCard,
    StampMaster,
    StampType,
)
from stamps.timestamps import add_years

pytestmark = pytest.mark.dates

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"
PROGRAM = "0616DE94-DED7-4D51-B766-2203296654FB"
#: the frozen now every test here runs at; the data below is relative to it
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FrozenClock(NOW, UTC)


@pytest.fixture
def terminal(tmp_path, clock):
    store = Ledger(tmp_path / "pos.db")
    program = StampCard(stamp_card_id=PROGRAM, name="Coffee Club", stamp_type=StampType.QR,
                        stamp_count=5, rewards=(Reward("R5", "Free coffee", 5),))
    store.catalog.save_cards([(program, 7)])
    store.catalog.save_stamp_masters(PROGRAM, [StampMaster("S1", "GZ23-A457-Z50-E56X-O23G")])
    store.members.upsert(Member(id=12, name="Alice Wonder", email="alice@stamps.co.id",
                                member_ids=("123456789012",)))
    store.cards.save_confirmed(CardInstance(
        card_instance_id=CARD, stamp_card_id=PROGRAM, current_stamps=3, total_stamps=3,
        issue_date=NOW - timedelta(days=10), expiration_date=NOW + timedelta(days=300),
        status=InstanceStatus.ACTIVE), member_id=12)
    woken = []
    t = Terminal(store, TerminalSettings(velocity_limit=4), clock=clock,
                 wake=lambda: woken.append(1))
    t.woken = woken
    return t


def test_stamps_are_recorded_optimistically_and_wake_sync(terminal):
    result = terminal.add_stamps(CARD, 1)
    assert result.card.current_stamps == 4
    assert not result.confirmed
    assert terminal.store.cards.get(CARD) == (result.card, False)
    event = terminal.store.outbox.get(result.event_ids[0])
    assert event.stamp_value == "GZ23-A457-Z50-E56X-O23G" and event.state == "pending"
    assert terminal.woken == [1]
    audit = terminal.store.journal.audit_entries()
    assert audit[0]["action"] == "stamp" and result.event_ids[0] in audit[0]["event_ids"]


def test_n_stamps_get_distinct_millisecond_times_and_earn_a_reward(terminal):
    result = terminal.add_stamps(CARD, 3)
    times = [terminal.store.outbox.get(e).event_time for e in result.event_ids]
    assert len(set(times)) == 3
    assert [r.reward.name for r in result.earned] == ["Free coffee"]
    assert result.earned[0].reward_instance_id.startswith("local-")
    assert result.card.current_stamps == 1
    # a second call in the same millisecond still gets later times
    again = terminal.add_stamps(CARD, 1)
    assert terminal.store.outbox.get(again.event_ids[0]).event_time > max(times)


def test_each_terminal_writes_only_in_its_own_slot_of_the_millisecond(terminal, clock):
    """Two counters stamping one card at the same instant never produce the same eventTime,
    so reconciliation cannot take one's event for the other's."""
    other = Terminal(terminal.store, TerminalSettings(terminal_slot=7), clock=clock)
    mine = terminal.add_stamps(CARD, 5).event_ids
    theirs = other.add_stamps(CARD, 5).event_ids
    ms = {e: epoch_ms(terminal.store.outbox.get(e).to_event().event_time)
          for e in mine + theirs}
    assert {ms[e] % 10 for e in mine} == {0} and {ms[e] % 10 for e in theirs} == {7}
    assert len(set(ms.values())) == 10 and min(ms.values()) >= epoch_ms(NOW)


def test_a_card_never_seen_can_be_stamped_unconfirmed(terminal):
    unseen = "11111111-2222-3333-4444-555555555555"
    customer = terminal.identify(unseen)
    assert customer.selected_card_id == unseen and "new to this terminal" in customer.notes[0]
    result = terminal.add_stamps(unseen)
    assert result.card.current_stamps == 1 and result.stamp_card is None
    with pytest.raises(NotFound, match="only stamps"):
        terminal.redeem(unseen, "whatever")


def test_undo_within_the_window_then_needs_the_manager(terminal, clock):
    terminal.add_stamps(CARD)
    assert terminal.undo_last_stamp(CARD).card.current_stamps == 3
    with pytest.raises(NeedsManager, match="No stamp from this counter"):
        terminal.undo_last_stamp(CARD)
    terminal.add_stamps(CARD)
    clock.advance(minutes=10)
    with pytest.raises(NeedsManager, match="manager PIN"):
        terminal.undo_last_stamp(CARD)
    assert terminal.undo_last_stamp(CARD, manager_ok=True).card.current_stamps == 3


def test_redeem_a_reward_earned_offline(terminal):
    earned = terminal.add_stamps(CARD, 2).earned[0]
    result = terminal.redeem(CARD, earned.reward_instance_id)
    assert result.card.rewards[0].status is InstanceStatus.REDEEMED
    rows = terminal.store.db.query("SELECT * FROM local_rewards")
    assert rows[0]["local_id"] == earned.reward_instance_id


def test_refusals_record_nothing(terminal):
    before = terminal.store.outbox.counts()
    with pytest.raises(Exception, match="cannot be redeemed"):
        terminal.redeem(CARD, "not-a-reward")
    assert terminal.store.outbox.counts() == before


def test_minimum_interval_applies_locally(tmp_path, clock):
    store = Ledger(tmp_path / "x.db")
    store.catalog.save_cards([(StampCard(PROGRAM, "C", StampType.QR, 5), 1)])
    store.cards.save_confirmed(CardInstance(CARD, PROGRAM, 0, 0, NOW, None,
                                            InstanceStatus.ACTIVE))
    t = Terminal(store, TerminalSettings(min_stamp_interval=60), clock=clock)
    t.add_stamps(CARD)
    with pytest.raises(MultipleStampAttempt):
        t.add_stamps(CARD)


def test_velocity_rule_flags_but_records(terminal):
    terminal.add_stamps(CARD, 4)
    result = terminal.add_stamps(CARD, 1)
    assert result.flagged
    assert terminal.store.outbox.get(result.event_ids[0]).flagged
    notices = terminal.notices()
    assert notices[0].kind == "velocity" and notices[0].ref == CARD


def test_identify_by_card_member_id_email_and_refusals(terminal):
    by_card = terminal.identify(CARD)
    assert by_card.member and by_card.member.name == "Alice Wonder"
    assert by_card.selected_card_id == CARD and by_card.cards[0].confirmed
    assert terminal.identify("123456789012").member_local_id == by_card.member_local_id
    assert terminal.identify("ALICE@stamps.co.id").member.name == "Alice Wonder"
    with pytest.raises(NotOurCard, match="not a loyalty code"):
        terminal.identify(b"\xff\x00junk")
    with pytest.raises(NotFound, match="register"):
        terminal.identify("nobody@example.com")
    with pytest.raises(NotFound, match="stamp code for Coffee Club"):
        terminal.identify("GZ23-A457-Z50-E56X-O23G")
    with pytest.raises(NotFound, match="issued elsewhere"):
        terminal.identify("https://vvd.bz/ZJLF0399WQBEQZJM")


def test_register_validates_inline_and_queues(terminal):
    with pytest.raises(InvalidInput) as info:
        terminal.register_member({"name": "", "email": "bad", "birthday": "1991-13-01",
                                  "gender": "female"})
    assert set(info.value.errors) == {"name", "email", "birthday"}
    queued = terminal.register_member({"name": "Nina", "email": "nina@example.com",
                                       "birthday": "1991-10-19", "gender": "female"})
    assert terminal.search_members("nina")[0][2] is True  # pending registration
    item = terminal.store.member_queue.get(queued.queue_id)
    assert item.body["merchant"] == 14 and item.body["store"] == 1 and item.state == "pending"
    with pytest.raises(InvalidInput, match="already exists"):
        terminal.register_member({"name": "Nina 2", "email": "nina@example.com",
                                  "birthday": "1991-10-19", "gender": "female"})
    changed = terminal.change_member(queued.local_id, {"name": "Nina Simone",
                                                       "birthday": "1991-10-19",
                                                       "gender": "female"})
    assert terminal.store.members.get(changed.local_id)[0].name == "Nina Simone"


def test_issue_card_is_validated_and_queued(terminal):
    today = NOW.date()
    with pytest.raises(InvalidInput, match="5 years"):
        terminal.issue_card(PROGRAM, today, add_years(today, 5) + timedelta(days=1))
    ticket = terminal.issue_card(PROGRAM, today, add_years(today, 5))
    assert ticket.state == "pending" and ticket.url is None
    item = terminal.store.issue_queue.get(ticket.id)
    assert item.body["cardIdx"] == 7 and item.body["domain"] == "https://vvd.bz"
    with pytest.raises(NotFound, match="catalog"):
        terminal.issue_card("nope", today, today + timedelta(days=40))


def test_status_counts(terminal):
    terminal.add_stamps(CARD, 2)
    st = terminal.status()
    assert st.events["pending"] == 2 and st.waiting == 2 and st.last_sync is None


def test_waiting_counts_each_shown_cards_unsent_events(terminal):
    terminal.add_stamps(CARD, 2)
    customer = terminal.customer_for_card(CARD)
    assert terminal.waiting_by_card(customer) == {CARD: 2}
    first, second = terminal.local_history(CARD)
    terminal.store.outbox.mark_in_flight([first.event_id], "batch-1")
    assert terminal.waiting_by_card(customer) == {CARD: 2}  # sent, but not answered yet
    terminal.store.outbox.mark_synced([first.event_id, second.event_id])
    assert terminal.waiting_by_card(customer) == {CARD: 0}
