"""Content rules for one page's metadata.

Pure core: ``check_page`` takes the page's metadata and what it needs to know
(today, the clinic's review interval) and returns the page's review state and
the problems found.  Messages read like help: what is wrong, why, the fix.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from typing import Any

from ..model.markup import plain_text
from ..model.problems import Problem
from ..model.reviews import ReviewState, parse_review_date, review_state
from ..model.routes import SLUG, Route

SUMMARY_MIN, SUMMARY_MAX = 50, 160

# (source, metadata key or None for the header as a whole) -> line
Locate = Callable[[str, str | None], int | None]


def check_page(
    source: str,
    route: Route,
    metadata: dict[str, Any],
    *,
    today: dt.date,
    interval_months: int,
    reviewer: str,
    locate: Locate,
) -> tuple[ReviewState | None, list[Problem]]:
    problems = (
        _title_problems(source, metadata, locate)
        + _summary_problems(source, metadata, locate)
        + _date_problems(source, metadata, today, locate)
    )
    review = None
    if route.is_medical or "reviewed" in metadata:
        review, found = _review_problems(source, metadata, today, interval_months, reviewer, locate)
        problems += found
    return review, problems


def _title_problems(source: str, metadata: dict[str, Any], locate: Locate) -> list[Problem]:
    # A header with no Title at all never makes a page (rules.sources says so);
    # one with only spaces does, with no name anywhere.
    if "title" not in metadata or plain_text(str(metadata["title"])).strip():
        return []
    return [
        Problem(
            source,
            locate(source, "title"),
            '"Title" is empty, so the page has no name in its browser tab, in search results or '
            "in the trail of links above it",
            "write the page's title after Title:, for example Title: Side effects of microneedling",
        )
    ]


# Pelican header keys that set a page's address, as staff would write them
_ADDRESS_KEYS = {"url": "URL", "save_as": "Save_as"}


def _date_problems(
    source: str, metadata: dict[str, Any], today: dt.date, locate: Locate
) -> list[Problem]:
    """A blog post's Date and Modified may not be in the future, like Reviewed."""
    problems = []
    for key, label in (("date", "Date"), ("modified", "Modified")):
        value = metadata.get(key)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date) and value > today:
            problems.append(
                _future_date(
                    source,
                    locate(source, key),
                    label,
                    value.isoformat(),
                    "write the date the post was published; to publish it "
                    "later, keep Status: draft until that day",
                )
            )
    return problems


def _future_date(source: str, line: int | None, label: str, value: str, fix: str) -> Problem:
    """The one message for a header date after the build's today."""
    return Problem(source, line, f'"{label}" is {value}, which is in the future', fix)


def _summary_problems(source: str, metadata: dict[str, Any], locate: Locate) -> list[Problem]:
    if "summary" not in metadata:
        return [
            Problem(
                source,
                locate(source, None),
                '"Summary" is missing; search engines and link previews show it under the title',
                f"add a line such as Summary: One or two plain sentences about this page "
                f"({SUMMARY_MIN} to {SUMMARY_MAX} characters) to the header",
            )
        ]
    length = len(plain_text(str(metadata["summary"])))
    if SUMMARY_MIN <= length <= SUMMARY_MAX:
        return []
    side = "short" if length < SUMMARY_MIN else "long"
    return [
        Problem(
            source,
            locate(source, "summary"),
            f'"Summary" is {length} characters, too {side} for search results',
            f"write {SUMMARY_MIN} to {SUMMARY_MAX} characters: one or two plain sentences",
        )
    ]


def _review_problems(
    source: str,
    metadata: dict[str, Any],
    today: dt.date,
    interval_months: int,
    reviewer: str,
    locate: Locate,
) -> tuple[ReviewState, list[Problem]]:
    if "reviewed" not in metadata:
        return review_state(None, interval_months, reviewer), [
            Problem(
                source,
                locate(source, None),
                '"Reviewed" is missing; every medical page shows when a clinician last checked it',
                "add Reviewed: YYYY-MM-DD to the header with the date of the last clinical "
                "check (leave the date empty until the first check)",
            )
        ]
    value = str(metadata["reviewed"]).strip()
    # its line is looked up only when there is something to say about it
    if not value:
        return review_state(None, interval_months, reviewer), [
            Problem(
                source,
                locate(source, "reviewed"),
                'this medical page has not been reviewed by a clinician yet ("Reviewed" is empty)',
                "after a clinician has checked it, write the date as Reviewed: YYYY-MM-DD",
            )
        ]
    try:
        reviewed = parse_review_date(value)
    except ValueError as error:
        return review_state(None, interval_months, reviewer), [
            Problem(
                source,
                locate(source, "reviewed"),
                f'"Reviewed" is "{value}", which {error}',
                "write it as YYYY-MM-DD, for example Reviewed: 2026-03-31",
            )
        ]
    state = review_state(reviewed, interval_months, reviewer)
    if reviewed > today:
        return state, [
            _future_date(
                source,
                locate(source, "reviewed"),
                "Reviewed",
                value,
                "write the date the clinician actually checked the page",
            )
        ]
    if state.next_due and state.next_due < today:
        return state, [
            Problem(
                source,
                locate(source, "reviewed"),
                f"review overdue since {state.next_due.isoformat()} (last reviewed {value}, "
                f"reviewed every {interval_months} months)",
                "ask a clinician to check the page, then update Reviewed to that date",
            )
        ]
    return state, []


# Files the build writes beside the pages: no page may take their place.
HOST_FILES = frozenset(
    {"_headers", "_redirects", "robots.txt", "sitemap.xml", "favicon.ico", "_live.json"}
)
_ADDRESS_HEADERS = ("slug", "lang", "url", "save_as")


def address_problems(
    source: str,
    metadata: dict[str, Any],
    save_as: str,
    template: str,
    templates: frozenset[str],
    locate: Locate,
) -> list[Problem]:
    """Whether the address and template a page asks for are safe to write; empty when they are.

    Pelican writes a page wherever its headers say (``Slug: ../_headers``,
    ``Save_as:``) and opens any template a ``Template:`` line names; either
    can overwrite another file or end the build with a traceback.  A page with
    a problem here is left out of the site.
    """
    left_out = "so the page was left out of the site"
    for key, name in _ADDRESS_KEYS.items():
        if key in metadata:
            return [
                Problem(
                    source,
                    locate(source, key),
                    f'"{name}" sets the page\'s own address, but every address follows from where '
                    f"the file is, and this one would break links to the page; {left_out}",
                    f"remove the {name}: line; to change a blog post's address, write a Slug: line "
                    "instead; to change another page's, rename or move its file",
                )
            ]
    slug = str(metadata.get("slug", ""))
    if "slug" in metadata and not SLUG.match(slug):
        return [
            Problem(
                source,
                locate(source, "slug"),
                f'"Slug" is "{slug}", which is not a slug, {left_out}',
                "write lowercase letters, digits and hyphens, for example Slug: dark-spots",
            )
        ]
    if template not in templates:
        known = ", ".join(sorted(templates))
        return [
            Problem(
                source,
                locate(source, "template"),
                f'"Template" is "{template}", which is not one of the theme\'s templates '
                f"({known}), {left_out}",
                "remove the Template: line: the file's place picks the template",
            )
        ]
    why = unsafe_address(save_as)
    if why:
        header = next((k for k in _ADDRESS_HEADERS if k in metadata), None)
        return [
            Problem(
                source,
                locate(source, header) if header else None,
                f'this page would be written to "{save_as}", which {why}, {left_out}',
                "remove any Slug:, Lang:, URL: or Save_as: line that changes its address",
            )
        ]
    return []


def unsafe_address(save_as: str) -> str | None:
    """Why a page may not be written to ``save_as`` (relative to the output folder)."""
    if not save_as:
        return None  # nothing is written (drafts in a publish build)
    if not save_as.isprintable() or "\\" in save_as:
        return "holds characters a file name cannot have"
    normal = posixpath.normpath(save_as)
    if save_as.startswith("/") or normal != save_as.rstrip("/") or normal.startswith(".."):
        return 'has "." or ".." steps or starts at the root'
    top = normal.split("/")[0]
    if top in HOST_FILES or top == "theme":
        return "is the place of a file the build writes for the host or the theme"
    return None
