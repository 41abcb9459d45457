"""Backups and restore against the reference service with idempotency OFF: a restored copy
never sends an event the service already applied, events recorded after the copy are never
lost silently, and copies are private and pruned."""

from __future__ import annotations

import json

import pytest

from ledger import Ledger
from ledger.backup import RestoreRefused, backup, backup_name, backups, prune, restore
from sync.engine import DrainResult
from tests.sync.conftest import record, stamp_count

pytestmark = pytest.mark.dates


def test_a_restored_copy_never_resends_what_the_service_already_applied(
    service, db_path, tmp_path, make_engine
):
    cards = service.new_cards(3)
    store = Ledger(db_path)
    ids = record(store, cards, 30)
    store.close()
    copy = backup(db_path, tmp_path / "copy.db")  # taken while all 30 were still pending
    before = stamp_count(service.stats())
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    assert stamp_count(service.stats()) - before == 30

    db_path.unlink()  # the disk lost the database; only the copy is left
    report = restore(copy, db_path)
    assert report.to_reconcile == 30 and report.lost == 0
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    stats = service.stats()
    assert stamp_count(stats) - before == 30, "a restored event was applied a second time"
    assert stats["duplicateEvents"] == []
    store = Ledger(db_path)
    assert {e.event_id for e in store.outbox.recent("synced")} == set(ids)
    store.close()


def test_states_reached_after_the_copy_are_kept(service, db_path, tmp_path, make_engine):
    cards = service.new_cards(1)
    store = Ledger(db_path)
    record(store, cards, 5)
    store.close()
    copy = backup(db_path, tmp_path / "copy.db")
    assert make_engine().drain(timeout=60) is DrainResult.DRAINED
    report = restore(copy, db_path)
    assert report.carried_over == 5 and report.to_reconcile == 0
    store = Ledger(db_path)
    assert store.outbox.counts()["synced"] == 5
    store.close()


def test_events_recorded_after_the_copy_block_the_restore_and_are_saved(db_path, tmp_path):
    store = Ledger(db_path)
    record(store, ["3ab8fd17-2fb5-468c-9079-dfb887aacc54"], 2)
    copy = backup(db_path, tmp_path / "copy.db")
    later = record(store, ["3ab8fd17-2fb5-468c-9079-dfb887aacc54"], 4)
    store.close()
    with pytest.raises(RestoreRefused, match="4 events recorded after this backup") as refused:
        restore(copy, db_path)
    assert refused.value.lost == 4
    saved = json.loads((db_path.parent / f"{db_path.stem}-unsent-events.json").read_text())
    assert {row["event_id"] for row in saved} == set(later)
    store = Ledger(db_path)  # untouched
    assert store.outbox.counts()["pending"] == 6
    store.close()
    report = restore(copy, db_path, force=True)
    assert report.lost == 4 and report.to_reconcile == 2


def test_copies_are_private_and_only_the_newest_are_kept(db_path, tmp_path):
    from datetime import UTC, datetime, timedelta

    Ledger(db_path).close()
    folder = tmp_path / "backups"
    start = datetime(2030, 1, 1, tzinfo=UTC)  # a name, not a time the code depends on
    for hour in range(5):
        backup(db_path, folder / backup_name(start + timedelta(hours=hour)))
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in backups(folder))
    deleted = prune(folder, 2)
    assert len(deleted) == 3
    assert [p.name for p in backups(folder)] == ["stamp-pos-20300101-030000.db",
                                                  "stamp-pos-20300101-040000.db"]
