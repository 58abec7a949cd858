"""Structured data for every page of the site, from the catalog and the profile.

The bridge between the catalog (pages as Pelican reads them) and the pure
builders in ``structured_data``: it turns each page into ``PageFacts`` and
assembles its graph.  Validation of the result is the caller's job.
"""

from __future__ import annotations

import datetime as dt

from ..model.catalog import Catalog, Condition, Entry, Treatment
from ..model.citations import extract, without_sources
from ..model.markup import plain_text
from ..model.money import Price
from ..model.people import Person
from ..model.profile import Profile
from ..model.reviews import last_changed
from .nodes import (
    Node,
    PageFacts,
    References,
    blog_posting_node,
    brief,
    clinic_brief,
    clinic_id,
    condition_node,
    find_questions,
    image_node,
    offer_node,
    page_graph,
    person_node,
    person_reference,
    procedure_node,
    references,
    site_nodes,
    unresolved,
)

FULL_CLINIC_PAGES = ("home", "contact", "location", "locations-index")


def _with_image(node: Node, page: object) -> Node:
    """A page's photo (``Image:``) as the node's ``image``, an ImageObject with its size."""
    image = getattr(page, "image_node", None)
    if image:
        node["image"] = image
    return node


class SiteGraph:
    """Builds page graphs for one build; treatment and condition nodes are made once."""

    def __init__(
        self,
        profile: Profile,
        catalog: Catalog,
        site_url: str,
        logo_path: str,
        share_path: str = "img/share.png",
        share_size: tuple[int, int] = (1200, 630),
    ):
        self.profile = profile
        self.catalog = catalog
        self.site_url = site_url.rstrip("/")
        self.logo_url = self.absolute(logo_path)
        self.offers = {t.slug: self._offer(t, t.price) for t in catalog.treatments if t.price}
        # Google asks an article for a raster image at least 1200 pixels wide
        self.share_image = image_node(self.absolute(share_path), *share_size)
        self.procedures = {t.slug: self._procedure(t) for t in catalog.treatments}
        self.conditions = {c.slug: self._condition(c) for c in catalog.conditions}
        self.services = [node["@id"] for node in self.procedures.values()]
        self.location_urls = {
            slug: self.absolute(page.url) for slug, page in catalog.location_pages.items()
        }
        self.shared = site_nodes(
            profile,
            self.site_url,
            self.logo_url,
            self.services,
            list(self.offers.values()),
            self.location_urls,
        )
        # The clinic in full (address, hours, every location, every service) is
        # described on the home and contact pages; every other page names it by
        # @id.  A chain's 50 locations would otherwise repeat on every page.
        self.briefs = {
            n["@id"]: brief(n)
            for n in (
                list(self.procedures.values())
                + list(self.conditions.values())
                + [n for n in self.shared if n["@type"] != "WebSite"]
                + [person_reference(p, self.site_url) for p in catalog.people]
            )
        }
        # every other page names the clinic in brief: read on its own, a page
        # (a blog post's publisher, a treatment's provider) says who that is
        self.website = [clinic_brief(profile, self.site_url, self.logo_url)] + [
            n for n in self.shared if n["@type"] == "WebSite"
        ]
        # what the nodes that begin every page's graph describe and refer to
        self.shared_references = references(self.shared)
        self.website_references = references(self.website)

    def absolute(self, url: str) -> str:
        return f"{self.site_url}/{url}"

    def _offer(self, treatment: Treatment, price: Price) -> Node:
        return offer_node(
            url=self.absolute(treatment.url),
            price=price,
            currency=self.profile.currency,
            note=treatment.price_note,
            site_url=self.site_url,
        )

    def _procedure(self, treatment: Treatment) -> Node:
        overview = treatment.overview
        node = procedure_node(
            url=self.absolute(treatment.url),
            name=treatment.title,
            description=plain_text(str(overview.summary)) if overview else "",
            metadata=overview.metadata if overview else {},
            specialty=self.profile.specialty,
            offer=self.offers.get(treatment.slug),
        )
        return _with_image(node, overview)

    def _condition(self, condition: Condition) -> Node:
        return _with_image(
            condition_node(
                url=self.absolute(condition.url),
                name=condition.title,
                description=plain_text(str(condition.page.summary)),
                treatments=[f"{self.absolute(t.url)}#procedure" for t in condition.treatments],
                specialty=self.profile.specialty,
            ),
            condition.page,
        )

    def _person(self, person: Person) -> Node:
        """A team member, working for each of their locations (or the clinic)."""
        ids = [
            f"{self.site_url}/#location-{slug}"
            for slug in person.location_slugs
            if len(self.profile.locations) > 1
            and any(loc.slug == slug for loc in self.profile.locations)
        ]
        return person_node(person, self.site_url, ids or [clinic_id(self.site_url)])

    def graph(self, entry: Entry) -> Node:
        page, route = entry.page, entry.route
        language = getattr(page, "language", "") or self.profile.language
        # the other versions of the page (model.translations.Alternate); the
        # things it is about (clinic, treatment, condition) are one node each,
        # shared by every language's page
        others = [a for a in getattr(page, "alternates", []) if a.url != page.url]
        facts = PageFacts(
            kind=route.kind,
            url=self.absolute(page.url),
            title=page.title,
            description=plain_text(str(getattr(page, "summary", "") or "")),
            language=language,
            translations=[] if route.language else [self.absolute(a.url) for a in others],
            translation_of=next(
                (self.absolute(a.url) for a in others if a.language == self.profile.language), ""
            )
            if route.language
            else "",
            breadcrumbs=[(name, self.absolute(url)) for name, url in page.breadcrumbs],
            review=getattr(page, "review", None),
            questions=find_questions(without_sources(page.content)),
            citations=extract(page.content),
        )
        if route.kind == "treatment" and route.treatment in self.procedures:
            facts.procedure = self.procedures[route.treatment]
            treatment = self.catalog.treatment(route.treatment)
            conditions = treatment.conditions if treatment else []
            facts.treats = [self.conditions[c.slug]["@id"] for c in conditions]
        elif route.kind == "condition":
            facts.condition = self.conditions.get(route.slug)
        elif route.kind == "article":
            facts.post = blog_posting_node(
                url=facts.url,
                headline=page.title,
                description=facts.description,
                published=page.date.isoformat(),
                modified=_date_time(last_changed(page) or page.date, page.date),
                author=str(getattr(page, "author", "") or ""),
                image=getattr(page, "image_node", None) or self.share_image,
                site_url=self.site_url,
                language=self.profile.language,
            )
        elif route.kind == "person" and (person := getattr(page, "person", None)):
            facts.extra = [self._person(person)]
        elif route.kind == "team-index":
            facts.extra = [self._person(p) for p in self.catalog.people]
        full = route.kind in FULL_CLINIC_PAGES
        shared = self.shared if full else self.website
        return self._complete(
            page_graph(facts, profile=self.profile, site_url=self.site_url, shared=shared),
            len(shared),
            self.shared_references if full else self.website_references,
        )

    def _complete(self, doc: Node, start: int, before: References) -> Node:
        """Describe, briefly, every node the page refers to but does not carry.

        A page read on its own (as search engines and assistants read one)
        then names everything it points at: a treatment's conditions, the
        services on the home page, the place a person works.
        The site-wide nodes (``graph[:start]``) were walked once (``before``).
        """
        graph = doc["@graph"]
        own = unresolved(graph[start:], before)
        graph.extend(self.briefs[i] for i in own if i in self.briefs)
        return doc

    def blog_index_graph(self, url: str, title: str, description: str, home: str) -> Node:
        facts = PageFacts(
            kind="page",
            url=self.absolute(url),
            title=title,
            description=description,
            language=self.profile.language,
            breadcrumbs=[(home, self.absolute("")), (title, self.absolute(url))],
        )
        return page_graph(facts, profile=self.profile, site_url=self.site_url, shared=self.website)


def _date_time(day: dt.date, published: dt.datetime) -> str:
    """A date with a time and zone, as Google asks: a review day starts at midnight."""
    if not isinstance(day, dt.datetime):
        day = dt.datetime.combine(day, dt.time(), tzinfo=published.tzinfo)
    return day.isoformat()
