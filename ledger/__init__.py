"""The terminal's local SQLite database: everything is written here first."""

from __future__ import annotations

from pathlib import Path

from ledger.cards import CardStates
from ledger.catalog import Catalog
from ledger.db import Database
from ledger.journal import Journal
from ledger.members import Members
from ledger.outbox import Outbox
from ledger.queues import IssueQueue, MemberQueue
from stamps.clock import Clock


class Ledger:
    """One open database with a repository per concern. Not shared between threads: each
    thread that writes opens its own Ledger on the same file."""

    def __init__(self, path: Path | str, *, clock: Clock | None = None,
                 **db_options: int) -> None:
        self.db = Database(path, clock=clock, **db_options)
        self.outbox = Outbox(self.db)
        self.catalog = Catalog(self.db)
        self.cards = CardStates(self.db)
        self.members = Members(self.db)
        self.member_queue = MemberQueue(self.db)
        self.issue_queue = IssueQueue(self.db)
        self.journal = Journal(self.db)

    @property
    def clock(self) -> Clock:
        return self.db.clock

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()


__all__ = ["Ledger"]
