"""Two languages on one site, end to end, on a fictional two-language clinic.

Every alternate link (head, header switcher, sitemap, structured data) is
walked on the built site: it must lead to a page that exists, in the language
it says, and that page must link back.  The words are checked against
theme/strings.toml and the fixture's own clinic.toml, never the sample's.
"""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bilingual_clinic import BILINGUAL_TOML, SPANISH, write_bilingual_clinic
from conftest import ROOT, copy_project, run_pelican
from fixture_clinics import SITE

STRINGS = tomllib.loads((ROOT / "theme/strings.toml").read_text(encoding="utf-8"))
CLINIC = tomllib.loads(BILINGUAL_TOML)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The strict publish build of the two-language clinic, at SITE."""
    project = copy_project(tmp_path_factory.mktemp("bilingual") / "site")
    write_bilingual_clinic(project.root)
    result = run_pelican(project.root, project.root / "output", "publishconf.py", {"SITEURL": SITE})
    assert result.returncode == 0, result.output
    return result.out_dir


def pages(out: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site by its absolute address."""
    found = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        url = rel.removesuffix("index.html")
        found[f"{SITE}/{url}"] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return found


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {
        str(link["hreflang"]): str(link["href"])
        for link in page.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def graph(page: BeautifulSoup) -> list[dict]:
    script = page.find("script", type="application/ld+json")
    return json.loads(script.string or "{}")["@graph"] if script else []


def webpage(page: BeautifulSoup) -> dict:
    return next(n for n in graph(page) if str(n.get("@id", "")).endswith("#webpage"))


def test_every_alternate_exists_is_in_its_language_and_links_back(site):
    site_pages = pages(site)
    translated = 0
    for url, page in site_pages.items():
        links = alternates(page)
        if not links:
            continue
        translated += 1
        # every language, then x-default for the default language's version
        assert set(links) == {"en", "es", "x-default"}, url
        assert links["x-default"] == links["en"], url
        assert url in links.values(), f"{url} is not among its own alternates"
        assert links[page.html["lang"]] == url, url
        for code, href in links.items():
            target = site_pages.get(href)
            assert target is not None, f"{url} links to {href}, which does not exist"
            if code != "x-default":
                assert target.html["lang"] == code, href
            assert alternates(target) == links, f"{href} does not link back to {url} alike"
    # each Spanish page and its original carry the links (the 404 pages too)
    assert translated == 2 * len(SPANISH)


def test_a_page_without_a_translation_links_to_no_other_language(site):
    page = pages(site)[f"{SITE}/treatments/peel/benefits/"]
    assert alternates(page) == {}
    assert page.select(".cl-header__language") == []
    assert page.html["lang"] == "en"


def test_the_switcher_is_one_link_to_the_same_page_in_the_other_language(site):
    site_pages = pages(site)
    for url, page in site_pages.items():
        links = alternates(page)
        switch = page.select(".cl-header__language")
        assert len(switch) == (1 if links else 0), url
        if not links:
            continue
        link = switch[0]
        other = "es" if page.html["lang"] == "en" else "en"
        assert link["href"] == links[other]
        assert link["lang"] == link["hreflang"] == other
        assert link.get_text() == ("Español" if other == "es" else "English")
        assert link.find_parent("header") is not None


def test_spanish_pages_link_only_to_pages_that_exist_in_spanish_where_they_can(site):
    site_pages = pages(site)
    spanish = {url: p for url, p in site_pages.items() if p.html["lang"] == "es"}
    assert set(spanish) == {
        f"{SITE}/es/"
        + rel.removeprefix("pages/").replace(".md", "/").replace("index/", "").replace("home/", "")
        for rel in SPANISH
        if "404" not in rel
    } | {f"{SITE}/es/404.html"}
    for url, page in spanish.items():
        for anchor in page.select("a[href^='/'], a[href^='https://clinic']"):
            href = anchor["href"].split("#")[0]
            absolute = href if href.startswith("http") else SITE + href
            assert absolute in site_pages or absolute.rstrip("/") + "/index.html" in {
                SITE + "/" + p.relative_to(site).as_posix() for p in site.rglob("*")
            }, f"{url} links to {href}"
        # the menu goes to the Spanish contact page, and to the English list
        # of treatments, which has no translation
        nav = [a["href"] for a in page.select(".cl-nav a")]
        assert "/es/contact/" in [h.removeprefix(SITE) for h in nav]
        assert "/treatments/" in [h.removeprefix(SITE) for h in nav]
        # the link marked as this page is the Spanish one, only on that page
        current = [a["href"].removeprefix(SITE) for a in page.select(".cl-nav a[aria-current]")]
        assert current == (["/es/contact/"] if url == f"{SITE}/es/contact/" else []), url


def test_words_around_the_content_follow_the_page_language(site):
    site_pages = pages(site)
    es = STRINGS["es"]
    for url, page in site_pages.items():
        words = STRINGS[page.html["lang"]]
        assert page.find("a", class_="cl-skip-link").get_text() == words["skip_link"], url
        assert page.select_one(".cl-header__call .cl-call__label").get_text() == words["call"]
    side_effects = site_pages[f"{SITE}/es/treatments/peel/side-effects/"]
    review = side_effects.select_one(".cl-review").get_text(" ", strip=True)
    assert es["last_reviewed"] in review and "de octubre de 2026" in review
    assert review.count(es["disclaimer"]) == 1
    contact = site_pages[f"{SITE}/es/contact/"]
    hours = contact.select(".cl-hours__days")
    assert hours[0].get_text().split(", ")[0] == es["day_Monday"]
    # the clinic's words in Spanish where clinic.toml gives them; numbers once
    north = CLINIC["locations"][0]
    assert north["name"]["es"] in contact.get_text()
    assert north["hours_note"]["es"] in contact.select_one(".cl-hours__note").get_text()
    english = site_pages[f"{SITE}/contact/"]
    assert north["hours_note"]["en"] in english.select_one(".cl-hours__note").get_text()
    assert north["name"]["es"] not in english.get_text()
    overview = site_pages[f"{SITE}/es/treatments/peel/"]
    # the price is the original's, written the Spanish way, in the Spanish words
    price = overview.select(".cl-glance__row")[0].get_text(" ", strip=True)
    assert price.startswith(es["fact_price"]) and "150" in price
    assert es["price_from"].split("{")[0].strip() in price


def test_the_share_card_says_the_pages_language_and_the_other(site):
    site_pages = pages(site)
    for url, locale, other in (
        (f"{SITE}/es/contact/", "es_US", "en_US"),
        (f"{SITE}/contact/", "en_US", "es_US"),
    ):
        head = site_pages[url].head
        assert head.find("meta", property="og:locale")["content"] == locale
        assert [m["content"] for m in head.find_all("meta", property="og:locale:alternate")] == [
            other
        ]
        title = head.find("meta", property="og:title")["content"]
        assert title == site_pages[url].title.get_text()
    untranslated = site_pages[f"{SITE}/treatments/peel/benefits/"].head
    assert untranslated.find("meta", property="og:locale")["content"] == "en_US"
    assert untranslated.find_all("meta", property="og:locale:alternate") == []


def test_spanish_404_page_is_served_for_addresses_under_es(site):
    rules = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/es/* /es/404.html 404" in rules
    page = pages(site)[f"{SITE}/es/404.html"]
    assert page.html["lang"] == "es"


def test_sitemap_lists_every_version_with_its_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    site_pages = pages(site)
    listed = 0
    for entry in root.findall("s:url", ns):
        loc = entry.find("s:loc", ns).text
        links = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        if loc in site_pages:
            assert links == alternates(site_pages[loc]), loc
        listed += bool(links)
    # the 404 pages are not in the sitemap
    assert listed == 2 * (len(SPANISH) - 1)


def test_structured_data_per_language_with_translations_linked(site):
    site_pages = pages(site)
    for url, page in site_pages.items():
        if not graph(page):
            continue
        node = webpage(page)
        assert node["url"] == url
        assert node["inLanguage"] == page.html["lang"]
        links = alternates(page)
        if not links:
            assert "workTranslation" not in node and "translationOfWork" not in node
        elif page.html["lang"] == "en":
            assert node["workTranslation"] == [{"@id": links["es"] + "#webpage"}]
            other = webpage(site_pages[links["es"]])
            assert other["translationOfWork"] == {"@id": url + "#webpage"}
        # one clinic node, the same @id in both languages
        clinic = [n for n in graph(page) if str(n.get("@id", "")).endswith("/#clinic")]
        assert [n["@id"] for n in clinic] == [f"{SITE}/#clinic"]
    home = graph(site_pages[f"{SITE}/es/"])
    website = next(n for n in home if n["@type"] == "WebSite")
    assert website["inLanguage"] == ["en", "es"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda root: _write(root / "content/es/pages/nothing.md", "Title: Nada\n\nTexto."),
            r"content/es/pages/nothing\.md: This Spanish page translates "
            r"content/pages/nothing\.md, which does not exist",
        ),
        (
            lambda root: (root / "content/treatments/peel/side-effects.md").unlink(),
            r"content/es/treatments/peel/side-effects\.md: This Spanish page translates "
            r"content/treatments/peel/side-effects\.md, which does not exist",
        ),
        (
            lambda root: _write(
                root / "content/fr/pages/home.md", "Title: Bienvenue\nSummary: x\n\nTexte."
            ),
            r"content/fr/: This folder looks like the translations into French, but the "
            r'clinic\'s languages are "en", "es"',
        ),
        (
            lambda root: _edit(root, 'languages = ["en", "es"]', 'languages = ["en", "spanish"]'),
            r'content/clinic\.toml:\d+: "clinic\.languages" contains "spanish" \(text\), which '
            r"is not a BCP 47 language code",
        ),
        (
            lambda root: _write(
                root / "content/es/pages/contact.markdown",
                "Title: Contacto otra vez\nSummary: x\n\nTexto.",
            ),
            r"content/es/pages/contact\.(markdown|md): This is a second translation of "
            r"pages/contact\.(md|markdown)",
        ),
        (
            lambda root: _edit_file(
                root / "content/es/treatments/peel/side-effects.md",
                "Reviewed: 2026-10-01",
                "Reviewed: 2026-09-01",
            ),
            r"content/es/treatments/peel/side-effects\.md:3: This translation was reviewed on "
            r"2026-09-01, before content/treatments/peel/side-effects\.md was last reviewed",
        ),
        (
            lambda root: _edit(root, 'days = ["Saturday"]', 'days = ["Sábado"]'),
            r'content/clinic\.toml:\d+: "locations\[1\]\.hours\[0\]\.days" has "Sábado", which '
            r'is Spanish for Saturday\. Use "Saturday"',
        ),
    ],
    ids=[
        "no-original",
        "no-original-medical",
        "unlisted-folder",
        "not-bcp47",
        "two-translations",
        "stale",
        "day-name",
    ],
)
def test_bad_language_input_is_a_problem_with_file_and_line(project, change, expected):
    write_bilingual_clinic(project.root)
    change(project.root)
    result = project.build()
    # a development build still builds, and names the problem
    assert result.returncode == 0, result.output
    assert re.search(expected, result.output), result.output
    assert (result.out_dir / "contact/index.html").exists()


def test_make_check_lists_pages_without_a_translation(project):
    write_bilingual_clinic(project.root)
    project.write("checkconf.py", "from pelicanconf import *\nCLINIC_CHECK = True\n")
    result = project.build("checkconf.py")
    assert "content/pages/privacy.md: no Spanish translation yet (content/es/pages/privacy.md)" in (
        result.output
    )
    assert "content/pages/contact.md: no Spanish" not in result.output


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def _edit_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit(root: Path, old: str, new: str) -> None:
    _edit_file(root / "content/clinic.toml", old, new)


def test_files_in_an_unlisted_or_listed_language_folder_are_explained_once(project):
    write_bilingual_clinic(project.root)
    _write(project.root / "content/fr/pages/home.md", "Title: Bienvenue\nSummary: x\n\nTexte.")
    (project.root / "content/es/pages/privacy.md").write_text("", encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    assert "content/fr/: This folder looks like" in result.output
    assert "content/fr/pages/home.md" not in result.output  # the folder's problem says it
    # a Spanish file that made no page is explained as one, not as misplaced
    assert "content/es/pages/privacy.md: This file is empty" in result.output
