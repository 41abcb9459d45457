"""The Fintiv timestamp ``yyyy-MM-dd'T'HH:mm:ss.SSSZ`` (RFC 822 offset, e.g. ``+0000``).

Times inside the program are timezone-aware :class:`datetime` objects with millisecond
precision; naive datetimes are refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from stamps.errors import TimestampError

_PATTERN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?([+-])(\d{2})(\d{2})"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MAX_LEN = 40


def parse_timestamp(text: object) -> datetime:
    """Parse a Fintiv timestamp; raise :class:`TimestampError` on anything else."""
    if not isinstance(text, str) or len(text) > _MAX_LEN:
        raise TimestampError(f"Not a timestamp: {_show(text)}")
    m = _PATTERN.fullmatch(text)
    if m is None:
        raise TimestampError(
            f"Not a timestamp in the form 2019-03-14T14:19:04.141+0000: {_show(text)}"
        )
    year, month, day, hour, minute, second, frac, sign, oh, om = m.groups()
    if int(oh) > 23 or int(om) > 59:
        raise TimestampError(f"Timezone offset out of range: {_show(text)}")
    if frac is not None and len(frac) == 3:
        try:  # the usual shape: C speed once the pattern has vouched for it
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # an impossible date; the slow path names it
    offset = timedelta(hours=int(oh), minutes=int(om))
    tz = timezone(-offset if sign == "-" else offset)
    millis = int((frac or "0").ljust(3, "0"))
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            millis * 1000, tzinfo=tz,
        )
    except ValueError as exc:
        raise TimestampError(f"Not a valid date and time: {_show(text)} ({exc})") from None


def format_timestamp(moment: datetime) -> str:
    """Format an aware datetime as ``2019-03-14T14:19:04.141+0000`` (milliseconds truncated)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TimestampError("A timestamp needs a timezone; got a naive datetime")
    offset = moment.utcoffset()
    assert offset is not None
    total = int(offset.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    hh, mm = divmod(abs(total), 60)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}."
        f"{moment.microsecond // 1000:03d}{sign}{hh:02d}{mm:02d}"
    )


def truncate_ms(moment: datetime) -> datetime:
    """Drop sub-millisecond precision, which the wire format cannot carry."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def parse_date(text: object) -> date:
    """Parse ``YYYY-MM-DD`` (vvd.bz and Membership dates)."""
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        raise TimestampError(f"Not a date in the form 2025-12-31: {_show(text)}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise TimestampError(f"Not a valid date: {_show(text)} ({exc})") from None


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
