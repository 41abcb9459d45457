"""``stamp-pos status``, ``events`` and ``record``: the outbox from a shell."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from ledger.outbox import STATES
from stamps.wire import to_api

EVENT_TYPES = ("STAMP", "REDEEM", "REMOVE_STAMP", "REMOVE_REWARD")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="outbox counts by state, last sync, backend")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_guarded(status_cmd))

    p = sub.add_parser("events", help="list the outbox")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--state", choices=STATES, help="only events in this state")
    p.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    p.set_defaults(func=_guarded(events_cmd))

    p = sub.add_parser("record", help="record events through the terminal's services")
    p.add_argument("--card-instance", required=True, metavar="ID")
    p.add_argument("--type", required=True, choices=EVENT_TYPES, dest="event_type")
    p.add_argument("--count", type=int, default=1, help="STAMP only: how many stamps")
    p.add_argument("--stamp-value", metavar="V")
    p.add_argument("--reward-instance", metavar="R")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_guarded(record_cmd))


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command; a cashier-facing error becomes one line on stderr and exit 1."""

    def run(args: argparse.Namespace) -> int:
        from ledger.errors import LedgerError
        from pos.app import logs
        from pos.services.errors import ServiceError
        from pos.settings.config import ConfigError
        from stamps.errors import DomainError

        try:
            logs.setup()
            return func(args)
        except (ConfigError, DomainError, ServiceError, LedgerError) as exc:
            print(f"stamp-pos {args.command}: {exc}", file=sys.stderr)
            return 1

    return run


def _terminal() -> Any:
    from pos.app.wiring import open_terminal

    return open_terminal()


def status_cmd(args: argparse.Namespace) -> int:
    st = _terminal().status()
    if args.json:
        print(json.dumps(st.to_json(), indent=2))
        return 0
    ev = st.events
    lines = [
        f"backend:        {st.backend}",
        f"database:       {st.database}",
        f"online:         {_yes_no(st.online)}",
        f"last sync:      {st.last_sync or 'never'}",
        "events:         " + ", ".join(f"{k} {v}" for k, v in ev.items()),
        f"members queued: {st.members_pending}",
        f"cards queued:   {st.issues_pending}",
        f"open notices:   {st.open_notices}",
    ]
    if st.auth_refused:
        lines.append("WARNING: the stamp service refused the credentials; sync is paused. "
                     "Check the API key and token in Settings.")
    if st.problem:
        lines.append(f"WARNING: {st.problem}")
    print("\n".join(lines))
    return 0


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def events_cmd(args: argparse.Namespace) -> int:
    events = _terminal().store.outbox.recent(args.state, limit=args.limit)
    if args.json:
        print(json.dumps([{
            "seq": e.seq, "eventId": e.event_id, "cardInstanceId": e.card_instance_id,
            "eventType": e.event_type.value, "eventTime": e.event_time, "state": e.state,
            "stampValue": e.stamp_value, "rewardInstanceId": e.reward_instance_id,
            "attempts": e.attempts, "resultCode": e.result_code,
            "resultMessage": e.result_message, "lastError": e.last_error,
            "flagged": e.flagged,
        } for e in events], indent=2))
        return 0
    if not events:
        print("no events")
        return 0
    print(f"{'seq':>6}  {'state':<9}  {'type':<13}  {'event time':<28}  {'card':<36}  eventId")
    for e in events:
        note = f"  [{e.result_code} {e.result_message}]" if e.result_code else ""
        print(f"{e.seq:>6}  {e.state:<9}  {e.event_type.value:<13}  {e.event_time:<28}  "
              f"{e.card_instance_id:<36}  {e.event_id}{note}")
    return 0


def record_cmd(args: argparse.Namespace) -> int:
    from pos.services import stamping

    terminal = _terminal()
    ctx = terminal.ctx
    card = args.card_instance.strip()
    kind = args.event_type
    if kind != "STAMP" and args.count != 1:
        print("stamp-pos record: --count applies to STAMP only", file=sys.stderr)
        return 2
    if kind in ("REDEEM", "REMOVE_REWARD") and not args.reward_instance:
        print(f"stamp-pos record: {kind} needs --reward-instance", file=sys.stderr)
        return 2
    if kind == "STAMP":
        result = stamping.add_stamps(ctx, card, args.count, stamp_value=args.stamp_value,
                                     action="cli_record")
    elif kind == "REDEEM":
        result = stamping.redeem(ctx, card, args.reward_instance)
    elif kind == "REMOVE_STAMP":
        # The shell is an operator's tool: it acts with the manager's rights.
        result = stamping.undo_last_stamp(ctx, card, manager_ok=True)
    else:
        result = stamping.remove_reward(ctx, card, args.reward_instance, manager_ok=True)
    if args.json:
        print(json.dumps({
            "eventIds": list(result.event_ids), "cardInstance": to_api(result.card),
            "earned": [to_api(r) for r in result.earned], "flagged": result.flagged,
        }, indent=2))
    else:
        print("\n".join(result.event_ids))
    return 0
