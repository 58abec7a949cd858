"""Clinical review dates: when a page was last checked and when it is due again."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .clock import parse_date


@dataclass(frozen=True)
class ReviewState:
    """What a medical page shows about its review.

    ``reviewed`` is ``None`` until a clinician has checked the page.
    """

    reviewed: dt.date | None
    next_due: dt.date | None
    reviewer: str


def parse_review_date(value: str) -> dt.date | None:
    """The date in ``YYYY-MM-DD`` form; ``ValueError`` with the reason otherwise."""
    return parse_date(value.strip())


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_state(reviewed: dt.date | None, interval_months: int, reviewer: str) -> ReviewState:
    due = add_months(reviewed, interval_months) if reviewed else None
    return ReviewState(reviewed, due, reviewer)
