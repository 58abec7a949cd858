"""Every page's body made ready to print: call links, a titled sources list, privacy.

Done once every page is read, before anything renders a body, rather than
as each page is read: the same work back to back over all the bodies takes
half the time (measured at 1,000 pages).  Pelican's content cache keeps
bodies as Markdown made them, so this runs on every build; linking twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model.citations import label_sources
from ..model.markup import CONTROL
from ..model.problems import Problem
from ..phones.linker import link_phones
from ..rules.body import control_lines
from ..rules.privacy import privacy_problem, third_party_references
from .session import Build
from .static_files import link_problems


def prepare_bodies(build: Build, contents: Iterable[Any]) -> list[Problem]:
    """Link phones and title the sources of every routed page, drafts too."""
    region = build.profile.country or "US"
    sources = build.strings("sources")
    found: list[Problem] = []
    for content in contents:
        if getattr(content, "clinic_route", None) is not None:
            found.extend(_prepare_body(build, content, region, sources))
    return found


def _prepare_body(build: Build, content: Any, region: str, sources: str) -> list[Problem]:
    files = build.sources
    source = files.label(content.source_path)
    found = [privacy_problem(source, files.find_line(source, ref.url), ref.tag, ref.url)
             for ref in third_party_references(content._content or "", build.site_url)]
    found += link_problems(build, content) + _control_problems(build, source, content)
    body = link_phones(content._content or "", region)
    content._content = label_sources(body.html, sources)
    if "summary" in content.metadata:
        summary = link_phones(str(content.metadata["summary"]), region)
        content._summary = content.metadata["summary"] = summary.html
    return found + [Problem(
        source, files.find_line(source, suspect.text),
        f'"{suspect.text}" looks like a phone number but is not a valid one, so it is not '
        "a call link",
        "check the digits; write the full number with its area code",
    ) for suspect in body.suspects]


def _control_problems(build: Build, source: str, content: Any) -> list[Problem]:
    """Invisible control characters: reported on their lines and kept out of the page."""
    metadata = content.metadata
    dirty = [key for key, value in metadata.items()
             if isinstance(value, str) and CONTROL.search(value)]
    if not dirty and not CONTROL.search(content._content or ""):
        return []  # the source is read again only when there is something to report
    content._content = CONTROL.sub("", content._content or "")
    for key in dirty:
        metadata[key] = CONTROL.sub("", metadata[key])
        if isinstance(getattr(content, key, None), str):
            setattr(content, key, metadata[key])
    return [Problem(
        source, line, f"this line holds an invisible control character ({codes}), which would "
        "be copied into the page", "retype the line, or delete the character (an editor may "
        "show it as a box, ^@ or nothing at all)",
    ) for line, codes in control_lines(build.sources.text(source))]
