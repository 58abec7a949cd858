"""Files copied beside the pages as they are: only from ``content/``, and none that could run.

Pelican copies every file under ``STATIC_PATHS`` and every file a page links
with ``{attach}`` or ``{static}``, wherever it is and wherever a symbolic
link leads.  These steps leave such files out of the generator's lists
before anything is copied, and name the link (in ``content/``, or in the
page) that led outside.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

from ..model.content import Content
from ..model.problems import Problem
from ..rules.files import Escape
from ..rules.static_files import (
    ACTIVE_FIX,
    SVG_FIX,
    active_message,
    active_type,
    svg_findings,
    svg_message,
)
from ..rules.urls import page_address
from .session import Build

CONTENT = "content/"
# Pelican's intrasite link markers, as Markdown leaves them in a body
_MARKED_LINK = re.compile(r"""\{(attach|static|filename)\}([^"'\s<>]*)""")


def excluded_folders(build: Build) -> tuple[list[str], list[Problem]]:
    """Linked folders under STATIC_PATHS that leave ``content/`` or loop.

    Returned as content-relative paths for the generator's STATIC_EXCLUDES, so
    Pelican never walks into them (a folder linked to its own parent would
    otherwise be walked forty levels deep), with one problem for each.
    """
    excluded: list[str] = []
    problems: list[Problem] = []
    for folder in build.static_paths:
        top = os.path.join(build.content_dir, folder)
        for root, dirs, files in os.walk(top):  # links are not followed here
            for name in sorted(dirs + files):
                path = os.path.join(root, name)
                found = build.content_files.escape(path) if os.path.islink(path) else None
                if found is None:
                    continue
                problems.append(_link_problem(build, found))
                if name in dirs:
                    excluded.append(os.path.relpath(path, build.content_dir))
    return excluded, problems


def refuse_unsafe(build: Build, statics: list[Any]) -> tuple[list[Any], list[Any], list[Problem]]:
    """Split Pelican's static files into those inside ``content/`` and the rest.

    A file reached through a link in ``content/`` is blamed on that link; a
    file a page names with ``..`` steps is reported on the page's line (see
    ``link_problems``).
    """
    kept: list[Any] = []
    refused: list[Any] = []
    problems: list[Problem] = []
    for static in statics:
        found = build.content_files.escape(static.source_path)
        if found is None:
            kept.append(static)
            continue
        refused.append(static)
        if found.kind != "outside":
            problems.append(_link_problem(build, found))
    return kept, refused, problems


def link_problems(build: Build, content: Content) -> list[Problem]:
    """``{attach}``, ``{static}`` and ``{filename}`` links in a page that lead outside
    ``content/``."""
    body = content._content or ""
    if "{" not in body:
        return []
    source = build.sources.label(content.source_path)
    problems = []
    for match in _MARKED_LINK.finditer(body):
        marker, value = match.groups()
        found = unsafe_target(build, content.source_path, value)
        if found is None:
            continue
        leads = (
            "leads outside content/"
            if found.kind.startswith("outside")
            else "goes through a link in content/ that loops or leads nowhere"
        )
        problems.append(
            Problem(
                source,
                build.sources.find_line(source, value),
                f"the link to {{{marker}}}{value} {leads}, so that file is not published",
                "put the file in content/images/ and link to it from there, for example "
                "{static}/images/photo.jpg",
            )
        )
    return problems


def unsafe_target(build: Build, source_path: str, value: str) -> Escape | None:
    """Why a marked link's target (relative to its page, or to content/) may not be read."""
    path = urllib.parse.unquote(value.split("#")[0].split("?")[0])
    if not path:
        return None
    base = build.content_dir if path.startswith("/") else os.path.dirname(source_path)
    return build.content_files.escape_from(base, path.lstrip("/"))


def _link_problem(build: Build, found: Escape) -> Problem:
    return found.problem(build.sources.label(found.where), CONTENT)


# -- files that could run a program (content/images/: .html, .js, an SVG with script)


def screen_static_files(build: Build, generators: Iterable[Any]) -> list[Problem]:
    """Drop every static file that could run a program; return the problems."""
    problems: list[Problem] = []
    for generator in generators:
        files = getattr(generator, "staticfiles", None)
        if files is None:
            continue
        kept = []
        for static in files:
            found = _problems(build, static)
            problems.extend(found)
            if not found:
                kept.append(static)
        # the same list is Pelican's context["staticfiles"], which it copies from
        files[:] = kept
    return problems


def _problems(build: Build, static: Any) -> list[Problem]:
    source = build.sources.label(static.source_path)
    suffix = active_type(static.source_path)
    if suffix:
        return [Problem(source, None, active_message(suffix), ACTIVE_FIX)]
    if not static.source_path.lower().endswith(".svg"):
        return []
    with open(static.source_path, "rb") as handle:
        data = handle.read()
    return [
        Problem(source, finding.line, svg_message(finding.what), SVG_FIX)
        for finding in svg_findings(data, page_address(build.site_url, static.url))
    ]
