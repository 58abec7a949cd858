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

from ..rules.body import (
    PLACEHOLDER, citation_findings, heading_findings, image_findings, link_findings,
    placeholder_lines,
)
from ..model.catalog import Entry
from ..model.problems import Problem
from .session import Build
from .static_files import unsafe_target

_MARKER = re.compile(r"^\{(filename|static|attach)\}(.*)$")


def known_urls(build: Build, entries: list[Entry]) -> set[str]:
    """Every address on the site a body may link to: pages, the blog, static files."""
    known = {"/" + entry.page.url for entry in entries} | {"/", "/blog/"}
    for folder in build.static_paths:
        top = os.path.join(build.content_dir, folder)
        for root, _, files in os.walk(top):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), build.content_dir)
                known.add("/" + rel.replace(os.sep, "/"))
    return known


def apply_rules(build: Build, entry: Entry, known: set[str]) -> tuple[list[Problem], list[str]]:
    """Headings, images, links and placeholders are problems; uncited research is advice."""
    problems: list[Problem] = []
    advice: list[str] = []
    sources = build.sources
    page = entry.page
    body = page._content or ""
    exists = functools.partial(link_exists, build=build, entry=entry, known=known)
    findings = (heading_findings(body) + image_findings(body, exists)
                + link_findings(body, exists))
    for needle, message, fix in findings:
        problems.append(Problem(entry.source, sources.find_line(entry.source, needle), message, fix))
    if PLACEHOLDER in body or any(PLACEHOLDER in str(v) for v in page.metadata.values()):
        for line, text in placeholder_lines(sources.text(entry.source)):
            problems.append(Problem(entry.source, line, f'"{text[:70]}" is still a placeholder',
                                    f"replace the {PLACEHOLDER} text with the real text"))
    for needle, message, fix in citation_findings(body):
        line = sources.find_line(entry.source, needle)
        where = f"{entry.source}:{line}" if line else entry.source  # advice is plain text
        advice.append(str(Problem(where, None, message, fix)))
    return problems, advice


def link_exists(href: str, *, build: Build, entry: Entry, known: set[str]) -> bool:
    """Whether a link in a page's body leads to a file or page of the site."""
    href = urllib.parse.unquote(href.split("#")[0].split("?")[0])
    marker = _MARKER.match(href)
    if marker:
        if unsafe_target(build, entry.page.source_path, marker.group(2)):
            return True  # reported once, as a link that leads outside content/
        path = marker.group(2)
        base = build.content_dir if path.startswith("/") else os.path.dirname(
            entry.page.source_path)
        return os.path.isfile(os.path.normpath(os.path.join(base, path.lstrip("/"))))
    if not href:
        return True
    if not href.startswith("/"):
        href = posixpath.normpath(posixpath.join("/" + entry.page.url, href)) + (
            "/" if href.endswith("/") else "")
    return href in known or f"{href.rstrip('/')}/" in known
