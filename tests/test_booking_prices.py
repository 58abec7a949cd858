"""Booking and prices on a fictional clinic, built and published for real.

The clinic (tests/fixture_clinics.py) has a site-wide booking address, a
second location with its own, and three treatments: a starting price, a
range, and a price given only at a consultation.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import Project, copy_project
from fixture_clinics import TOML, TREATMENTS, write_clinic

SITE = "https://clinic.example.org"
BOOK_ALL = "https://booking.solana.example/clinica"
BOOK_SOUTH = "https://booking.solana.example/south"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("booking") / "site")
    write_clinic(project.root)
    result = project.publish()
    assert result.returncode == 0, result.output
    return result


def _soup(result, url: str) -> BeautifulSoup:
    return BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")


def _graph(soup: BeautifulSoup) -> list[dict]:
    script = soup.find("script", type="application/ld+json")
    assert script is not None and script.string is not None, "the page has no JSON-LD"
    return json.loads(script.string)["@graph"]


def _node(graph: list[dict], node_id: str) -> dict:
    return next(n for n in graph if n.get("@id") == node_id)


def test_prices_show_in_the_facts_box_with_from_and_the_note(published):
    facts = {
        row.dt.get_text(): row.dd.get_text()
        for row in _soup(published, "/treatments/peel/").select(".cl-glance__row")
    }
    assert facts["Price"] == "From $150, per session"
    facts = {
        row.dt.get_text(): row.dd.get_text()
        for row in _soup(published, "/treatments/fillers/").select(".cl-glance__row")
    }
    assert facts["Price"] == "Priced at a consultation"


def test_the_treatments_page_lists_every_treatment_with_its_price(published):
    cards = {
        card.a.get_text(): card.select_one(".cl-card__price").get_text()
        for card in _soup(published, "/treatments/").select(".cl-card")
    }
    assert cards == {
        "Fictional peel": "From $150, per session",
        "Fictional laser": "$200 to $600, per area",
        "Fictional fillers": "Priced at a consultation",
    }


def test_offers_point_at_each_priced_procedure(published):
    clinic = _node(_graph(_soup(published, "/")), f"{SITE}/#clinic")
    offers = {o["itemOffered"]["@id"]: o for o in clinic["hasOfferCatalog"]["itemListElement"]}
    assert set(offers) == {
        f"{SITE}/treatments/peel/#procedure",
        f"{SITE}/treatments/laser/#procedure",
    }  # no offer for "fillers"
    peel = offers[f"{SITE}/treatments/peel/#procedure"]
    assert "price" not in peel  # a starting price is never "the" price
    assert peel["priceSpecification"] == {
        "@type": "PriceSpecification",
        "priceCurrency": "USD",
        "minPrice": "150",
    }
    laser = offers[f"{SITE}/treatments/laser/#procedure"]["priceSpecification"]
    assert (laser["minPrice"], laser["maxPrice"]) == ("200", "600")
    procedure = _node(
        _graph(_soup(published, "/treatments/laser/benefits/")),
        f"{SITE}/treatments/laser/#procedure",
    )
    assert procedure["@type"] == ["MedicalTherapy", "Service"]
    assert procedure["offers"]["@id"] == f"{SITE}/treatments/laser/#offer"
    fillers = _node(
        _graph(_soup(published, "/treatments/fillers/")), f"{SITE}/treatments/fillers/#procedure"
    )
    assert "offers" not in fillers and fillers["@type"] == "MedicalTherapy"


def test_each_place_offers_its_own_booking_address(published):
    graph = _graph(_soup(published, "/contact/"))
    targets = {
        node["@id"]: node["potentialAction"]["target"]["urlTemplate"]
        for node in graph
        if "potentialAction" in node
    }
    assert targets == {
        f"{SITE}/#clinic": BOOK_ALL,
        f"{SITE}/#location-north": BOOK_ALL,
        f"{SITE}/#location-south": BOOK_SOUTH,
    }
    assert all(
        node["potentialAction"]["@type"] == "ReserveAction"
        for node in graph
        if "potentialAction" in node
    )


def test_book_online_sits_beside_every_call_button_as_a_plain_link(published):
    page = _soup(published, "/treatments/peel/")
    header = page.select_one(".cl-header__actions")
    assert [a["href"] for a in header.find_all("a")] == ["tel:+13055550142", BOOK_ALL]
    # the call prompt at the end of the text, and its copy beside the text on wide screens
    for where in ("end", "side"):
        rows = page.select(f".cl-call-block--{where} .cl-actions")
        assert [[a["href"] for a in row.find_all("a")] for row in rows] == [
            ["tel:+13055550142", BOOK_ALL],
            ["tel:+13055550199", BOOK_SOUTH],
        ]
    contact = _soup(published, "/contact/")
    assert [
        [a["href"] for a in row.find_all("a")] for row in contact.select(".cl-location .cl-actions")
    ] == [["tel:+13055550142", BOOK_ALL], ["tel:+13055550199", BOOK_SOUTH]]
    for link in page.select("a.cl-book"):
        assert link["rel"] == ["external"]
        assert link.get_text(" ", strip=True).startswith("Book online")
        assert "booking website" in link.select_one(".cl-visually-hidden").get_text()
    # a navigation only: nothing is embedded and nothing loads from the booking site
    html = published.page("/treatments/peel/").read_text(encoding="utf-8")
    assert "<iframe" not in html and "booking.solana.example" not in html.split("<body")[0]


def test_without_a_booking_address_nothing_changes(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(
        project.root,
        toml=TOML.replace(f'booking = "{BOOK_ALL}"\n', "").replace(
            f'booking = "{BOOK_SOUTH}"\n', ""
        ),
    )
    result = project.build()
    assert result.returncode == 0, result.output
    for url in ("/", "/contact/", "/treatments/peel/"):
        html = result.page(url).read_text(encoding="utf-8")
        assert "cl-book" not in html and "ReserveAction" not in html


def _dev_build(tmp_path, *, toml: str = TOML, treatments=TREATMENTS, edit=None) -> str:
    project: Project = copy_project(tmp_path / "site")
    write_clinic(project.root, toml=toml, treatments=treatments)
    if edit:
        edit(project)
    result = project.build()
    return result.output


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("cheap", 'content/treatments/peel/index.md:6: "Price" is "cheap", which is not a price.'),
        (
            "$150",
            'content/treatments/peel/index.md:6: "Price" is "$150", which has a currency sign '
            "or code; the currency is set once, in clinic.toml ([clinic] currency).",
        ),
        (
            "400-150",
            'content/treatments/peel/index.md:6: "Price" is "400-150", which is a range '
            "whose second number is not the larger.",
        ),
        ("0", 'content/treatments/peel/index.md:6: "Price" is "0", which is not above zero.'),
    ],
)
def test_a_price_that_is_not_one_names_the_file_and_line(tmp_path, written, message):
    treatments = (("peel", "Fictional peel", {"Price": written}),) + TREATMENTS[1:]
    output = _dev_build(tmp_path, treatments=treatments)
    assert message in output


def test_a_price_on_a_section_page_belongs_in_the_overview(tmp_path):
    def edit(project):
        project.edit("content/treatments/peel/benefits.md", "Reviewed:", "Price: 150\nReviewed:")

    output = _dev_build(tmp_path, edit=edit)
    assert (
        'content/treatments/peel/benefits.md:3: "Price" is not used on this kind of page. '
        "It belongs in the header of the treatment's overview (index.md)."
    ) in output


def test_a_misspelt_header_is_named_with_the_key_it_is_closest_to(tmp_path):
    treatments = (("peel", "Fictional peel", {"Sesions": "4"}),) + TREATMENTS[1:]
    output = _dev_build(tmp_path, treatments=treatments)
    assert (
        'content/treatments/peel/index.md:6: "Sesions" is not a header the site knows. '
        'Did you mean "Sessions"?'
    ) in output


def test_a_price_needs_the_clinics_currency(tmp_path):
    output = _dev_build(tmp_path, toml=TOML.replace('currency = "USD"\n', ""))
    assert (
        'content/treatments/peel/index.md:6: "Price" is set, but the clinic\'s currency is not.'
    ) in output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'currency = "USD"',
            'currency = "XYZ"',
            'content/clinic.toml:7: "clinic.currency" is "XYZ", which is not a currency code.',
        ),
        (
            'currency = "USD"',
            'currency = "usd"',
            'content/clinic.toml:7: "clinic.currency" is "usd", which is not a currency code. '
            'Write "USD".',
        ),
        (
            BOOK_ALL,
            "http://booking.solana.example/",
            'content/clinic.toml:11: "links.booking" is "http://booking.solana.example/", which is '
            "not an https address",
        ),
        (
            BOOK_ALL,
            "booking page",
            'content/clinic.toml:11: "links.booking" is "booking page", which is not a web '
            "address.",
        ),
        (
            BOOK_SOUTH,
            "https://nodot/",
            'content/clinic.toml:34: "locations[1].booking" is "https://nodot/", which is not a '
            "valid web address.",
        ),
    ],
)
def test_bad_currency_and_booking_addresses(tmp_path, old, new, message):
    output = _dev_build(tmp_path, toml=TOML.replace(old, new))
    assert message in output


def test_a_booking_address_on_this_site_is_refused(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root, toml=TOML.replace(BOOK_SOUTH, f"{SITE}/book/"))
    result = project.publish()
    assert result.returncode == 1
    assert (
        f'content/clinic.toml:34: "locations[1].booking" is "{SITE}/book/", which is an '
        "address on this site"
    ) in result.output


def test_treatments_with_prices_and_no_price_range_get_a_suggestion(published):
    assert (
        "content/clinic.toml: [clinic] price_range is empty, but treatments state prices; "
        "search engines show a clinic's price range beside its name. Add price_range = "
        '"$150-$600" under [clinic]'
    ) in published.output
