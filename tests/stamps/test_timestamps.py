from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stamps.errors import TimestampError
from stamps.timestamps import add_years, format_timestamp, parse_date, parse_timestamp

pytestmark = pytest.mark.dates


def test_parses_the_documents_examples():
    t = parse_timestamp("2019-03-14T14:19:04.141+0000")
    assert t == datetime(2019, 3, 14, 14, 19, 4, 141000, tzinfo=UTC)
    t = parse_timestamp("2019-02-08T14:23:35.443-0500")
    assert t.utcoffset() == timedelta(hours=-5)
    assert t.astimezone(UTC).hour == 19


def test_negative_zero_offset_as_in_the_reportMultiStampEvents_example():
    assert parse_timestamp("2019-03-14T18:30:03.278-0000").utcoffset() == timedelta(0)


def test_formats_with_milliseconds_and_rfc822_offset():
    tz = timezone(timedelta(hours=5, minutes=30))
    assert format_timestamp(datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=tz)) == (
        "2024-01-02T03:04:05.006+0530"
    )
    assert format_timestamp(datetime(2024, 1, 2, tzinfo=timezone(-timedelta(hours=8)))).endswith(
        "-0800"
    )


@given(
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30),
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=-8)),
                                            timezone(timedelta(hours=13, minutes=45))])),
)
def test_round_trip_any_offset(moment):
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    text = format_timestamp(moment)
    back = parse_timestamp(text)
    assert back == moment
    assert back.utcoffset() == moment.utcoffset()
    assert format_timestamp(back) == text


@pytest.mark.parametrize("bad", [
    "2019-03-14 14:19:04.141+0000", "2019-03-14T14:19:04.141Z", "2019-03-14T14:19:04.141+00:00",
    "2019-13-14T14:19:04.141+0000", "2019-02-30T14:19:04.141+0000", "2019-03-14T25:19:04.141+0000",
    "2019-03-14T14:19:04.141+2500", "", "yesterday", None, 1552573144141, "x" * 500,
    "2019-03-14T14:19:04.141+0000; DROP TABLE outbox",
])
def test_anything_else_is_a_clear_error(bad):
    with pytest.raises(TimestampError, match=r"timestamp|date|offset"):
        parse_timestamp(bad)


def test_naive_datetimes_are_refused():
    with pytest.raises(TimestampError, match="timezone"):
        format_timestamp(datetime(2024, 1, 1))


def test_dates():
    assert parse_date("2025-12-31") == date(2025, 12, 31)
    for bad in ("2025-02-30", "31/12/2025", "2025-1-1", 20251231):
        with pytest.raises(TimestampError):
            parse_date(bad)
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)
