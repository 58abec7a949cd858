"""Dates and times of day as ISO 8601 writes them, checked in one place.

The profile's opening hours, the schema.org vocabulary check and Google's
rules all ask "is this a time?" and "is this a date?"; they differ only in
which parts of the ISO form they allow, so they share these two functions.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")

# The end of the day: an opening-hours entry that "closes at midnight"
END_OF_DAY = "24:00"


def parse_date(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date; ``ValueError`` saying what is wrong otherwise."""
    if not _DATE.match(text):
        raise ValueError("is not written as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a date") from None  # a 13th month, a 30 February


def is_date(text: str) -> bool:
    """``YYYY-MM-DD``, and a day the calendar has."""
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def is_time(
    text: str, *, seconds: bool = True, zone: bool = False, end_of_day: bool = False
) -> bool:
    """A 24-hour time ``hh:mm``, with ``:ss[.fff]`` if ``seconds``, a zone if ``zone``.

    Hours run from 00 to 23; ``end_of_day`` also allows 24:00 (ISO 8601's
    midnight at the end of a day), which is how a clinic writes closing at
    midnight.
    """
    match = _TIME.match(text)
    if match is None:
        return False
    hours, minutes, secs, fraction, offset = match.groups()
    if (secs is not None and not seconds) or (offset is not None and not zone):
        return False
    if end_of_day and hours == "24":
        return minutes == "00" and int(secs or 0) == 0 and not (fraction or "").strip(".0")
    return (
        int(hours) < 24
        and int(minutes) < 60
        and int(secs or 0) < 60
        and (offset is None or _valid_offset(offset))
    )


def _valid_offset(offset: str) -> bool:
    return offset == "Z" or (int(offset[1:3]) < 24 and int(offset[4:6]) < 60)
