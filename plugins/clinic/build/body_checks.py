"""The content rules on each page's body, with what they need from the build.

The step between ``rules.body`` (pure scans of a body) and a build: it
knows the site's addresses and files, turns findings into problems with the
source line, and uncited research into advice.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import urllib.parse
from collections.abc import Iterable
from typing import NamedTuple

from ..model.catalog import Entry
from ..model.content import Content
from ..model.problems import Problem
from ..rules.body import (
    LEADS_NOWHERE,
    LEADS_TO_DRAFT,
    NOT_A_PAGE,
    PLACEHOLDER,
    Finding,
    LinkTrouble,
    citation_findings,
    heading_findings,
    image_findings,
    link_findings,
    other_phone_findings,
    placeholder_lines,
)
from .session import Build
from .static_files import unsafe_target

_MARKER = re.compile(r"^\{(filename|static|attach)\}(.*)$")


class SiteAddresses(NamedTuple):
    """What a link in a body may lead to."""

    urls: set[str]  # /addresses of published pages, the blog and static files
    pages: set[str]  # sources of published pages, relative to content/
    drafts: set[str]  # sources of drafts: Pelican links to them, but never writes them
    static: set[str]  # static files, relative to content/


def known_urls(build: Build, entries: list[Entry], drafts: Iterable[Content] = ()) -> SiteAddresses:
    """Every address on the site a body may link to: pages, the blog, static files."""
    known = {"/" + entry.page.url for entry in entries} | {"/", "/blog/"}
    static = set()
    for folder in build.static_paths:
        top = os.path.join(build.content_dir, folder)
        for root, _, files in os.walk(top):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), build.content_dir)
                static.add(rel.replace(os.sep, "/"))
    relative = build.sources.content_relative
    return SiteAddresses(
        urls=known | {"/" + rel for rel in static},
        pages={relative(entry.source) for entry in entries},
        drafts={relative(build.sources.label(d.source_path)) for d in drafts},
        static=static,
    )


def apply_rules(
    build: Build, entry: Entry, known: SiteAddresses
) -> tuple[list[Problem], list[str]]:
    """Headings, images, links and placeholders are problems.

    Uncited research and call links to a number that is none of the clinic's
    are advice: both may be right as written, and advice never stops a publish.
    """
    problems: list[Problem] = []
    advice: list[str] = []
    sources = build.sources
    page = entry.page
    body = page._content or ""
    trouble = functools.partial(link_trouble, build=build, entry=entry, known=known)
    phones = tuple(sorted({loc.phone.e164 for loc in build.profile.locations if loc.phone}))
    headings, notes = build.memo.call(body_findings, body, phones, build.profile_label)
    findings = (
        headings
        + image_findings(body, lambda src: trouble(src) is None)
        + link_findings(body, trouble)
    )
    for needle, message, fix in findings:
        problems.append(
            Problem(entry.source, sources.find_line(entry.source, needle), message, fix)
        )
    if PLACEHOLDER in body or any(PLACEHOLDER in str(v) for v in page.metadata.values()):
        for line, text in placeholder_lines(sources.text(entry.source)):
            problems.append(
                Problem(
                    entry.source,
                    line,
                    f'"{text[:70]}" is still a placeholder',
                    f"replace the {PLACEHOLDER} text with the real text",
                )
            )
    for needle, message, fix in notes:
        found = sources.find_line(entry.source, needle)
        where = f"{entry.source}:{found}" if found else entry.source  # advice is plain text
        advice.append(str(Problem(where, None, message, fix)))
    return problems, advice


def body_findings(
    body: str, phones: tuple[str, ...], profile: str
) -> tuple[list[Finding], list[Finding]]:
    """What a body's text alone says: its headings' problems, and the advice on its
    research and call links (``rules.body``).  Kept by ``build.memo`` with the body."""
    notes = citation_findings(body) + other_phone_findings(body, phones, profile)
    return heading_findings(body), notes


def link_trouble(
    href: str, *, build: Build, entry: Entry, known: SiteAddresses
) -> LinkTrouble | None:
    """What is wrong with a link in a page's body; None when it leads to a written file.

    A ``{filename}`` link must name the source of a published page: a draft
    is never written, and any other file (``clinic.toml``) is not a page, so
    Pelican would leave the marker in the published link.
    """
    href = urllib.parse.unquote(href.split("#")[0].split("?")[0])
    marker = _MARKER.match(href)
    if marker:
        what, path = marker.groups()
        if unsafe_target(build, entry.page.source_path, path):
            return None  # reported once, as a link that leads outside content/
        base = (
            build.content_dir if path.startswith("/") else os.path.dirname(entry.page.source_path)
        )
        full = os.path.normpath(os.path.join(base, path.lstrip("/")))
        rel = os.path.relpath(full, build.content_dir).replace(os.sep, "/")
        if what == "filename" and rel in known.pages or rel in known.static:
            return None
        if what == "filename" and rel in known.drafts:
            return LEADS_TO_DRAFT
        return NOT_A_PAGE if os.path.isfile(full) else LEADS_NOWHERE
    if not href:
        return None
    if not href.startswith("/"):
        href = posixpath.normpath(posixpath.join("/" + entry.page.url, href)) + (
            "/" if href.endswith("/") else ""
        )
    if href in known.urls or f"{href.rstrip('/')}/" in known.urls:
        return None
    return LEADS_NOWHERE
