"""Node builders, the page graph, questions, and HTML-safe serialization."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.model.profile import parse_profile
from clinic.model.reviews import review_state
from clinic.schema.nodes import (
    PageFacts,
    breadcrumb_node,
    clinic_nodes,
    condition_node,
    find_questions,
    page_graph,
    procedure_node,
    references,
    script_json,
    site_nodes,
    unresolved,
)
from test_profile import GOOD

SITE = "https://clinic.example.org"
LOGO = f"{SITE}/theme/img/logo.svg"


def profile_from(text=GOOD):
    profile, problems = parse_profile(text, "content/clinic.toml")
    assert problems == []
    return profile


ONE_LOCATION = GOOD.split('[[locations]]\nname = "Clínica Piel Madrid"')[0]


def test_one_location_is_one_clinic_node_with_everything():
    (clinic,) = clinic_nodes(profile_from(ONE_LOCATION), SITE, LOGO, [f"{SITE}/t/#procedure"])
    assert clinic["@type"] == ["MedicalClinic", "Dermatology"]
    assert clinic["@id"] == f"{SITE}/#clinic"
    assert clinic["telephone"] == "+13055550100"
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Example Street",
        "addressLocality": "Miami",
        "addressRegion": "FL",
        "postalCode": "33101",
        "addressCountry": "US",
    }
    assert clinic["geo"] == {"@type": "GeoCoordinates", "latitude": 25.76, "longitude": -80.19}
    assert clinic["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
        "opens": "09:00",
        "closes": "17:30",
    }
    assert clinic["sameAs"] == ["https://social.example.org/clinic"]
    assert clinic["availableService"] == [{"@id": f"{SITE}/t/#procedure"}]
    assert clinic["medicalSpecialty"] == "https://schema.org/Dermatology"


def test_several_locations_are_tied_to_the_organisation():
    organisation, north, madrid = clinic_nodes(profile_from(), SITE, LOGO, [])
    assert organisation["@type"] == "MedicalOrganization"
    assert organisation["department"] == [
        {"@id": f"{SITE}/#location-north"},
        {"@id": f"{SITE}/#location-madrid"},
    ]
    assert north["parentOrganization"] == {"@id": f"{SITE}/#clinic"}
    assert (north["telephone"], madrid["telephone"]) == ("+13055550100", "+34912345678")
    assert madrid["openingHoursSpecification"][0]["opens"] == "08:00"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Percutaneous", "https://schema.org/PercutaneousProcedure"),
        ("Noninvasive", "https://schema.org/NoninvasiveProcedure"),
        ("Laser", None),  # unknown types are reported by the catalog, and left out here
        ("Surgical", None),  # a type of its own: see the next test
    ],
)
def test_procedure_type(written, expected):
    node = procedure_node(
        url=f"{SITE}/treatments/peel/",
        name="Peel",
        description="",
        metadata={"procedure-type": written},
        specialty="Dermatology",
    )
    assert node.get("procedureType") == expected
    assert node["@id"] == f"{SITE}/treatments/peel/#procedure"


def test_surgery_is_a_type_not_a_procedure_type():
    node = procedure_node(
        url="u", name="Lift", description="", specialty="", metadata={"procedure-type": "Surgical"}
    )
    assert node["@type"] == ["MedicalTherapy", "SurgicalProcedure"]


def test_procedure_takes_its_facts_from_the_overview_metadata():
    node = procedure_node(
        url="u",
        name="Peel",
        description="d",
        specialty="",
        metadata={
            "body-location": "Face",
            "how-performed": "By hand",
            "followup": "Sunscreen",
            "preparation": "",
        },
    )
    assert (node["bodyLocation"], node["howPerformed"], node["followup"]) == (
        "Face",
        "By hand",
        "Sunscreen",
    )
    assert "preparation" not in node and "relevantSpecialty" not in node


def test_condition_points_to_its_treatments():
    node = condition_node(
        url="c/",
        name="Melasma",
        description="",
        specialty="Dermatology",
        treatments=["t/#procedure"],
    )
    assert node["possibleTreatment"] == [{"@id": "t/#procedure"}]


def test_breadcrumb_positions_start_at_one_and_the_last_has_no_item():
    node = breadcrumb_node("p/", [("Home", "/"), ("Treatments", "/t/"), ("Peel", "/t/p/")])
    assert [(i["position"], i["name"], i.get("item")) for i in node["itemListElement"]] == [
        (1, "Home", "/"),
        (2, "Treatments", "/t/"),
        (3, "Peel", None),
    ]


def test_medical_page_graph_links_everything_by_id():
    profile = profile_from(ONE_LOCATION)
    procedure = procedure_node(
        url=f"{SITE}/t/", name="Peel", description="", metadata={}, specialty="Dermatology"
    )
    facts = PageFacts(
        kind="treatment",
        url=f"{SITE}/t/",
        title="Peel",
        description="About",
        language="es",
        breadcrumbs=[("Home", f"{SITE}/"), ("Peel", f"{SITE}/t/")],
        review=review_state(dt.date(2026, 3, 1), 12, "A. Reviewer, MD"),
        procedure=procedure,
        treats=[f"{SITE}/c/#condition"],
    )
    shared = site_nodes(profile, SITE, LOGO, [procedure["@id"]])
    graph = page_graph(facts, profile=profile, site_url=SITE, shared=shared)["@graph"]
    types = [n["@type"] for n in graph]
    assert types == [
        ["MedicalClinic", "Dermatology"],
        "WebSite",
        "MedicalWebPage",
        "BreadcrumbList",
        "MedicalTherapy",
    ]
    page = graph[2]
    assert page["about"] == [{"@id": f"{SITE}/t/#procedure"}, {"@id": f"{SITE}/c/#condition"}]
    assert page["mainEntity"] == {"@id": f"{SITE}/t/#procedure"}
    assert page["lastReviewed"] == "2026-03-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "A. Reviewer, MD"}
    assert page["medicalAudience"] == {"@type": "Patient"}
    assert page["inLanguage"] == "es"
    ids = {n["@id"] for n in graph}
    assert page["breadcrumb"]["@id"] in ids and page["isPartOf"]["@id"] in ids


def test_contact_page_is_a_contact_page_about_the_clinic():
    facts = PageFacts(
        kind="contact", url=f"{SITE}/contact/", title="Contact", description="", language="en"
    )
    profile = profile_from(ONE_LOCATION)
    graph = page_graph(
        facts, profile=profile, site_url=SITE, shared=site_nodes(profile, SITE, LOGO, [])
    )["@graph"]
    assert graph[2]["@type"] == "ContactPage"
    assert graph[2]["about"] == {"@id": f"{SITE}/#clinic"}


QA = (
    '<p>Intro</p>\n<h2 id="a">What is it?</h2>\n<p>A thing &amp; more.</p>\n'
    "<h2>Does it hurt?</h2>\n<ul>\n<li>A little</li>\n</ul>"
)


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            QA,
            [
                ("What is it?", "<p>A thing &amp; more.</p>"),
                ("Does it hurt?", "<ul>\n<li>A little</li>\n</ul>"),
            ],
        ),
        (QA.replace("Does it hurt?", "How it feels"), []),  # not every heading is a question
        ("<h2>Only one?</h2><p>Yes</p>", []),  # one question is not a list of questions
        ("<p>No headings</p>", []),
        (
            "<h2>Q &amp; A?</h2><p>x</p><h2>Why <em>now</em>?</h2><p>y</p>",
            [("Q & A?", "<p>x</p>"), ("Why now?", "<p>y</p>")],
        ),
    ],
)
def test_find_questions(html, expected):
    assert [(q.name, q.answer_html) for q in find_questions(html)] == expected


def test_faq_pages_list_their_visible_questions_as_main_entity():
    facts = PageFacts(
        kind="page", url="u", title="T", description="", language="en", questions=find_questions(QA)
    )
    profile = profile_from(ONE_LOCATION)
    page = page_graph(
        facts, profile=profile, site_url=SITE, shared=site_nodes(profile, SITE, LOGO, [])
    )["@graph"][2]
    assert page["@type"] == ["WebPage", "FAQPage"]
    assert [q["name"] for q in page["mainEntity"]] == ["What is it?", "Does it hurt?"]
    assert page["mainEntity"][0]["acceptedAnswer"]["text"] == "<p>A thing &amp; more.</p>"


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- comment",
        'quote " and \\ backslash',
        "line\u2028separator\u2029paragraph",
        "emoji 🙂 and accents: Clínica",
        "a & b > c",
    ],
)
def test_script_json_is_html_safe_and_round_trips(value):
    text = script_json({"name": value})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"name": value}


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_script_json_refuses_numbers_json_cannot_carry(number):
    with pytest.raises(ValueError, match="structured data holds a number that is not finite"):
        script_json({"geo": {"latitude": number}})


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.text() | st.integers() | st.none(), max_size=5))
def test_any_metadata_survives_serialization_and_stays_inside_the_script(data):
    text = script_json(data)
    assert json.loads(text) == data
    html = f'<script type="application/ld+json">{text}</script><p id="after">x</p>'
    soup = BeautifulSoup(html, "html.parser")
    assert json.loads(soup.script.string) == data
    assert soup.find(id="after") is not None


def test_a_chain_is_valid_with_its_price_range_on_each_place():
    from clinic.schema.google import check_google
    from clinic.schema.vocabulary import validate_graph

    profile = profile_from(GOOD.replace('language = "es"', 'language = "es"\nprice_range = "$$"'))
    nodes = site_nodes(profile, SITE, LOGO, [])
    organisation, north, madrid, _ = nodes
    assert "priceRange" not in organisation
    assert north["priceRange"] == madrid["priceRange"] == "$$"
    doc = {"@context": "https://schema.org", "@graph": nodes}
    assert validate_graph(doc) == []
    assert [f for f in check_google(doc, absolute_urls=True) if f.severity == "error"] == []


def test_open_until_midnight_is_written_as_google_asks():
    # Google: open 24 hours is opens "00:00", closes "23:59"; 24:00 is no schema.org Time
    text = ONE_LOCATION.replace(
        'opens = "09:00", closes = "17:30"', 'opens = "00:00", closes = "24:00"'
    )
    (clinic,) = clinic_nodes(profile_from(text), SITE, LOGO, [])
    assert clinic["openingHoursSpecification"][0]["opens"] == "00:00"
    assert clinic["openingHoursSpecification"][0]["closes"] == "23:59"


def test_unresolved_names_what_is_referred_to_and_described_nowhere_in_order() -> None:
    # the site-wide nodes (walked once) and a page's own, as every page's graph begins
    shared: list[dict[str, Any]] = [
        {"@id": "s/#clinic", "@type": "MedicalClinic", "location": [{"@id": "s/#loc-a"}]},
        {"@id": "s/#loc-a", "@type": "Place", "containedInPlace": {"@id": "s/#city"}},
    ]
    own: list[dict[str, Any]] = [
        {
            "@id": "s/x/#webpage",
            "about": {"@id": "s/x/#procedure"},
            "publisher": {"@id": "s/#clinic"},
        },
        {
            "@id": "s/x/#procedure",
            "@type": "MedicalProcedure",
            "relevantSpecialty": {"@id": "s/#derm"},
        },
        {"@type": "Thing", "sameAs": [{"@id": "s/#city"}, {"@id": "s/#derm"}]},
    ]
    before = references(shared)
    assert before.described == {"s/#clinic", "s/#loc-a"}
    assert before.referred == ("s/#loc-a", "s/#city")
    assert unresolved(own, before) == ["s/#city", "s/#derm"]
    assert unresolved(own) == ["s/#clinic", "s/#derm", "s/#city"]
    # a reference written with more than its @id describes the node
    assert unresolved([{"@id": "p", "knows": {"@id": "q", "name": "Q"}}]) == []
