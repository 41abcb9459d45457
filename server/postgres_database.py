"""The PostgreSQL implementation of :class:`server.database.Database`: a psycopg 3 pool that
several service processes (``--workers N``) share.

Correctness across processes comes from the database, not from a lock of ours: a batch locks
its card rows (``SELECT … FOR UPDATE``, in card id order so two batches never deadlock on
them), which serializes the events of one card and keeps the minimum stamp interval; a resent
eventId meets the primary key of ``applied_events``, and the loser of such a race (or of a
deadlock) runs its transaction again, then finds the winner's answer.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from server.database import DatabaseUnavailable
from server.postgres_schema import migrate

log = logging.getLogger(__name__)
T = TypeVar("T")

CONNECT_TIMEOUT = 30.0
RETRIES = 8
#: lost races that are safe to run again: the whole transaction was rolled back
_RETRYABLE = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure,
              pg_errors.UniqueViolation)


@lru_cache(maxsize=4096)
def _pg_sql(sql: str) -> str:
    """The shared queries' ``?`` placeholders in psycopg's style (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PgConnection:
    """A psycopg connection with sqlite3's ``execute``/``executemany``."""

    __slots__ = ("_conn",)

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor:
        return self._conn.execute(_pg_sql(sql), tuple(parameters))

    def executemany(self, sql: str, parameters: Any, /) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_pg_sql(sql), list(parameters))


class PostgresDatabase:
    row_lock = " FOR UPDATE"

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self._where = describe_url(url)
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max(pool_size, 1), open=False, name="stamp-server",
            kwargs={"application_name": "stamp-pos-server"}, timeout=CONNECT_TIMEOUT,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except PoolTimeout as exc:
            self._pool.close()
            raise DatabaseUnavailable(
                f"PostgreSQL at {self._where} did not accept a connection within "
                f"{CONNECT_TIMEOUT:.0f} s; check that it runs and the URL's user and database."
            ) from exc
        with self._pool.connection() as conn:
            conn.autocommit = True
            try:
                migrate(conn)
            finally:
                conn.autocommit = False

    @contextmanager
    def read(self) -> Iterator[_PgConnection]:
        with self._pool.connection() as conn:
            yield _PgConnection(conn)

    @contextmanager
    def write(self) -> Iterator[_PgConnection]:
        """One transaction: the pool commits at the end of the block, rolls back on error."""
        with self._pool.connection() as conn:
            yield _PgConnection(conn)

    def run_write(self, work: Callable[[_PgConnection], T]) -> T:
        for attempt in range(1, RETRIES + 1):
            try:
                with self.write() as conn:
                    return work(conn)
            except _RETRYABLE as exc:
                if attempt == RETRIES:
                    raise
                log.info("Transaction lost a race (%s); running it again", type(exc).__name__)
                time.sleep(random.uniform(0, 0.005 * attempt))
        raise AssertionError("unreachable")

    def ping(self) -> bool:
        try:
            with self._pool.connection(timeout=2) as conn:
                conn.execute("SELECT 1").fetchone()
        except (psycopg.Error, PoolTimeout):
            log.warning("PostgreSQL did not answer", exc_info=True)
            return False
        return True

    def describe(self) -> str:
        return f"PostgreSQL {self._where}"

    def close(self) -> None:
        self._pool.close()


def describe_url(url: str) -> str:
    """``host:port/dbname`` of a connection URL, never its password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an invalid URL)"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or ''}"


def url_has_password(url: str) -> bool:
    try:
        return bool(conninfo_to_dict(url).get("password"))
    except psycopg.ProgrammingError:
        return False
