"""Redirects for moved pages, from ``Redirect-From:`` lines in the content.

A page that used to live elsewhere lists its old addresses::

    Redirect-From: /microneedling.html, /services/microneedling/

Every target is a page that exists, so a chain or a loop can only come from
an old address that is also a current page's address; that, and an old
address claimed by two pages, are problems.
"""

from __future__ import annotations

from typing import Callable

from ..model.problems import Problem

Locate = Callable[[str, str], "int | None"]


def parse_sources(value) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return [item.strip() for item in items if item.strip()]


def redirect_rules(pages: list[tuple[str, str, object]], locate: Locate
                   ) -> tuple[list[tuple[str, str]], list[Problem]]:
    """``pages`` holds (source file, site-relative URL, Redirect-From value) triples.

    Returns ``(old, new)`` URL pairs (both starting with ``/``) and problems.
    """
    current = {"/" + url: source for source, url, _ in pages}
    claimed: dict[str, str] = {}
    rules, problems = [], []
    for source, url, value in pages:
        target = "/" + url
        for old in parse_sources(value or ""):
            line = locate(source, "redirect-from")
            if not old.startswith("/") or "//" in old or " " in old:
                problems.append(Problem(
                    source, line, f'"Redirect-From" has "{old}", which is not an address on this site',
                    "write the old address as it was, starting with /, for example "
                    "/old-page/",
                ))
                continue
            if old == target:
                problems.append(Problem(
                    source, line, f'"Redirect-From" has {old}, this page\'s own address: a '
                    "redirect loop", "remove it from the list",
                ))
                continue
            if old in current:
                problems.append(Problem(
                    source, line, f'"Redirect-From" has {old}, which is the address of '
                    f"{current[old]}: visitors could never reach that page",
                    "remove it, or move that page first",
                ))
                continue
            if old in claimed and claimed[old] != source:
                problems.append(Problem(
                    source, line, f'"Redirect-From" has {old}, which {claimed[old]} also '
                    "redirects", "keep it on one page only",
                ))
                continue
            claimed[old] = source
            rules.append((old, target))
    return sorted(set(rules)), problems
