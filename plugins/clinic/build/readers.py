"""Pelican's Markdown reader, refusing a file too large or too deep to be a page
before Markdown runs, and making one Markdown for all the files it reads.

A 5 MB file took Markdown two minutes with no word; lists nested a thousand
deep took as long to end in a ``RecursionError``.  Either way Pelican logs "Could not process"
and leaves the file out, and ``rules.sources.diagnose`` explains it once the
build is done, with the size or the depth and the fix.

Pelican's own reader makes a new ``Markdown`` for every file: setting up its
extensions (67 processors with this site's) took 0.22 ms a file, a seventh
of converting one (measured at 1,000 pages).  This reader makes two, once:
one for bodies and one, without the header reader, for the header values
Markdown formats (Summary).  Python-Markdown's ``reset()`` between
documents is its documented way to reuse one, and every extension that
keeps state between calls (footnotes, abbreviations, header values...)
clears it there.  The header values are read as Pelican's reader reads them.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import pelican_open

from ..rules.sources import NESTING_LIMIT, PAGE_LIMIT, too_deep, too_large

# Pelican's reader's own logger: its warnings are Pelican's, which a publish refuses
logger = logging.getLogger("pelican.readers")


class PageRefused(ValueError):
    """A source the site does not turn into a page (explained after the build)."""


# (Pelican ships no types: to mypy its reader is Any, which strict mode will
# not let a class extend without saying so)
class GuardedMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """Markdown, for files no larger and no deeper nested than a page may be."""

    _bodies: Markdown | None = None
    _fields: Markdown | None = None

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
        if self._bodies is None:
            self._bodies = Markdown(**self.settings["MARKDOWN"])
        bodies = self._bodies.reset()
        with pelican_open(source_path) as text:
            content = bodies.convert(text)
        return content, self._header(getattr(bodies, "Meta", {}), source_path)

    def _header(self, meta: dict[str, list[str]], source_path: str) -> dict[str, Any]:
        """The header values, as Pelican's Markdown reader makes them."""
        formatted = self.settings["FORMATTED_FIELDS"]
        header: dict[str, Any] = {}
        for name, values in meta.items():
            name = name.lower()
            if name in formatted:
                # every line of the value, as one Markdown document
                header[name] = self.process_metadata(name, self._format("\n".join(values)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(values) > 1:
                    logger.warning(
                        "Duplicate definition of `%s` for %s. Using first one.", name, source_path
                    )
                header[name] = self.process_metadata(name, values[0])
            elif len(values) > 1:
                header[name] = self.process_metadata(name, values)
            else:
                header[name] = self.process_metadata(name, values[0])
        return header

    def _format(self, text: str) -> str:
        if self._fields is None:
            self._fields = Markdown(**self.settings["MARKDOWN"])
            # a value is no document with a header of its own
            self._fields.preprocessors.deregister("meta")
        formatted: str = self._fields.reset().convert(text)
        return formatted
