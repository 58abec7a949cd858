"""What the linker finds and returns, apart from the linker.

The linker (and libphonenumber's matcher) is loaded only when a body is new;
the results a build keeps (``build.memo``) are read back without it.  They
are kept as where the links go (``PhoneLinks``), not as the linked page,
which would keep every body a second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# One call link: the source's [start, end) becomes <a href="uri">…</a>
Link = tuple[int, int, str]


class Suspect(NamedTuple):
    """Phone-shaped text that is not a valid number, as the reader sees it.

    ``line`` is 1-based within the fragment, for the caller to map to a source line.
    """

    text: str
    line: int


class LinkResult(NamedTuple):
    html: str
    suspects: tuple[Suspect, ...] = ()


class PhoneLinks(NamedTuple):
    """Where a fragment's call links go (sorted, not overlapping), and its suspects."""

    links: tuple[Link, ...] = ()
    suspects: tuple[Suspect, ...] = ()

    def apply(self, html: str) -> LinkResult:
        """The fragment these were found in, with its links."""
        return LinkResult(with_links(html, self.links), self.suspects)


def with_links(html: str, links: Sequence[Link]) -> str:
    """``html`` with each link's text wrapped in ``<a href="tel:...">``; nothing else changes."""
    if not links:
        return html
    out, done = [], 0
    for start, end, uri in links:
        out += [html[done:start], f'<a href="{uri}">', html[start:end], "</a>"]
        done = end
    out.append(html[done:])
    return "".join(out)
