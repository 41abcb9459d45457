"""Writing the outcome of sent events: outbox states, card states, reward ids, notices.

Everything is written inside the caller's transaction, so settling a batch and marking the next
one in flight cost one commit.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ledger import Ledger
from ledger.outbox import HELD, PENDING, REJECTED, SYNCED
from stamps.errors import FINAL_CODES
from sync.fintiv import EventResult

log = logging.getLogger(__name__)

_REASONS = {
    33001: "the card is no longer active",
    33002: "the card or its program has expired",
    33003: "it came too soon after the previous stamp",
    33004: "the stamp code does not belong to this card",
    33005: "the reward was not redeemable",
    33006: "the reward was not found",
    33007: "the card had no stamp to remove",
    33008: "a terminal may not send this kind of event",
    33009: "the stamp service does not know this card",
}


def is_final(code: int) -> bool:
    return code in FINAL_CODES


def rejection_message(card_instance_id: str, event_type: str, code: int, key: str, *,
                      count: int = 1, card: str | None = None) -> str:
    """One sentence for ``count`` refused events of one kind on one card; ``card`` names it
    for the manager ("Marie Dubois's Bakery Tap card"), else its id's first characters."""
    reason = _REASONS.get(code, f"of error {code} ({key})")
    kind = event_type.lower().replace("_", " ")
    what = f"a {kind}" if count == 1 else f"{count} {kind}s"
    on = card or f"card {card_instance_id[:8]}"
    return (f"The stamp service refused {what} on {on} because {reason}. "
            "The card now shows the service's count.")


def card_words(store: Ledger, card_instance_id: str) -> str | None:
    """"Marie Dubois's Bakery Tap card" (or "the Bakery Tap card"), None when unknown here."""
    known = store.cards.get(card_instance_id)
    program = store.catalog.card(known[0].stamp_card_id) if known else None
    if program is None:
        return None
    server_id = store.cards.member_of(card_instance_id)
    local_id = store.members.local_id_for_server(server_id) if server_id is not None else None
    member = store.members.get(local_id) if local_id is not None else None
    if member is None:
        return f"the {program.name} card"
    return f"{member[0].name}'s {program.name} card"


@dataclass
class Settlement:
    """What to write for events whose fate is known. Event ids, each in at most one list."""

    synced: list[EventResult] = field(default_factory=list)
    #: synced by reconciliation: the service has them, but sent back no card state
    found: list[str] = field(default_factory=list)
    #: (event_id, code, key)
    rejected: list[tuple[str, int, str]] = field(default_factory=list)
    #: (event_id, code or None, error shown to the manager)
    held: list[tuple[str, int | None, str]] = field(default_factory=list)
    #: (event_id, next_attempt_at, error, refund one attempt)
    retry: list[tuple[str, float, str | None, bool]] = field(default_factory=list)
    #: (event_id, reconcile_at): stay in flight, read history at that time
    reconcile: list[tuple[str, float]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.synced, self.found, self.rejected, self.held, self.retry,
                    self.reconcile))

    def count_done(self) -> int:
        return len(self.synced) + len(self.found) + len(self.rejected)


def apply(store: Ledger, conn: sqlite3.Connection, s: Settlement) -> None:
    """Write ``s`` inside the caller's transaction."""
    now = store.clock.epoch()
    if s.synced or s.found:
        conn.executemany(
            "UPDATE outbox SET state = ?, result_code = 0, result_message = ?, last_error = NULL,"
            " updated_at = ? WHERE event_id = ? AND state = 'in_flight'",
            [(SYNCED, r.message or None, now, r.event_id) for r in s.synced]
            + [(SYNCED, "found in the event history", now, eid) for eid in s.found],
        )
    if s.rejected:
        conn.executemany(
            "UPDATE outbox SET state = ?, result_code = ?, result_message = ?, last_error = ?, "
            "updated_at = ? WHERE event_id = ? AND state = 'in_flight'",
            [(REJECTED, code, key, key, now, eid) for eid, code, key in s.rejected],
        )
    if s.held:
        conn.executemany(
            "UPDATE outbox SET state = ?, result_code = ?, last_error = ?, updated_at = ? "
            "WHERE event_id = ? AND state IN ('in_flight', 'pending')",
            [(HELD, code, err, now, eid) for eid, code, err in s.held],
        )
    if s.retry:
        conn.executemany(
            "UPDATE outbox SET state = ?, batch_id = NULL, next_attempt_at = ?, last_error = ?, "
            "attempts = MAX(attempts - ?, 0), updated_at = ? "
            "WHERE event_id = ? AND state = 'in_flight'",
            [(PENDING, at, err, int(refund), now, eid) for eid, at, err, refund in s.retry],
        )
    if s.reconcile:
        conn.executemany(
            "UPDATE outbox SET next_attempt_at = ?, updated_at = ? "
            "WHERE event_id = ? AND state = 'in_flight'",
            [(at, now, eid) for eid, at in s.reconcile],
        )
    _update_cards(store, conn, s)
    _map_rewards(conn, s.synced)
    _notify(store, conn, s)


def _update_cards(store: Ledger, conn: sqlite3.Connection, s: Settlement) -> None:
    latest: dict[str, EventResult] = {}
    earned: dict[str, list[Mapping[str, Any]]] = {}
    for r in s.synced:
        if r.card_instance is not None:
            cid = r.card_instance.card_instance_id
            latest[cid] = r
            earned.setdefault(cid, []).extend(r.raw_rewards)
    rejected_cards = _cards_of(conn, [eid for eid, _, _ in s.rejected])
    now = store.clock.epoch()
    for cid, result in latest.items():
        assert result.card_instance is not None
        body = json.dumps(_with_rewards(result, earned.get(cid, ())))
        if _unsettled(conn, cid):
            # Later local events still wait: keep showing the optimistic state.
            conn.execute("UPDATE card_instances SET server_body = ? WHERE card_instance_id = ?",
                         (body, cid))
        else:
            conn.execute(_CONFIRMED, (cid, result.card_instance.stamp_card_id, body, now))
    for cid in rejected_cards - set(latest):
        if _unsettled(conn, cid):
            continue  # corrected when its last waiting event settles
        server = store.cards.server_state(cid)
        if server is not None:
            store.cards.save_confirmed(server)
        else:
            conn.execute(
                "UPDATE card_instances SET confirmed = 0 WHERE card_instance_id = ?", (cid,)
            )


#: The server's state becomes the state shown (as CardStates.save_confirmed, from raw JSON).
_CONFIRMED = """
    INSERT INTO card_instances (card_instance_id, stamp_card_id, member_id, body, server_body,
        last_stamp_time, confirmed, updated_at)
    VALUES (?1, ?2, NULL, ?3, ?3, NULL, 1, ?4)
    ON CONFLICT (card_instance_id) DO UPDATE SET
        stamp_card_id = excluded.stamp_card_id, body = excluded.body,
        server_body = excluded.server_body, confirmed = 1, updated_at = excluded.updated_at
"""


def _with_rewards(result: EventResult, earned: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The card's JSON with the rewards its events earned added when it does not list them."""
    body = dict(result.raw_card or {})
    rewards = list(body.get("rewards") or [])
    have = {r.get("rewardInstanceId") for r in rewards}
    rewards += [r for r in earned if r.get("rewardInstanceId") not in have]
    body["rewards"] = rewards
    return body


def _unsettled(conn: sqlite3.Connection, card_instance_id: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM outbox WHERE card_instance_id = ? AND state IN ('pending', 'in_flight')"
        " LIMIT 1", (card_instance_id,),
    ).fetchone()
    return row is not None


def _cards_of(conn: sqlite3.Connection, event_ids: list[str]) -> set[str]:
    cards: set[str] = set()
    for eid in event_ids:
        row = conn.execute(
            "SELECT card_instance_id FROM outbox WHERE event_id = ?", (eid,)
        ).fetchone()
        if row is not None:
            cards.add(row[0])
    return cards


def _map_rewards(conn: sqlite3.Connection, synced: list[EventResult]) -> None:
    """Give rewards earned offline their server ids, in the local table and in every event
    still waiting to name them."""
    for r in synced:
        if not r.rewards:
            continue
        local = conn.execute(
            "SELECT local_id, reward_id FROM local_rewards WHERE event_id = ? "
            "AND server_id IS NULL ORDER BY local_id", (r.event_id,),
        ).fetchall()
        free = list(r.rewards)
        for local_id, reward_id in local:
            match = next((ri for ri in free if ri.reward.reward_id == reward_id), None)
            if match is None:
                continue
            free.remove(match)
            map_reward(conn, local_id, match.reward_instance_id)


def map_reward(conn: sqlite3.Connection, local_id: str, server_id: str) -> None:
    conn.execute("UPDATE local_rewards SET server_id = ? WHERE local_id = ?",
                 (server_id, local_id))
    conn.execute(
        "UPDATE outbox SET reward_instance_id = ? WHERE reward_instance_id = ? "
        "AND state IN ('pending', 'held')", (server_id, local_id),
    )


def _notify(store: Ledger, conn: sqlite3.Connection, s: Settlement) -> None:
    # one notice per card, kind of event and reason, with the count: three stamps refused
    # as too soon are one thing for the manager to look at, not three
    groups: dict[tuple[str, str, int, str], list[str]] = {}
    for eid, code, key in s.rejected:
        row = conn.execute(
            "SELECT card_instance_id, event_type FROM outbox WHERE event_id = ?", (eid,)
        ).fetchone()
        if row is None:
            continue
        groups.setdefault((row[0], row[1], code, key), []).append(eid)
    for (card_id, event_type, code, key), eids in groups.items():
        message = rejection_message(card_id, event_type, code, key, count=len(eids),
                                    card=card_words(store, card_id))
        store.journal.notify("rejected", message, ref=eids[0])
    for eid, held_code, err in s.held:
        store.journal.notify(
            "held",
            f"An event could not be sent ({err}). A manager must review it in the sync queue.",
            ref=eid,
        )
        log.warning("event %s held: code=%s %s", eid, held_code, err)
