"""The top photo as a phone downloads it: which size the browser picks, and its bytes.

A 375 CSS px wide phone at 3x device pixel ratio (most phones sold now) asks
for the ``srcset`` candidate nearest 1,125 device pixels for a column that
fills the screen: the heaviest download a visitor on a phone makes for a
treatment page.  Measured in Chromium, from the response it really got.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from browser import launch

PHONE = {"width": 375, "height": 740}
PHONE_DPR = 3
PHONE_PHOTO_BYTES = 120 * 1024  # the bar: the top photo on a phone
HERO = ".cl-hero img"


@dataclass
class PhonePhoto:
    url: str  # the candidate the browser chose (currentSrc)
    mime: str  # its Content-Type
    bytes: int  # the body of its response
    rendered: int  # CSS px wide, as laid out


def phone_photo(base: str, path: str) -> PhonePhoto | None:
    """The top photo of the page at ``base + path`` on the phone; None when it has none."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport=PHONE, device_scale_factor=PHONE_DPR)
        page = context.new_page()
        responses: dict[str, Any] = {}
        page.on("response", lambda r: responses.setdefault(r.url, r))
        page.goto(base + path, wait_until="load")
        hero = page.locator(HERO)
        if hero.count() == 0:
            browser.close()
            return None
        found = hero.first.evaluate(
            "img => ({src: img.currentSrc, rendered: img.getBoundingClientRect().width})"
        )
        response = responses.get(found["src"])
        if response is None:
            browser.close()
            raise RuntimeError(f"{path}: the top photo {found['src']} was never fetched")
        photo = PhonePhoto(
            url=found["src"],
            mime=response.headers.get("content-type", ""),
            bytes=len(response.body()),
            rendered=round(found["rendered"]),
        )
        browser.close()
    return photo
