"""Google's structured-data rules: the complete graph passes, each rule's exact message."""

from __future__ import annotations

import copy

import pytest

from clinic.schema.google import check_google
from test_vocabulary import (
    BREADCRUMB,
    CLINIC,
    FAQ,
    PAGE,
    POST,
    SITE,
    WEBSITE,
    good_graph,
    node,
)


def findings(doc: dict, absolute_urls: bool = True) -> list[tuple[str, str]]:
    return [(str(f), f.severity) for f in check_google(doc, absolute_urls=absolute_urls)]


@pytest.mark.parametrize("absolute_urls", [True, False])
def test_the_correct_medical_graph_meets_every_rule(absolute_urls):
    assert check_google(good_graph(), absolute_urls=absolute_urls) == []


def change(node_id, *path, value=None, delete=False):
    """Set (or delete) the value at ``path`` inside the node ``node_id``."""

    def apply(doc):
        target = node(doc, node_id)
        for step in path[:-1]:
            target = target[step]
        if delete:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return apply


ERROR, WARNING = "error", "warning"

CASES = {
    # -- Local business (LocalBusiness) structured data ------------------------------
    "missing address": (
        change(CLINIC, "address", delete=True),
        f'{CLINIC}: "address" is missing. Google requires the clinic\'s address (a '
        "PostalAddress with street, town, region, postal code and country) to show it in "
        "local results and on the map.",
        ERROR,
    ),
    "address as text": (
        change(CLINIC, "address", value="1 Example Street, Miami"),
        f'{CLINIC}: "address" is text. Google needs a PostalAddress: {{"@type": '
        '"PostalAddress", "streetAddress": "...", ...}.',
        ERROR,
    ),
    "missing name": (
        change(CLINIC, "name", delete=True),
        f'{CLINIC}: "name" is missing. Google requires the business name to show it in '
        "local results and on the map.",
        ERROR,
    ),
    "missing postal code": (
        change(CLINIC, "address", "postalCode", delete=True),
        f'{CLINIC} address: "postalCode" is missing. Google recommends the full address: '
        "streetAddress, addressLocality, addressRegion, postalCode, addressCountry.",
        WARNING,
    ),
    "missing telephone": (
        change(CLINIC, "telephone", delete=True),
        f'{CLINIC}: "telephone" is missing. Google recommends the phone number patients should '
        "call, with country and area code.",
        WARNING,
    ),
    "telephone without country code": (
        change(CLINIC, "telephone", value="(305) 555-0100"),
        f'{CLINIC}: "telephone" is "(305) 555-0100". Google recommends the country code too, '
        "for example +1 305 555 0100.",
        WARNING,
    ),
    "missing url": (
        change(CLINIC, "url", delete=True),
        f'{CLINIC}: "url" is missing. Google recommends the address of the clinic\'s own page.',
        WARNING,
    ),
    "missing geo": (
        change(CLINIC, "geo", delete=True),
        f'{CLINIC}: "geo" is missing. Google recommends the map position (GeoCoordinates with '
        "latitude and longitude).",
        WARNING,
    ),
    "imprecise geo": (
        change(CLINIC, "geo", "latitude", value=25.76),
        f'{CLINIC} geo: "latitude" is 25.76, with 2 decimal places. Google recommends at '
        "least 5 (about a metre), so the map pin lands on the clinic's door; copy it from a "
        "map.",
        WARNING,
    ),
    "longitude out of range": (
        change(CLINIC, "geo", "longitude", value=-280.19179),
        f'{CLINIC} geo: "longitude" is -280.19179, which is not a longitude: it must be between '
        "-180 and 180.",
        ERROR,
    ),
    "missing opening hours": (
        change(CLINIC, "openingHoursSpecification", delete=True),
        f'{CLINIC}: "openingHoursSpecification" is missing. Google recommends opening hours '
        "(OpeningHoursSpecification with dayOfWeek, opens and closes).",
        WARNING,
    ),
    "hours without days": (
        change(CLINIC, "openingHoursSpecification", 1, "dayOfWeek", delete=True),
        f'{CLINIC} openingHoursSpecification[1]: "dayOfWeek" is missing. Google needs the days '
        'these hours apply to, for example "dayOfWeek": ["Monday", "Tuesday"].',
        ERROR,
    ),
    "opening time not in 24-hour form": (
        change(CLINIC, "openingHoursSpecification", 0, "opens", value="9:00"),
        f'{CLINIC} openingHoursSpecification[0]: "opens" is "9:00", which is not a 24-hour '
        'time. Write it as hh:mm or hh:mm:ss, for example "09:00" or "17:30:00".',
        ERROR,
    ),
    "hours without a closing time": (
        change(CLINIC, "openingHoursSpecification", 0, "closes", delete=True),
        f'{CLINIC} openingHoursSpecification[0]: "closes" is missing. Google needs both opens '
        'and closes; for a day the clinic is closed, set both to "00:00".',
        ERROR,
    ),
    "missing image": (
        change(CLINIC, "image", delete=True),
        f'{CLINIC}: "image" is missing. Google recommends an image of the business, such as '
        "its logo or a photo.",
        WARNING,
    ),
    "missing price range": (
        change(CLINIC, "priceRange", delete=True),
        f'{CLINIC}: "priceRange" is missing. Google recommends a price range, such as "$$" or '
        '"$100-300".',
        WARNING,
    ),
    "long price range": (
        change(CLINIC, "priceRange", value="$" * 100),
        f'{CLINIC}: "priceRange" is 100 characters long. Google shows no price range of 100 '
        'characters or more: shorten it to something like "$$" or "$100-300".',
        WARNING,
    ),
    # -- Breadcrumb (BreadcrumbList) structured data ------------------------------------
    "breadcrumb positions from 0": (
        lambda doc: [
            item.update(position=i)
            for i, item in enumerate(node(doc, BREADCRUMB)["itemListElement"])
        ],
        f'{BREADCRUMB} itemListElement[0]: "position" is 0, but this is crumb 1. Google reads '
        "positions as the order of the trail, starting at 1 and going up by one: make it 1.",
        ERROR,
    ),
    "breadcrumb positions that skip": (
        change(BREADCRUMB, "itemListElement", 2, "position", value=4),
        f'{BREADCRUMB} itemListElement[2]: "position" is 4, but this is crumb 3. Google reads '
        "positions as the order of the trail, starting at 1 and going up by one: make it 3.",
        ERROR,
    ),
    "breadcrumb position as text": (
        change(BREADCRUMB, "itemListElement", 0, "position", value="1"),
        f'{BREADCRUMB} itemListElement[0]: "position" is "1". Google needs a whole number '
        'without quotes: "position": 1.',
        ERROR,
    ),
    "breadcrumb without a name": (
        change(BREADCRUMB, "itemListElement", 1, "name", delete=True),
        f'{BREADCRUMB} itemListElement[1]: "name" is missing. Google requires the crumb\'s '
        "title, as the visitor sees it (crumb 2).",
        ERROR,
    ),
    "middle crumb without an item": (
        change(BREADCRUMB, "itemListElement", 1, "item", delete=True),
        f'{BREADCRUMB} itemListElement[1]: "item" is missing. Google requires the address of '
        "every crumb except the last (crumb 2 of 3).",
        ERROR,
    ),
    "crumb that is not a ListItem": (
        change(BREADCRUMB, "itemListElement", 0, "@type", value="WebPage"),
        f'{BREADCRUMB}: crumb 1 of "itemListElement" is not a ListItem. Google requires each '
        "crumb "
        'as {"@type": "ListItem", "position": 1, "name": "...", "item": "https://..."}.',
        ERROR,
    ),
    "breadcrumb without crumbs": (
        change(BREADCRUMB, "itemListElement", value=[]),
        f'{BREADCRUMB}: "itemListElement" is missing. Google requires the list of crumbs, each '
        "a ListItem with position, name and item.",
        ERROR,
    ),
    # -- FAQ (FAQPage, Question, Answer) structured data --------------------------------
    "question without an answer": (
        change(FAQ, "mainEntity", 1, "acceptedAnswer", delete=True),
        f'{FAQ} mainEntity[1]: "acceptedAnswer" is missing. Google requires an answer to "How '
        'long does it take?": {"@type": "Answer", "text": "..."}.',
        ERROR,
    ),
    "answer without text": (
        change(FAQ, "mainEntity", 0, "acceptedAnswer", "text", value=""),
        f'{FAQ} mainEntity[0].acceptedAnswer: "text" is missing. Google requires the full '
        'answer to "Does it hurt?".',
        ERROR,
    ),
    "question without its text": (
        change(FAQ, "mainEntity", 0, "name", delete=True),
        f'{FAQ} mainEntity[0]: "name" is missing. Google requires the full text of question 1.',
        ERROR,
    ),
    "answer that is not an Answer": (
        change(FAQ, "mainEntity", 0, "acceptedAnswer", "@type", value="WebPage"),
        f'{FAQ} mainEntity[0]: "acceptedAnswer" is not an Answer. Write it as {{"@type": '
        '"Answer", "text": "..."}.',
        ERROR,
    ),
    "FAQ entry that is not a Question": (
        change(FAQ, "mainEntity", 1, "@type", value="Answer"),
        f'{FAQ}: entry 2 of "mainEntity" is not a Question. Google requires every mainEntity '
        "of an "
        "FAQPage to be a Question.",
        ERROR,
    ),
    "FAQ without questions": (
        change(FAQ, "mainEntity", delete=True),
        f'{FAQ}: "mainEntity" is missing. Google requires the questions of an FAQPage, each a '
        "Question with name and acceptedAnswer.",
        ERROR,
    ),
    # -- Article (Article, NewsArticle, BlogPosting) structured data ------------------------
    "missing headline": (
        change(POST, "headline", delete=True),
        f'{POST}: "headline" is missing. Google recommends the article\'s title.',
        WARNING,
    ),
    "long headline": (
        change(POST, "headline", value="A" * 111),
        f'{POST}: "headline" is 111 characters long. Google may cut long titles; keep it to 110 '
        "characters or fewer.",
        WARNING,
    ),
    "article without an image": (
        change(POST, "image", delete=True),
        f'{POST}: "image" is missing. Google recommends an image for the article, at least '
        "50,000 pixels (width × height).",
        WARNING,
    ),
    "missing publication date": (
        change(POST, "datePublished", delete=True),
        f'{POST}: "datePublished" is missing. Google recommends it, in ISO 8601 with a time '
        'zone, for example "2024-05-31T09:00:00-04:00".',
        WARNING,
    ),
    "date without a time zone": (
        change(POST, "dateModified", value="2026-11-21T10:30:00"),
        f'{POST}: "dateModified" is "2026-11-21T10:30:00", which has no time zone. Google then '
        "assumes Googlebot's; write the time and zone, for example "
        '"2024-05-31T09:00:00-04:00".',
        WARNING,
    ),
    "date only": (
        change(POST, "datePublished", value="2026-11-20"),
        f'{POST}: "datePublished" is "2026-11-20", which has no time zone. Google then assumes '
        'Googlebot\'s; write the time and zone, for example "2024-05-31T09:00:00-04:00".',
        WARNING,
    ),
    "date that is not ISO 8601": (
        change(POST, "datePublished", value="November 20, 2026"),
        f'{POST}: "datePublished" is "November 20, 2026", which is not an ISO 8601 date. '
        'Write it like "2024-05-31T09:00:00-04:00".',
        ERROR,
    ),
    "missing author": (
        change(POST, "author", delete=True),
        f'{POST}: "author" is missing. Google recommends the author, a Person or Organization '
        "with a name.",
        WARNING,
    ),
    "author without a name": (
        change(POST, "author", "name", delete=True),
        f'{POST} author: "name" is missing. Google needs the author\'s name.',
        ERROR,
    ),
    "author that is a page": (
        change(POST, "author", value={"@id": PAGE}),
        f'{POST}: "author" is not a Person or Organization. Google needs it as {{"@type": '
        '"Person", "name": "..."} or an Organization.',
        ERROR,
    ),
    "missing publisher": (
        change(POST, "publisher", delete=True),
        f'{POST}: "publisher" is missing. Add the clinic as publisher, for example '
        '{"@id": "https://.../#clinic"}.',
        WARNING,
    ),
    # -- absolute addresses ----------------------------------------------------------
    "relative url when absolute ones are needed": (
        change(WEBSITE, "url", value="/"),
        f'{WEBSITE}: "url" is "/", which is not a full https address. Publish builds need '
        "absolute addresses: set SITEURL to the site's https address, for example "
        "https://clinic.example.org.",
        ERROR,
    ),
    "http logo": (
        change(CLINIC, "logo", value="http://clinic.example.org/logo.svg"),
        f'{CLINIC}: "logo" is "http://clinic.example.org/logo.svg", which is not a full https '
        "address. Publish builds need absolute addresses: set SITEURL to the site's https "
        "address, for example https://clinic.example.org.",
        ERROR,
    ),
    "relative crumb": (
        change(BREADCRUMB, "itemListElement", 1, "item", value="/treatments/"),
        f'{BREADCRUMB} itemListElement[1]: "item" is "/treatments/", which is not a full https '
        "address. Publish builds need absolute addresses: set SITEURL to the site's https "
        "address, for example https://clinic.example.org.",
        ERROR,
    ),
    "relative image in a list": (
        change(POST, "image", value=[f"{SITE}/a.jpg", "/b.jpg"]),
        f'{POST}: "image" is "/b.jpg", which is not a full https address. Publish builds need '
        "absolute addresses: set SITEURL to the site's https address, for example "
        "https://clinic.example.org.",
        ERROR,
    ),
}


@pytest.mark.parametrize("apply, message, severity", CASES.values(), ids=CASES.keys())
def test_each_rule_reports_one_finding(apply, message, severity):
    doc = good_graph()
    apply(doc)
    assert findings(doc) == [(message, severity)]


def test_relative_addresses_are_fine_in_development_builds():
    doc = good_graph()
    CASES["relative url when absolute ones are needed"][0](doc)
    CASES["relative crumb"][0](doc)
    assert findings(doc, absolute_urls=False) == []


def test_a_relative_id_is_reported_once_however_often_it_is_used():
    doc = good_graph()
    relative = "/#website"
    node(doc, WEBSITE)["@id"] = relative
    node(doc, PAGE)["isPartOf"] = {"@id": relative}
    assert findings(doc) == [
        (
            f'{relative}: "@id" is "{relative}", which is not a full https address. Publish '
            "builds need absolute addresses: set SITEURL to the site's https address, for example "
            "https://clinic.example.org.",
            ERROR,
        )
    ]


def test_a_node_referred_to_is_read_where_it_is_defined():
    doc = good_graph()
    address = node(doc, CLINIC).pop("address")
    doc["@graph"].append({**address, "@id": f"{SITE}/#address"})
    node(doc, CLINIC)["address"] = {"@id": f"{SITE}/#address"}
    node(doc, POST)["author"] = {"@id": CLINIC}  # the clinic, which has a name
    assert check_google(doc, absolute_urls=True) == []
    del doc["@graph"][-1]["postalCode"]
    assert [f.path for f in check_google(doc, absolute_urls=True)] == ["address.postalCode"]


def test_local_business_rules_apply_to_every_subtype():
    doc = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Dermatology", "@id": f"{SITE}/#derm", "name": "Skin"},  # MedicalBusiness
            {"@type": "MedicalOrganization", "@id": f"{SITE}/#org", "name": "Group"},  # not local
        ],
    }
    assert [(f.node_id, f.path, f.severity) for f in check_google(doc, absolute_urls=True)] == [
        (f"{SITE}/#derm", "address", ERROR),
        *[
            (f"{SITE}/#derm", key, WARNING)
            for key in (
                "telephone",
                "url",
                "geo",
                "openingHoursSpecification",
                "image",
                "priceRange",
            )
        ],
    ]


def test_rules_apply_to_nested_objects_too():
    doc = good_graph()
    node(doc, CLINIC)["department"] = {"@type": "MedicalClinic", "name": "Laser room"}
    assert ("address", ERROR) in [
        (f.path.rpartition(".")[2], f.severity)
        for f in check_google(doc, absolute_urls=True)
        if f.path.startswith("department")
    ]


def test_the_input_is_never_changed():
    doc = good_graph()
    before = copy.deepcopy(doc)
    check_google(doc, absolute_urls=True)
    assert doc == before
