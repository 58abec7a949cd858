"""The ``Key: value`` header at the top of a Markdown file, with line numbers.

Pelican's reader gives metadata values but not where they were written.  This
scan is used only when a problem must be reported (so most builds never run
it), and to explain why Pelican dropped a file it could not read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lines import editor_lines

_KEY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_ -]*):\s*(.*?)\s*$")


class Field(NamedTuple):
    value: str
    line: int


def scan_header(text: str) -> dict[str, Field]:
    """Metadata keys (lowercased) of a Markdown text, with value and line.

    The header ends at the first blank line or the first line that is not a
    ``Key: value`` pair or an indented continuation, as in Markdown's ``meta``
    extension.
    """
    fields: dict[str, Field] = {}
    last = None
    for number, line in enumerate(editor_lines(text), start=1):
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            break
        match = _KEY.match(line)
        if match:
            last = match.group(1).strip().lower()
            fields.setdefault(last, Field(match.group(2), number))
        elif last and line.startswith((" ", "\t")):
            continue
        else:
            break
    return fields


def header_end(text: str) -> int:
    """The 1-based line just after the header, where a missing key can go."""
    fields = scan_header(text)
    return max((f.line for f in fields.values()), default=0) + 1


def read_text(path: str) -> str:
    """The file's text, tolerant of bad bytes (for locating, not rendering)."""
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")
