"""Find the line of a key in a TOML text, so messages can say ``file:line``.

``tomllib`` gives values but no positions.  The clinic profile is small and
hand-written, so a line scan that follows table headers is enough: it maps
each ``key =`` line to its full path, array-of-tables index included
(``("locations", 0, "phone")``).  A key that is not written (missing) is
located at its nearest written parent, which is where staff should add it.
"""

from __future__ import annotations

import re

from .lines import editor_lines

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")

# A key's path: table and key names, with the index of an array-of-tables element
KeyPath = tuple[str | int, ...]


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every written key path (and table path) to its 1-based line."""
    lines: dict[KeyPath, int] = {}
    counters: dict[KeyPath, int] = {}
    table: KeyPath = ()
    array: KeyPath | None = None  # a key whose [ ... ] list spans several lines
    items = 0
    for number, line in enumerate(editor_lines(text), start=1):
        if array is not None:
            if line.strip().startswith("{"):
                lines.setdefault(array + (items,), number)
                items += 1
            if line.strip().startswith("]"):
                array = None
            continue
        header = _HEADER.match(line)
        if header:
            is_array = header.group(1) == "[["
            names = [n.strip().strip("\"'") for n in header.group(2).split(".")]
            table = _resolve(names, counters, is_array)
            lines.setdefault(table, number)
            if is_array:
                lines.setdefault(table[:-1], number)
            continue
        key = _KEY.match(line)
        if key:
            path = table + (key.group(1).strip("\"'"),)
            lines.setdefault(path, number)
            value = line[key.end() :].split("#")[0].strip()
            if value.startswith("[") and "]" not in value:
                array, items = path, 0
    return lines


def _resolve(names: list[str], counters: dict[KeyPath, int], is_array: bool) -> KeyPath:
    """Turn a header's dotted names into a concrete path with array indices."""
    path: KeyPath = ()
    for i, name in enumerate(names):
        path += (name,)
        last = i == len(names) - 1
        if last and is_array:
            counters[path] = counters.get(path, -1) + 1
            path += (counters[path],)
        elif path in counters:
            # a sub-table of an array of tables belongs to its latest element
            path += (counters[path],)
    return path


def line_of(text: str, path: KeyPath, lines: dict[KeyPath, int] | None = None) -> int | None:
    """The line where ``path`` is written, or where its closest parent is."""
    lines = key_lines(text) if lines is None else lines
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
