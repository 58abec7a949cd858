"""Pelican's Markdown reader, refusing a file too large or too deep to be a page
before Markdown runs.

A 5 MB file took Markdown two minutes with no word; lists nested a thousand
deep took as long to end in a ``RecursionError``.  Either way Pelican logs "Could not process"
and leaves the file out, and ``rules.sources.diagnose`` explains it once the
build is done, with the size or the depth and the fix.
"""

from __future__ import annotations

import os
from typing import Any

from pelican.readers import MarkdownReader

from ..rules.sources import NESTING_LIMIT, PAGE_LIMIT, too_deep, too_large


class PageRefused(ValueError):
    """A source the site does not turn into a page (explained after the build)."""


# (Pelican ships no types: to mypy its reader is Any, which strict mode will
# not let a class extend without saying so)
class GuardedMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """Markdown, for files no larger and no deeper nested than a page may be."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        size = os.path.getsize(source_path)
        if too_large(size):
            raise PageRefused(f"{size} bytes, more than the {PAGE_LIMIT} a page may be")
        # read a second time by Markdown, from the disk cache: a scan of the lines
        # costs far less than Markdown's minutes on a page nested a thousand deep
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            deep = too_deep(handle.read())
        if deep is not None:
            depth, line = deep
            raise PageRefused(
                f"nested {depth} levels deep at line {line}, more than {NESTING_LIMIT}"
            )
        content, metadata = super().read(source_path)
        return content, metadata
