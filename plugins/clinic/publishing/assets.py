"""Theme assets named by content hash, so hosts can cache them for a year.

``Assets`` hashes every file of ``theme/static`` (and the images the build
generates) once per run.  Templates ask ``asset("css/site.css")`` for the
fingerprinted URL; after Pelican has copied the theme, ``write`` renames each
copied file to its fingerprinted name and writes the generated ones.
"""

from __future__ import annotations

import hashlib
import os
import shutil

from ..rules.files import Escape, escape

PREFIX = "theme"


def fingerprinted(rel: str, data: bytes) -> str:
    """``css/site.css`` -> ``css/site.1a2b3c4d5e.css``."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = rel.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{rel}.{digest}"


class Assets:
    def __init__(self, static_dir: str, generated: dict[str, bytes]):
        self.names: dict[str, str] = {}
        self.generated = generated
        # links that lead out of theme/ (or loop): never read, and deleted from
        # the output after Pelican has copied the theme
        self.refused: list[Escape] = []
        self._refused_rels: list[str] = []
        theme = os.path.dirname(os.path.abspath(static_dir))
        for root, dirs, files in os.walk(static_dir):  # links are not followed here
            for name in sorted(dirs + files):
                path = os.path.join(root, name)
                found = escape(theme, path) if os.path.islink(path) else None
                if found is not None:
                    self.refused.append(found)
                    self._refused_rels.append(os.path.relpath(path, static_dir))
                elif name in files:
                    rel = os.path.relpath(path, static_dir).replace(os.sep, "/")
                    with open(path, "rb") as handle:
                        self.names[rel] = fingerprinted(rel, handle.read())
        for rel, data in generated.items():
            self.names[rel] = fingerprinted(rel, data)
        self.missing: set[str] = set()

    def url(self, rel: str) -> str:
        """Site-relative URL of an asset; an unknown name is remembered as a problem."""
        if rel not in self.names:
            self.missing.add(rel)
            return f"{PREFIX}/{rel}"
        return f"{PREFIX}/{self.names[rel]}"

    def write(self, output_dir: str) -> None:
        theme = os.path.join(output_dir, PREFIX)
        for rel in self._refused_rels:
            copied = os.path.join(theme, rel)
            if os.path.isdir(copied) and not os.path.islink(copied):
                shutil.rmtree(copied, ignore_errors=True)
            elif os.path.lexists(copied):
                os.unlink(copied)
        for rel, hashed in self.names.items():
            target = os.path.join(theme, hashed)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            copied = os.path.join(theme, rel)
            if rel in self.generated:
                with open(target, "wb") as handle:
                    handle.write(self.generated[rel])
                # a theme file the build rewrote (the stylesheet with the clinic's
                # colours): its unchanged copy is not published
                if os.path.isfile(copied) and not os.path.islink(copied):
                    os.unlink(copied)
                continue
            if os.path.exists(copied):
                os.replace(copied, target)
