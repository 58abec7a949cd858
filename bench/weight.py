"""Page weight: HTML and CSS bytes of each kind of page, raw, gzip and brotli.

Both levels are the ones ``make publish`` precompresses with (gzip 9,
brotli 11; see plugins/clinic/publishing/hosting.py), used for both builds alike.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import brotli

_STYLESHEET = re.compile(r"""<link\b[^>]*\brel=["']?stylesheet\b[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref=["']?([^"'\s>]+)""", re.I)
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@dataclass(frozen=True)
class Sizes:
    raw: int
    gz: int
    br: int

    @classmethod
    def of(cls, data: bytes) -> Sizes:
        if not data:
            return cls(0, 0, 0)
        return cls(
            len(data),
            len(gzip.compress(data, compresslevel=9, mtime=0)),
            len(brotli.compress(data, quality=11)),
        )


@dataclass(frozen=True)
class Weight:
    html: Sizes
    css: Sizes
    json_ld: int  # raw bytes of structured data inside the HTML

    @property
    def total(self) -> Sizes:
        return Sizes(
            self.html.raw + self.css.raw, self.html.gz + self.css.gz, self.html.br + self.css.br
        )


def page_weight(output: Path, page: str) -> Weight:
    """The page's HTML and the stylesheets it links (files of the same site)."""
    data = (output / page).read_bytes()
    text = data.decode("utf-8", "replace")
    css = b""
    for tag in _STYLESHEET.findall(text):
        href = _HREF.search(tag)
        if href and "//" not in href.group(1):
            path = output / href.group(1).lstrip("/")
            if path.is_file():
                css += path.read_bytes()
    json_ld = sum(len(m.encode()) for m in _JSON_LD.findall(text))
    return Weight(Sizes.of(data), Sizes.of(css), json_ld)


def sample_pages(content: Path) -> list[tuple[str, str, str]]:
    """(page type, our output file, plain Pelican's output file) for the sample site.

    Ours follows plugins/clinic/model/routes.py; the plain build names each page by
    its source path (bench/builds.py); both write the blog index to blog/.
    """

    def first(pattern: str) -> Path | None:
        found = sorted(content.glob(pattern))
        return found[0] if found else None

    overview = first("treatments/*/index.md")
    section = None
    if overview is not None:
        sections = sorted(p for p in overview.parent.glob("*.md") if p.name != "index.md")
        preferred = [p for p in sections if p.name == "side-effects.md"]
        candidates = preferred or sections
        section = candidates[0] if candidates else None
    article = first("articles/*.md")
    chosen = [
        ("home", content / "pages" / "home.md"),
        ("treatment overview", overview),
        ("treatment section", section),
        ("condition", first("conditions/*.md")),
        ("contact", content / "pages" / "contact.md"),
        ("blog post", article),
    ]
    rows = []
    for kind, source in chosen:
        if source is None or not source.is_file():
            continue
        rel = source.relative_to(content).as_posix()
        rows.append((kind, _our_output(rel, source), rel[: -len(".md")] + "/index.html"))
    rows.append(("blog index", "blog/index.html", "blog/index.html"))
    return rows


def _our_output(rel: str, source: Path) -> str:
    if rel.startswith("articles/"):
        slug = source.stem
        for line in source.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            if key.strip().lower() == "slug" and value.strip():
                slug = value.strip()
        return f"blog/{slug}/index.html"  # ARTICLE_SAVE_AS in pelicanconf.py
    parts = rel[: -len(".md")].split("/")
    if parts[0] == "pages":
        special = {"home": "index.html", "404": "404.html"}
        return special.get(parts[1], f"{parts[1]}/index.html")
    if parts[0] == "treatments" and parts[-1] == "index":
        return "/".join(parts[:-1]) + "/index.html"
    return "/".join(parts) + "/index.html"
