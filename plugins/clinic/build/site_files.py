"""Write the files that sit beside the pages: assets, icons, host configuration.

The step between a finished ``Build`` and the pure builders in
``publishing.hosting`` and ``rules.redirects``; it returns the problems it finds.
"""

from __future__ import annotations

import datetime as dt
import os

from ..model.content import Content
from ..model.problems import Problem
from ..model.reviews import last_changed
from ..publishing.hosting import (
    headers_file,
    html_patterns,
    redirects_file,
    robots_txt,
    sitemap_xml,
)
from ..rules.redirects import redirect_rules
from .session import Build


def write_site_files(output_dir: str, build: Build) -> list[Problem]:
    """Assets, icons, redirects, headers, sitemap and robots; returns the problems found."""
    build.assets.write(output_dir)
    _write(output_dir, "favicon.ico", build.brand.favicon_ico)
    published = [e for e in build.entries if getattr(e.page, "status", "published") == "published"]
    rules, problems = redirect_rules(
        [(e.source, e.page.url, e.page.metadata.get("redirect-from")) for e in published],
        build.sources.locate,
        published=["/blog/", *("/" + static.url for static in build.static_files)],
    )
    # each language's own 404 page for addresses under its folder (the host's
    # rule; the default language's 404.html is every host's default)
    not_found = [
        (f"/{e.page.url.rsplit('/', 1)[0]}/*", f"/{e.page.url}")
        for e in published
        if e.route.kind == "not-found" and e.route.language
    ]
    _write(output_dir, "_redirects", redirects_file(rules, not_found).encode())
    urls = [e.page.url for e in published] + ["blog/"]
    _write(output_dir, "_headers", headers_file(html_patterns(urls)).encode())
    if build.site_url:
        pages = [
            (f"{build.site_url}/{e.page.url}", _lastmod(e.page))
            for e in published
            if e.route.kind != "not-found"
        ]
        pages.append((f"{build.site_url}/blog/", ""))
        alternates = {
            f"{build.site_url}/{e.page.url}": [
                (a.language, f"{build.site_url}/{a.url}") for a in e.page.alternates
            ]
            for e in published
            if getattr(e.page, "alternates", None) and e.route.kind != "not-found"
        }
        _write(output_dir, "sitemap.xml", sitemap_xml(sorted(pages), alternates).encode())
        _write(output_dir, "robots.txt", robots_txt(build.site_url).encode())
    return problems


def _lastmod(page: Content) -> str:
    changed = last_changed(page)
    if isinstance(changed, dt.datetime):
        changed = changed.date()
    return changed.isoformat() if changed else ""


def _write(output_dir: str, name: str, data: bytes) -> None:
    with open(os.path.join(output_dir, name), "wb") as handle:
        handle.write(data)
