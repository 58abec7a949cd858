"""Full-page screenshots of every page type, for people to look at: docs/screenshots/.

    .venv/bin/python -m audit.screenshots

375 and 1280 CSS px in the light scheme, 375 px in the dark one, and a treatment
page as printed.  Long pages are cut to their first three screens to keep the
PNGs small.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browser import launch

from .site import PAGE_TYPES, served_site
from .tools import ROOT

OUT = ROOT / "docs" / "screenshots"
HEIGHT = {375: 740, 1280: 800}
SCREENS = 3


def shoot(page, path: Path, width: int) -> None:
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENS * HEIGHT[width])
    page.screenshot(
        path=str(path),
        type="png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="clinic-shots-") as tmp,
        served_site(Path(tmp)) as site,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        views = [(375, "light", ""), (1280, "light", ""), (375, "dark", "-dark")]
        for width, scheme, suffix in views:
            context = browser.new_context(
                viewport={"width": width, "height": HEIGHT[width]}, color_scheme=scheme
            )
            page = context.new_page()
            for kind, path in PAGE_TYPES.items():
                if suffix and kind not in ("home", "treatment-overview", "contact"):
                    continue
                page.goto(site.base + path)
                shoot(page, OUT / f"{kind}-{width}{suffix}.png", width)
            context.close()
        page = browser.new_page(viewport={"width": 800, "height": 1100})
        page.goto(site.base + PAGE_TYPES["treatment-overview"])
        page.emulate_media(media="print")
        page.screenshot(path=str(OUT / "treatment-overview-print.png"), type="png", full_page=True)
        browser.close()
    print(f"Screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
