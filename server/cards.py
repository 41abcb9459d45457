"""Card instances, reward instances and the event log in SQLite.

A card instance is loaded with all its reward instances, so :func:`stamps.rules.apply_event`
sees the whole card; the service saves what the rules changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from server.catalog import Catalog
from server.database import Connection
from stamps.models import CardInstance, Event, EventType, InstanceStatus, RewardInstance
from stamps.timestamps import format_timestamp, parse_timestamp

REWARD_CACHE = 50_000  # rows; about 25 MB at most
_CARD_COLUMNS = (
    "card_instance_id, stamp_card_id, current_stamps, total_stamps, issue_date,"
    " expiration_date, status, update_time, last_stamp_time, member_id, sequence, usage"
)


def ts(moment: datetime | None) -> str | None:
    """A stored time: the Fintiv format in UTC."""
    return None if moment is None else _format(moment)


@lru_cache(maxsize=8192)
def _format(moment: datetime) -> str:
    return format_timestamp(moment.astimezone(UTC))


def _parse(text: str) -> datetime:
    """Stored times are always our own UTC format, which fromisoformat reads 30x faster."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return parse_timestamp(text)


def dt(text: str | None) -> datetime | None:
    return None if text is None else _parse(text)


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass(frozen=True)
class CardRow:
    """A card instance with the service's own columns beside the API object."""

    card: CardInstance
    member_id: int | None
    sequence: int | None
    usage: int


class Cards:
    def __init__(self, catalog: Catalog, row_lock: str = "") -> None:
        self._catalog = catalog
        self._row_lock = row_lock  # the database's "hold these rows until commit", if any
        # stored row -> RewardInstance: a card's rewards are read again with every batch
        self._reward_cache: dict[tuple[Any, ...], RewardInstance] = {}

    def _reward_instance(self, row: tuple[Any, ...]) -> RewardInstance:
        rid, cid, reward_id, status, rewarded, expires = row
        rewarded_time = dt(rewarded)
        assert rewarded_time is not None
        return RewardInstance(
            reward_instance_id=rid, card_instance_id=cid, status=InstanceStatus(status),
            rewarded_time=rewarded_time, reward=self._catalog.reward(reward_id),
            reward_expiration_date=dt(expires),
        )

    # ---- card instances ---------------------------------------------------------------

    def load(
        self, conn: Connection, card_instance_id: str, *, lock: bool = False
    ) -> CardRow | None:
        """One card instance; ``lock`` holds its row until the transaction ends."""
        row = conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM card_instances WHERE card_instance_id = ?"
            + (self._row_lock if lock else ""),
            (card_instance_id,),
        ).fetchone()
        if row is None:
            return None
        rewards = self._rewards(conn, "card_instance_id = ?", (card_instance_id,))
        return self._row(row, rewards.get(card_instance_id, ()))

    def load_many(
        self, conn: Connection, ids: list[str], reward_ids: Sequence[str] = ()
    ) -> dict[str, CardRow]:
        """The card instances among ``ids`` that exist, in two queries, each with its ACTIVE
        rewards plus any of ``reward_ids``: all that rules and answers need, however many
        rewards a regular has redeemed over the years. The card rows stay locked until the
        transaction ends, taken in id order so that two batches never deadlock on them."""
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM card_instances WHERE card_instance_id IN ({marks})"
            f" ORDER BY card_instance_id{self._row_lock}",
            ids,
        ).fetchall()
        named = ",".join("?" * len(reward_ids))
        also = f" OR reward_instance_id IN ({named})" if reward_ids else ""  # no empty IN ()
        rewards = self._rewards(
            conn, f"card_instance_id IN ({marks}) AND (status = 'ACTIVE'{also})",
            (*ids, *reward_ids),
        )
        return {r[0]: self._row(r, rewards.get(r[0], ())) for r in rows}

    def save_many(self, conn: Connection, changed: list[tuple[CardInstance, int]]) -> None:
        conn.executemany(
            "UPDATE card_instances SET current_stamps=?, total_stamps=?, status=?,"
            " update_time=?, last_stamp_time=?, usage=usage+? WHERE card_instance_id=?",
            [(c.current_stamps, c.total_stamps, c.status.value, ts(c.update_time),
              ts(c.last_stamp_time), usage, c.card_instance_id) for c, usage in changed],
        )

    def select(
        self, conn: Connection, *, member_id: int | None = None,
        card_instance_id: str | None = None,
    ) -> list[CardRow]:
        """Card instances for listing, each with its ACTIVE rewards only (all that getCards
        and getRewards show), so the cost does not grow with the rewards redeemed over years."""
        where, args = _filters(member_id, card_instance_id)
        rows = conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM card_instances {where} ORDER BY rowid", args
        ).fetchall()
        sub = ("status = 'ACTIVE' AND card_instance_id IN"
               f" (SELECT card_instance_id FROM card_instances {where})")
        rewards = self._rewards(conn, sub, args)
        return [self._row(r, rewards.get(r[0], ())) for r in rows]

    def insert(
        self, conn: Connection, card: CardInstance, member_id: int | None = None
    ) -> None:
        insert_card(conn, card, member_id)

    def save(self, conn: Connection, card: CardInstance, usage_delta: int = 0) -> None:
        conn.execute(
            "UPDATE card_instances SET current_stamps=?, total_stamps=?, status=?,"
            " update_time=?, last_stamp_time=?, usage=usage+? WHERE card_instance_id=?",
            (card.current_stamps, card.total_stamps, card.status.value, ts(card.update_time),
             ts(card.last_stamp_time), usage_delta, card.card_instance_id),
        )

    def set_sequence(self, conn: Connection, card_instance_id: str, seq: int) -> bool:
        cur = conn.execute(
            "UPDATE card_instances SET sequence=? WHERE card_instance_id=?",
            (seq, card_instance_id),
        )
        return cur.rowcount > 0

    # ---- reward instances -------------------------------------------------------------

    def _rewards(
        self, conn: Connection, where: str, args: tuple[object, ...]
    ) -> dict[str, tuple[RewardInstance, ...]]:
        out: dict[str, list[RewardInstance]] = {}
        cache = self._reward_cache
        for row in conn.execute(
            "SELECT reward_instance_id, card_instance_id, reward_id, status, rewarded_time,"
            f" reward_expiration_date FROM reward_instances WHERE {where} ORDER BY rowid",
            args,
        ):
            reward = cache.get(row)
            if reward is None:
                if len(cache) > REWARD_CACHE:
                    cache.clear()
                reward = cache[row] = self._reward_instance(row)
            out.setdefault(row[1], []).append(reward)
        return {k: tuple(v) for k, v in out.items()}

    # ---- events -----------------------------------------------------------------------

    def history(self, conn: Connection, card_instance_id: str) -> list[Event]:
        """Events of one card instance, newest first."""
        rows = conn.execute(
            "SELECT event_time, event_type, stamp_id, stamp_value, reward_instance_id"
            " FROM events WHERE card_instance_id = ? ORDER BY event_ms DESC, seq DESC",
            (card_instance_id,),
        ).fetchall()
        out = []
        for time, kind, stamp_id, value, reward_instance_id in rows:
            moment = dt(time)
            assert moment is not None
            out.append(Event(
                card_instance_id=card_instance_id, event_type=EventType(kind),
                event_time=moment, stamp_id=stamp_id, stamp_value=value,
                reward_instance_id=reward_instance_id,
            ))
        return out

    # ---- rows -------------------------------------------------------------------------

    def _row(self, row: tuple, rewards: tuple[RewardInstance, ...]) -> CardRow:
        (cid, card_id, current, total, issued, expires, status, updated, last,
         member_id, sequence, usage) = row
        issue_date = dt(issued)
        assert issue_date is not None
        card = CardInstance(
            card_instance_id=cid, stamp_card_id=card_id, current_stamps=current,
            total_stamps=total, issue_date=issue_date, expiration_date=dt(expires),
            status=InstanceStatus(status), update_time=dt(updated), rewards=rewards,
            last_stamp_time=dt(last),
        )
        return CardRow(card=card, member_id=member_id, sequence=sequence, usage=usage)


def _filters(
    member_id: int | None, card_instance_id: str | None
) -> tuple[str, tuple[object, ...]]:
    clauses: list[str] = []
    args: list[object] = []
    if member_id is not None:
        clauses.append("member_id = ?")
        args.append(member_id)
    if card_instance_id is not None:
        clauses.append("card_instance_id = ?")
        args.append(card_instance_id)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)


def insert_card(conn: Connection, card: CardInstance, member_id: int | None) -> None:
    conn.execute(
        f"INSERT INTO card_instances({_CARD_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)",
        (card.card_instance_id, card.stamp_card_id, card.current_stamps, card.total_stamps,
         ts(card.issue_date), ts(card.expiration_date), card.status.value,
         ts(card.update_time), ts(card.last_stamp_time), member_id, None),
    )
    insert_rewards(conn, card.rewards)


def insert_rewards(conn: Connection, rewards: Iterable[RewardInstance]) -> None:
    conn.executemany(
        "INSERT INTO reward_instances(reward_instance_id, card_instance_id, reward_id,"
        " status, rewarded_time, reward_expiration_date) VALUES (?,?,?,?,?,?)",
        [(r.reward_instance_id, r.card_instance_id, r.reward.reward_id, r.status.value,
          ts(r.rewarded_time), ts(r.reward_expiration_date)) for r in rewards],
    )


INSERT_EVENT = (
    "INSERT INTO events(card_instance_id, event_time, event_ms, event_type, stamp_id,"
    " stamp_value, reward_instance_id, event_id) VALUES (?,?,?,?,?,?,?,?)"
)


def event_row(event: Event) -> tuple[object, ...]:
    return (event.card_instance_id, ts(event.event_time), epoch_ms(event.event_time),
            event.event_type.value, event.stamp_id, event.stamp_value,
            event.reward_instance_id, event.event_id)


def insert_event(conn: Connection, event: Event) -> None:
    conn.execute(INSERT_EVENT, event_row(event))
