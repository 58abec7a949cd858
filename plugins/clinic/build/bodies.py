"""Every page's body made ready to print: allowed HTML only, call links, a titled sources list.

Done once every page is read, before anything renders a body, rather than
as each page is read: the same work back to back over all the bodies takes
half the time (measured at 1,000 pages).  Pelican's content cache keeps
bodies as Markdown made them, so this runs on every build; linking twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.citations import label_sources
from ..model.content import Content
from ..model.markup import CONTROL
from ..model.problems import Problem
from ..phones.results import PhoneLinks
from ..rules.body import control_lines
from ..rules.html_allow import Checked, Refusal, check_fragment
from ..rules.urls import page_address
from .session import Build
from .static_files import link_problems


def phone_links(html: str, region: str) -> PhoneLinks:
    """Where a fragment's call links go (``phones.linker.find_links``).

    Kept by ``build.memo``: a rebuild finds every body it has seen there, and
    the linker and libphonenumber's matcher are then never loaded (a tenth of
    the plugin's start-up).  What is kept is where the links go, not the
    linked page, which would keep every body a second time.
    """
    from ..phones.linker import find_links

    return find_links(html, region)


def allowed(fragment: str, page: str) -> tuple[str | None, list[Refusal]]:
    """``check_fragment``'s HTML (``None`` when it is the fragment itself) and refusals.

    What ``build.memo`` keeps: Markdown's own HTML passes unchanged, and a
    copy of every body would double the file the results are kept in.
    """
    checked = check_fragment(fragment, page)
    return (None if checked.html == fragment else checked.html), checked.refusals


def _allowed(build: Build, fragment: str, page: str) -> Checked:
    html, refusals = build.memo.call(allowed, fragment, page)
    return Checked(fragment if html is None else html, refusals)


def prepare_bodies(build: Build, contents: Iterable[Content]) -> list[Problem]:
    """Link phones and title the sources of every routed page, drafts too."""
    region = build.profile.country or "US"
    sources = build.strings("sources")
    found: list[Problem] = []
    for content in contents:
        # every page Pelican writes, even one outside every section
        found.extend(allow_listed(build, content))
        if getattr(content, "clinic_route", None) is not None:
            found.extend(_prepare_body(build, content, region, sources))
    return found


def allow_listed(build: Build, content: Content) -> list[Problem]:
    """Keep only the HTML a page may contain in its body and formatted header values.

    What is refused is left out of what is written (a preview never runs it)
    and comes back as a problem, which stops a publish.
    """
    files = build.sources
    source = files.label(content.source_path)
    page = page_address(build.site_url, content.url)
    checked = _allowed(build, content._content or "", page)
    content._content = checked.html
    found = [_refused(build, source, refusal, None) for refusal in checked.refusals]
    # header values Markdown renders (Summary), printed as HTML like the body
    for key in content.settings.get("FORMATTED_FIELDS", ["summary"]):
        if key not in content.metadata:
            continue
        checked = _allowed(build, str(content.metadata[key]), page)
        content.metadata[key] = checked.html
        if key == "summary":
            content._summary = checked.html
        found.extend(
            _refused(build, source, refusal, files.locate(source, key))
            for refusal in checked.refusals
        )
    return found


def _refused(build: Build, source: str, refusal: Refusal, line: int | None) -> Problem:
    """The problem for a refusal, on the first source line that holds what was refused."""
    for needle in refusal.needles:
        found = build.sources.find_line(source, needle)
        if found is not None:
            line = found
            break
    return Problem(source, line, refusal.message, refusal.fix)


def _prepare_body(build: Build, content: Content, region: str, sources: str) -> list[Problem]:
    files = build.sources
    source = files.label(content.source_path)
    found: list[Problem] = link_problems(build, content) + _control_problems(build, source, content)
    text = content._content or ""
    body = build.memo.call(phone_links, text, region).apply(text)
    content._content = label_sources(body.html, sources)
    if "summary" in content.metadata:
        text = str(content.metadata["summary"])
        summary = build.memo.call(phone_links, text, region).apply(text)
        content._summary = content.metadata["summary"] = summary.html
    # the example is the clinic's own number, written as its pages show it
    main = build.profile.main
    example = f", such as {main.phone.display}" if main and main.phone else ""
    return found + [
        Problem(
            source,
            files.find_line(source, suspect.text),
            f'"{suspect.text}" looks like a phone number but is not a valid one, so it is not '
            "a call link",
            "check the digits; write the full number with its area code" + example,
        )
        for suspect in body.suspects
    ]


def _control_problems(build: Build, source: str, content: Content) -> list[Problem]:
    """Invisible control characters: reported on their lines and kept out of the page."""
    metadata = content.metadata
    dirty = [
        key for key, value in metadata.items() if isinstance(value, str) and CONTROL.search(value)
    ]
    if not dirty and not CONTROL.search(content._content or ""):
        return []  # the source is read again only when there is something to report
    content._content = CONTROL.sub("", content._content or "")
    for key in dirty:
        metadata[key] = CONTROL.sub("", metadata[key])
        if isinstance(getattr(content, key, None), str):
            setattr(content, key, metadata[key])
    return [
        Problem(
            source,
            line,
            f"this line holds an invisible control character ({codes}), which would "
            "be copied into the page",
            "retype the line, or delete the character (an editor may "
            "show it as a box, ^@ or nothing at all)",
        )
        for line, codes in control_lines(build.sources.text(source))
    ]
