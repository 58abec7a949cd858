"""Build a site (the sample, or the filled fictional clinic) with its real address, serve it,
and list its pages."""

from __future__ import annotations

import contextlib
import filecmp
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from headers_server import serve_with_headers

from .tools import ROOT

# One page of each type: what Lighthouse and the page-weight report look at.
PAGE_TYPES = {
    "home": "/",
    "treatment-overview": "/treatments/microneedling/",
    "treatment-section": "/treatments/microneedling/side-effects/",
    "treatment-results": "/treatments/microneedling/results/",
    "condition": "/conditions/hyperpigmentation/",
    "contact": "/contact/",
    "blog-post": "/blog/treating-dark-spots/",
    "blog-index": "/blog/",
    "page": "/privacy/",
    "404": "/404.html",
    "treatments-list": "/treatments/",
    # the Spanish versions: the translated home and treatment pages
    "home-es": "/es/",
    "treatment-overview-es": "/es/treatments/microneedling/",
}


@dataclass
class Site:
    base: str  # http://127.0.0.1:PORT
    folder: Path  # the built site

    def pages(self) -> list[str]:
        """Every HTML page, as URL paths (/treatments/microneedling/, /404.html)."""
        paths = []
        for file in sorted(self.folder.rglob("*.html")):
            rel = file.relative_to(self.folder).as_posix()
            paths.append(
                "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel
            )
        return paths

    def file(self, path: str) -> Path:
        rel = path.lstrip("/")
        return self.folder / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def build(folder: Path, site_url: str, project: Path = ROOT) -> None:
    """The development build (content problems are warnings) with SITEURL set,
    so canonical links, sharing tags, robots.txt and the sitemap are there."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        str(folder),
        "-e",
        f'SITEURL="{site_url}"',
    ]
    done = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, COLUMNS="200"),
        timeout=300,
    )
    if done.returncode != 0:
        raise SystemExit(f"The build failed:\n{done.stdout}{done.stderr}")


@contextlib.contextmanager
def served_site(workdir: Path, project: Path = ROOT):
    """Build ``project``, serve on 127.0.0.1 with the site's _headers, rebuild with that address.

    The test server picks a free port when it starts and reads _headers then,
    so the site is built once to start it and again with the address it got.
    _headers does not depend on the address; the second build must not change it.
    """
    folder = workdir / "site"
    build(folder, "", project)
    first_headers = workdir / "_headers.first"
    first_headers.write_bytes((folder / "_headers").read_bytes())
    with serve_with_headers(folder) as base:
        build(folder, base, project)
        if not filecmp.cmp(first_headers, folder / "_headers", shallow=False):
            raise SystemExit("_headers changed between the two builds")
        yield Site(base, folder)
