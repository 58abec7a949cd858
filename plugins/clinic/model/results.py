"""Before-and-after results: ``content/treatments/<slug>/results.toml``.

::

    [[pairs]]
    before = "before-1.jpg"      # relative to this file's folder
    after = "after-1.jpg"
    caption = "Cheek, after four sessions"
    consent = 2026-03-02         # the date the patient signed consent to publish

A drawing made to explain a treatment is not a patient: it says
``illustration = true`` instead of a consent date, and the page says it is
an illustration.  Pure core: ``parse_results(text, path, folder_exists)``
returns the pairs and the problems, with lines.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import tomllib
from collections.abc import Callable
from typing import NamedTuple

from .problems import Problem
from .tomlpos import key_lines, line_of

_KEYS = ("before", "after", "caption", "consent", "illustration")


class Pair(NamedTuple):
    before: str  # content-relative path
    after: str
    caption: str
    consent: dt.date | None
    illustration: bool = False


def parse_results(
    text: str, path: str, *, today: dt.date, exists: Callable[[str], bool]
) -> tuple[list[Pair], list[Problem]]:
    """The pairs ``path`` (content-relative label) describes, and what is wrong with them."""
    folder = posixpath.dirname(path)
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as error:
        return [], [
            Problem(
                path,
                None,
                f"this is not valid TOML ({error})",
                "check the quotes and brackets; see docs/content.md",
            )
        ]
    lines = key_lines(text)
    problems: list[Problem] = []
    pairs = data.get("pairs", [])
    if not isinstance(pairs, list) or not pairs:
        return [], [
            Problem(
                path,
                None,
                "there are no [[pairs]] in this file",
                "add a [[pairs]] section with before, after, caption and consent",
            )
        ]
    found = []
    for index, pair in enumerate(pairs):
        # index=index: bound now, so each report names its own pair
        def report(key: str, message: str, fix: str, index: int = index) -> None:
            problems.append(
                Problem(path, line_of(text, ("pairs", index, key), lines), message, fix)
            )

        if not isinstance(pair, dict):
            report("", f"pair {index + 1} is not a [[pairs]] section", "write it as [[pairs]]")
            continue
        for key in pair:
            if key not in _KEYS:
                report(key, f'"{key}" is not a setting of a pair', f"use {', '.join(_KEYS)}")
        pictures = {}
        for key in ("before", "after"):
            value = pair.get(key)
            if not isinstance(value, str) or not value.strip():
                report(
                    key,
                    f'pair {index + 1} has no "{key}" picture',
                    f'add {key} = "file name.jpg" (a picture in {folder}/)',
                )
                continue
            rel = posixpath.normpath(posixpath.join(folder, value.strip()))
            if not exists(rel):
                report(
                    key,
                    f'"{key}" is "{value}", but there is no {rel}',
                    f"put the picture in {folder}/ or fix the name (capitals count)",
                )
                continue
            pictures[key] = rel
        caption = pair.get("caption")
        if not isinstance(caption, str) or not caption.strip():
            report(
                "caption",
                f'pair {index + 1} has no "caption"',
                'add caption = "..." saying what the pictures show; it is their alt text',
            )
            caption = ""
        illustration = pair.get("illustration") is True
        consent = pair.get("consent")
        if illustration:
            consent = None
        elif consent is None:
            report(
                "consent",
                f"pair {index + 1} has no consent date: a patient's pictures are "
                "published only with their written consent",
                "add consent = YYYY-MM-DD, the date the patient signed consent to publish",
            )
            continue
        elif not isinstance(consent, dt.date) or isinstance(consent, dt.datetime):
            report(
                "consent",
                f'"consent" is {consent!r}, which is not a date',
                "write it without quotes as YYYY-MM-DD, for example consent = 2026-03-02",
            )
            continue
        elif consent > today:
            report(
                "consent",
                f'"consent" is {consent.isoformat()}, which is in the future',
                "write the date the patient signed",
            )
            continue
        if len(pictures) == 2:
            found.append(
                Pair(pictures["before"], pictures["after"], caption.strip(), consent, illustration)
            )
    return found, problems
