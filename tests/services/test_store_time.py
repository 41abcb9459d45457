"""Store time: eventTimes carry the store's offset, "today" is the store's day near midnight
in zones far from UTC, a DST change neither reorders events nor confuses the undo window, and a
system clock set back or forward while the app runs loses and rejects nothing, keeps each
card's eventTimes unique and increasing, and leaves a clock warning."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledger import Ledger
from pos.app.wiring import store_zone
from pos.services.errors import InvalidInput, NeedsManager
from pos.services.settings import TerminalSettings
from pos.services.terminal import Terminal
from pos.settings.config import ConfigError, load
from stamps.clock import FrozenClock
from stamps.event_slots import SLOTS
from stamps.models import CardInstance, InstanceStatus, Reward, StampCard, StampType
from stamps.timestamps import add_years, parse_timestamp

pytestmark = pytest.mark.dates

CARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"
PROGRAM = "0616DE94-DED7-4D51-B766-2203296654FB"


def _terminal(tmp_path: Path, clock: FrozenClock, **settings: float) -> Terminal:
    store = Ledger(tmp_path / "pos.db", clock=clock)
    program = StampCard(stamp_card_id=PROGRAM, name="Coffee Club", stamp_type=StampType.QR,
                        stamp_count=5, rewards=(Reward("R5", "Free coffee", 5),))
    store.catalog.save_cards([(program, 7)])
    now = clock.now()
    store.cards.save_confirmed(CardInstance(
        card_instance_id=CARD, stamp_card_id=PROGRAM, current_stamps=0, total_stamps=0,
        issue_date=now - timedelta(days=10), expiration_date=now + timedelta(days=300),
        status=InstanceStatus.ACTIVE))
    return Terminal(store, TerminalSettings().updated(settings), clock=clock)


def _times(terminal: Terminal) -> list[str]:
    return [e.event_time for e in terminal.store.outbox.for_card(CARD)]


def _clock_notices(terminal: Terminal) -> list[str]:
    return [n.message for n in terminal.notices() if n.kind == "clock"]


@pytest.mark.parametrize(("zone", "offset"), [
    ("Asia/Jakarta", "+0700"), ("Pacific/Kiritimati", "+1400"), ("America/St_Johns", "-0330"),
])
def test_the_stores_day_turns_at_its_own_midnight(tmp_path: Path, zone: str,
                                                  offset: str) -> None:
    local = ZoneInfo(zone)
    clock = FrozenClock(datetime(2028, 2, 28, 23, 58, tzinfo=local), local)
    terminal = _terminal(tmp_path, clock)
    terminal.add_stamps(CARD)
    assert _times(terminal)[-1].startswith("2028-02-28T23:58:00.000")
    assert _times(terminal)[-1].endswith(offset)  # seed 001's format, with the store's offset
    assert clock.today().isoformat() == "2028-02-28"
    clock.advance(minutes=4)  # 00:02 on a leap day, whatever day it is in UTC
    terminal.add_stamps(CARD)
    assert _times(terminal)[-1] == f"2028-02-29T00:02:00.000{offset}"
    today = clock.today()
    assert today.isoformat() == "2028-02-29"
    ticket = terminal.issue_card(PROGRAM, today, add_years(today, 5))  # 2033-02-28
    assert ticket.state == "pending"
    with pytest.raises(InvalidInput, match="5 years"):
        terminal.issue_card(PROGRAM, today, add_years(today, 5) + timedelta(days=1))
    assert _clock_notices(terminal) == []


def test_paris_spring_forward_keeps_order_and_the_undo_window(tmp_path: Path) -> None:
    paris = ZoneInfo("Europe/Paris")
    clock = FrozenClock(datetime(2027, 3, 28, 1, 55, tzinfo=paris), paris)  # last Sunday
    terminal = _terminal(tmp_path, clock, undo_window=600)
    terminal.add_stamps(CARD)
    clock.advance(minutes=9)  # 01:55 CET + 9 min = 03:04 CEST: the wall skipped an hour
    terminal.add_stamps(CARD)
    first, second = _times(terminal)
    assert first == "2027-03-28T01:55:00.000+0100" and second == "2027-03-28T03:04:00.000+0200"
    assert parse_timestamp(second) - parse_timestamp(first) == timedelta(minutes=9)
    assert terminal.undo_last_stamp(CARD).card.current_stamps == 1  # 0 min old, not 69
    terminal.add_stamps(CARD)  # 2 ms after the second: each event follows the card's latest
    clock.advance(minutes=11, seconds=1)
    with pytest.raises(NeedsManager, match="11 minutes ago"):
        terminal.undo_last_stamp(CARD)
    assert _clock_notices(terminal) == []


def test_paris_fall_back_keeps_eventtimes_increasing(tmp_path: Path) -> None:
    paris = ZoneInfo("Europe/Paris")
    clock = FrozenClock(datetime(2027, 10, 31, 2, 50, tzinfo=paris), paris)  # CEST, +0200
    terminal = _terminal(tmp_path, clock, undo_window=3600)
    terminal.add_stamps(CARD)
    clock.advance(minutes=20)  # the wall reads 02:10 again, now CET
    terminal.add_stamps(CARD)
    first, second = _times(terminal)
    assert first == "2027-10-31T02:50:00.000+0200" and second == "2027-10-31T02:10:00.000+0100"
    assert parse_timestamp(second) - parse_timestamp(first) == timedelta(minutes=20)
    assert terminal.undo_last_stamp(CARD).card.current_stamps == 1  # 20 minutes old, in time
    assert _clock_notices(terminal) == []  # a DST change is not a clock change


def test_a_clock_set_back_an_hour_between_two_stamps_loses_nothing(tmp_path: Path) -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    clock = FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=jakarta), jakarta)
    terminal = _terminal(tmp_path, clock)
    terminal.add_stamps(CARD)
    clock.advance(seconds=30)
    clock.jump(timedelta(hours=-1))  # someone sets the system clock back an hour
    result = terminal.add_stamps(CARD, 2)
    times = [parse_timestamp(t) for t in _times(terminal)]
    assert len(set(times)) == 3 and times == sorted(times)  # unique, increasing on the card
    assert result.card.current_stamps == 3
    assert terminal.store.outbox.counts()["pending"] == 3  # nothing lost or rejected
    assert _clock_notices(terminal) == [
        "The system clock moved back by about 60 minutes. Stamps are kept in order; ask a "
        "manager to check this terminal's date and time."]
    terminal.add_stamps(CARD)  # one open warning, not one per stamp
    assert len(_clock_notices(terminal)) == 1


def test_a_clock_set_forward_is_warned_about_too(tmp_path: Path) -> None:
    clock = FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("UTC")))
    terminal = _terminal(tmp_path, clock)
    terminal.add_stamps(CARD)
    clock.jump(timedelta(hours=3))
    terminal.add_stamps(CARD)
    assert ["forward by about 180 minutes" in m for m in _clock_notices(terminal)] == [True]
    assert terminal.store.outbox.counts()["pending"] == 2


def test_a_clock_already_behind_when_the_app_starts_is_caught_by_the_card(
    tmp_path: Path,
) -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    before = FrozenClock(datetime(2026, 11, 22, 10, 0, tzinfo=jakarta), jakarta)
    _terminal(tmp_path, before).add_stamps(CARD)
    # restarted after the clock was set back: this clock never saw the jump
    after = FrozenClock(datetime(2026, 11, 22, 9, 0, tzinfo=jakarta), jakarta)
    terminal = Terminal(Ledger(tmp_path / "pos.db", clock=after), clock=after)
    terminal.add_stamps(CARD)
    first, second = (parse_timestamp(t) for t in _times(terminal))
    assert timedelta(0) < second - first <= timedelta(milliseconds=SLOTS)  # the next slot
    assert ["moved back" in m for m in _clock_notices(terminal)] == [True]


def test_the_time_zone_setting_defaults_to_the_system_and_refuses_unknown_names(
    tmp_path: Path,
) -> None:
    config = load(path=tmp_path / "config.toml", environ={"STAMP_POS_TIME_ZONE": "Asia/Jakarta"})
    assert store_zone(config) == ZoneInfo("Asia/Jakarta")
    assert store_zone(load(path=tmp_path / "config.toml", environ={})) is not None
    with pytest.raises(ConfigError, match=r"time_zone.*not a time zone name"):
        load(path=tmp_path / "config.toml", environ={"STAMP_POS_TIME_ZONE": "Mars/Olympus"})
