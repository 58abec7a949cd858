"""Clinical review dates: when a page was last checked and when it is due again."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from .clock import parse_date

if TYPE_CHECKING:
    from .content import Content
    from .people import Person


class ReviewState(NamedTuple):
    """What a medical page shows about its review.

    ``reviewed`` is ``None`` until a clinician has checked the page.
    """

    reviewed: dt.date | None
    next_due: dt.date | None
    reviewer: str
    person: Person | None = None  # the team member, when the reviewer is one


def parse_review_date(value: str) -> dt.date:
    """The date in ``YYYY-MM-DD`` form; ``ValueError`` with the reason otherwise."""
    return parse_date(value.strip())


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_state(reviewed: dt.date | None, interval_months: int, reviewer: str) -> ReviewState:
    due = add_months(reviewed, interval_months) if reviewed else None
    return ReviewState(reviewed, due, reviewer)


def last_changed(page: Content) -> dt.date | None:
    """When a page's content last changed: the latest of ``Modified``, ``Date`` and its review.

    The sitemap's ``lastmod`` and a blog post's ``dateModified`` both say
    this.  A date and time (from ``Modified`` or ``Date``) wins over a review
    date on the same day, so the time and zone are kept where known.
    """
    review = getattr(page, "review", None)
    dates: list[dt.date] = [
        d
        for d in (
            getattr(page, "modified", None),
            getattr(page, "date", None),
            review.reviewed if review else None,
        )
        if d
    ]
    if not dates:
        return None
    return max(dates, key=lambda d: d.date() if isinstance(d, dt.datetime) else d)
