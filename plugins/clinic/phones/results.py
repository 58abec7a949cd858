"""What the linker returns, apart from the linker.

The linker (and libphonenumber's matcher) is loaded only when a body is new;
the results a build keeps (``build.memo``) are read back without it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suspect:
    """Phone-shaped text that is not a valid number, as the reader sees it.

    ``line`` is 1-based within the fragment, for the caller to map to a source line.
    """

    text: str
    line: int


@dataclass(frozen=True)
class LinkResult:
    html: str
    suspects: tuple[Suspect, ...] = ()
