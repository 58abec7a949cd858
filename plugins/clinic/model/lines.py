"""Lines as a file editor numbers them, for ``path:line`` in messages.

``str.splitlines`` also breaks at U+2028, U+2029, U+0085, form feed and
vertical tab, which editors show inside a line: a header with one of them
would be reported a line too far down.  Only ``\\n``, ``\\r\\n`` and ``\\r``
end a line here (the three Python's universal newlines read as one).
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines of ``text``, without their ends; no empty last line after a final break."""
    lines = _BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_at(text: str, index: int) -> int:
    """The 1-based line of the character at ``index``."""
    return sum(1 for _ in _BREAK.finditer(text, 0, index)) + 1
