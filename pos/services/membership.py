"""Registering and changing members, queued for the Membership API.

The form is validated here with the same rules the service applies, so most mistakes show
inline at once; what only the server can know (an e-mail already taken) comes back later
through the queue's field errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos.services.context import Context
from pos.services.errors import InvalidInput, NotFound
from stamps.errors import ValidationError
from stamps.members import Member, MemberForm, validate_member_form
from stamps.phones import e164


@dataclass(frozen=True, slots=True)
class QueuedMember:
    local_id: int
    queue_id: int
    member: Member


def _normalized(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with the phone in E.164 (read with the store's country), so one member is
    found however the number is typed; a phone that is no number is left for validation."""
    phone = fields.get("phone")
    if isinstance(phone, str) and phone.strip():
        number = e164(phone, ctx.settings.country)
        if number is not None:
            return {**fields, "phone": number}
    return fields


def register_member(ctx: Context, fields: dict[str, Any]) -> QueuedMember:
    fields = _normalized(ctx, fields)
    body = {**fields, "merchant": ctx.settings.membership_merchant, "store": ctx.settings.store_id}
    form = _validate(ctx, body, change=False)
    if form.email and ctx.store.members.find("email", form.email) is not None:
        raise InvalidInput({"email": "A member with this email already exists. Search for them."})
    member = _member_from_form(form, server_id=0)
    with ctx.store.db.transaction():
        local_id = ctx.store.members.upsert(member, pending=True)
        queue_id = ctx.store.member_queue.add("register", local_id, form.to_api())
        ctx.store.journal.audit("register_member", terminal_id=ctx.settings.terminal_id,
                                member_local_id=local_id)
    ctx.wake()
    return QueuedMember(local_id, queue_id, member)


def change_member(ctx: Context, local_id: int, fields: dict[str, Any]) -> QueuedMember:
    got = ctx.store.members.get(local_id)
    if got is None:
        raise NotFound("This member is no longer known on this terminal. Search again.")
    server_id = ctx.store.members.server_id(local_id)
    fields = _normalized(ctx, fields)
    # The server id may not exist yet (registered offline); the sync engine fills it in.
    body = {**fields, "merchant": ctx.settings.membership_merchant, "id": server_id or 0}
    form = _validate(ctx, body, change=True)
    member = _member_from_form(form, server_id=server_id or 0, previous=got[0])
    with ctx.store.db.transaction():
        ctx.store.members.upsert(member, local_id=local_id, pending=got[1])
        queue_id = ctx.store.member_queue.add("change", local_id, form.to_api())
        ctx.store.journal.audit("change_member", terminal_id=ctx.settings.terminal_id,
                                member_local_id=local_id)
    ctx.wake()
    return QueuedMember(local_id, queue_id, member)


def search_members(ctx: Context, text: str, limit: int = 10) -> list[tuple[int, Member, bool]]:
    """Local FTS search: (local id, member, pending registration). A phone number is searched
    by its E.164 digits, as members are stored."""
    if sum("0" <= c <= "9" for c in text) >= 7:
        number = e164(text, ctx.settings.country)
        if number is not None:
            text = number.lstrip("+")
    return ctx.store.members.search(text, limit)


def member_errors(ctx: Context, local_id: int) -> dict[str, str]:
    """Field errors the server sent back for this member's latest queued request."""
    items = ctx.store.member_queue.for_member(local_id)
    for item in reversed(items):
        if item.field_errors:
            return item.field_errors
    return {}


def _validate(ctx: Context, body: dict[str, Any], *, change: bool) -> MemberForm:
    try:
        return validate_member_form(body, change=change, today=ctx.clock.today())
    except ValidationError as exc:
        raise InvalidInput(exc.errors) from None


def _member_from_form(form: MemberForm, *, server_id: int, previous: Member | None = None
                      ) -> Member:
    ids = (form.member_id,) if form.member_id else (previous.member_ids if previous else ())
    return Member(
        id=server_id, name=form.name, email=form.email, phone=form.phone,
        birthday=form.birthday, gender=1 if form.gender == "male" else 2, address=form.address,
        member_ids=tuple(ids), membership_status=previous.membership_status if previous else None,
        stamps=previous.stamps if previous else 0,
    )
