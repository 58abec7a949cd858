"""The main menu ([navigation] menu in clinic.toml) on a fictional clinic, built for real.

Clínica Solana (tests/fixture_clinics.py) has treatments, a team, two
locations and booking; these tests add a prices page and write menus that
name it, name nothing, or are missing.  What is checked is what staff and
visitors see: the build's messages (file, line, fix) and the menu's links in
the written pages.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import Result, copy_project
from fixture_clinics import TOML, write_clinic

PRICES = (
    "Title: Prices\nSummary: What each treatment costs at a fictional clinic used in tests, "
    "and what the price includes.\n\nEvery price here is made up for a test.\n"
)


def build(tmp_path, menu: str | None, prices: bool = True) -> Result:
    project = copy_project(tmp_path / "site")
    toml = TOML if menu is None else TOML + "\n[navigation]\n" + menu + "\n"
    write_clinic(project.root, toml=toml)
    if prices:
        project.write("content/pages/prices.md", PRICES)
    return project.build()


def menu_of(result: Result, url: str = "/") -> list[tuple[str, str]]:
    soup = BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")
    menus = [
        [(a.get_text(strip=True), str(a["href"])) for a in nav.select("a")]
        for nav in soup.select("header nav")
    ]
    # the phone's disclosure and the wide screen's row list the same links
    assert len(menus) == 2 and menus[0] == menus[1], menus
    return menus[0]


def toml_line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_menu_lists_what_clinic_toml_names_in_that_order(tmp_path):
    result = build(tmp_path, 'menu = ["prices", "team", "treatments", "contact"]')
    assert result.returncode == 0, result.output
    assert menu_of(result) == [
        ("Prices", "/prices/"),
        ("Our team", "/team/"),
        ("Treatments", "/treatments/"),
        ("Contact", "/contact/"),
    ]
    # the same menu on every page, each link to a page the build wrote
    assert menu_of(result, "/treatments/peel/side-effects/") == menu_of(result)
    for _, href in menu_of(result):
        assert result.page(href).is_file(), href


def current_links(result: Result, url: str) -> list[tuple[str, str]]:
    """The header's links marked as the page being read, with what they say."""
    soup = BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")
    return [
        (str(a["aria-current"]), str(a["href"]))
        for a in soup.select("header a")
        if a.has_attr("aria-current")
    ]


def test_the_menu_marks_the_page_being_read_and_no_other(tmp_path):
    result = build(tmp_path, 'menu = ["prices", "team", "treatments", "contact"]')
    assert result.returncode == 0, result.output
    for _, href in menu_of(result):
        # in the phone's menu and in the row of links, that link alone
        assert current_links(result, href) == [("page", href), ("page", href)], href
    # a page the menu does not name (a treatment's section, the home page)
    # marks nothing; the footer's links are never marked
    assert current_links(result, "/treatments/peel/side-effects/") == []
    assert current_links(result, "/") == []
    footer = BeautifulSoup(result.page("/contact/").read_text(encoding="utf-8"), "html.parser")
    assert footer.select("footer a[aria-current]") == []


def test_without_a_menu_the_default_lists_the_sections_the_site_has(tmp_path):
    result = build(tmp_path, None)
    assert result.returncode == 0, result.output
    # no blog posts: no Blog; a plain page (prices) only when named
    assert [label for label, _ in menu_of(result)] == [
        "Treatments",
        "Skin conditions",
        "Our team",
        "Locations",
        "Contact",
    ]
    assert "navigation" not in result.output


def test_a_name_that_points_to_nothing_is_reported_with_its_line_and_the_names_to_use(
    tmp_path,
):
    menu = 'menu = [\n  "treatments",\n  "pricing",\n  "contact",\n]'
    result = build(tmp_path, menu)
    assert result.returncode == 0, result.output  # development builds still build
    line = toml_line(TOML + "\n[navigation]\n" + menu, '"pricing"')
    message = re.search(rf"content/clinic\.toml:{line}: [^\n]*pricing[^\n]*", result.output)
    assert message, result.output
    text = message.group(0)
    assert "neither a section nor a page" in text
    for name in ("treatments", "team", "locations", "contact", "prices"):
        assert f'"{name}"' in text, text  # the names it could have used
    assert "content/pages/pricing.md" in text
    # the rest of the menu is still there
    assert [label for label, _ in menu_of(result)] == ["Treatments", "Contact"]


def test_a_section_the_site_does_not_have_says_which_file_would_add_it(tmp_path):
    result = build(tmp_path, 'menu = ["treatments", "blog", "home", "team"]', prices=False)
    assert [label for label, _ in menu_of(result)] == ["Treatments", "Blog", "Home", "Our team"]
    assert "navigation" not in result.output  # the blog and home always exist

    project = copy_project(tmp_path / "no-conditions")
    write_clinic(project.root, toml=TOML + '\n[navigation]\nmenu = ["conditions"]\n')
    (project.root / "content" / "pages" / "conditions.md").unlink()
    result = project.build()
    line = toml_line(TOML, "") and len((TOML + "\n[navigation]\n").splitlines()) + 1
    assert (
        f'content/clinic.toml:{line}: "navigation.menu" names "conditions", but the site has '
        "no conditions page. Add content/pages/conditions.md, or remove the name"
    ) in result.output, result.output


@pytest.mark.parametrize(
    ("menu", "needle", "expected"),
    [
        (
            'menu = "treatments"',
            "menu =",
            '"navigation.menu" is "treatments" (text), but it must be a list of names',
        ),
        (
            'menu = ["team",\n  3]',
            "  3]",
            '"navigation.menu" contains 3 (a number), which is not a name',
        ),
        (
            'menu = ["team",\n  "contact",\n  "team"]',
            '  "team"]',
            '"navigation.menu" names "team" twice',
        ),
        ('menus = ["team"]', "menus", '"navigation.menus" is not a setting the site knows'),
    ],
)
def test_a_menu_written_wrongly_is_reported_on_its_line(tmp_path, menu, needle, expected):
    result = build(tmp_path, menu, prices=False)
    assert result.returncode == 0, result.output
    text = TOML + "\n[navigation]\n" + menu
    # the duplicate is reported where it is written the second time
    line = max(n for n, row in enumerate(text.splitlines(), 1) if needle in row)
    assert f"content/clinic.toml:{line}: {expected}" in result.output, result.output


def test_publish_refuses_a_menu_that_names_nothing(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root, toml=TOML + '\n[navigation]\nmenu = ["treatments", "pricing"]\n')
    result = project.publish()
    assert result.returncode != 0
    assert '"navigation.menu" names "pricing"' in result.output
