"""End to end: a whole clinic site (the fictional clinic of tests/kestrel.py), built by Pelican,
read back as HTML."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup

import kestrel
from clinic.model.languages import Languages
from clinic.model.routes import route_for
from clinic.rules.sources import find_sources

# Every page of the fixture clinic's site: URL and the H1 a visitor sees (a
# page's Title, read from its source).
_TITLED = {
    "/": "pages/home.md",
    "/treatments/": "pages/treatments.md",
    "/treatments/microneedling/": "treatments/microneedling/index.md",
    "/treatments/microneedling/benefits/": "treatments/microneedling/benefits.md",
    "/treatments/microneedling/side-effects/": "treatments/microneedling/side-effects.md",
    "/treatments/microneedling/candidacy/": "treatments/microneedling/candidacy.md",
    "/conditions/": "pages/conditions.md",
    "/conditions/hyperpigmentation/": "conditions/hyperpigmentation.md",
    "/contact/": "pages/contact.md",
    "/privacy/": "pages/privacy.md",
    "/accessibility/": "pages/accessibility.md",
    "/404.html": "pages/404.md",
    "/blog/treating-dark-spots/": "articles/treating-dark-spots.md",
}
EXPECTED = {url: kestrel.header(rel, "Title") for url, rel in _TITLED.items()}
# the pages the site makes without a Markdown source, with the theme's headings
EXPECTED["/treatments/microneedling/results/"] = (
    f"{EXPECTED['/treatments/microneedling/']}: results"
)
EXPECTED["/blog/"] = "Blog"


def soup(result, url: str) -> BeautifulSoup:
    return BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")


def html_pages(out_dir: Path) -> list[Path]:
    return sorted(out_dir.rglob("*.html"))


def test_every_expected_page_is_built_with_its_title(sample_site):
    for url, heading in EXPECTED.items():
        page = soup(sample_site, url)
        assert page.h1.get_text(strip=True) == heading, url
        assert heading in page.title.get_text(), url
        assert page.html["lang"] == "en"


def test_no_other_pages_are_written(sample_site):
    written = {
        "/" + str(p.relative_to(sample_site.out_dir)) for p in html_pages(sample_site.out_dir)
    }
    expected = {url + "index.html" if url.endswith("/") else url for url in EXPECTED}
    assert written == expected


def test_one_page_per_source_file(sample_site):
    sources = find_sources(str(kestrel.FIXTURE))
    # pages without a Markdown source of their own: the blog index, and a
    # treatment's results page made from its results.toml
    made = 1 + len(
        [
            p
            for p in (kestrel.FIXTURE / "treatments").glob("*/results.toml")
            if not p.with_name("results.md").exists()
        ]
    )
    assert len(html_pages(sample_site.out_dir)) == len(sources) + made
    clinic = tomllib.loads((kestrel.FIXTURE / "clinic.toml").read_text(encoding="utf-8"))["clinic"]
    languages = Languages(tuple(clinic.get("languages") or [clinic.get("language", "en")]))
    for rel in sources:
        route = route_for(rel, languages)
        assert route is not None, rel
        if route.save_as:
            assert (sample_site.out_dir / route.save_as).is_file(), rel


def test_no_broken_internal_link_anywhere(sample_site):
    out = sample_site.out_dir
    checked = 0
    for page in html_pages(out):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in tree.find_all(tag):
                value = element.get(attr)
                if not value:
                    continue
                url = urlparse(value)
                if url.scheme or url.netloc:
                    assert url.scheme in ("tel", "https", "mailto"), (page, value)
                    continue
                path, fragment = urldefrag(value)
                if not path:  # a link within the page, such as the skip link
                    assert tree.find(id=fragment), f"{page}: no element #{fragment}"
                    checked += 1
                    continue
                assert path.startswith("/"), f"{page}: relative link {value}"
                target = out / path.lstrip("/")
                if path.endswith("/"):
                    target = target / "index.html"
                assert target.is_file(), f"{page.relative_to(out)} links to missing {value}"
                if fragment:
                    target_tree = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    assert target_tree.find(id=fragment), f"{page}: {value} has no target"
                checked += 1
    assert checked > 100


def test_header_and_footer_carry_the_clinic_phone_from_the_profile(sample_site):
    page = soup(sample_site, "/treatments/microneedling/side-effects/")
    header_call = page.select_one("header a.cl-call")
    assert header_call["href"] == kestrel.TEL
    assert header_call["aria-label"] == f"Call {kestrel.NATIONAL}, {kestrel.NAME}"
    footer = page.find("footer")
    assert footer.select_one("a.cl-call")["href"] == kestrel.TEL
    assert f"{kestrel.TOWN}, {kestrel.REGION}" in footer.address.get_text()


def test_treatment_sections_are_navigable_in_order(sample_site):
    page = soup(sample_site, "/treatments/microneedling/side-effects/")
    nav = page.find("nav", attrs={"aria-label": "Microneedling sections"})
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels == ["Overview", "Benefits", "Side effects", "Is it right for me?", "Results"]
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Side effects"
    prev_link = page.find("a", rel="prev")
    next_link = page.find("a", rel="next")
    assert prev_link["href"] == "/treatments/microneedling/benefits/"
    assert next_link["href"] == "/treatments/microneedling/candidacy/"


def test_breadcrumbs_lead_home(sample_site):
    page = soup(sample_site, "/treatments/microneedling/side-effects/")
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("li")
    assert [c.get_text(strip=True) for c in crumbs] == [
        "Home",
        "Treatments",
        EXPECTED["/treatments/microneedling/"],
        EXPECTED["/treatments/microneedling/side-effects/"],
    ]
    assert crumbs[-1]["aria-current"] == "page"
    assert soup(sample_site, "/").find("nav", attrs={"aria-label": "Breadcrumb"}) is None


def test_overview_shows_the_facts_at_a_glance(sample_site):
    page = soup(sample_site, "/treatments/microneedling/")
    rows = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page.select(".cl-glance__row")
    }
    overview = "treatments/microneedling/index.md"
    assert rows["Sessions"] == kestrel.header(overview, "Sessions")
    assert rows["Time between sessions"] == kestrel.header(overview, "Interval")
    assert rows["Downtime"] == kestrel.header(overview, "Downtime")
    assert rows["Device"] == kestrel.header(overview, "Device")


@pytest.mark.parametrize(
    "url, link",
    [
        ("/treatments/microneedling/", "/conditions/hyperpigmentation/"),
        ("/conditions/hyperpigmentation/", "/treatments/microneedling/"),
    ],
)
def test_treatments_and_conditions_link_each_other(sample_site, url, link):
    page = soup(sample_site, url)
    section = page.find("section", attrs={"aria-labelledby": ["treats-title", "treatments-title"]})
    assert [a["href"] for a in section.find_all("a")] == [link]


@pytest.mark.parametrize(
    "url",
    [
        "/treatments/microneedling/",
        "/treatments/microneedling/candidacy/",
        "/conditions/hyperpigmentation/",
    ],
)
def test_medical_pages_say_they_are_not_yet_reviewed_and_not_a_diagnosis(sample_site, url):
    review = soup(sample_site, url).select_one(".cl-review").get_text(" ", strip=True)
    assert "not yet been reviewed by a clinician" in review
    assert "not a diagnosis" in review


def test_contact_page_lists_each_location_from_the_profile(sample_site):
    page = soup(sample_site, "/contact/")
    card = page.select_one(".cl-location")
    assert card.h2.get_text() == kestrel.LOCATION_NAME
    assert card.select_one("a.cl-call")["href"] == kestrel.TEL
    assert "Call us to ask about opening hours." in card.get_text()


def test_home_page_leads_to_treatments_and_conditions(sample_site):
    page = soup(sample_site, "/")
    hrefs = [a["href"] for a in page.select(".cl-card__link")]
    assert hrefs == ["/treatments/microneedling/", "/conditions/hyperpigmentation/"]


# The facts the fixture clinic leaves empty, as the build reports them.
MISSING_FACTS = [
    f'content/clinic.toml:{kestrel.line("clinic.toml", written)}: "{key}" is empty'
    for key, written in (
        ("review.reviewer", 'reviewer = ""'),
        ("locations[0].hours", "hours = []"),
        ("locations[0].address.street", 'street = ""'),
        ("locations[0].address.postal_code", 'postal_code = ""'),
    )
]


def test_development_build_lists_the_missing_facts(sample_site):
    for text in MISSING_FACTS:
        assert text in sample_site.output
    assert "make publish refuses until they are fixed" in sample_site.output


def graphs(result) -> dict[str, dict]:
    found = {}
    for page in html_pages(result.out_dir):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = tree.find_all("script", type="application/ld+json")
        assert len(scripts) == 1 and scripts[0].string is not None, page
        found["/" + str(page.relative_to(result.out_dir))] = json.loads(scripts[0].string)
    return found


def test_every_page_carries_one_linked_graph(sample_site):
    docs = graphs(sample_site)
    assert len(docs) == len(EXPECTED)
    everywhere = {n["@id"] for doc in docs.values() for n in doc["@graph"]}
    for url, doc in docs.items():
        assert doc["@context"] == "https://schema.org"
        ids = [n["@id"] for n in doc["@graph"]]
        assert len(ids) == len(set(ids)), url
        for ref in re.findall(r'\{"@id": "([^"]+)"\}', json.dumps(doc)):
            assert ref in everywhere, f"{url} refers to {ref}, defined nowhere"


@pytest.mark.parametrize(
    "url, types",
    [
        ("/index.html", {"WebPage"}),
        ("/contact/index.html", {"ContactPage"}),
        (
            "/treatments/microneedling/index.html",
            {"MedicalWebPage", "FAQPage", "MedicalTherapy", "BreadcrumbList"},
        ),
        ("/treatments/microneedling/side-effects/index.html", {"MedicalWebPage", "MedicalTherapy"}),
        ("/conditions/hyperpigmentation/index.html", {"MedicalWebPage", "MedicalCondition"}),
        ("/blog/treating-dark-spots/index.html", {"WebPage", "BlogPosting"}),
    ],
)
def test_page_types_carry_their_nodes(sample_site, url, types):
    doc = graphs(sample_site)[url]
    found = set()
    for node in doc["@graph"]:
        found.update([node["@type"]] if isinstance(node["@type"], str) else node["@type"])
    assert types <= found
    assert "WebSite" in found
    # the clinic in full on the home and contact pages; elsewhere a brief node
    # that names it (an organisation, so no local-business fields are expected)
    full = url in ("/index.html", "/contact/index.html")
    assert ({"MedicalClinic", "Dermatology"} <= found) == full
    clinic = next(n for n in doc["@graph"] if n["@id"] == "/#clinic")
    home = graphs(sample_site)["/index.html"]
    assert clinic["name"] == next(n for n in home["@graph"] if n["@id"] == "/#clinic")["name"]
    if not full:
        assert clinic["@type"] == "MedicalOrganization" and "address" not in clinic


def test_breadcrumb_data_matches_the_visible_breadcrumbs(sample_site):
    for url, doc in graphs(sample_site).items():
        tree = soup(sample_site, url)
        nav = tree.select_one("nav.cl-breadcrumbs")
        crumbs = [n for n in doc["@graph"] if n["@type"] == "BreadcrumbList"]
        if nav is None:
            assert crumbs == [], url
            continue
        visible = [li.get_text(strip=True) for li in nav.find_all("li")]
        assert [i["name"] for i in crumbs[0]["itemListElement"]] == visible, url


def test_faq_data_lists_exactly_the_questions_on_the_page(sample_site):
    for url, doc in graphs(sample_site).items():
        page = next(n for n in doc["@graph"] if n["@id"].endswith("#webpage"))
        if "FAQPage" not in page["@type"]:
            continue
        tree = soup(sample_site, url)
        visible = [h.get_text(strip=True) for h in tree.select(".cl-prose h2")]
        assert [q["name"] for q in page["mainEntity"]] == visible, url


def test_every_graph_passes_the_vocabulary_and_google_rules(sample_site):
    from clinic.schema.google import check_google
    from clinic.schema.vocabulary import validate_graph

    docs = graphs(sample_site)
    known = {n["@id"] for doc in docs.values() for n in doc["@graph"]}
    warnings = set()
    for url, doc in docs.items():
        assert validate_graph(doc, known) == [], url
        findings = check_google(doc, absolute_urls=False)
        assert [f for f in findings if f.severity == "error"] == [], url
        warnings.update(f.message.split(" is missing")[0] for f in findings)
    # only the facts the sample profile does not know yet
    assert warnings == {
        '"postalCode"',
        '"streetAddress"',
        '"geo"',
        '"openingHoursSpecification"',
        '"priceRange"',
    }


def test_every_phone_number_is_a_call_link_and_nothing_else_is(sample_site):
    import phonenumbers

    linked = 0
    for page in html_pages(sample_site.out_dir):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = tree.find("main")
        for link in main.select('a[href^="tel:"]'):
            number = phonenumbers.parse(link.get_text(), "US")
            assert phonenumbers.is_valid_number(number), (page, link)
            assert link["href"] == "tel:" + phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
            linked += 1
        for link in main.find_all("a"):
            link.decompose()
        for script in main.find_all(["script", "code", "pre"]):
            script.decompose()
        text = main.get_text(" ")
        missed = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "US")]
        assert missed == [], (page, missed)
    assert linked >= 15
