"""The header keys a page may carry, and what a treatment's price must look like.

A key the site does not know is never silently ignored: ``Sesions: 4`` or
``Price: from $150`` on the wrong page would otherwise be lost without a word.
Pure core: each function takes a page's source, route and metadata (keys in
lower case, as Pelican reads them) and returns problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any

from babel import Locale

from ..model.money import Price, PriceError, format_amount, parse_price
from ..model.problems import Problem
from ..model.routes import Route
from .body import alt_problem

Locate = Callable[[str, str | None], int | None]

# Keys Pelican itself reads on every page; other rules say which of them a
# clinic page may use, so this one leaves them alone.
PELICAN_KEYS = frozenset(
    [
        "title",
        "summary",
        "date",
        "modified",
        "status",
        "slug",
        "lang",
        "translation",
        "template",
        "save_as",
        "url",
        "author",
        "authors",
        "category",
        "tags",
        "keywords",
        "reader",
    ]
)
# Keys every page may carry.
COMMON_KEYS = frozenset({"reviewed", "reviewer", "redirect-from"})
# The treatment overview's facts (the "At a glance" box and the structured
# data) and its price.
OVERVIEW_KEYS = frozenset(
    [
        "procedure-type",
        "body-location",
        "sessions",
        "interval",
        "downtime",
        "results",
        "device",
        "how-performed",
        "preparation",
        "followup",
        "conditions",
        "price",
        "price-note",
        "image",
        "image-alt",
    ]
)
KEYS_BY_KIND: dict[str, frozenset[str]] = {
    "home": frozenset({"image", "image-alt"}),
    "condition": frozenset({"treatments", "image", "image-alt"}),
    "article": frozenset({"image", "image-alt"}),
    "person": frozenset({"role", "credentials", "languages", "photo", "photo-alt", "locations"}),
}


def allowed_keys(route: Route) -> frozenset[str]:
    """The clinic's own header keys a page of this kind may carry."""
    keys = COMMON_KEYS | KEYS_BY_KIND.get(route.kind, frozenset())
    if route.kind == "treatment" and route.section == "overview":
        keys |= OVERVIEW_KEYS
    return keys


def unknown_key_problems(
    source: str, route: Route, metadata: Mapping[str, Any], locate: Locate
) -> list[Problem]:
    """A problem for every header key this kind of page does not use."""
    allowed = allowed_keys(route)
    problems = []
    for key in metadata:
        if key in allowed or key in PELICAN_KEYS:
            continue
        everywhere = COMMON_KEYS | OVERVIEW_KEYS | frozenset().union(*KEYS_BY_KIND.values())
        if key in everywhere:
            message = f'"{_written(key)}" is not used on this kind of page'
            fix = _where_it_belongs(key)
        else:
            close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
            message = f'"{_written(key)}" is not a header the site knows'
            fix = (
                f'did you mean "{_written(close[0])}"?'
                if close
                else "remove the line, or see docs/content.md for the headers each page takes"
            )
        problems.append(Problem(source, locate(source, key), message, fix))
    return problems


def _where_it_belongs(key: str) -> str:
    if key in OVERVIEW_KEYS:
        return "it belongs in the header of the treatment's overview (index.md)"
    if key == "treatments":
        return "it belongs in the header of a condition page"
    if key in KEYS_BY_KIND["person"]:
        return "it belongs in the header of a team member's page (content/team/)"
    return "remove the line"


def _written(key: str) -> str:
    """A key as staff write it: ``price-note`` → ``Price-Note``."""
    return "-".join(part.capitalize() for part in key.split("-"))


def price_of(
    source: str, metadata: Mapping[str, Any], currency: str, locate: Locate
) -> tuple[Price | None, list[Problem]]:
    """The overview's price, or None; a written price that is none is a problem."""
    written = str(metadata.get("price", "")).strip()
    if not written:
        return None, []
    line = locate(source, "price")
    try:
        price = parse_price(written)
    except PriceError as error:
        return None, [
            Problem(
                source,
                line,
                f'"Price" is "{written}", which {error}',
                "write numbers only, as 150, from 150 or 150-400; for a price given at a "
                "consultation, leave Price out and say so in Price-Note",
            )
        ]
    if not currency:
        return None, [
            Problem(
                source,
                line,
                '"Price" is set, but the clinic\'s currency is not',
                'add currency = "USD" (your currency\'s ISO code) under [clinic] in '
                "content/clinic.toml",
            )
        ]
    return price, []


def price_range_advice(
    profile_label: str, price_range: str, currency: str, prices: list[Price], locale: Locale
) -> list[str]:
    """With priced treatments and no ``price_range``, suggest one drawn from them."""
    if price_range or not prices or not currency:
        return []
    low = min(p.low for p in prices)
    high = max(p.high or p.low for p in prices)
    suggestion = (
        format_amount(low, currency, locale)
        if low == high
        else f"{format_amount(low, currency, locale)}-{format_amount(high, currency, locale)}"
    )
    return [
        str(
            Problem(
                profile_label,
                None,
                "[clinic] price_range is empty, but treatments state prices; search engines show "
                "a clinic's price range beside its name",
                f'add price_range = "{suggestion}" under [clinic] (from the treatments\' prices)',
            )
        )
    ]


def image_header_problems(
    source: str, metadata: Mapping[str, Any], locate: Locate
) -> list[Problem]:
    """``Image:`` needs ``Image-Alt:`` that describes it (or says it is decorative)."""
    if not str(metadata.get("image", "") or "").strip():
        return []
    alt = str(metadata.get("image-alt", "") or "").strip()
    reason = alt_problem(alt)
    if not reason:
        return []
    return [
        Problem(
            source,
            locate(source, "image-alt"),
            f'"Image-Alt" {reason}'
            if alt
            else '"Image" has no "Image-Alt": people who cannot see the photo miss what it shows',
            "describe what the photo shows, such as Image-Alt: A clinician treating a patient's "
            "cheek; for a picture that shows nothing of note, write Image-Alt: decorative",
        )
    ]
