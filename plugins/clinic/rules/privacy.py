"""Privacy: nothing the theme's templates write may load from another website.

A script, stylesheet, image, font, frame or form served by another site tells
that site who is reading which health page.  Ordinary links stay allowed:
following one is the visitor's choice.  Templates are the site's own code,
and Jinja in them is not HTML a parser could read, so this is a scan of the
markup's tags; a template without ``//`` in it is not scanned at all.  Page
bodies are checked far more strictly, against an allow-list
(``rules.html_allow``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import NamedTuple

from ..model.lines import line_at
from ..model.problems import Problem
from .html_allow import loads_from_another_site
from .urls import is_foreign, page_address

# Tags whose URL attributes make the browser fetch something by itself.
_FETCHING = re.compile(
    r"<(script|link|img|iframe|frame|source|video|audio|embed|object|track|form|input|"
    r"image|use)\b([^>]*)>",
    re.I | re.S,
)
_URL_ATTR = re.compile(
    r"""\b(src|href|srcset|action|data|poster|formaction|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
    re.I,
)
_CSS_URL = re.compile(r"""(?:url\(|@import\s+)\s*["']?((?:https?:)?//[^"')\s]+)""", re.I)
# <link rel=...> values that only name another page (not fetched by the browser)
_LINK_RELS_ALLOWED = {
    "canonical",
    "alternate",
    "author",
    "license",
    "me",
    "next",
    "prev",
    "search",
    "help",
    "bookmark",
}


class Reference(NamedTuple):
    tag: str
    url: str
    line: int  # 1-based, within the scanned text


def third_party_references(text: str, own_origin: str = "") -> list[Reference]:
    """Every URL in ``text`` that the browser would fetch from another origin."""
    if "//" not in text:
        return []
    found = []
    for match in _FETCHING.finditer(text):
        tag, attrs = match.group(1).lower(), match.group(2)
        if tag == "link":
            rel = re.search(r"""\brel\s*=\s*("[^"]*"|'[^']*'|\S+)""", attrs, re.I)
            rels = set(rel.group(1).strip("\"'").lower().split()) if rel else set()
            if rels and rels <= _LINK_RELS_ALLOWED:
                continue
        for attr in _URL_ATTR.finditer(attrs):
            for url in _urls(attr.group(1).lower(), attr.group(2).strip("\"'")):
                if _foreign(url, own_origin):
                    found.append(Reference(tag, url, line_at(text, match.start())))
    for match in _CSS_URL.finditer(text):
        if _foreign(match.group(1), own_origin):
            found.append(Reference("style", match.group(1), line_at(text, match.start())))
    return found


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


def _foreign(url: str, own_origin: str) -> bool:
    return is_foreign(url, page_address(own_origin, ""))


def privacy_problem(path: str, line: int | None, tag: str, url: str) -> Problem:
    """The problem for one reference to another website, as staff read it."""
    return Problem(path, line, *loads_from_another_site(tag, url))


def template_problems(
    theme_dir: str, label: Callable[[str], str], own_origin: str
) -> list[Problem]:
    """Every reference to another website in the theme's templates."""
    found: list[Problem] = []
    for root, _, files in os.walk(os.path.join(theme_dir, "templates")):
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            found.extend(
                privacy_problem(label(path), ref.line, ref.tag, ref.url)
                for ref in third_party_references(text, own_origin)
            )
    return found
