"""Issuing a new stamp card through vvd.bz: validated now, queued, sent by the sync engine.
Once the service answers, the ticket carries the code and URL to show as a QR code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pos.services.context import Context
from pos.services.errors import InvalidInput, NotFound
from stamps.errors import ValidationError
from stamps.members import validate_issue_request


@dataclass(frozen=True, slots=True)
class IssueTicket:
    id: int
    stamp_card_id: str
    state: str  # pending | in_flight | done | rejected | held
    url: str | None = None
    code: str | None = None
    card_instance_id: str | None = None
    error: str | None = None


def issue_card(
    ctx: Context, stamp_card_id: str, start: date, end: date, *,
    member_local_id: int | None = None, memo: str | None = None,
) -> IssueTicket:
    store = ctx.store
    card = store.catalog.card(stamp_card_id)
    idx = store.catalog.card_idx(stamp_card_id)
    if card is None or idx is None:
        raise NotFound("This card program is not in the catalog here. Refresh the catalog.")
    body: dict[str, object] = {
        "cardIdx": idx, "domain": ctx.settings.stamp_domain,
        "strtYmd": start.isoformat(), "endYmd": end.isoformat(), "activeYn": "Y",
        "memo": memo or f"Issued at {ctx.settings.terminal_id}",
    }
    if member_local_id is not None:
        got = store.members.get(member_local_id)
        if got is not None:
            member = got[0]
            body.update({"userNm": member.name, "userEml": member.email,
                         "userPhnno": member.phone})
            server_id = store.members.server_id(member_local_id)
            if server_id:
                body["userId"] = str(server_id)
    try:
        request = validate_issue_request(
            {k: v for k, v in body.items() if v is not None}, today=ctx.clock.today()
        )
    except ValidationError as exc:
        raise InvalidInput(exc.errors) from None
    with store.db.transaction():
        ticket_id = store.issue_queue.add(stamp_card_id, member_local_id, request.to_api())
        store.journal.audit("issue_card", terminal_id=ctx.settings.terminal_id,
                            member_local_id=member_local_id, detail={"stampCardId": stamp_card_id})
    ctx.wake()
    return ticket(ctx, ticket_id)


def ticket(ctx: Context, ticket_id: int) -> IssueTicket:
    item = ctx.store.issue_queue.get(ticket_id)
    if item is None:
        raise NotFound("This card issue is no longer known here.")
    return IssueTicket(
        id=item.id, stamp_card_id=item.extra["stamp_card_id"], state=item.state,
        url=item.extra["url"], code=item.extra["code"],
        card_instance_id=item.extra["card_instance_id"],
        error=item.last_error,
    )
