"""The theme with bad input, in a real Chromium: nothing pushes the page sideways.

A copy of the sample site gets a very long title and word, a treatment with ten
sections, a page without a summary, a wide Markdown table and a right-to-left
location name; every page stays within the screen at 320 and 1280 CSS px and
axe finds nothing.  Also: the keyboard order and the skip link.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, Project, copy_project
from headers_server import serve_with_headers

sys.path.insert(0, str(ROOT))
from audit.axe import describe, run_axe  # noqa: E402  (axe-core from node_modules, npm ci when missing)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosisdermabrasionwithextras"
LONG_TITLE = ("What to expect before, during and after a " + LONG_WORD + " session, and how "
              "long it takes for the redness, swelling and tenderness to settle down completely")
SECTIONS = ["benefits", "side-effects", "candidacy", "preparation", "aftercare", "results",
            "recovery", "cost", "alternatives"]  # with the overview: ten
RTL_NAME = "DermaClinic مركز العناية بالبشرة"
WIDE_TABLE = ("| " + " | ".join(f"Column heading {n}" for n in range(1, 13)) + " |\n"
              "|" + "---|" * 12 + "\n"
              + "".join("| " + " | ".join(f"value {r}.{c}" for c in range(1, 13)) + " |\n"
                        for r in range(1, 4)))

PAGES = ["/", "/contact/", "/long/", "/no-summary/", "/wide-table/",
         "/treatments/laser-peel/", "/treatments/laser-peel/alternatives/"]


def bad_input(project: Project) -> None:
    project.write("content/pages/long.md", f"Title: {LONG_TITLE}\nSummary: A long title.\n\n"
                  f"A paragraph with {LONG_WORD} in it and a long address: "
                  f"https://www.example.org/{LONG_WORD}/{LONG_WORD}.\n")
    project.write("content/pages/no-summary.md", "Title: No summary\n\nJust a paragraph.\n")
    project.write("content/pages/wide-table.md", "Title: Prices\nSummary: A wide table.\n\n"
                  "Our prices:\n\n" + WIDE_TABLE)
    folder = "content/treatments/laser-peel"
    project.write(f"{folder}/index.md", "Title: Laser peel\nSummary: A laser peel renews the "
                  "top layer of the skin.\nReviewed:\nSessions: 1 to 3\n\nA laser peel works.\n")
    for slug in SECTIONS:
        label = slug.replace("-", " ")
        project.write(f"{folder}/{slug}.md", f"Title: Laser peel {label}\nSummary: The {label} "
                      f"of a laser peel.\nReviewed:\n\nAbout the {label}.\n")
    project.edit("content/clinic.toml", 'name = "DermaClinic Coral Gables"', f'name = "{RTL_NAME}"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("theme") / "site")
    bad_input(project)
    result = project.build()
    assert result.returncode == 0, result.output
    with serve_with_headers(result.out_dir) as base:
        yield base


def open_page(browser, url, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    response = page.goto(url)
    assert response.status == 200, url
    return page


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_bad_input_never_scrolls_the_page_sideways_and_axe_finds_nothing(browser, site, path, width):
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
def test_first_tab_focuses_the_skip_link_and_enter_moves_focus_to_the_main_content(browser, site, width):
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
def test_tab_order_follows_the_page_from_top_to_bottom_with_focus_always_visible(browser, site, path):
    page = open_page(browser, site + path, 1280)
    assert page.evaluate("document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"])').length") == 0
    stops = []
    for _ in range(100):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const el = document.activeElement;
            if (!el || el === document.body) return null;
            const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
            return {top: r.top + scrollY, text: el.textContent.trim().slice(0, 30),
                    outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)}; }""")
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    assert [s["text"] for s in stops[:3]] == ["Skip to main content", "DermaClinic",
                                              "Call (786) 210-4234"]
    for before, after in zip(stops, stops[1:]):
        assert after["top"] >= before["top"] - 2, (before, after)  # never jumps back up
    for stop in stops:
        assert stop["outline"] == "solid" and stop["width"] >= 2, stop
    page.close()
