"""Every source file becomes a page: find the ones that did not, and say why.

Pelican skips a file it cannot read (not UTF-8, no title, a bad date) with a
log line that does not say how to fix it.  ``dropped_problems`` compares the
Markdown files on disk with what was built and explains each gap.
"""

from __future__ import annotations

import os
import re

from pelican.utils import get_date  # the same date parser Pelican uses

from ..model.header import read_text, scan_header
from ..model.languages import Languages
from ..model.lines import editor_lines
from ..model.problems import Problem
from ..model.routes import is_source, route_for

# The largest page the site builds.  A clinic page (a treatment's section, a
# condition) is 5 to 30 KB of Markdown; Markdown needs about 20 s a megabyte
# here, so a pasted export or a data dump would stall every build.
PAGE_LIMIT = 1_000_000  # bytes

# Lists or quotes nested deeper than this are refused before Markdown runs: a
# page needs three or four levels, Markdown takes seconds at a hundred levels and
# minutes to fail (RecursionError) at a thousand.
NESTING_LIMIT = 50

_LEVEL = re.compile(r"^((?:[ \t]*>)*)([ \t]*)(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_QUOTES = re.compile(r"^((?:[ \t]*>)*)")
# Each level of a line is at least one space, tab or ">" at its start, so a line
# past the limit starts with a run of more than NESTING_LIMIT - 1 of them.
_DEEP_RUN = re.compile("[ \t>]{%d,}" % NESTING_LIMIT)  # noqa: UP031 (regex braces)


def too_large(size: int) -> bool:
    """Whether a source of ``size`` bytes is larger than a page may be."""
    return size > PAGE_LIMIT


def too_deep(text: str) -> tuple[int, int] | None:
    """``nesting(text)`` when a line is past the limit, else None.

    Most pages have no run of spaces, tabs and ">" that long: they are
    not scanned line by line.
    """
    if not _DEEP_RUN.search(text):
        return None
    depth, line = nesting(text)
    return None if line is None else (depth, line)


def nesting(text: str) -> tuple[int, int | None]:
    """The deepest nesting of lists and quotes in ``text``, and the first line past the limit.

    A list item's level is its indentation in steps of four spaces (a tab is
    one step, as Markdown reads it); each ``>`` before it adds one.
    """
    deepest, first = 0, None
    for number, line in enumerate(editor_lines(text), start=1):
        item = _LEVEL.match(line)
        if item:
            indent = item.group(2).expandtabs(4)
            level = item.group(1).count(">") + len(indent) // 4 + 1
        else:
            # _QUOTES matches every line (all of it is optional), so never None
            level = _QUOTES.match(line).group(1).count(">")  # type: ignore[union-attr]
        if level > NESTING_LIMIT and first is None:
            first = number
        deepest = max(deepest, level)
    return deepest, first


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


def find_sources(content_dir: str) -> list[str]:
    """Markdown files under ``content_dir``, relative to it, in a stable order."""
    found = []
    for root, dirs, files in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(root, name), content_dir).replace(os.sep, "/")
            if is_source(rel) and not name.startswith("."):
                found.append(rel)
    return sorted(found)


def unrouted_problem(label: str) -> Problem:
    """A Markdown file where the site does not publish from."""
    return Problem(
        label,
        None,
        "this file is not in a place the site publishes from, so it is not on the site",
        "move it to content/pages/, content/treatments/<treatment>/, content/conditions/ "
        "or content/articles/, and name it in lowercase letters, digits and hyphens "
        "(for example side-effects.md)",
    )


def dropped_problems(
    content_dir: str, label_dir: str, built: set[str], languages: Languages | None = None
) -> list[Problem]:
    """One problem for each source file that produced no page.

    ``built`` holds the content-relative paths Pelican turned into pages;
    ``label_dir`` prefixes paths in messages (``content``).  A file in a
    folder named like a language the site does not list is left to that
    folder's own problem (``build.session.language_folder_problems``).
    """
    problems = []
    for rel in find_sources(content_dir):
        if rel in built or (languages is not None and languages.unlisted_folder(rel)):
            continue
        label = f"{label_dir}/{rel}"
        if route_for(rel, languages) is None:
            problems.append(unrouted_problem(label))
        else:
            problem = diagnose(os.path.join(content_dir, rel), label)
            if problem is not None:
                problems.append(problem)
    return problems


def diagnose(path: str, label: str) -> Problem | None:
    """Why Pelican could not make a page from this file (``None``: left out on purpose)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    if too_large(len(raw)):
        return Problem(
            label,
            None,
            f"this file is {_megabytes(len(raw))}, more than the {_megabytes(PAGE_LIMIT)} a "
            "page may be, so it was left out of the site",
            "split it into several pages; a page about one treatment or condition is rarely "
            "more than 50 KB",
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(
            label,
            line,
            "this file is not UTF-8 text, so it was left out of the site",
            "open it in your editor and save it with the encoding UTF-8",
        )
    text = read_text(path)
    if not text.strip():
        return Problem(
            label,
            None,
            "this file is empty, so it was left out of the site",
            "write its header (Title:, Summary:) and text, or delete the file",
        )
    first = editor_lines(text.lstrip("\ufeff"))[0]
    if first[:1] in (" ", "\t") and ":" in first:
        return Problem(
            label,
            1,
            "the header lines start with spaces or a tab, so the page "
            "has no title and was left out of the site",
            "start each header line (Title:, Summary:, ...) at the very beginning of the line",
        )
    fields = scan_header(text)
    if fields.get("status") and fields["status"].value.lower() == "skip":
        return None
    if not fields.get("title") or not fields["title"].value:
        line = fields["title"].line if "title" in fields else 1
        return Problem(
            label,
            line,
            "this page has no title, so it was left out of the site",
            "add a first line such as Title: Side effects of microneedling",
        )
    for key in ("date", "modified"):
        if key in fields:
            value = fields[key].value
            try:
                get_date(value)
            except ValueError:
                return Problem(
                    label,
                    fields[key].line,
                    f'"{key.capitalize()}" is "{value}", which is not a date, so the page '
                    "was left out of the site",
                    f"write it as YYYY-MM-DD, for example {key.capitalize()}: 2026-03-31",
                )
    if fields.get("status") and fields["status"].value.lower() not in (
        "published",
        "hidden",
        "draft",
        "skip",
    ):
        return Problem(
            label,
            fields["status"].line,
            f'"Status" is "{fields["status"].value}", so the page was left out of the site',
            "write Status: draft to keep a page off the published site (previews show it "
            "under /drafts/), or remove the line to publish it",
        )
    depth, too_deep = nesting(text)
    if too_deep is not None:
        return Problem(
            label,
            too_deep,
            f"lists or quotes on this page are nested {depth} levels deep, more than the "
            f"{NESTING_LIMIT} the site reads, so it was left out of the site",
            "nest them a few levels at most: each line indented 4 spaces (or one >) more than "
            "the one above starts a new level",
        )
    return Problem(
        label,
        None,
        "Pelican could not make a page from this file (see its message above)",
        "check the header lines at the top of the file",
    )
