"""Which files the build may read or copy: only those inside their own folder.

A link such as ``{attach}../../../Makefile`` or a symbolic link in
``content/images/`` that points at ``/etc/passwd`` would otherwise publish a
file from anywhere on the machine that builds the site.  Every path is
judged after following links (``os.path.realpath``): it must end inside the
folder it came from, and no link on the way may loop.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from ..model.problems import Problem

# what is wrong with a path, and the fix, by kind
_OUTSIDE_FILE = (
    "this is a link to a file outside {folder}, so it was not published",
    "copy the file into {folder} instead of linking to it",
)
_OUTSIDE_FOLDER = (
    "this is a link to a folder outside {folder}, so nothing in it was published",
    "copy the files into {folder} instead of linking to the folder",
)
_LOOP = (
    "this link leads back to a folder that holds it (a loop), so nothing in it was published",
    "remove the link",
)
_BROKEN = (
    "this link points at itself, at a chain of links that never ends, or at nothing, "
    "so it was not published",
    "remove the link, or copy the file it meant in its place",
)


class Escape(NamedTuple):
    """Why a path may not be read: ``where`` is the path (or the link on it) to blame."""

    where: str
    kind: str  # "outside" (a path that leaves the folder), or one of the link kinds above

    def problem(self, label: str, folder: str) -> Problem:
        """The problem for the link at ``label`` (as staff name it), inside ``folder``."""
        message, fix = {
            "outside-file": _OUTSIDE_FILE,
            "outside-folder": _OUTSIDE_FOLDER,
            "loop": _LOOP,
            "broken": _BROKEN,
        }[self.kind]
        return Problem(label, None, message.format(folder=folder), fix.format(folder=folder))


def is_inside(path: str, root: str) -> bool:
    """Whether ``path`` (already real) is ``root`` (already real) or below it."""
    return path == root or path.startswith(os.path.join(root, ""))


def escape(root: str, path: str) -> Escape | None:
    """What takes ``path`` (absolute, or relative to ``root``) out of ``root``, if anything.

    A path that leaves ``root`` by its own ``..`` steps is blamed on itself
    (kind ``outside``); otherwise the first link on the way that leaves
    ``root``, loops or leads nowhere is blamed.
    """
    return Folder(root).escape(path)


class Folder:
    """``escape`` for many paths under one ``root``, as the files stand now.

    Each path, and each step on the way to one, is looked at once: a build
    asks about every link of every page, and most name the same few folders
    (about 50 microseconds of system calls a time otherwise).  Make a new one
    for each build, so a link made between builds is seen.
    """

    def __init__(self, root: str) -> None:
        self.real_root = os.path.realpath(root)
        self.root = os.path.normpath(os.path.abspath(root))
        self._verdicts: dict[str, Escape | None] = {}
        self._steps: dict[str, Escape | None] = {}
        self._links: dict[tuple[str, str], Escape | None] = {}

    def escape(self, path: str) -> Escape | None:
        absolute = os.path.normpath(os.path.join(self.root, path))
        if absolute in self._verdicts:
            return self._verdicts[absolute]
        found = self._escape(absolute)
        self._verdicts[absolute] = found
        return found

    def escape_from(self, base: str, path: str) -> Escape | None:
        """``escape(os.path.join(base, path))``, remembered by the two parts.

        A page's links are judged twice (where they lead, and whether they
        leave content/), and most pages of a folder name the same targets.
        """
        key = (base, path)
        if key not in self._links:
            self._links[key] = self.escape(os.path.join(base, path))
        return self._links[key]

    def _escape(self, absolute: str) -> Escape | None:
        if not is_inside(absolute, self.root):
            return Escape(absolute, "outside")
        current = self.root
        for part in os.path.relpath(absolute, current).split(os.sep):
            if part == os.curdir:
                continue
            current = os.path.join(current, part)
            if current not in self._steps:
                self._steps[current] = self._step(current)
            if self._steps[current] is not None:
                return self._steps[current]
        return None

    def _step(self, current: str) -> Escape | None:
        """What is wrong with ``current`` if it is a link (its folders are judged first)."""
        if not os.path.islink(current):
            return None
        try:
            target = os.path.realpath(current, strict=True)
        except OSError:  # a loop of links, or a link to nothing
            return Escape(current, "broken")
        folder = os.path.isdir(target)
        if not is_inside(target, self.real_root):
            return Escape(current, "outside-folder" if folder else "outside-file")
        if folder and is_inside(os.path.realpath(os.path.dirname(current)), target):
            return Escape(current, "loop")
        return None
