"""Choosing the next batch: the oldest due pending events, keeping per-card order.

An event goes out only when every earlier event of its card is settled, or is earlier in the
same batch (the service applies a batch in order). A card with an event in flight or waiting
for a retry holds back only its own later events. Each query walks the ``(state, seq)`` index
from the oldest pending event, so choosing costs the same with 100 or 100,000 waiting.
"""

from __future__ import annotations

from ledger.db import Database
from ledger.outbox import OutboxEvent

#: Pending rows examined at most per batch, so one busy card cannot make choosing slow.
SCAN_FACTOR = 40


def next_batch(db: Database, limit: int, now: float | None = None) -> list[OutboxEvent]:
    now = db.clock.epoch() if now is None else now
    in_flight = {
        card: seq for card, seq in db.execute(
            "SELECT card_instance_id, MIN(seq) FROM outbox WHERE state = 'in_flight' "
            "GROUP BY card_instance_id"
        ).fetchall()
    }
    batch: list[OutboxEvent] = []
    blocked: set[str] = set()
    last_seq = 0
    budget = max(limit * SCAN_FACTOR, 2000)
    page = max(limit * 2, 100)
    while len(batch) < limit and budget > 0:
        rows = db.query(
            "SELECT * FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
            (last_seq, page),
        )
        if not rows:
            break
        budget -= len(rows)
        for row in rows:
            last_seq = row["seq"]
            card = row["card_instance_id"]
            if card in blocked:
                continue
            if row["next_attempt_at"] > now or in_flight.get(card, last_seq) < last_seq:
                blocked.add(card)
                continue
            batch.append(OutboxEvent.from_row(row))
            if len(batch) >= limit:
                break
    return batch
