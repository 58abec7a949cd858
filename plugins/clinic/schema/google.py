"""Checks a page's JSON-LD graph against Google's published structured-data rules.

Pure core: ``check_google(doc, absolute_urls=...)`` returns ``Finding``s (the
same record ``vocabulary.py`` uses).  ``vocabulary.validate_graph`` says
whether the graph is valid schema.org; this module says whether Google can use
it for the results a clinic cares about: the business panel, breadcrumbs,
questions and answers, and blog posts.

What Google *requires* is an error (``severity="error"``): without it the
page is not eligible.  What Google *recommends* is a warning: the result is
shown, with less in it.  Each rule names the Search Central page it follows;
the pages are cited by title because Google changes their addresses.  Rules
apply to subtypes too (MedicalClinic is a LocalBusiness, BlogPosting an
Article), using the schema.org hierarchy from ``vocabulary.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TypeGuard

from ..model.clock import is_date, is_time
from .findings import Finding
from .nodes import ADDRESS_PARTS, Node
from .vocabulary import (
    index_ids,
    is_datetime,
    is_reference,
    join_path,
    show,
    vocabulary,
    walk,
)

# Keys whose values are addresses Google fetches or shows.
URL_KEYS = ("url", "item", "logo", "image", "contentUrl")

# Local business: what Google recommends, and why a patient or Google needs it.
# Ratings, reviews, menu and cuisine are left out: a clinic's reviews of itself
# are not eligible for review snippets, and the others are for restaurants.
LOCAL_RECOMMENDED = {
    "telephone": "the phone number patients should call, with country and area code",
    "url": "the address of the clinic's own page",
    "geo": "the map position (GeoCoordinates with latitude and longitude)",
    "openingHoursSpecification": "opening hours (OpeningHoursSpecification with "
    "dayOfWeek, opens and closes)",
    "image": "an image of the business, such as its logo or a photo",
    "priceRange": 'a price range, such as "$$" or "$100-300"',
}

_ZONE = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


class _Page:
    """One graph and the findings about it."""

    def __init__(self, doc: Node):
        self.doc = doc
        self.vocab = vocabulary()
        self.findings: dict[Finding, None] = {}
        self._ids: dict[str, Node] | None = None

    @property
    def ids(self) -> dict[str, Node]:
        """The graph's nodes by ``@id``, indexed when a reference first needs it.

        Indexing walks the whole graph, and most pages resolve no reference.
        """
        if self._ids is None:
            self._ids = index_ids(self.doc)
        return self._ids

    def add(self, node_id: str, path: str, message: str, severity: str = "error") -> None:
        self.findings.setdefault(Finding(node_id, path, message, severity), None)

    def resolve(self, value: Any) -> Any:
        """A reference to a node in this graph, replaced by that node."""
        if type(value) is dict and len(value) > 1:
            return value  # an object with more than an @id: the common case
        if is_reference(value) and value["@id"] in self.ids:
            return self.ids[value["@id"]]
        return value

    def is_a(self, obj: object, kind: str) -> TypeGuard[Node]:
        return isinstance(obj, dict) and kind in self.vocab.lineage(obj.get("@type"))


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _blank(value: object) -> bool:
    if type(value) is str:  # the common case; "" and blanks alike
        return not value.strip()
    return (
        value is None
        or value == ""
        or value == []
        or (isinstance(value, str) and not value.strip())
    )


def _decimals(value: Any) -> int:
    text = value if isinstance(value, str) else repr(float(value))
    if "e" in text.lower():
        return 0
    return len(text.partition(".")[2])


# -- the rules -----------------------------------------------------------------


def _local_business(page: _Page, node_id: str, path: str, node: Node) -> None:
    """Local business (LocalBusiness) structured data.

    Required: ``name`` and ``address``.  Recommended: the five address parts
    (Google: "include as many properties as possible"), ``telephone`` with
    country and area code, ``url``, ``geo`` with at least 5 decimal places,
    ``openingHoursSpecification`` (``dayOfWeek``, ``opens``, ``closes`` as
    hh:mm[:ss]), ``image`` and ``priceRange`` (under 100 characters).
    """
    if _blank(node.get("name")):
        page.add(
            node_id,
            join_path(path, "name"),
            '"name" is missing. Google requires the '
            "business name to show it in local results and on the map.",
        )
    address = page.resolve(node.get("address"))
    if _blank(address):
        page.add(
            node_id,
            join_path(path, "address"),
            '"address" is missing. Google requires '
            "the clinic's address (a PostalAddress with street, town, region, postal "
            "code and country) to show it in local results and on the map.",
        )
    elif is_reference(address):
        pass  # described on another page: checked there
    elif isinstance(address, dict):
        for part in ADDRESS_PARTS:
            if _blank(address.get(part)):
                page.add(
                    node_id,
                    join_path(path, f"address.{part}"),
                    f'"{part}" is missing. '
                    "Google recommends the full address: "
                    f"{', '.join(ADDRESS_PARTS)}.",
                    "warning",
                )
    else:
        page.add(
            node_id,
            join_path(path, "address"),
            '"address" is text. Google needs a '
            'PostalAddress: {"@type": "PostalAddress", "streetAddress": "...", ...}.',
        )
    for key, what in LOCAL_RECOMMENDED.items():
        if _blank(node.get(key)):
            page.add(
                node_id,
                join_path(path, key),
                f'"{key}" is missing. Google recommends {what}.',
                "warning",
            )
    for phone in _items(node.get("telephone")):
        if isinstance(phone, str) and phone.strip() and not phone.strip().startswith("+"):
            page.add(
                node_id,
                join_path(path, "telephone"),
                f'"telephone" is "{phone}". '
                "Google recommends the country code too, for example +1 305 555 0100.",
                "warning",
            )
    for price in _items(node.get("priceRange")):
        if isinstance(price, str) and len(price) >= 100:
            page.add(
                node_id,
                join_path(path, "priceRange"),
                f'"priceRange" is {len(price)} '
                "characters long. Google shows no price range of 100 characters or more: "
                'shorten it to something like "$$" or "$100-300".',
                "warning",
            )
    geo = page.resolve(node.get("geo"))
    if isinstance(geo, dict) and not is_reference(geo):
        _geo(page, node_id, join_path(path, "geo"), geo)
    hours = node.get("openingHoursSpecification")
    where = join_path(path, "openingHoursSpecification")
    for i, spec in enumerate(_items(hours)):
        spec = page.resolve(spec)
        if isinstance(spec, dict) and not is_reference(spec):
            _hours(page, node_id, f"{where}[{i}]" if isinstance(hours, list) else where, spec)


def _geo(page: _Page, node_id: str, path: str, geo: Node) -> None:
    """Local business: ``geo.latitude``/``geo.longitude``, at least 5 decimal places."""
    for key, limit in (("latitude", 90), ("longitude", 180)):
        value: Any = geo.get(key)  # any JSON value: the checks below say which are right
        where = join_path(path, key)
        if _blank(value):
            page.add(
                node_id,
                where,
                f'"{key}" is missing. Google recommends both latitude '
                "and longitude, copied from a map.",
                "warning",
            )
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            page.add(
                node_id,
                where,
                f'"{key}" is {show(value)}, which is not a number. Copy it '
                "from a map, for example 25.76168.",
            )
            continue
        if isinstance(value, bool) or abs(number) > limit:
            page.add(
                node_id,
                where,
                f'"{key}" is {value}, which is not a {key}: it must be '
                f"between -{limit} and {limit}.",
            )
        elif _decimals(value) < 5:
            page.add(
                node_id,
                where,
                f'"{key}" is {value}, with {_decimals(value)} decimal '
                "places. Google recommends at least 5 (about a metre), so the map pin "
                "lands on the clinic's door; copy it from a map.",
                "warning",
            )


def _hours(page: _Page, node_id: str, path: str, spec: Node) -> None:
    """Local business: ``openingHoursSpecification`` with dayOfWeek, opens, closes."""
    if _blank(spec.get("dayOfWeek")):
        page.add(
            node_id,
            join_path(path, "dayOfWeek"),
            '"dayOfWeek" is missing. Google needs '
            'the days these hours apply to, for example "dayOfWeek": ["Monday", '
            '"Tuesday"].',
        )
    for key in ("opens", "closes"):
        value = spec.get(key)
        where = join_path(path, key)
        if _blank(value):
            page.add(
                node_id,
                where,
                f'"{key}" is missing. Google needs both opens and '
                'closes; for a day the clinic is closed, set both to "00:00".',
            )
        elif not isinstance(value, str) or not is_time(value):
            page.add(
                node_id,
                where,
                f'"{key}" is {show(value)}, which is not a 24-hour time. '
                'Write it as hh:mm or hh:mm:ss, for example "09:00" or "17:30:00".',
            )


def _entries(
    page: _Page,
    node_id: str,
    path: str,
    node: Node,
    key: str,
    kind: str,
    missing: str,
    not_kind: Callable[[int], str],
) -> Iterator[tuple[int, str, Node]]:
    """A required list (``itemListElement``, ``mainEntity``): its ``kind`` entries.

    Yields ``(index, path, entry)`` for each entry that is a ``kind``; a
    missing list and each other entry are reported (``not_kind(index)`` says
    how), in list order with whatever the caller reports of each entry.
    """
    items = _items(node.get(key))
    where = join_path(path, key)
    if not items:
        page.add(node_id, where, missing)
    listed = isinstance(node.get(key), list)
    for i, raw in enumerate(items):
        entry = page.resolve(raw)
        at = f"{where}[{i}]" if listed else where
        if page.is_a(entry, kind):
            yield i, at, entry
        else:
            page.add(node_id, at, not_kind(i))


def _breadcrumb(page: _Page, node_id: str, path: str, node: Node) -> None:
    """Breadcrumb (BreadcrumbList) structured data.

    Required: ``itemListElement``, a list of ListItem, each with ``position``
    (an integer; 1 is the start of the trail), ``name`` and ``item`` (the
    page's URL).  The last crumb may omit ``item``: Google then uses the
    page's own URL.  Positions are checked to run 1, 2, 3... in list order.
    """
    count = len(_items(node.get("itemListElement")))
    crumbs = _entries(
        page,
        node_id,
        path,
        node,
        "itemListElement",
        "ListItem",
        '"itemListElement" is missing. Google requires the list of crumbs, each a ListItem '
        "with position, name and item.",
        lambda i: (
            f'crumb {i + 1} of "itemListElement" is not a ListItem. Google requires '
            'each crumb as {"@type": "ListItem", "position": 1, "name": "...", '
            '"item": "https://..."}.'
        ),
    )
    out_of_order = False
    for i, at, crumb in crumbs:
        position = crumb.get("position")
        if _blank(position):
            page.add(
                node_id,
                join_path(at, "position"),
                f'"position" is missing. Give crumb '
                f'{i + 1} its place in the trail: "position": {i + 1}.',
            )
        elif isinstance(position, bool) or not isinstance(position, int):
            page.add(
                node_id,
                join_path(at, "position"),
                f'"position" is {show(position)}. Google '
                f'needs a whole number without quotes: "position": {i + 1}.',
            )
        elif position != i + 1 and not out_of_order:
            out_of_order = True  # one report: the crumbs after it are off the same way
            page.add(
                node_id,
                join_path(at, "position"),
                f'"position" is {position}, but '
                f"this is crumb {i + 1}. Google reads positions as the order of the "
                f"trail, starting at 1 and going up by one: make it {i + 1}.",
            )
        item = crumb.get("item")
        name = crumb.get("name")
        if _blank(name) and not (isinstance(item, dict) and not _blank(item.get("name"))):
            page.add(
                node_id,
                join_path(at, "name"),
                f'"name" is missing. Google requires the '
                f"crumb's title, as the visitor sees it (crumb {i + 1}).",
            )
        if _blank(item) and i < count - 1:
            page.add(
                node_id,
                join_path(at, "item"),
                f'"item" is missing. Google requires the '
                f"address of every crumb except the last (crumb {i + 1} of {count}).",
            )


def _faq(page: _Page, node_id: str, path: str, node: Node) -> None:
    """FAQ (FAQPage, Question, Answer) structured data.

    Required: ``mainEntity``, the list of Question; each Question needs
    ``name`` (the full question) and ``acceptedAnswer``, an Answer whose
    ``text`` is the full answer.  Google shows FAQ results only for
    well-known government and health sites.
    """
    questions = _entries(
        page,
        node_id,
        path,
        node,
        "mainEntity",
        "Question",
        '"mainEntity" is missing. Google requires the questions of an FAQPage, each a '
        "Question with name and acceptedAnswer.",
        lambda i: (
            f'entry {i + 1} of "mainEntity" is not a Question. Google requires every '
            "mainEntity of an FAQPage to be a Question."
        ),
    )
    for i, at, question in questions:
        if _blank(question.get("name")):
            page.add(
                node_id,
                join_path(at, "name"),
                f'"name" is missing. Google requires the full text of question {i + 1}.',
            )
        answers = [page.resolve(a) for a in _items(question.get("acceptedAnswer"))]
        label = question.get("name") or f"question {i + 1}"
        if not answers:
            page.add(
                node_id,
                join_path(at, "acceptedAnswer"),
                '"acceptedAnswer" is missing. '
                f'Google requires an answer to "{label}": {{"@type": "Answer", '
                '"text": "..."}.',
            )
        for answer in answers:
            if not page.is_a(answer, "Answer"):
                page.add(
                    node_id,
                    join_path(at, "acceptedAnswer"),
                    '"acceptedAnswer" is not '
                    'an Answer. Write it as {"@type": "Answer", "text": "..."}.',
                )
            elif _blank(answer.get("text")):
                page.add(
                    node_id,
                    join_path(at, "acceptedAnswer.text"),
                    f'"text" is missing. Google requires the full answer to "{label}".',
                )


def _article(page: _Page, node_id: str, path: str, node: Node) -> None:
    """Article (Article, NewsArticle, BlogPosting) structured data.

    Google requires nothing and recommends ``headline`` (concise: long ones
    are cut; 110 characters was Google's former limit), ``image``,
    ``datePublished`` and ``dateModified`` in ISO 8601 with a time zone, and
    ``author`` (a Person or Organization with ``name``).  ``publisher`` is
    checked too, as Google's earlier article guidance asked for it.
    """
    headline = node.get("headline")
    if _blank(headline):
        page.add(
            node_id,
            join_path(path, "headline"),
            '"headline" is missing. Google recommends the article\'s title.',
            "warning",
        )
    elif isinstance(headline, str) and len(headline) > 110:
        page.add(
            node_id,
            join_path(path, "headline"),
            f'"headline" is {len(headline)} '
            "characters long. Google may cut long titles; keep it to 110 characters or "
            "fewer.",
            "warning",
        )
    if _blank(node.get("image")):
        page.add(
            node_id,
            join_path(path, "image"),
            '"image" is missing. Google recommends '
            "an image for the article, at least 50,000 pixels (width × height).",
            "warning",
        )
    for key in ("datePublished", "dateModified"):
        value = node.get(key)
        where = join_path(path, key)
        if _blank(value):
            page.add(
                node_id,
                where,
                f'"{key}" is missing. Google recommends it, in ISO 8601 '
                'with a time zone, for example "2024-05-31T09:00:00-04:00".',
                "warning",
            )
        elif not isinstance(value, str) or not (
            is_datetime(value) or is_date(value) or _local_datetime(value)
        ):
            page.add(
                node_id,
                where,
                f'"{key}" is {show(value)}, which is not an ISO 8601 date. '
                'Write it like "2024-05-31T09:00:00-04:00".',
            )
        elif not _ZONE.search(value):
            page.add(
                node_id,
                where,
                f'"{key}" is "{value}", which has no time zone. Google '
                "then assumes Googlebot's; write the time and zone, for example "
                '"2024-05-31T09:00:00-04:00".',
                "warning",
            )
    authors = _items(node.get("author"))
    if not authors:
        page.add(
            node_id,
            join_path(path, "author"),
            '"author" is missing. Google recommends '
            "the author, a Person or Organization with a name.",
            "warning",
        )
    for i, raw in enumerate(authors):
        author = page.resolve(raw)
        where = join_path(path, "author") + (f"[{i}]" if isinstance(node["author"], list) else "")
        if is_reference(author):
            continue  # defined on another page: the vocabulary check covers it
        if not (page.is_a(author, "Person") or page.is_a(author, "Organization")):
            page.add(
                node_id,
                where,
                '"author" is not a Person or Organization. Google needs '
                'it as {"@type": "Person", "name": "..."} or an Organization.',
            )
        elif _blank(author.get("name")):
            page.add(
                node_id,
                join_path(where, "name"),
                '"name" is missing. Google needs the author\'s name.',
            )
    if _blank(node.get("publisher")):
        page.add(
            node_id,
            join_path(path, "publisher"),
            '"publisher" is missing. Add the '
            'clinic as publisher, for example {"@id": "https://.../#clinic"}.',
            "warning",
        )


def _local_datetime(value: str) -> bool:
    """A date and time without a zone: valid ISO 8601, reported only as a warning."""
    return is_datetime(value + "Z")


# A rule reports what one object of its type lacks: (page, node_id, path, object)
_Rule = Callable[[_Page, str, str, Node], None]

_RULES: tuple[tuple[str, _Rule], ...] = (
    ("LocalBusiness", _local_business),
    ("BreadcrumbList", _breadcrumb),
    ("FAQPage", _faq),
    ("Article", _article),
)

# The rules for objects of each lineage (``Vocabulary.lineage``: a set of
# type names), in _RULES order.  Keyed on type names only, so right for
# every page; most objects (questions, crumbs) get ().
_RULES_FOR: dict[frozenset[str], tuple[_Rule, ...]] = {}


def _rules_for(lineage: frozenset[str]) -> tuple[_Rule, ...]:
    found = _RULES_FOR.get(lineage)
    if found is None:
        found = _RULES_FOR[lineage] = tuple(rule for kind, rule in _RULES if kind in lineage)
    return found


# -- absolute addresses --------------------------------------------------------


def _urls(objects: list[tuple[str, str, Node]]) -> Iterator[tuple[str, str, str, str]]:
    """Every address in the graph (its ``walk``): (node_id, path, key, value)."""
    for node_id, path, obj in objects:
        if isinstance(obj.get("@id"), str) and not obj["@id"].startswith("_:"):
            yield node_id, join_path(path, "@id"), "@id", obj["@id"]
        for key, value in obj.items():
            if key.startswith("@"):
                continue
            if type(value) is str:  # the common case, in short: no list, no reference
                if key in URL_KEYS:
                    yield node_id, join_path(path, key), key, value
                continue
            values = value if isinstance(value, list) else [value]
            for i, item in enumerate(values):
                at = join_path(path, key) + (f"[{i}]" if isinstance(value, list) else "")
                if is_reference(item) and not item["@id"].startswith("_:"):
                    yield node_id, join_path(at, "@id"), "@id", item["@id"]
                elif key in URL_KEYS and isinstance(item, str):
                    yield node_id, at, key, item


def _absolute(page: _Page, objects: list[tuple[str, str, Node]]) -> None:
    """Google's structured-data guidelines: URLs must be fully qualified.

    Google reads each address on its own, not against the page it is on, so
    a publish build writes ``url``, ``item``, ``logo``, ``image`` and every
    URL ``@id`` as absolute https addresses.
    """
    reported_ids: set[str] = set()
    for node_id, path, key, value in _urls(objects):
        if value.startswith("https://") and len(value) > len("https://"):
            continue
        if key == "@id":
            # Once per id: a node's id and every reference to it share the fix.
            if value in reported_ids:
                continue
            reported_ids.add(value)
        page.add(
            node_id,
            path,
            f'"{key}" is "{value}", which is not a full https address. '
            "Publish builds need absolute addresses: set SITEURL to the site's https "
            "address, for example https://clinic.example.org.",
        )


def check_google(doc: Node, *, absolute_urls: bool) -> list[Finding]:
    """Every way ``doc`` falls short of Google's structured-data rules, in graph order.

    ``absolute_urls`` is for publish builds: every address must then be a
    full https URL.  Development builds use site-relative addresses.
    """
    page = _Page(doc if isinstance(doc, dict) else {})
    lineage = page.vocab.lineage
    objects = list(walk(page.doc))  # one walk serves the rules and the addresses
    for node_id, path, obj in objects:
        for rule in _rules_for(lineage(obj.get("@type"))):
            rule(page, node_id, path, obj)
    if absolute_urls:
        _absolute(page, objects)
    return list(page.findings)
