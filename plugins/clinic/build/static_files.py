"""Files copied beside the pages as they are (content/images/): refuse what could run.

The step between ``rules.static_files`` and Pelican's static generator: a
refused file is taken out of the generator's list, so it is never copied,
in development builds too, and each comes back as a problem naming it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model.problems import Problem
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
    return [Problem(source, finding.line, svg_message(finding.what), SVG_FIX)
            for finding in svg_findings(data, page_address(build.site_url, static.url))]
