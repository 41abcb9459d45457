"""Adding stamps, undoing one, redeeming and removing rewards.

Each use case runs in ONE transaction: it applies the stamping rules to the card's local state
(optimistically, marked unconfirmed), appends the events to the outbox, writes the audit entry,
and commits with synchronous=FULL before returning. Then it wakes the sync engine.

A card this terminal has never seen can still be stamped: the payload names it, the events go
out, and the server decides. Rewards earned offline get a ``local-`` id that the sync engine
replaces with the server's once the stamp that earned them is accepted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos.services.context import Context
from pos.services.errors import InvalidInput, NeedsManager, NotFound
from stamps.event_slots import epoch_ms, next_event_time
from stamps.models import (
    CardInstance,
    Event,
    EventType,
    InstanceStatus,
    RewardInstance,
    StampCard,
)
from stamps.rules import apply_event

MAX_STAMPS_AT_ONCE = 50
DAY_MS = 86_400_000
#: a card's latest event this far ahead of the clock means the clock was set back
BEHIND_MS = 90_000


@dataclass(frozen=True, slots=True)
class StampResult:
    card: CardInstance
    stamp_card: StampCard | None
    event_ids: tuple[str, ...]
    earned: tuple[RewardInstance, ...] = ()
    flagged: bool = False
    confirmed: bool = False


def new_event_id() -> str:
    return str(uuid.uuid4())


def _local_reward_id() -> str:
    return f"local-{uuid.uuid4()}"


def add_stamps(
    ctx: Context, card_instance_id: str, count: int = 1, *, stamp_value: str | None = None,
    action: str = "stamp",
) -> StampResult:
    """Record ``count`` STAMP events on the card, each at its own millisecond in this terminal's
    slot (:mod:`stamps.event_slots`), so each stays distinguishable from every other terminal's."""
    if not 1 <= count <= MAX_STAMPS_AT_ONCE:
        raise InvalidInput({"count": f"Add between 1 and {MAX_STAMPS_AT_ONCE} stamps at a time."})
    return _record(ctx, card_instance_id, EventType.STAMP, count, stamp_value=stamp_value,
                   action=action)


def redeem(ctx: Context, card_instance_id: str, reward_instance_id: str) -> StampResult:
    return _record(ctx, card_instance_id, EventType.REDEEM, 1,
                   reward_instance_id=reward_instance_id, action="redeem")


def remove_reward(
    ctx: Context, card_instance_id: str, reward_instance_id: str, *, manager_ok: bool = False
) -> StampResult:
    if not manager_ok:
        raise NeedsManager("Removing a reward needs the manager PIN.")
    return _record(ctx, card_instance_id, EventType.REMOVE_REWARD, 1,
                   reward_instance_id=reward_instance_id, action="remove_reward")


def undo_last_stamp(
    ctx: Context, card_instance_id: str, *, manager_ok: bool = False
) -> StampResult:
    """REMOVE_STAMP for the latest stamp this terminal added to the card. Within the undo
    window a cashier may do it; after it, or for a stamp added elsewhere, the manager."""
    last = last_undoable_stamp(ctx, card_instance_id)
    if not manager_ok:
        if last is None:
            raise NeedsManager(
                "No stamp from this counter to undo on this card. Removing other stamps needs "
                "the manager PIN."
            )
        age = ctx.clock.now() - last
        if age > timedelta(seconds=ctx.settings.undo_window):
            raise NeedsManager(
                f"The last stamp was added {int(age.total_seconds() // 60)} minutes ago; "
                "undoing it now needs the manager PIN."
            )
    return _record(ctx, card_instance_id, EventType.REMOVE_STAMP, 1, action="undo_stamp")


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo reversed: the stamps of one add, and the rewards they had earned."""

    result: StampResult
    stamps: int
    rewards: tuple[str, ...] = ()  # names of the rewards taken back


def undo_last_action(
    ctx: Context, card_instance_id: str, *, manager_ok: bool = False
) -> Undone:
    """Reverse this terminal's latest add on the card as a whole: REMOVE_REWARD for each
    reward its stamps earned (first), then one REMOVE_STAMP per stamp. A cashier may do it
    within the undo window while those rewards are unredeemed; otherwise the manager. With
    no add of this terminal left to undo, the manager may still remove a single stamp."""
    store = ctx.store
    action = _last_add(ctx, card_instance_id)
    if action is None:
        if not manager_ok:
            raise NeedsManager(
                "No stamp from this counter to undo on this card. Removing other stamps needs "
                "the manager PIN."
            )
        return Undone(_record(ctx, card_instance_id, EventType.REMOVE_STAMP, 1,
                              action="undo_stamp"), 1)
    event_ids, added_at = action
    known = store.cards.get(card_instance_id)
    card_rewards = {r.reward_instance_id: r for r in known[0].rewards} if known else {}
    earned = []
    for row in store.db.query(
        "SELECT local_id, server_id FROM local_rewards WHERE event_id IN "
        f"({', '.join('?' * len(event_ids))})", tuple(event_ids),
    ):
        reward = card_rewards.get(row["server_id"] or "") or card_rewards.get(row["local_id"])
        if reward is not None and reward.status is not InstanceStatus.DELETED:
            earned.append(reward)
    if not manager_ok:
        age = ctx.clock.now() - added_at
        if age > timedelta(seconds=ctx.settings.undo_window):
            raise NeedsManager(
                f"The last stamp was added {int(age.total_seconds() // 60)} minutes ago; "
                "undoing it now needs the manager PIN."
            )
        if any(r.status is InstanceStatus.REDEEMED for r in earned):
            raise NeedsManager(
                "The reward these stamps earned was already redeemed; undoing them needs the "
                "manager PIN."
            )
    with store.db.transaction():
        for reward in earned:
            _record(ctx, card_instance_id, EventType.REMOVE_REWARD, 1,
                    reward_instance_id=reward.reward_instance_id, action="undo_remove_reward")
        result = _record(ctx, card_instance_id, EventType.REMOVE_STAMP, len(event_ids),
                         action="undo_stamp", undoes=event_ids)
    return Undone(result, len(event_ids), tuple(r.reward.name for r in earned))


def _last_add(ctx: Context, card_instance_id: str) -> tuple[list[str], datetime] | None:
    """The event ids of this terminal's latest add on the card that is neither undone nor
    refused by the server, with the time of its first stamp."""
    undone: set[str] = set()
    rows = ctx.store.db.query(
        "SELECT action, event_ids, detail FROM audit_log WHERE card_instance_id = ? "
        "AND action IN ('stamp', 'undo_stamp') ORDER BY id DESC", (card_instance_id,),
    )
    events = {e.event_id: e for e in ctx.store.outbox.for_card(card_instance_id)}
    for row in rows:
        ids = (row["event_ids"] or "").split()
        if row["action"] == "undo_stamp":
            undone.update(json.loads(row["detail"] or "{}").get("undoes", []))
            continue
        live = [i for i in ids if i not in undone and i in events
                and events[i].state != "rejected"]
        if live:
            return live, events[live[0]].to_event().event_time
    return None


def last_undoable_stamp(ctx: Context, card_instance_id: str) -> datetime | None:
    """Time of the latest STAMP from this terminal not already cancelled by a REMOVE_STAMP."""
    cancels = 0
    for ev in reversed(ctx.store.outbox.for_card(card_instance_id)):
        if ev.state == "rejected":
            continue
        if ev.event_type is EventType.REMOVE_STAMP:
            cancels += 1
        elif ev.event_type is EventType.STAMP:
            if cancels == 0:
                return ev.to_event().event_time
            cancels -= 1
    return None


def _record(
    ctx: Context, card_instance_id: str, event_type: EventType, count: int, *,
    stamp_value: str | None = None, reward_instance_id: str | None = None, action: str,
    undoes: Sequence[str] = (),
) -> StampResult:
    store = ctx.store
    now = ctx.clock.local_now()
    jump = ctx.clock.take_jump()
    with store.db.transaction():
        known = store.cards.get(card_instance_id)
        card = known[0] if known else _unseen_card(card_instance_id, now)
        stamp_card = store.catalog.card(card.stamp_card_id) if known else None
        if stamp_card is None and event_type is not EventType.STAMP:
            raise NotFound(
                "This card is not known on this terminal yet, so only stamps can be added. "
                "Connect to the network to load it."
            )
        # A code the cashier scanned is checked against the card; the default one is its own.
        policy = ctx.policy(card.stamp_card_id, stamp_value=stamp_value)
        if event_type is EventType.STAMP and stamp_value is None and stamp_card is not None:
            stamp_value = store.catalog.default_stamp_value(stamp_card.stamp_card_id)
        day_ago_ms = int(now.timestamp() * 1000) - DAY_MS
        last_ms, stamps_today = store.outbox.card_activity(card_instance_id, day_ago_ms)
        if last_ms is not None and epoch_ms(now) < last_ms - BEHIND_MS and jump is None:
            jump = timedelta(milliseconds=epoch_ms(now) - last_ms)
        if jump is not None:
            _warn_clock(ctx, jump)
        events: list[Event] = []
        earned: list[tuple[str, RewardInstance]] = []
        for _ in range(count):
            # In this terminal's slot of the millisecond, so reconciliation knows it as ours.
            moment = next_event_time(now, last_ms, ctx.settings.terminal_slot)
            event = Event(
                card_instance_id=card_instance_id, event_type=event_type, event_time=moment,
                stamp_value=stamp_value, reward_instance_id=reward_instance_id,
                event_id=new_event_id(),
            )
            if stamp_card is not None:
                outcome = apply_event(card, event, stamp_card, policy, _local_reward_id)
                card = outcome.card
                earned.extend((event.event_id or "", r) for r in outcome.earned)
            else:
                card = card.with_(current_stamps=card.current_stamps + 1,
                                  total_stamps=card.total_stamps + 1, update_time=moment,
                                  last_stamp_time=moment)
            events.append(event)
            last_ms = epoch_ms(moment)
        flagged = (event_type is EventType.STAMP
                   and stamps_today + count > ctx.settings.velocity_limit)
        for event in events:
            store.outbox.add(event, flagged=flagged)
        if earned:
            store.db.conn.executemany(
                "INSERT INTO local_rewards VALUES (?, ?, ?, ?, NULL)",
                [(r.reward_instance_id, eid, card_instance_id, r.reward.reward_id)
                 for eid, r in earned],
            )
        store.cards.save_local(card)
        event_ids = tuple(e.event_id or "" for e in events)
        detail: dict[str, object] = {}
        if count > 1 or reward_instance_id:
            detail = {"count": count, "reward_instance_id": reward_instance_id}
        if undoes:
            detail["undoes"] = list(undoes)
        store.journal.audit(
            action, terminal_id=ctx.settings.terminal_id, card_instance_id=card_instance_id,
            event_ids=event_ids, detail=detail or None,
        )
        if flagged:
            store.journal.notify(
                "velocity",
                f"Card {card_instance_id[:8]} received more than {ctx.settings.velocity_limit} "
                "stamps within a day. Please check it.",
                ref=card_instance_id,
            )
    ctx.wake()
    return StampResult(card=card, stamp_card=stamp_card, event_ids=event_ids,
                       earned=tuple(r for _, r in earned), flagged=flagged)


def _warn_clock(ctx: Context, jump: timedelta) -> None:
    """One open notice per clock change: events still get unique, increasing times per card
    (each follows the card's latest), so nothing is lost, but a manager should set the time."""
    if any(n.kind == "clock" for n in ctx.store.journal.notices(open_only=True)):
        return
    minutes = max(1, round(abs(jump.total_seconds()) / 60))
    direction = "back" if jump < timedelta(0) else "forward"
    ctx.store.journal.notify(
        "clock",
        f"The system clock moved {direction} by about {minutes} minutes. Stamps are kept in "
        "order; ask a manager to check this terminal's date and time.",
    )


def _unseen_card(card_instance_id: str, now: datetime) -> CardInstance:
    return CardInstance(
        card_instance_id=card_instance_id, stamp_card_id="", current_stamps=0, total_stamps=0,
        issue_date=now, expiration_date=None, status=InstanceStatus.ACTIVE,
    )
