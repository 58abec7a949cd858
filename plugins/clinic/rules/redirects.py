"""Redirects for moved pages, from ``Redirect-From:`` lines in the content.

A page that used to live elsewhere lists its old addresses::

    Redirect-From: /microneedling.html, /services/microneedling/

Each old address is one literal path.  Hosts read ``*``, ``:name``, queries
and encoded characters in ``_redirects`` as patterns, so one careless line
(``/*``) would send every visitor, the stylesheet and the sitemap to one
page: anything that is not a plain path is a problem.  Every target is a
page that exists, so a chain or a loop can only come from an old address
that is also an address the site publishes; that, and an old address claimed
by two pages, are problems too.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence

from ..model.problems import Problem

Locate = Callable[[str, str], "int | None"]

# Cloudflare Pages applies at most 2,000 static redirects (Netlify has no
# fixed limit; GitHub Pages and S3 do not read _redirects at all), so the
# smallest limit among the hosts docs/deploy.md supports is 2,000.
MAX_REDIRECTS = 2000
LIMIT_HOST = "Cloudflare Pages"

# What the build itself publishes beside the pages: a redirect would hide it.
HOSTING_FILES = (
    "/sitemap.xml",
    "/robots.txt",
    "/_headers",
    "/_redirects",
    "/favicon.ico",
    "/_live.json",
)
THEME_PREFIX = "/theme/"

# One path segment: RFC 3986's unreserved and sub-delimiter characters (less
# "*") and "@" (not ":"), percent escapes, and any character beyond ASCII.
_SEGMENT = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()+,;=@]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])+")
_HIDDEN = {"2f": "/", "5c": "\\", "2e": "."}

_PLAIN_PATH = "write each old address as a plain path starting with /, for example /old-page/"


def parse_sources(value: object) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def why_not_literal(old: str) -> str | None:
    """Why ``old`` is not one literal path of the site's own form (None when it is)."""
    if any(not ch.isprintable() or ch.isspace() for ch in old):
        return "it holds a space or an invisible character"
    for mark, why in (
        ("*", '"*" stands for any address'),
        (":", '":name" stands for any word'),
        ("?", 'the part from "?" is a query, which hosts do not match'),
        ("#", 'the part from "#" is never sent to the site'),
        ("\\", '"\\" is not part of an address'),
    ):
        if mark in old:
            return why
    for code in re.findall(r"%([0-9A-Fa-f]{2})", old):
        if code.lower() in _HIDDEN:
            return f'"%{code}" hides a "{_HIDDEN[code.lower()]}"'
        if int(code, 16) < 0x20 or int(code, 16) == 0x7F:
            return f'"%{code}" is an invisible character'
    segments = old.split("/")[1:]
    if any(segment in (".", "..") for segment in segments):
        return '"." and ".." steps are not part of an address'
    if not all(_SEGMENT.fullmatch(segment) for segment in segments if segment):
        return "it holds characters an address cannot have"
    return None


def _key(url: str) -> str:
    """An address compared without its trailing slash (hosts serve both)."""
    return urllib.parse.unquote(url).rstrip("/") or "/"


def redirect_rules(
    pages: Sequence[tuple[str, str, object]], locate: Locate, published: Iterable[str] = ()
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """``pages`` holds (source file, site-relative URL, Redirect-From value) triples.

    ``published`` holds the addresses (starting with ``/``) of everything
    else the site publishes: static files, the blog's index.  Returns
    ``(old, new)`` URL pairs (both starting with ``/``) and problems.
    """
    current = {_key("/" + url): source for source, url, _ in pages}
    # "/" is the home page's even before there is one: the root is never moved
    taken = {_key(url) for url in ("/", *published, *HOSTING_FILES)}
    claimed: dict[str, str] = {}
    over: list[tuple[str, int | None]] = []
    rules: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for source, url, value in pages:
        target = "/" + url
        for old in parse_sources(value or ""):
            line = locate(source, "redirect-from")
            if not old.startswith("/") or "//" in old:
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has "{old}", which is not an address on this site',
                        "write the old address as it was, starting with /, for example /old-page/",
                    )
                )
                continue
            why = why_not_literal(old)
            if why:
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has "{old}", which is not one plain address: {why}',
                        _PLAIN_PATH,
                    )
                )
                continue
            key = _key(old)
            if key == _key(target):
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has {old}, this page\'s own address: a redirect loop',
                        "remove it from the list",
                    )
                )
                continue
            if key in current:
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has {old}, which is the address of '
                        f"{current[key]}: visitors could never reach that page",
                        "remove it, or move that page first",
                    )
                )
                continue
            if key in taken or key == THEME_PREFIX.rstrip("/") or old.startswith(THEME_PREFIX):
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has {old}, which is the address of a file the '
                        "site publishes (the theme, an image, the blog or a file for the host): "
                        "the redirect would hide it",
                        "remove it from the list",
                    )
                )
                continue
            if old in claimed and claimed[old] != source:
                problems.append(
                    Problem(
                        source,
                        line,
                        f'"Redirect-From" has {old}, which {claimed[old]} also redirects',
                        "keep it on one page only",
                    )
                )
                continue
            if old not in claimed and len(claimed) == MAX_REDIRECTS:
                over.append((source, line))
                continue
            claimed[old] = source
            rules.append((old, target))
    if over:
        # one message for all of them: a thousand lines would hide everything else
        source, line = over[0]
        problems.append(
            Problem(
                source,
                line,
                f"the site has {MAX_REDIRECTS + len(over):,} old addresses in "
                f"Redirect-From lines, more than the {MAX_REDIRECTS:,} redirects {LIMIT_HOST} "
                "accepts (the smallest limit of the hosts this site supports), so the "
                f"{len(over):,} from here on were left out",
                "remove old addresses nobody visits any more (the host's statistics show which)",
            )
        )
    return sorted(set(rules)), problems
