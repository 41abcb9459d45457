"""The terminal's local SQLite database: everything is written here first."""

from __future__ import annotations

from pathlib import Path

from pos.store.cards import CardStates
from pos.store.catalog import Catalog
from pos.store.db import Database
from pos.store.journal import Journal
from pos.store.members import Members
from pos.store.outbox import Outbox
from pos.store.queues import IssueQueue, MemberQueue


class Store:
    """One open database with a repository per concern. Not shared between threads: each
    thread that writes opens its own Store on the same file."""

    def __init__(self, path: Path | str, **db_options: int) -> None:
        self.db = Database(path, **db_options)
        self.outbox = Outbox(self.db)
        self.catalog = Catalog(self.db)
        self.cards = CardStates(self.db)
        self.members = Members(self.db)
        self.member_queue = MemberQueue(self.db)
        self.issue_queue = IssueQueue(self.db)
        self.journal = Journal(self.db)

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()


__all__ = ["Store"]
