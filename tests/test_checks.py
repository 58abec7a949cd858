"""Content rules on a page's metadata, each with its exact message."""

import datetime as dt

import pytest

from clinic.model.reviews import add_months
from clinic.model.routes import route_for
from clinic.rules.pages import check_page

SUMMARY = "Microneedling uses tiny needles to help your skin renew itself over time."
TODAY = dt.date(2026, 11, 26)


def check(source="treatments/peel/benefits.md", **metadata):
    metadata.setdefault("summary", SUMMARY)
    return check_page(
        f"content/{source}",
        route_for(source),
        metadata,
        today=TODAY,
        interval_months=12,
        reviewer="A. Reviewer, MD",
        locate=lambda source, key: 3 if key else 5,
    )


def messages(**metadata):
    return [str(p) for p in check(**metadata)[1]]


def test_a_reviewed_page_gets_its_next_due_date():
    review, problems = check(reviewed="2026-02-28")
    assert problems == []
    assert review.reviewed == dt.date(2026, 2, 28)
    assert review.next_due == dt.date(2027, 2, 28)
    assert review.reviewer == "A. Reviewer, MD"


@pytest.mark.parametrize(
    "value, message",
    [
        (
            "2026-13-01",
            '"Reviewed" is "2026-13-01", which is not a date. Write it as YYYY-MM-DD, '
            "for example Reviewed: 2026-03-31.",
        ),
        (
            "26/11/2026",
            '"Reviewed" is "26/11/2026", which is not written as YYYY-MM-DD. Write it '
            "as YYYY-MM-DD, for example Reviewed: 2026-03-31.",
        ),
        (
            "2026-12-01",
            '"Reviewed" is 2026-12-01, which is in the future. Write the date the '
            "clinician actually checked the page.",
        ),
        (
            "2025-11-25",
            "Review overdue since 2026-11-25 (last reviewed 2025-11-25, reviewed every "
            "12 months). Ask a clinician to check the page, then update Reviewed to that "
            "date.",
        ),
        (
            "",
            'This medical page has not been reviewed by a clinician yet ("Reviewed" is empty). '
            "After a clinician has checked it, write the date as Reviewed: YYYY-MM-DD.",
        ),
    ],
)
def test_review_dates(value, message):
    assert messages(reviewed=value) == [f"content/treatments/peel/benefits.md:3: {message}"]


def test_a_review_due_today_is_not_overdue():
    assert messages(reviewed="2025-11-26") == []


def test_medical_pages_need_a_reviewed_line():
    assert messages() == [
        'content/treatments/peel/benefits.md:5: "Reviewed" is missing; every medical page '
        "shows when a clinician last checked it. Add Reviewed: YYYY-MM-DD to the header with "
        "the date of the last clinical check (leave the date empty until the first check)."
    ]


def test_plain_pages_need_no_review():
    review, problems = check("pages/privacy.md")
    assert (review, problems) == (None, [])


@pytest.mark.parametrize(
    "summary, message",
    [
        (
            None,
            'content/pages/privacy.md:5: "Summary" is missing; search engines and link previews '
            "show it under the title. Add a line such as Summary: One or two plain sentences "
            "about this page (50 to 160 characters) to the header.",
        ),
        (
            "<p>Too short.</p>",
            'content/pages/privacy.md:3: "Summary" is 10 characters, too short '
            "for search results. Write 50 to 160 characters: one or two plain "
            "sentences.",
        ),
        (
            "x" * 161,
            'content/pages/privacy.md:3: "Summary" is 161 characters, too long for search '
            "results. Write 50 to 160 characters: one or two plain sentences.",
        ),
    ],
)
def test_summaries(summary, message):
    metadata = {} if summary is None else {"summary": summary}
    _, problems = check_page(
        "content/pages/privacy.md",
        route_for("pages/privacy.md"),
        metadata,
        today=TODAY,
        interval_months=12,
        reviewer="",
        locate=lambda source, key: 3 if key else 5,
    )
    assert [str(p) for p in problems] == [message]


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 12, 15), 1, dt.date(2028, 1, 15)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 5, 1), 60, dt.date(2031, 5, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
