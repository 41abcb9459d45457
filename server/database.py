"""The service's one storage interface, with two implementations chosen by the ``--db`` value.

* :class:`server.sqlite_database.SqliteDatabase`: one SQLite file (the default): one
  connection under a lock, so writes apply one after another in one process.
* :class:`server.postgres_database.PostgresDatabase`: PostgreSQL through a psycopg 3 pool,
  shared by several service processes; a batch locks its card rows (``SELECT … FOR UPDATE``).

Both run the same queries, written in the SQL the two understand (``?`` placeholders,
``RETURNING``, ``lower()`` for case-insensitive matches), so :mod:`server.cards`,
:mod:`server.stamping` and the rest hold the service's only SQL and the rules stay in
:mod:`stamps.rules`. What differs (placeholders, row locks, transient conflicts to retry,
migrations) lives in the two implementations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the queries need of a connection: sqlite3's own API, which psycopg is adapted to."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...


class Database(Protocol):
    #: appended to a SELECT of card rows that a write will change: ``" FOR UPDATE"`` where
    #: other processes may write the same rows, empty where one lock already serializes writes
    row_lock: str

    def read(self) -> AbstractContextManager[Connection]: ...

    def write(self) -> AbstractContextManager[Connection]:
        """One transaction, committed at the end of the block, rolled back if it raises."""
        ...

    def run_write(self, work: Callable[[Connection], T]) -> T:
        """``work`` in one write transaction, run again (a few times) if it lost a race with
        another process: a deadlock or a unique key taken meanwhile (a resent eventId)."""
        ...

    def ping(self) -> bool:
        """Whether the database answers a trivial query now (``/healthz``)."""
        ...

    def describe(self) -> str:
        """Where the data lives, without any password, for logs and the CLI."""
        ...

    def close(self) -> None: ...


def is_postgres_url(value: str) -> bool:
    return value.startswith(POSTGRES_SCHEMES)


def open_database(
    *, url: str | None, path: Path | None, synchronous: str = "NORMAL", pool_size: int = 10,
) -> Database:
    """PostgreSQL when ``url`` is given, else the SQLite file ``path``; migrated either way."""
    if url is not None:
        from server.postgres_database import PostgresDatabase

        return PostgresDatabase(url, pool_size=pool_size)
    from server.sqlite_database import SqliteDatabase

    assert path is not None
    return SqliteDatabase(path, synchronous=synchronous)


class DatabaseUnavailable(RuntimeError):
    """The database could not be reached or opened: the environment's fault, said in a
    sentence (the runner prints it and exits)."""
