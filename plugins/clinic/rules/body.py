"""Rules on a page's rendered body: headings, images, links, placeholders, citations.

Pure core: each function takes the body HTML (as Markdown rendered it,
before Pelican resolves ``{filename}`` links) and what it needs to know, and
returns findings as ``(needle, message, fix)``: ``needle`` is the text to
look for in the source file to report the line.  These are scans of the
markup's tags, each skipped when its tag does not occur at all.
"""

from __future__ import annotations

import functools
import html as html_module
import posixpath
import re
from collections.abc import Callable, Collection

from ..model.lines import editor_lines
from ..model.markup import CONTROL, control_codes, plain_text

Finding = tuple[str, str, str]  # (needle for the line, what is wrong, how to fix it)

PLACEHOLDER = "FILL IN"

_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>", re.S)
_IMG = re.compile(r"<img\b([^>]*)>", re.I)
_A = re.compile(r"<a\b([^>]*)>", re.I)
_SCHEME = re.compile(r"^[A-Za-z][\w+.-]*:")
_ATTR = r"""\b{}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
_PARAGRAPH = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.S)
_CLAIM = re.compile(
    r"\b(?:(?:a|an|one|the|recent|new|several|many|some|\d{4})\s+)*"
    r"(?:stud(?:y|ies)|research|trials?)\s+"
    r"(?:found|finds|shows?|showed|suggests?|suggested|proves?|proved|says?)\b",
    re.I,
)
# A call link, as the phone linker writes it or staff do: the number and the text
_TEL = re.compile(r"""<a\b[^>]*?\bhref=["']tel:([^"';]*)[^"']*["'][^>]*>(.*?)</a>""", re.S | re.I)
# A source is a link to another site or a footnote reference ([^1]).
_SOURCE = re.compile(r"""<a\b[^>]*href=["']?https?://|<sup\b""", re.I)


@functools.cache
def _attr_pattern(name: str) -> re.Pattern[str]:
    return re.compile(_ATTR.format(re.escape(name)), re.I)


def _attr(attrs: str, name: str) -> str | None:
    match = _attr_pattern(name).search(attrs)
    return html_module.unescape(match.group(1).strip("\"'")) if match else None


def heading_findings(html: str) -> list[Finding]:
    """The title is the page's only level-1 heading; levels go down one at a time."""
    if "<h" not in html:
        return []
    found, previous = [], 1
    for match in _HEADING.finditer(html):
        level, text = int(match.group(1)), plain_text(match.group(2))
        marks = "#" * level
        if level == 1:
            found.append(
                (
                    f"# {text}",
                    f'the heading "{text}" is a page title (#)',
                    "the title is already the main heading: start headings with ##",
                )
            )
        elif level > previous + 1:
            found.append(
                (
                    f"{marks} {text}",
                    f'the heading "{text}" ({marks}) skips a level after {"#" * previous}',
                    f"use {'#' * (previous + 1)} here, or add the missing level above it",
                )
            )
        previous = level
    return found


# Alt text that only repeats a file's name says nothing to someone who cannot
# see the picture: "IMG_2041.jpg", "DSC0042", "photo.png", "image1".
_FILE_NAME = re.compile(
    r"^(?:[\w.-]+\.(?:jpe?g|png|webp|gif|avif|svg|heic|tiff?)|(?:img|dsc|dscn|dcim|pxl|photo|"
    r"image|picture|screenshot)[ _-]?\d*(?:[ _-]\d+)*)$",
    re.IGNORECASE,
)


def alt_problem(alt: str) -> str:
    """Why alt text is not a description ('' when it is); completes 'the alt text ...'."""
    if not alt.strip():
        return "is empty"
    if _FILE_NAME.match(alt.strip()):
        return f'is "{alt.strip()}", a file name, which tells a listener nothing'
    return ""


def image_findings(html: str, exists: Callable[[str], bool]) -> list[Finding]:
    """Every image needs a description (alt text) and a file that exists."""
    if "<img" not in html.lower():
        return []
    found = []
    for match in _IMG.finditer(html):
        src = _attr(match.group(1), "src") or ""
        alt = _attr(match.group(1), "alt")
        name = posixpath.basename(src.replace("{static}", "").replace("{attach}", "")) or src
        reason = alt_problem(alt or "")
        if reason:
            found.append(
                (
                    name,
                    f"the image {name} has no alt text, so people who cannot see it "
                    "miss what it shows"
                    if not (alt or "").strip()
                    else f"the alt text of the image {name} {reason}",
                    f"describe it in the square brackets: ![What the photo shows]({src}); "
                    f"for a picture that shows nothing of note, write ![decorative]({src})",
                )
            )
        if src and not exists(src):
            found.append(
                (
                    name,
                    f"the image {src} is not there",
                    f"put the file in content/images/ and link it as {{static}}/images/{name}",
                )
            )
    return found


# What can be wrong with a link inside the site: (what is wrong, how to fix it)
LinkTrouble = tuple[str, str]
LEADS_NOWHERE: LinkTrouble = (
    "leads nowhere",
    "link to a file that exists, for example "
    "[side effects]({filename}/treatments/microneedling/side-effects.md)",
)
LEADS_TO_DRAFT: LinkTrouble = (
    "leads to a draft, which is never published",
    "publish that page first (remove its Status: draft line), or remove the link",
)
NOT_A_PAGE: LinkTrouble = (
    "names a file that is not a page or a picture of the site",
    "link to a page's .md file with {filename}, or to a file in content/images/ with {static}",
)


def link_findings(html: str, trouble: Callable[[str], LinkTrouble | None]) -> list[Finding]:
    """Links to pages of this site (``{filename}`` or ``/path/``) must lead somewhere.

    ``trouble`` says what is wrong with a link, or None when it leads to a
    published page or file.
    """
    if "<a" not in html:
        return []
    found = []
    for match in _A.finditer(html):
        href = _attr(match.group(1), "href") or ""
        # other sites (https:, //host), calls, e-mail and in-page anchors are not checked
        if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
            continue
        wrong = trouble(href)
        if wrong is not None:
            target = href.split("#")[0]
            what, fix = wrong
            found.append(
                (
                    target.replace("{filename}", "").replace("{static}", "") or href,
                    f"the link to {target} {what}",
                    fix,
                )
            )
    return found


def placeholder_lines(text: str) -> list[tuple[int, str]]:
    """Lines of a source file that still hold a FILL IN placeholder, with their numbers."""
    if PLACEHOLDER not in text:
        return []
    return [
        (number, line.strip())
        for number, line in enumerate(editor_lines(text), start=1)
        if PLACEHOLDER in line
    ]


def other_phone_findings(html: str, clinic_phones: Collection[str], profile: str) -> list[Finding]:
    """Call links to a number that is none of the clinic's: often an old one left behind.

    ``clinic_phones`` are every location's numbers in E.164, as the call links
    write them; ``profile`` names the file they are set in.
    """
    if "tel:" not in html or not clinic_phones:
        return []
    found = []
    for match in _TEL.finditer(html):
        number, text = match.group(1), plain_text(match.group(2))
        if number in clinic_phones:
            continue
        # a link written as words ("call us") names its number too
        shown = f'"{text}"' if any(c.isdigit() for c in text) else f'"{text}" ({number})'
        found.append(
            (
                text,
                f"{shown} is none of the clinic's phone numbers in {profile}",
                "if this is an old number, change it to the clinic's number; if it is "
                "another number on purpose, leave it",
            )
        )
    return found


def citation_findings(html: str) -> list[Finding]:
    """A claim that "a study found" something should say which study."""
    # Most pages say none of these words.  A case-blind pattern with
    # alternatives is tried at every position; "in" on the lower-cased text
    # is a fast substring search.
    lowered = html.lower()
    if "stud" not in lowered and "research" not in lowered and "trial" not in lowered:
        return []
    found = []
    for match in _PARAGRAPH.finditer(html):
        body = match.group(2)
        claim = _CLAIM.search(plain_text(body))
        if claim and not _SOURCE.search(body):
            found.append(
                (
                    claim.group(0),
                    f'"{claim.group(0)}" cites research without naming its source',
                    "add a citation: write [^1] after the claim and, at the end of the "
                    "page, [^1]: Authors, title, journal, year, and its address",
                )
            )
    return found


def control_lines(text: str) -> list[tuple[int, str]]:
    """Lines of a source file that hold control characters, with their code points."""
    if not CONTROL.search(text):
        return []
    return [
        (number, control_codes(line))
        for number, line in enumerate(text.split("\n"), start=1)
        if CONTROL.search(line)
    ]
