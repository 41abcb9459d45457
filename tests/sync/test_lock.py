"""The SQLite lease that keeps two engines from sending from one database."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sync.lock import LeaseLost, SyncLock


def test_only_one_holder_until_released(store):
    first, second = SyncLock(store.db, ttl=60), SyncLock(store.db, ttl=60)
    assert first.try_acquire()
    assert not second.try_acquire()
    with pytest.raises(LeaseLost), store.db.transaction() as conn:
        second.ensure(conn)
    assert first.try_acquire()  # renewing is fine
    first.release()
    assert second.try_acquire()


def test_expired_lease_can_be_taken(store):
    now = [1000.0]
    first = SyncLock(store.db, ttl=10, clock=lambda: now[0])
    second = SyncLock(store.db, ttl=10, clock=lambda: now[0])
    assert first.try_acquire()
    now[0] += 11
    assert second.try_acquire()
    assert not first.try_acquire()


def test_lease_of_a_dead_process_is_taken_at_once(store, db_path):
    code = (f"from ledger import Ledger; from sync.lock import SyncLock; "
            f"assert SyncLock(Ledger({str(db_path)!r}).db, ttl=3600).try_acquire()")
    subprocess.run([sys.executable, "-c", code], check=True)
    holder = SyncLock(store.db).holder()
    assert holder is not None and holder["expires"] > 0
    assert SyncLock(store.db, ttl=60).try_acquire()
