"""When a page last changed: one answer for the sitemap and the structured data."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from clinic.model.reviews import last_changed, review_state

ZONE = dt.timezone(dt.timedelta(hours=-5))
POSTED = dt.datetime(2026, 3, 1, 9, 30, tzinfo=ZONE)


def page(reviewed=None, **dates):
    return SimpleNamespace(review=review_state(reviewed, 12, "") if reviewed else None, **dates)


def test_the_latest_of_date_modified_and_review():
    assert last_changed(page(date=POSTED)) == POSTED
    assert last_changed(page(dt.date(2026, 4, 2), date=POSTED)) == dt.date(2026, 4, 2)
    modified = POSTED.replace(month=5)
    assert last_changed(page(dt.date(2026, 4, 2), date=POSTED, modified=modified)) == modified
    assert last_changed(page()) is None


def test_a_time_wins_over_a_review_on_the_same_day():
    assert last_changed(page(dt.date(2026, 3, 1), date=POSTED)) == POSTED
