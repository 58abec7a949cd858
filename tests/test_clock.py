"""One check for a time of day and one for a date, for the profile and the structured data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.model.clock import is_date, is_time, parse_date


@given(st.times())
def test_every_real_time_is_a_time(moment):
    assert is_time(moment.strftime("%H:%M"), seconds=False)
    assert is_time(moment.isoformat(timespec="seconds"))
    assert is_time(moment.isoformat(timespec="milliseconds") + "Z", zone=True)
    assert not is_time(moment.isoformat(timespec="seconds"), seconds=False)


@given(st.integers(0, 99), st.integers(0, 99))
def test_hours_and_minutes_must_be_on_the_clock(hours, minutes):
    text = f"{hours:02d}:{minutes:02d}"
    assert is_time(text, seconds=False) == (hours < 24 and minutes < 60)
    assert is_time(text, seconds=False, end_of_day=True) == (
        (hours < 24 and minutes < 60) or text == "24:00"
    )


@pytest.mark.parametrize(
    "text, ok",
    [
        ("24:00", True),
        ("24:00:00", True),
        ("24:01", False),
        ("24:00:01", False),
        ("9:00", False),
        ("09:00 ", False),
        ("0900", False),
        ("09:00+01:00", False),
    ],
)
def test_midnight_at_the_end_of_the_day(text, ok):
    assert is_time(text, end_of_day=True) == ok
    assert not is_time(text)  # only where the end of a day makes sense


@given(st.dates())
def test_every_calendar_day_is_a_date(day):
    assert is_date(day.isoformat())
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2026-13-01", "is not a date"),
        ("2026-02-30", "is not a date"),
        ("1/3/2026", "is not written as YYYY-MM-DD"),
        ("2026-3-1", "is not written as YYYY-MM-DD"),
    ],
)
def test_a_date_that_is_not_one_says_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)
    assert not is_date(text)
    assert parse_date("2026-03-01") == dt.date(2026, 3, 1)
