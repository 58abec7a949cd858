"""schema.org structured data: one linked ``@graph`` per page.

Pure core.  Each builder takes plain values and returns one node (a dict);
``page_graph`` assembles the nodes a page carries.  Nodes refer to each other
by ``@id`` and are never repeated:

==========================  ==========================================
``{site}/#clinic``          the clinic (or, with several locations, the organisation)
``{site}/#location-{slug}`` one node per location when there are several
``{site}/#website``         the website
``{page}#webpage``          the page itself
``{page}#breadcrumb``       its breadcrumb trail
``{treatment}#procedure``   a treatment, on every page of that treatment
``{condition}#condition``   a condition
``{post}#post``             a blog post
==========================  ==========================================

Why a treatment is typed ``MedicalTherapy``: it is the subtype of
``MedicalProcedure`` that ``MedicalCondition.possibleTreatment`` accepts, so
the condition can point at it; it keeps every ``MedicalProcedure`` property.
schema.org has no property from a procedure back to a condition it treats,
so the way back is the treatment page's ``about``, which names both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..model.citations import Citation
from ..model.clock import END_OF_DAY
from ..model.markup import plain_text
from ..model.money import Price, schema_amount
from ..model.people import Person
from ..model.profile import Location, Profile
from ..model.reviews import ReviewState

SCHEMA = "https://schema.org/"

# One JSON-LD node, or a whole {"@context", "@graph"} document: JSON values
# (text, numbers, lists, other nodes) under their property names
Node = dict[str, Any]

# A PostalAddress's parts, in the order people read them: all of them are what
# Google asks a local business for (schema.google).
ADDRESS_PARTS = (
    "streetAddress",
    "addressLocality",
    "addressRegion",
    "postalCode",
    "addressCountry",
)

# MedicalSpecialty members that are also MedicalBusiness types: for these a
# clinic can be typed ["MedicalClinic", "Dermatology"] as schema.org shows.
BUSINESS_SPECIALTIES = frozenset(
    [
        "CommunityHealth",
        "Dermatology",
        "DietNutrition",
        "Emergency",
        "Geriatric",
        "Gynecologic",
        "Midwifery",
        "Nursing",
        "Obstetric",
        "Oncologic",
        "Optometric",
        "Otolaryngologic",
        "Pediatric",
        "Physiotherapy",
        "PlasticSurgery",
        "Podiatric",
        "PrimaryCare",
        "Psychiatric",
        "PublicHealth",
    ]
)

# Noninvasive and Percutaneous are MedicalProcedureType values; surgery is a
# type of its own in schema.org (SurgicalProcedure), so it goes in @type.
PROCEDURE_TYPES = {
    "Noninvasive": "NoninvasiveProcedure",
    "Percutaneous": "PercutaneousProcedure",
}


class Question(NamedTuple):
    name: str
    answer_html: str


@dataclass
class PageFacts:
    """What the graph needs to know about one page, as plain values."""

    kind: str  # a route kind: home, page, contact, treatment, condition, article, ...
    url: str  # absolute in publish builds
    title: str
    description: str
    language: str
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (name, absolute url)
    review: ReviewState | None = None
    questions: list[Question] = field(default_factory=list)
    procedure: Node | None = None  # the treatment's node, on treatment pages
    treats: list[str] = field(default_factory=list)  # ids of the conditions it treats
    condition: Node | None = None  # the condition's node, on condition pages
    post: Node | None = None  # the BlogPosting node, on blog posts
    extra: list[Node] = field(default_factory=list)  # people and places shown on the page
    citations: list[Citation] = field(default_factory=list)  # from footnotes
    # the page's versions in the site's other languages (absolute URLs): an
    # original lists its translations, a translation names its original
    translations: list[str] = field(default_factory=list)
    translation_of: str = ""


def ref(node_id: str) -> Node:
    return {"@id": node_id}


def clinic_id(site_url: str) -> str:
    return f"{site_url}/#clinic"


def location_id(site_url: str, location: Location) -> str:
    return f"{site_url}/#location-{location.slug}"


def _clinic_types(profile: Profile) -> list[str] | str:
    if profile.specialty in BUSINESS_SPECIALTIES:
        return ["MedicalClinic", profile.specialty]
    return "MedicalClinic"


def _place(location: Location) -> Node:
    """Address, phone, hours and position of one location."""
    node: Node = {}
    address = location.address
    parts = {
        "streetAddress": address.street,
        "addressLocality": address.locality,
        "addressRegion": address.region,
        "postalCode": address.postal_code,
        "addressCountry": address.country,
    }
    if any(parts.values()):
        node["address"] = {"@type": "PostalAddress", **{k: v for k, v in parts.items() if v}}
    if location.phone:
        node["telephone"] = location.phone.telephone
    if location.geo:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location.geo.latitude,
            "longitude": location.geo.longitude,
        }
    if location.hours:
        node["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"{SCHEMA}{day}" for day in hours.days],
                "opens": hours.opens,
                "closes": _closes(hours.closes),
            }
            for hours in location.hours
        ]
    return node


def offer_node(*, url: str, price: Price, currency: str, note: str, site_url: str) -> Node:
    """What a priced treatment costs: a price, a starting price, or a range.

    The offer's ``@id`` is the treatment's, so the clinic's catalog and the
    treatment's own page describe one offer.  A starting price or a range is a
    ``PriceSpecification`` with ``minPrice`` (and ``maxPrice``), never a
    single ``price``, so no reader takes the lowest price for the price.
    """
    node: Node = {
        "@type": "Offer",
        "@id": f"{url}#offer",
        "url": url,
        "itemOffered": ref(f"{url}#procedure"),
        "priceCurrency": currency,
        "seller": ref(clinic_id(site_url)),
    }
    if price.exact:
        node["price"] = schema_amount(price.low)
    else:
        spec: Node = {
            "@type": "PriceSpecification",
            "priceCurrency": currency,
            "minPrice": schema_amount(price.low),
        }
        if price.high is not None:
            spec["maxPrice"] = schema_amount(price.high)
        node["priceSpecification"] = spec
    if note:
        node["description"] = note
    return node


def reserve_action(booking: str) -> Node:
    """Online booking: a plain link to the clinic's booking page."""
    return (
        {
            "potentialAction": {
                "@type": "ReserveAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": booking,
                    "actionPlatform": [f"{SCHEMA}DesktopWebPlatform", f"{SCHEMA}MobileWebPlatform"],
                },
            }
        }
        if booking
        else {}
    )


def _closes(time: str) -> str:
    """Midnight at the end of the day as Google asks for it (24:00 is no schema.org Time).

    Google's local business guide: open 24 hours is opens "00:00", closes "23:59".
    """
    return "23:59" if time == END_OF_DAY else time


def clinic_nodes(
    profile: Profile,
    site_url: str,
    logo_url: str,
    services: list[str],
    offers: list[Node] | None = None,
    location_urls: dict[str, str] | None = None,
) -> list[Node]:
    """The clinic; with several locations, the organisation and one node per location."""
    home = f"{site_url}/"
    common: Node = {"name": profile.name, "url": home, "logo": logo_url, "image": logo_url}
    if profile.description:
        common["description"] = profile.description
    if profile.profiles:
        common["sameAs"] = list(profile.profiles)
    # what each place says of itself; priceRange belongs to a place (a
    # LocalBusiness), not to the organisation of several places
    business: Node = (
        {"medicalSpecialty": f"{SCHEMA}{profile.specialty}"} if profile.specialty else {}
    )
    if profile.price_range:
        business["priceRange"] = profile.price_range
    offered: Node = {"availableService": [ref(s) for s in services]} if services else {}
    if offers:
        common["hasOfferCatalog"] = {
            "@type": "OfferCatalog",
            "name": profile.name,
            "itemListElement": offers,
        }
    if len(profile.locations) == 1:
        return [
            {
                "@type": _clinic_types(profile),
                "@id": clinic_id(site_url),
                **common,
                **_place(profile.locations[0]),
                **business,
                **offered,
                **reserve_action(profile.booking_for(profile.main)),
            }
        ]
    organisation = {
        "@type": "MedicalOrganization",
        "@id": clinic_id(site_url),
        **common,
        "department": [ref(location_id(site_url, loc)) for loc in profile.locations],
        **reserve_action(profile.booking),
    }
    if profile.main and profile.main.phone:
        organisation["telephone"] = profile.main.phone.telephone
    locations = [
        {
            "@type": _clinic_types(profile),
            "@id": location_id(site_url, loc),
            "name": loc.name,
            "url": (location_urls or {}).get(loc.slug, home),
            "image": logo_url,
            "parentOrganization": ref(clinic_id(site_url)),
            **_place(loc),
            **business,
            **offered,
            **reserve_action(profile.booking_for(loc)),
        }
        for loc in profile.locations
    ]
    return [organisation] + locations


def person_id(site_url: str, person: Person) -> str:
    return f"{site_url}/{person.url}#person"


def person_reference(person: Person, site_url: str) -> Node:
    """A team member where another node names them: who, and their qualifications."""
    node: Node = {
        "@type": "Person",
        "@id": person_id(site_url, person),
        "name": person.name,
        "url": f"{site_url}/{person.url}",
    }
    if person.credentials:
        node["honorificSuffix"] = person.credentials
    return node


def person_node(person: Person, site_url: str, works_for: list[str]) -> Node:
    """A team member in full, on their own page and the team list.

    ``Person``, not ``Physician``: in schema.org 12.0 ``Physician`` is a
    business (a ``MedicalOrganization``), not a person.
    """
    node = person_reference(person, site_url)
    if person.role:
        node["jobTitle"] = person.role
    if person.languages:
        node["knowsLanguage"] = list(person.languages)
    if works_for:
        node["worksFor"] = [ref(i) for i in works_for]
    if person.photo_published and person.photo_size:
        node["image"] = {
            "@type": "ImageObject",
            "url": f"{site_url}/{person.photo_published}",
            "width": person.photo_size[0],
            "height": person.photo_size[1],
        }
    return node


def clinic_brief(profile: Profile, site_url: str, logo_url: str) -> Node:
    """The clinic as every other page names it: who it is and how to call it.

    A page read on its own (as search engines and assistants read it) then
    has a publisher with a name; the full description stays on the home,
    contact and location pages.  ``MedicalOrganization`` is true of a single
    clinic too (``MedicalClinic`` is one) and, unlike a local business, needs
    no address to be complete.
    """
    node: Node = {
        "@type": "MedicalOrganization",
        "@id": clinic_id(site_url),
        "name": profile.name,
        "url": f"{site_url}/",
        "logo": logo_url,
    }
    if profile.main and profile.main.phone:
        node["telephone"] = profile.main.phone.telephone
    return node


def website_node(profile: Profile, site_url: str) -> Node:
    return {
        "@type": "WebSite",
        "@id": f"{site_url}/#website",
        "url": f"{site_url}/",
        "name": profile.name,
        "publisher": ref(clinic_id(site_url)),
        # every language the site is written in, the default first
        "inLanguage": list(profile.languages) if len(profile.languages) > 1 else profile.language,
    }


def procedure_node(
    *,
    url: str,
    name: str,
    description: str,
    metadata: dict[str, Any],
    specialty: str,
    offer: Node | None = None,
) -> Node:
    """A treatment, from its overview page's metadata.

    A treatment with a price is also a ``Service``: in schema.org only
    products and services are offered, and the offer names it by ``@id``.
    """
    written = str(metadata.get("procedure-type", "")).strip()
    types = ["MedicalTherapy", "SurgicalProcedure"] if written == "Surgical" else ["MedicalTherapy"]
    if offer:
        types.append("Service")
    node: Node = {
        "@type": types[0] if len(types) == 1 else types,
        "@id": f"{url}#procedure",
        "name": name,
        "url": url,
    }
    if description:
        node["description"] = description
    if written in PROCEDURE_TYPES:
        node["procedureType"] = f"{SCHEMA}{PROCEDURE_TYPES[written]}"
    for key, prop in (
        ("body-location", "bodyLocation"),
        ("how-performed", "howPerformed"),
        ("preparation", "preparation"),
        ("followup", "followup"),
    ):
        value = str(metadata.get(key, "")).strip()
        if value:
            node[prop] = value
    if specialty:
        node["relevantSpecialty"] = f"{SCHEMA}{specialty}"
    if offer:
        node["offers"] = offer
    return node


def condition_node(
    *, url: str, name: str, description: str, treatments: list[str], specialty: str
) -> Node:
    node: Node = {"@type": "MedicalCondition", "@id": f"{url}#condition", "name": name, "url": url}
    if description:
        node["description"] = description
    if treatments:
        node["possibleTreatment"] = [ref(t) for t in treatments]
    if specialty:
        node["relevantSpecialty"] = f"{SCHEMA}{specialty}"
    return node


def breadcrumb_node(page_url: str, trail: list[tuple[str, str]]) -> Node:
    """Positions from 1; the last crumb (this page) carries no ``item``, as Google allows."""
    items = []
    for position, (name, url) in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": name}
        if position < len(trail):
            item["item"] = url
        items.append(item)
    return {"@type": "BreadcrumbList", "@id": f"{page_url}#breadcrumb", "itemListElement": items}


def image_node(url: str, width: int, height: int) -> Node:
    return {"@type": "ImageObject", "url": url, "width": width, "height": height}


def blog_posting_node(
    *,
    url: str,
    headline: str,
    description: str,
    published: str,
    modified: str,
    author: str,
    image: Node,
    site_url: str,
    language: str,
) -> Node:
    node: Node = {
        "@type": "BlogPosting",
        "@id": f"{url}#post",
        "headline": headline,
        "url": url,
        "datePublished": published,
        "dateModified": modified,
        "author": {"@type": "Organization", "name": author, "url": f"{site_url}/"}
        if author
        else ref(clinic_id(site_url)),
        "publisher": ref(clinic_id(site_url)),
        "image": image,
        "mainEntityOfPage": ref(f"{url}#webpage"),
        "inLanguage": language,
    }
    if description:
        node["description"] = description
    return node


def webpage_node(facts: PageFacts, site_url: str, profile: Profile) -> Node:
    medical = facts.kind in ("treatment", "condition")
    types: list[str] = [
        "MedicalWebPage" if medical else "ContactPage" if facts.kind == "contact" else "WebPage"
    ]
    if facts.questions:
        types.append("FAQPage")
    node: Node = {
        "@type": types[0] if len(types) == 1 else types,
        "@id": f"{facts.url}#webpage",
        "url": facts.url,
        "name": facts.title,
        "isPartOf": ref(f"{site_url}/#website"),
        "inLanguage": facts.language,
    }
    if facts.translations:
        node["workTranslation"] = [ref(f"{url}#webpage") for url in facts.translations]
    if facts.translation_of:
        node["translationOfWork"] = ref(f"{facts.translation_of}#webpage")
    if facts.description:
        node["description"] = facts.description
    if facts.breadcrumbs:
        node["breadcrumb"] = ref(f"{facts.url}#breadcrumb")
    subject = facts.procedure or facts.condition or facts.post
    about = [ref(n["@id"]) for n in (facts.procedure, facts.condition) if n]
    about += [ref(c) for c in facts.treats]
    if about:
        node["about"] = about
    if facts.questions:
        node["mainEntity"] = [
            {
                "@type": "Question",
                "name": q.name,
                "acceptedAnswer": {"@type": "Answer", "text": q.answer_html},
            }
            for q in facts.questions
        ]
    elif subject:
        node["mainEntity"] = ref(subject["@id"])
    if facts.citations:
        node["citation"] = [
            {"@type": "CreativeWork", "name": c.text, **({"url": c.url} if c.url else {})}
            for c in facts.citations
        ]
    if facts.kind in ("home", "contact"):
        node["about"] = ref(clinic_id(site_url))
    if medical:
        node["medicalAudience"] = {"@type": "Patient"}
        if profile.specialty:
            node["specialty"] = f"{SCHEMA}{profile.specialty}"
    # what the page shows as "Page last reviewed", medical page or blog post;
    # WebPage properties, so a post's are on the page it is the main entity of
    if facts.review and facts.review.reviewed:
        node["lastReviewed"] = facts.review.reviewed.isoformat()
        person = facts.review.person
        if person is not None:
            node["reviewedBy"] = person_reference(person, site_url)
        elif facts.review.reviewer:
            node["reviewedBy"] = {"@type": "Person", "name": facts.review.reviewer}
        else:
            node["reviewedBy"] = ref(clinic_id(site_url))
    return node


def site_nodes(
    profile: Profile,
    site_url: str,
    logo_url: str,
    services: list[str],
    offers: list[Node] | None = None,
    location_urls: dict[str, str] | None = None,
) -> list[Node]:
    """The nodes every page carries: the clinic (and its locations) and the website."""
    return clinic_nodes(profile, site_url, logo_url, services, offers, location_urls) + [
        website_node(profile, site_url)
    ]


def brief(node: Node) -> Node:
    """A node as another page names it: its type, @id, name, address and phone.

    A clinic or location is named as a ``MedicalOrganization`` (which a
    ``MedicalClinic`` also is): typed as a local business, search engines
    would look for its address and hours on every page; those are on the
    pages that describe it in full.
    """
    found: Node = {
        key: node[key]
        for key in ("@type", "@id", "name", "url", "telephone", "honorificSuffix")
        if key in node
    }
    types = node.get("@type")
    if "MedicalClinic" in (types if isinstance(types, list) else [types]):
        found["@type"] = "MedicalOrganization"
    return found


class References(NamedTuple):
    """The @ids some nodes describe, and those they refer to ({"@id": ...} alone), in order."""

    described: frozenset[str] = frozenset()
    referred: tuple[str, ...] = ()


NOTHING_BEFORE = References()  # a graph on its own


def references(graph: list[Node], before: References = NOTHING_BEFORE) -> References:
    """What ``graph``'s nodes describe and refer to, after what nodes ``before`` them did.

    The site-wide nodes begin every page's graph; walked once (``before``),
    each page walks only its own.
    """
    described = set(before.described)
    referred = dict.fromkeys(before.referred)

    def walk(node: dict[str, Any], top: bool) -> None:
        if "@id" in node:
            if top or len(node) > 1:
                described.add(node["@id"])
            else:
                referred.setdefault(node["@id"], None)
        # only containers are entered: most values are text (a call a value
        # made this a tenth of a large site's structured data)
        for item in node.values():
            if isinstance(item, dict):
                walk(item, False)
            elif isinstance(item, list):
                items(item)

    def items(values: list[Any]) -> None:
        for item in values:
            if isinstance(item, dict):
                walk(item, False)
            elif isinstance(item, list):
                items(item)

    for node in graph:
        walk(node, True)
    return References(frozenset(described), tuple(referred))


def unresolved(graph: list[Node], before: References = NOTHING_BEFORE) -> list[str]:
    """The @ids a graph (after ``before``) refers to but does not describe, in order."""
    found = references(graph, before)
    return [node_id for node_id in found.referred if node_id not in found.described]


def page_graph(facts: PageFacts, *, profile: Profile, site_url: str, shared: list[Node]) -> Node:
    """The whole graph one page carries; ``shared`` comes from ``site_nodes``, made once."""
    graph = list(shared)
    graph.append(webpage_node(facts, site_url, profile))
    if facts.breadcrumbs:
        graph.append(breadcrumb_node(facts.url, facts.breadcrumbs))
    for node in (facts.procedure, facts.condition, facts.post):
        if node:
            graph.append(node)
    graph.extend(facts.extra)
    return {"@context": "https://schema.org", "@graph": graph}


# -- questions and answers ---------------------------------------------------
# Markdown writes each heading as one <h2>…</h2> element, so the headings of a
# rendered body can be found without parsing the whole fragment again.
_H2 = re.compile(r"<h2(?:\s[^>]*)?>(.*?)</h2>", re.S)


def find_questions(html: str) -> list[Question]:
    """Questions and answers, by the documented convention.

    A page shows questions and answers when every ``##`` heading in it is a
    question (ends with "?") and there are at least two; each answer is
    everything up to the next ``##`` heading.
    """
    if "?</h2>" not in html and "?\n</h2>" not in html:
        return []
    matches = list(_H2.finditer(html))
    if len(matches) < 2:
        return []
    names = [plain_text(m.group(1)) for m in matches]
    if not all(name.endswith("?") for name in names):
        return []
    questions = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(html)
        answer = html[match.end() : end].strip()
        if answer:
            questions.append(Question(names[index], answer))
    return questions if len(questions) >= 2 else []


# -- serialization -------------------------------------------------------------
# Replacements, not str.translate: translate looks every character up in a
# table, while replace scans in C and most of a page's JSON needs none of them.
_HTML_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(data: Node) -> str:
    """JSON for a ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are escaped so no value can close the script element
    or open an HTML comment; U+2028 and U+2029 so the text is also valid
    JavaScript.  The escapes are JSON escapes: parsing gives back the input.
    A NaN or infinite number raises ``ValueError`` rather than writing invalid JSON.
    """
    try:
        # NaN and Infinity are not JSON: a parser would reject the whole graph
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as error:
        raise ValueError(
            f"structured data holds a number that is not finite ({error}); "
            "the profile's numbers are checked, so this is a bug"
        ) from None
    for unsafe, escape in _HTML_UNSAFE:
        if unsafe in text:
            text = text.replace(unsafe, escape)
    return text
