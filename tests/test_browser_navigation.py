"""The header, the menu and the wide layout in a real Chromium, on a fictional clinic.

Clínica Solana (tests/fixture_clinics.py: booking, prices, a team, two
locations), here with a long name, a menu that names a prices page, and a
treatment section of long paragraphs.  On a 375 px phone the header (name,
menu, call and book buttons) takes at most 120 px; the menu works with the
keyboard and without JavaScript; every menu link leads to a page; at 1280 px
the page uses the screen's width while running text keeps 60 to 80
characters a line.
"""

from __future__ import annotations

import pytest

from browser import set_text_size
from conftest import copy_project
from fixture_clinics import TOML, write_clinic
from headers_server import serve_with_headers

LONG_NAME = "Clínica Dermatológica Solana de Testville Norte"
MENU = ["Treatments", "Prices", "Our team", "Locations", "Contact"]
PROSE = "\n\n".join(
    "Made-up text for a test, written to be long enough to fill many lines of the page "
    f"(paragraph {n}). Before a session, the fictional clinic asks you to stop using strong "
    "creams for a few days, to come without make-up, and to tell the team about any medicine "
    "you take. None of this describes a real treatment; it only gives the page its shape."
    for n in range(1, 4)
)
PAGES = ["/", "/treatments/peel/", "/team/alex-example/", "/locations/south/", "/prices/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("navigation") / "site")
    # the name as text, not the fixture's logo: the longest header a clinic can have
    toml = TOML.replace('name = "Clínica Solana"', f'name = "{LONG_NAME}"', 1)
    toml = toml.replace('logo = "images/brand/solana.svg"\n', "")
    toml += '\n[navigation]\nmenu = ["treatments", "prices", "team", "locations", "contact"]\n'
    write_clinic(project.root, toml=toml)
    project.write(
        "content/pages/prices.md",
        "Title: Prices\nSummary: What each treatment costs at a fictional clinic used in "
        f"tests, and what the price includes.\n\n{PROSE}\n",
    )
    project.write(
        "content/treatments/peel/preparation.md",
        "Title: Preparing for a fictional peel\nSummary: How to prepare for a made-up "
        f"treatment at a fictional clinic used in tests.\nReviewed: 2026-10-01\n\n{PROSE}\n",
    )
    result = project.build()
    assert result.returncode == 0, result.output
    with serve_with_headers(result.out_dir) as base:
        yield base


@pytest.fixture
def no_script(browser):
    """Pages in a context with JavaScript turned off, as some visitors have it."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    yield context
    context.close()


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


HEADER_PARTS = [".cl-header__name", ".cl-menu__button", ".cl-header__call", ".cl-header__book"]


@pytest.mark.parametrize("path", PAGES)
def test_on_a_375px_phone_the_header_takes_at_most_120px(browser, site, path):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(site + path)
    header = box(page, ".cl-header")
    assert header["height"] <= 120, (path, header)
    parts = [box(page, part) for part in HEADER_PARTS]
    for part, found in zip(HEADER_PARTS, parts, strict=True):
        assert found["x"] >= 0 and found["x"] + found["width"] <= 375, (part, found)
        assert found["height"] >= 44 or part == ".cl-header__name", (part, found)
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            assert not overlap(a, b), (a, b)
    # the whole long name is shown, not cut off
    name = page.locator(".cl-header__name")
    assert name.inner_text().replace("\n", " ") == LONG_NAME
    assert name.evaluate("n => n.scrollWidth <= n.clientWidth && n.scrollHeight <= n.clientHeight")
    # the first words of the page are on the first screen
    assert box(page, "main h1")["y"] < 200
    page.close()


# A name of one long word, which cannot wrap between words, set in place of
# the long one: the header is the same markup with another clinic's name.
ONE_WORD = "document.querySelector('.cl-header__name').textContent = 'Dermatológica'"


@pytest.mark.parametrize("one_word", [False, True], ids=["long name", "one-word name"])
@pytest.mark.parametrize("width", [320, 375])
def test_with_200_percent_text_the_header_parts_and_the_open_menu_stay_apart(
    browser, site, width, one_word
):
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(site + "/treatments/peel/")
    if one_word:
        page.evaluate(ONE_WORD)
    set_text_size(page, 200)
    # closed, then open: the call button never slides under the menu button
    for step in ("closed", "open"):
        if step == "open":
            page.locator(".cl-menu__button").click()
        parts = HEADER_PARTS + ([".cl-menu__list"] if step == "open" else [])
        boxes = [box(page, part) for part in parts]
        for i, a in enumerate(boxes):
            assert a["x"] >= 0 and a["x"] + a["width"] <= width + 0.5, (step, parts[i], a)
            for j, b in enumerate(boxes[i + 1 :], start=i + 1):
                assert not overlap(a, b), (step, parts[i], parts[j])
        # the name stays inside its own box: no word runs under the button
        name = page.locator(".cl-header__name")
        assert name.evaluate("n => n.scrollWidth <= n.clientWidth"), step
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


FOCUS_JS = """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: el.textContent.trim().replace(/\\s+/g, ' '),
          top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
          open: !!(el.closest('details') && el.closest('details').open)}; }"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_JS)


def test_the_phone_menu_opens_and_is_walked_with_the_keyboard_without_javascript(no_script, site):
    page = no_script.new_page()
    page.goto(site + "/treatments/peel/")
    assert not page.locator(".cl-menu__list").is_visible()  # closed at first
    assert [tab(page)["text"] for _ in range(2)] == ["Skip to main content", LONG_NAME]
    button = tab(page)
    assert (button["tag"], button["text"], button["open"]) == ("summary", "Menu", False)
    assert button["outline"] == "solid" and button["width"] >= 2
    # closed, the menu's links are not in the way: the next stop is the call button
    assert tab(page)["text"].startswith("Call")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUS_JS)["open"]
    seen = []
    for _ in MENU:
        stop = tab(page)
        assert stop["tag"] == "a" and stop["outline"] == "solid" and stop["width"] >= 2, stop
        assert stop["top"] >= 0 and stop["bottom"] <= 740 and stop["right"] <= 375, stop
        seen.append(stop["text"])
    assert seen == MENU
    # after the menu, the call and book buttons, below it: nothing was covered
    after = tab(page)
    assert (
        after["text"].startswith("Call")
        and after["top"] >= box(page, ".cl-menu__list")["y"] + box(page, ".cl-menu__list")["height"]
    )
    # the button closes it again, with the keyboard
    page.locator(".cl-menu__button").focus()
    page.keyboard.press("Enter")
    assert not page.locator(".cl-menu__list").is_visible()
    page.close()


def test_the_menu_button_says_it_opens_a_menu_and_whether_it_is_open(browser, site):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(site + "/")
    summary = page.get_by_role("group").get_by_text("Menu")
    assert summary.count() == 1
    nav = page.get_by_role("navigation", name="Main")
    assert nav.count() == 0  # hidden with its list until opened
    page.locator(".cl-menu__button").click()
    assert page.get_by_role("navigation", name="Main").count() == 1
    assert page.get_by_role("navigation", name="Main").get_by_role("link").all_inner_texts() == MENU
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_menu_link_leads_to_a_page_of_that_name(browser, site, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(site + "/")
    if width == 375:
        page.locator(".cl-menu__button").click()
    nav = page.get_by_role("navigation", name="Main")
    assert nav.count() == 1  # only one menu at a time, for screen readers too
    links = nav.get_by_role("link")
    assert links.all_inner_texts() == MENU
    for index, label in enumerate(MENU):
        href = links.nth(index).get_attribute("href")
        response = page.request.get(href if href.startswith("http") else site + href)
        assert response.status == 200, href
        heading = response.text().split("<h1", 1)[1].split("</h1>", 1)[0]
        assert label.split()[-1].lower() in heading.lower() or label == "Contact", (label, heading)
    page.close()


def test_on_a_wide_screen_the_menu_is_a_row_reached_after_the_call_and_book_buttons(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + "/treatments/peel/")
    assert not page.locator(".cl-menu").is_visible()
    stops = [tab(page) for _ in range(3 + 2 + len(MENU))]
    texts = [s["text"] for s in stops]
    assert texts[:2] == ["Skip to main content", LONG_NAME]
    assert texts[2].startswith("Call") and texts[3].startswith("Book online")
    assert texts[4:9] == MENU
    row = [s["top"] for s in stops[4:9]]
    assert max(row) - min(row) < 2  # one row
    assert all(s["outline"] == "solid" and s["width"] >= 2 for s in stops), stops
    header = box(page, ".cl-header")
    assert header["height"] <= 130, header
    page.close()


# Characters on each full line (all but a paragraph's last) of the page's long
# paragraphs, from where the browser put each character.
LINE_LENGTHS_JS = """() => { const counts = [];
  for (const p of document.querySelectorAll('main .cl-prose p')) {
    if (p.textContent.length < 300) continue;
    const lines = new Map(); const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect(); if (!rect.height) continue;
        const top = Math.round(rect.top); lines.set(top, (lines.get(top) || 0) + 1);
      } }
    counts.push(...[...lines.values()].slice(0, -1));
  }
  return counts; }"""


@pytest.mark.parametrize("path", ["/treatments/peel/preparation/", "/prices/"])
def test_at_1280px_the_page_uses_the_width_and_prose_keeps_60_to_80_characters_a_line(
    browser, site, path
):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + path)
    lengths = page.evaluate(LINE_LENGTHS_JS)
    assert len(lengths) >= 6, lengths
    assert all(60 <= n <= 81 for n in lengths), lengths  # 81: the space at a line's end
    prose = box(page, "main .cl-prose")
    if path.startswith("/treatments/"):
        # the sections, the facts and the call prompt beside the text
        side = box(page, ".cl-columns__side")
        assert side["x"] >= prose["x"] + prose["width"], (side, prose)
        assert side["y"] < prose["y"] + 200  # beside it, not below
        used = side["x"] + side["width"] - prose["x"]
        assert used >= 1000, used
        assert page.locator(".cl-call-block--side").is_visible()
        assert not page.locator(".cl-call-block--end").is_visible()
    page.close()


def test_at_1280px_the_home_page_leads_with_what_the_clinic_does_the_actions_and_a_picture(
    browser, site
):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + "/")
    title, picture = box(page, ".cl-intro h1"), box(page, ".cl-intro__picture img")
    assert picture["x"] >= title["x"] + title["width"]  # beside the text
    for action in (".cl-intro__actions .cl-call", ".cl-intro__actions .cl-book"):
        found = box(page, action)
        assert found["y"] + found["height"] <= 800, action  # on the first screen
    cards = page.locator("#home-treatments ~ .cl-cards__list .cl-card")
    tops = {round(cards.nth(i).bounding_box()["y"]) for i in range(cards.count())}
    assert cards.count() == 3 and len(tops) == 1  # three across
    page.close()


def test_at_1280px_with_200_percent_text_the_column_beside_the_text_moves_above_it(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site + "/treatments/peel/preparation/")
    set_text_size(page, 200)
    side, prose = box(page, ".cl-columns__side"), box(page, "main .cl-prose")
    assert side["y"] + side["height"] <= prose["y"]  # one column: room for large text
    assert page.evaluate(LINE_LENGTHS_JS) and all(n <= 81 for n in page.evaluate(LINE_LENGTHS_JS))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.close()
