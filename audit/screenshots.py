"""Full-page screenshots of every page type, for people to look at: docs/screenshots/.

    .venv/bin/python -m audit.screenshots            # the sample and the fictional clinic
    .venv/bin/python -m audit.screenshots sample     # only one of them
    .venv/bin/python -m audit.screenshots fixture

375 and 1280 CSS px in the light scheme, 375 px in the dark one, a phone's
header with its menu open, and a treatment page as printed.  The sample's
files are named by page type (``home-375.png``); the fictional clinic's
(tests/fixture_clinics.py: Clínica Solana, with booking, prices, a team and
two locations) start with ``fixture-``.  Long pages are cut to their first
three screens to keep the PNGs small.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import tools  # first: puts tests/ (browser, headers_server) on the path
from .site import PAGE_TYPES, served_site

ROOT = tools.ROOT

OUT = ROOT / "docs" / "screenshots"
HEIGHT = {375: 740, 1280: 800}
SCREENS = 3

# The fictional clinic's page types.
FIXTURE_PAGE_TYPES = {
    "home": "/",
    "treatment-overview": "/treatments/peel/",
    "treatment-section": "/treatments/peel/side-effects/",
    "treatment-results": "/treatments/peel/results/",
    "treatments-list": "/treatments/",
    "prices": "/prices/",
    "team": "/team/",
    "person": "/team/alex-example/",
    "locations": "/locations/",
    "location": "/locations/north/",
    "contact": "/contact/",
}
DARK = ("home", "treatment-overview", "contact")

# A page of prices and a menu that names it: what a clinic adds beyond the
# sections (made up, as the rest of the fictional clinic).
FIXTURE_PRICES = """Title: Prices
Summary: What each treatment costs at the fictional clinic used in tests, and what it includes.

Every price is made up for a test.

| Treatment | Price |
|---|---|
| Fictional peel | from $150 per session |
| Fictional laser | $200 to $600 per area |
"""
FIXTURE_MENU = '\n[navigation]\nmenu = ["treatments", "prices", "team", "locations", "contact"]\n'


def fixture_project(root: Path) -> Path:
    """A copy of the project with the fictional clinic, a prices page and a menu."""
    from conftest import copy_project  # tests/: the same copy the tests build
    from fixture_clinics import TOML, write_clinic

    project = copy_project(root)
    write_clinic(project.root, toml=TOML + FIXTURE_MENU)
    (project.root / "content" / "pages" / "prices.md").write_text(FIXTURE_PRICES, encoding="utf-8")
    return project.root


def shoot(page, path: Path, width: int) -> None:
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENS * HEIGHT[width])
    page.screenshot(
        path=str(path),
        type="png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


def shoot_site(browser, base: str, page_types: dict[str, str], prefix: str) -> None:
    views = [(375, "light", ""), (1280, "light", ""), (375, "dark", "-dark")]
    for width, scheme, suffix in views:
        context = browser.new_context(
            viewport={"width": width, "height": HEIGHT[width]}, color_scheme=scheme
        )
        page = context.new_page()
        for kind, path in page_types.items():
            if suffix and kind not in DARK:
                continue
            page.goto(base + path)
            shoot(page, OUT / f"{prefix}{kind}-{width}{suffix}.png", width)
        if width == 375 and not suffix and page.locator(".cl-menu").count():
            page.goto(base + page_types["treatment-overview"])
            page.locator(".cl-menu__button").click()
            page.screenshot(path=str(OUT / f"{prefix}menu-open-375.png"), type="png")
        context.close()
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    page.goto(base + page_types["treatment-overview"])
    page.emulate_media(media="print")
    page.screenshot(
        path=str(OUT / f"{prefix}treatment-overview-print.png"), type="png", full_page=True
    )
    page.close()


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from browser import launch

    which = argv or ["sample", "fixture"]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clinic-shots-") as tmp, sync_playwright() as pw:
        browser = launch(pw)
        if "sample" in which:
            (Path(tmp) / "sample").mkdir()
            with served_site(Path(tmp) / "sample") as site:
                shoot_site(browser, site.base, PAGE_TYPES, "")
        if "fixture" in which:
            project = fixture_project(Path(tmp) / "fixture-project")
            (Path(tmp) / "fixture").mkdir()
            with served_site(Path(tmp) / "fixture", project) as site:
                shoot_site(browser, site.base, FIXTURE_PAGE_TYPES, "fixture-")
        browser.close()
    print(f"Screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
