"""The theme with bad input, in a real Chromium: nothing pushes the page sideways.

A copy of the sample site gets a very long title and word, a treatment with ten
sections, a page without a summary, a wide Markdown table and a right-to-left
location name; every page stays within the screen at 320 and 1280 CSS px and
axe finds nothing.  Also: the keyboard order and the skip link.

A fictional clinic with every fact filled in (tests/fixtures/filled-clinic.toml)
at 320 and 375 CSS px, with normal and 200 % text: no page scrolls sideways, the
opening hours fit, a phone number never breaks and its button fits, and the
fixed call bar covers no part of what has keyboard focus.
"""

from __future__ import annotations

import itertools
import sys

import pytest

import kestrel
from browser import set_text_size
from conftest import ROOT, Project, copy_project
from filled_clinic import use_filled_clinic
from headers_server import serve_with_headers

sys.path.insert(0, str(ROOT))
from audit.axe import describe, run_axe
from audit.browser_checks import LAYOUT_JS

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosisdermabrasionwithextras"
LONG_TITLE = (
    "What to expect before, during and after a " + LONG_WORD + " session, and how "
    "long it takes for the redness, swelling and tenderness to settle down completely"
)
SECTIONS = [
    "benefits",
    "side-effects",
    "candidacy",
    "preparation",
    "aftercare",
    "results",
    "recovery",
    "cost",
    "alternatives",
]  # with the overview: ten
RTL_NAME = f"{kestrel.NAME} مركز العناية بالبشرة"  # a name in two directions
WIDE_TABLE = (
    "| " + " | ".join(f"Column heading {n}" for n in range(1, 13)) + " |\n"
    "|"
    + "---|" * 12
    + "\n"
    + "".join(
        "| " + " | ".join(f"value {r}.{c}" for c in range(1, 13)) + " |\n" for r in range(1, 4)
    )
)

PAGES = [
    "/",
    "/contact/",
    "/long/",
    "/no-summary/",
    "/wide-table/",
    "/treatments/laser-peel/",
    "/treatments/laser-peel/alternatives/",
]


def bad_input(project: Project) -> None:
    project.write(
        "content/pages/long.md",
        f"Title: {LONG_TITLE}\nSummary: A long title.\n\n"
        f"A paragraph with {LONG_WORD} in it and a long address: "
        f"https://www.example.org/{LONG_WORD}/{LONG_WORD}.\n",
    )
    project.write("content/pages/no-summary.md", "Title: No summary\n\nJust a paragraph.\n")
    project.write(
        "content/pages/wide-table.md",
        "Title: Prices\nSummary: A wide table.\n\nOur prices:\n\n" + WIDE_TABLE,
    )
    folder = "content/treatments/laser-peel"
    project.write(
        f"{folder}/index.md",
        "Title: Laser peel\nSummary: A laser peel renews the "
        "top layer of the skin.\nReviewed:\nSessions: 1 to 3\n\nA laser peel works.\n",
    )
    for slug in SECTIONS:
        label = slug.replace("-", " ")
        project.write(
            f"{folder}/{slug}.md",
            f"Title: Laser peel {label}\nSummary: The {label} "
            f"of a laser peel.\nReviewed:\n\nAbout the {label}.\n",
        )
    project.edit("content/clinic.toml", f'name = "{kestrel.LOCATION_NAME}"', f'name = "{RTL_NAME}"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("theme") / "site")
    bad_input(project)
    result = project.build()
    assert result.returncode == 0, result.output
    with serve_with_headers(result.out_dir) as base:
        yield base


def open_page(browser, url, width, height=740):
    page = browser.new_page(viewport={"width": width, "height": height})
    response = page.goto(url)
    assert response.status == 200, url
    return page


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_bad_input_never_scrolls_the_page_sideways_and_axe_finds_nothing(
    browser, site, path, width
):
    page = open_page(browser, site + path, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_wide_table_scrolls_inside_its_own_box(browser, site, width):
    page = open_page(browser, site + "/wide-table/", width)
    region = page.locator(".cl-prose .cl-table")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.locator("table").count() == 1
    box = region.evaluate("""t => ({right: t.getBoundingClientRect().right, scroll: t.scrollWidth,
                                    client: t.clientWidth, overflow: getComputedStyle(t).overflowX})""")
    assert box["right"] <= width and box["overflow"] == "auto"
    if width == 320:
        assert box["scroll"] > box["client"], "the table should be wider than the screen here"
        region.focus()  # keyboard users scroll it with the arrow keys
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
        assert region.evaluate("t => t.scrollLeft") > 0
    page.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_section_navigation_lists_all_ten_sections(browser, site, width):
    page = open_page(browser, site + "/treatments/laser-peel/results/", width)
    links = page.locator(".cl-sections a")
    assert links.count() == 10
    for index in range(10):
        assert links.nth(index).is_visible()
    assert page.locator('.cl-sections a[aria-current="page"]').inner_text() == "Results"
    page.close()


def test_long_title_and_word_wrap_inside_the_screen(browser, site):
    page = open_page(browser, site + "/long/", 320)
    heading = page.locator("h1").bounding_box()
    assert heading["x"] >= 0 and heading["x"] + heading["width"] <= 320
    assert heading["height"] > 100  # it wrapped onto several lines
    page.close()


def test_a_right_to_left_location_name_is_shown_whole(browser, site):
    page = open_page(browser, site + "/contact/", 320)
    assert RTL_NAME in page.locator("main").inner_text()
    assert RTL_NAME in page.locator("footer").inner_text()
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_first_tab_focuses_the_skip_link_and_enter_moves_focus_to_the_main_content(
    browser, site, width
):
    page = open_page(browser, site + "/treatments/laser-peel/", width)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "cl-skip-link"
    box = page.locator(".cl-skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0  # on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"
    page.keyboard.press("Tab")  # the next stop is inside the main content
    assert page.evaluate("!!document.activeElement.closest('main')")
    page.close()


@pytest.mark.parametrize("path", ["/treatments/laser-peel/results/", "/contact/", "/"])
def test_tab_order_follows_the_page_from_top_to_bottom_with_focus_always_visible(
    browser, site, path
):
    page = open_page(browser, site + path, 1280)
    assert (
        page.evaluate("document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"])').length") == 0
    )
    stops = []
    for _ in range(100):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
            return {top: r.top + scrollY, text: el.textContent.trim().slice(0, 30),
                    side: !!el.closest('.cl-columns__side'),
                    outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)}; }""")
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    assert [s["text"] for s in stops[:3]] == [
        "Skip to main content",
        kestrel.NAME,
        f"Call {kestrel.NATIONAL}",
    ]
    # Never jumps back up, within the page and within the column beside the
    # text (its sections, facts and call buttons come first on treatment pages,
    # as on a phone, where they are above the text; the home page's "Visit
    # us" box after the text beside it).
    for column in (True, False):
        order = [s for s in stops if s["side"] is column]
        for before, after in itertools.pairwise(order):
            assert after["top"] >= before["top"] - 2, (before, after)
    for stop in stops:
        assert stop["outline"] == "solid" and stop["width"] >= 2, stop
    page.close()


# A fictional clinic with every fact filled in (tests/fixtures/filled-clinic.toml):
# opening hours for every day, three locations with long names and street
# addresses, three phones.  At 320 and 375 CSS px, with normal and 200 % text
# (the root font size, as in the audit: browser.set_text_size).
FILLED_PAGES = [
    "/",
    "/contact/",
    "/treatments/microneedling/",
    "/treatments/microneedling/side-effects/",
    "/conditions/hyperpigmentation/",
    "/blog/treating-dark-spots/",
]
PHONE_WIDTHS = [320, 375]
TEXT_SIZES = [100, 200]


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("filled") / "site")
    use_filled_clinic(project.root)
    result = project.build()
    assert result.returncode == 0, result.output
    with serve_with_headers(result.out_dir) as base:
        yield base


def open_at_text_size(browser, url, width, text_size, height=740):
    page = open_page(browser, url, width, height)
    set_text_size(page, text_size)
    return page


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("path", FILLED_PAGES)
def test_with_every_fact_filled_in_no_page_scrolls_sideways(
    browser, filled_site, path, width, text_size
):
    page = open_at_text_size(browser, filled_site + path, width, text_size)
    assert page.evaluate(LAYOUT_JS) == [], (path, width, text_size)  # the audit's reflow check
    page.close()


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_the_opening_hours_of_every_location_fit_the_screen(browser, filled_site, width, text_size):
    page = open_at_text_size(browser, filled_site + "/contact/", width, text_size)
    hours = page.locator(".cl-hours")
    assert hours.count() == 3
    for index in range(3):
        box = hours.nth(
            index
        ).evaluate("""h => { const r = h.getBoundingClientRect();
            return {left: r.left, right: r.right, scroll: h.scrollWidth, client: h.clientWidth}; }""")
        assert box["left"] >= 0 and box["right"] <= width, (index, box)
        assert box["scroll"] <= box["client"], (index, box)  # nothing cut off or scrolled inside
    assert "Monday, Tuesday, Wednesday, Thursday, Friday" in hours.first.inner_text().replace(
        "\n", " "
    )
    page.close()


# Each call button: the number on one line, the button inside its container and
# the screen, the number inside the button, still at least 44 by 44.
CALL_BUTTONS_JS = """() => [...document.querySelectorAll('a.cl-call')].filter(a => a.offsetParent !== null)
  .map(a => { const n = a.querySelector('.cl-call__number'); const b = a.getBoundingClientRect();
    const r = n.getBoundingClientRect(); const rects = n.getClientRects().length;
    const box = a.parentElement.getBoundingClientRect(); const ps = getComputedStyle(a.parentElement);
    return {where: a.parentElement.className || a.parentElement.tagName, text: n.textContent,
      lines: Math.round(r.height / parseFloat(getComputedStyle(n).lineHeight)), rects,
      button: [b.left, b.right, b.width, b.height], number: [r.left, r.right],
      container: [box.left + parseFloat(ps.paddingLeft), box.right - parseFloat(ps.paddingRight)]}; })"""


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("path", ["/contact/", "/treatments/microneedling/"])
def test_a_phone_number_never_breaks_and_its_button_fits(
    browser, filled_site, path, width, text_size
):
    page = open_at_text_size(browser, filled_site + path, width, text_size)
    buttons = page.evaluate(CALL_BUTTONS_JS)
    assert len(buttons) >= 6  # header, three in the block or cards, three in the footer, bar
    for b in buttons:
        left, right, w, h = b["button"]
        assert b["lines"] == 1 and b["rects"] == 1, b
        assert w >= 44 and h >= 44, b
        assert left >= b["container"][0] - 0.5 and right <= b["container"][1] + 0.5, b
        assert right <= width, b
        assert b["number"][0] >= left - 0.5 and b["number"][1] <= right + 0.5, b
    page.close()


# Every element that can take focus, and the geometry of the fixed call bar and
# of the space the page keeps for it.
FOCUSED_JS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          inBar: !!el.closest('.cl-call-bar'), text: el.textContent.trim().slice(0, 40)}; }"""
BAR_JS = """() => { const bar = document.querySelector('.cl-call-bar'); const r = bar.getBoundingClientRect();
  return {fixed: getComputedStyle(bar).position === 'fixed', top: r.top, bottom: r.bottom,
          left: r.left, right: r.right, height: r.height,
          scrollPadding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom),
          footerPadding: parseFloat(getComputedStyle(document.querySelector('.cl-footer')).paddingBottom)}; }"""
FOCUSABLE_JS = """() => [...document.querySelectorAll(
  'a[href], summary, button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter(el => el.getClientRects().length > 0 && el.checkVisibility()).length"""
# checkVisibility: the links of a closed menu (<details>) have boxes but are hidden.


def intersects(a, b) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("path", ["/contact/", "/treatments/microneedling/side-effects/"])
def test_the_fixed_call_bar_covers_no_part_of_what_has_focus(
    browser, filled_site, path, width, text_size
):
    page = open_at_text_size(browser, filled_site + path, width, text_size)
    bar = page.evaluate(BAR_JS)
    if bar["fixed"]:
        # The page keeps at least the bar's real height free below what has focus
        # and below the footer, so the last line can scroll out from under it.
        assert bar["scrollPadding"] >= bar["height"], bar
        assert bar["footerPadding"] >= bar["height"], bar
        assert bar["height"] <= 0.15 * 740, bar  # one line: it leaves the page room
    stops = []
    for _ in range(page.evaluate(FOCUSABLE_JS) + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or (stops and focused == stops[0]):
            break
        stops.append(focused)
        bar = page.evaluate(BAR_JS)
        if bar["fixed"] and not focused["inBar"]:
            assert not intersects(focused, bar), (path, focused, bar)  # WCAG 2.4.12
        assert focused["top"] >= 0 and focused["bottom"] <= 740, (path, focused)
    assert len(stops) == page.evaluate(FOCUSABLE_JS)  # every one was reached
    page.close()
