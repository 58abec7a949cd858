"""Source files as staff name them: labels, text and line numbers for messages.

Line numbers are looked up only when a problem is reported, so a clean build
never reads a source file a second time.
"""

from __future__ import annotations

import os

from ..model.header import header_end, read_text, scan_header
from ..model.lines import line_at


class SourceFiles:
    """Labels, cached text and line look-ups for the files of one project."""

    def __init__(self, content_dir: str) -> None:
        self.content_dir = content_dir
        self.project_dir = os.path.dirname(os.path.abspath(content_dir))
        self._prefix = os.path.join(self.project_dir, "")
        self._labels: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self.content_label = self.label(content_dir)

    def label(self, path: str) -> str:
        """A path as staff see it in messages: relative to the project."""
        # asked several times for every page; relpath is slow enough to matter
        found = self._labels.get(path)
        if found is None:
            if path.startswith(self._prefix) and f"{os.sep}." not in path:
                found = path[len(self._prefix) :]  # Pelican's usual absolute path
            else:
                found = os.path.relpath(os.path.abspath(path), self.project_dir)
            found = self._labels[path] = found.replace(os.sep, "/")
        return found

    def content_relative(self, label: str) -> str:
        """A label (``content/pages/home.md``) relative to the content folder."""
        return label[len(self.content_label) + 1 :]

    def text(self, source: str) -> str:
        """A source's text by its label, read once."""
        if source not in self._texts:
            self._texts[source] = read_text(os.path.join(self.project_dir, source))
        return self._texts[source]

    def locate(self, source: str, key: str | None) -> int | None:
        """Line of a metadata key in a source (or the end of its header for a missing key)."""
        text = self.text(source)
        fields = scan_header(text)
        if key is None or key not in fields:
            return header_end(text)
        return fields[key].line

    def find_line(self, source: str, needle: str) -> int | None:
        """The first line of a source that contains ``needle`` (a URL, a number)."""
        text = self.text(source)
        index = text.find(needle)
        return line_at(text, index) if index >= 0 else None
