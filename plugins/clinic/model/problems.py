"""Problems: what is wrong with the content, where, and how to fix it.

Every check in the plugin reports through this module so that staff see one
format everywhere: ``path:line: what is wrong. How to fix it.``  Development
builds print problems as warnings; publish builds stop and list all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with the content.

    ``path`` is relative to the project (``content/clinic.toml``); ``line`` is
    1-based or ``None`` when the problem belongs to the whole file.
    """

    path: str
    line: int | None
    message: str
    fix: str = ""
    # True for what no build may go past, even in development (an invalid
    # clinic phone number: every call button on the site would be wrong)
    stops: bool = False

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {_sentence(self.message)}"
        if self.fix:
            text += f" {_sentence(self.fix)}"
        return text


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


class Problems:
    """An ordered, de-duplicated collection of problems for one build."""

    def __init__(self) -> None:
        self._items: dict[Problem, None] = {}

    def add(self, path: str, line: int | None, message: str, fix: str = "") -> Problem:
        problem = Problem(path, line, message, fix)
        self._items.setdefault(problem, None)
        return problem

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self._items.setdefault(problem, None)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Problem]:
        return sorted(self._items, key=lambda p: (p.path, p.line or 0, p.message))


def report(problems: Iterable[Problem]) -> str:
    """The full list, grouped by file (a blank line between files), with a count at the end."""
    items = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
    lines = []
    for index, problem in enumerate(items):
        if index and problem.path != items[index - 1].path:
            lines.append("")
        lines.append(str(problem))
    count = len(items)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
    return "\n".join(lines)
