"""Page weight: HTML, CSS and everything a page loads, raw and gzip-compressed."""

from __future__ import annotations

import gzip
from dataclasses import dataclass

FIRST_SCREEN_GZIP = 14 * 1024  # bytes: HTML + CSS that fit the first round trips
COMPRESSED = {".html", ".css", ".svg", ".ico", ".xml", ".txt", ".json"}  # what hosts gzip


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))  # level 6: the zlib default


@dataclass
class Weight:
    html: int
    html_gz: int
    css: int
    css_gz: int
    total: int
    total_gz: int

    @property
    def first_screen_gz(self) -> int:
        return self.html_gz + self.css_gz


def page_weight(site, path: str, requests: set[str]) -> Weight:
    """``requests``: the same-origin URL paths the browser loaded for the page."""
    html = site.file(path).read_bytes()
    css = b""
    total = total_gz = 0
    for url in sorted(requests | {path}):
        file = site.file(url)
        if not file.is_file():
            continue
        data = file.read_bytes()
        total += len(data)
        total_gz += gzip_size(data) if file.suffix in COMPRESSED else len(data)
        if file.suffix == ".css":
            css += data
    return Weight(
        len(html), gzip_size(html), len(css), gzip_size(css) if css else 0, total, total_gz
    )
