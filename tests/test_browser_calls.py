"""Call links in a real Chromium: big enough to tap, never hiding what has focus."""

from __future__ import annotations

import pytest

import kestrel
from headers_server import serve_with_headers

PAGES = [
    "/",
    "/treatments/microneedling/side-effects/",
    "/contact/",
    "/conditions/hyperpigmentation/",
    "/blog/treating-dark-spots/",
]


@pytest.fixture(scope="module")
def site(sample_site):
    with serve_with_headers(sample_site.out_dir) as base:
        yield base


def open_page(browser, url, width, height=740, status=200):
    """The page at ``url``, after checking the server's answer: the 404 page has call
    links too, so without this a deleted page would pass every test here."""
    page = browser.new_page(viewport={"width": width, "height": height})
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    return page


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("path", PAGES)
def test_call_buttons_are_at_least_44_by_44_and_inside_the_screen(browser, site, path, width):
    page = open_page(browser, site + path, width)
    # the ones shown at this width (the copy beside the text is for wide screens)
    buttons = page.locator("a.cl-call:visible")
    assert buttons.count() >= 3  # header, footer, bar (and blocks on some pages)
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (path, index, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (path, index, box)
        assert buttons.nth(index).get_attribute("href") == kestrel.TEL
    page.close()


def test_a_missing_page_is_a_404_that_still_offers_the_call_button(browser, site):
    page = open_page(browser, site + "/treatments/no-such-treatment/", 375, status=404)
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator(".cl-call-bar a.cl-call").get_attribute("href") == kestrel.TEL
    page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_no_horizontal_scrolling(browser, site, width):
    for path in PAGES:
        page = open_page(browser, site + path, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.close()


def test_call_bar_is_fixed_on_phones_and_hidden_on_wide_screens(browser, site):
    page = open_page(browser, site + "/treatments/microneedling/", 375)
    bar = page.locator(".cl-call-bar")
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(740, abs=1)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(100)
    assert bar.bounding_box()["y"] == pytest.approx(box["y"], abs=1)
    assert (
        bar.locator("a").get_attribute("aria-label") == f"Call {kestrel.NATIONAL}, {kestrel.NAME}"
    )
    wide = open_page(browser, site + "/treatments/microneedling/", 1280)
    assert not wide.locator(".cl-call-bar").is_visible()
    page.close()
    wide.close()


@pytest.mark.parametrize(
    "path",
    ["/treatments/microneedling/side-effects/", "/conditions/hyperpigmentation/", "/contact/"],
)
def test_the_fixed_bar_never_covers_the_focused_element_while_tabbing(browser, site, path):
    page = open_page(browser, site + path, 375, height=600)
    bar = page.locator(".cl-call-bar").bounding_box()
    seen = 0
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, inBar: !!el.closest('.cl-call-bar'),
                    text: el.textContent.trim().slice(0, 40)};
        }""")
        if focused is None:
            break
        seen += 1
        if focused["inBar"]:
            continue
        assert focused["bottom"] <= bar["y"] + 0.5, (path, focused, bar)
        assert focused["top"] >= 0, (path, focused)
    assert seen > 10


def test_focus_is_visible_on_call_links(browser, site):
    page = open_page(browser, site + "/contact/", 375)
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # clinic name
    page.keyboard.press("Tab")  # the menu button
    page.keyboard.press("Tab")  # header call button
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.getAttribute('href')") == kestrel.TEL
    assert outline == "solid"
