"""Structured data for every page of the site, from the catalog and the profile.

The bridge between the catalog (pages as Pelican reads them) and the pure
builders in ``structured_data``: it turns each page into ``PageFacts`` and
assembles its graph.  Validation of the result is the caller's job.
"""

from __future__ import annotations

import datetime as dt

from ..model.catalog import Catalog, Entry
from ..model.citations import extract, without_sources
from ..model.markup import plain_text
from ..model.profile import Profile
from ..model.reviews import last_changed
from ..publishing.images import SHARE_SIZE
from .nodes import (
    PageFacts, blog_posting_node, condition_node, find_questions, image_node, page_graph,
    procedure_node, publisher_node, site_nodes,
)

FULL_CLINIC_PAGES = ("home", "contact")


class SiteGraph:
    """Builds page graphs for one build; treatment and condition nodes are made once."""

    def __init__(self, profile: Profile, catalog: Catalog, site_url: str, logo_path: str,
                 share_path: str = "img/share.png"):
        self.profile = profile
        self.catalog = catalog
        self.site_url = site_url.rstrip("/")
        self.logo_url = self.absolute(logo_path)
        # Google asks an article for a raster image at least 1200 pixels wide
        self.share_image = image_node(self.absolute(share_path), *SHARE_SIZE)
        self.procedures = {t.slug: self._procedure(t) for t in catalog.treatments}
        self.conditions = {c.slug: self._condition(c) for c in catalog.conditions}
        self.services = [node["@id"] for node in self.procedures.values()]
        self.shared = site_nodes(profile, self.site_url, self.logo_url, self.services)
        # The clinic in full (address, hours, every location, every service) is
        # described on the home and contact pages; every other page names it by
        # @id.  A chain's 50 locations would otherwise repeat on every page.
        self.website = [n for n in self.shared if n["@type"] == "WebSite"]
        # A blog post names its publisher; read on its own, the post says who that is.
        self.post_shared = [publisher_node(profile, self.site_url, self.logo_url)] + self.website

    def absolute(self, url: str) -> str:
        return f"{self.site_url}/{url}"

    def _procedure(self, treatment) -> dict:
        overview = treatment.overview
        return procedure_node(
            url=self.absolute(treatment.url), name=treatment.title,
            description=plain_text(str(overview.summary)) if overview else "",
            metadata=overview.metadata if overview else {}, specialty=self.profile.specialty,
        )

    def _condition(self, condition) -> dict:
        return condition_node(
            url=self.absolute(condition.url), name=condition.title,
            description=plain_text(str(condition.page.summary)),
            treatments=[f"{self.absolute(t.url)}#procedure" for t in condition.treatments],
            specialty=self.profile.specialty,
        )

    def graph(self, entry: Entry) -> dict:
        page, route = entry.page, entry.route
        facts = PageFacts(
            kind=route.kind, url=self.absolute(page.url), title=page.title,
            description=plain_text(str(getattr(page, "summary", "") or "")),
            language=self.profile.language,
            breadcrumbs=[(name, self.absolute(url)) for name, url in page.breadcrumbs],
            review=getattr(page, "review", None),
            questions=find_questions(without_sources(page.content)),
            citations=extract(page.content),
        )
        if route.kind == "treatment" and route.treatment in self.procedures:
            facts.procedure = self.procedures[route.treatment]
            treatment = self.catalog.treatment(route.treatment)
            facts.treats = [self.conditions[c.slug]["@id"] for c in treatment.conditions]
        elif route.kind == "condition":
            facts.condition = self.conditions.get(route.slug)
        elif route.kind == "article":
            facts.post = blog_posting_node(
                url=facts.url, headline=page.title, description=facts.description,
                published=page.date.isoformat(),
                modified=_date_time(last_changed(page) or page.date, page.date),
                author=str(getattr(page, "author", "") or ""), image=self.share_image,
                site_url=self.site_url, language=self.profile.language,
            )
        shared = self.shared if route.kind in FULL_CLINIC_PAGES else \
            self.post_shared if route.kind == "article" else self.website
        return page_graph(facts, profile=self.profile, site_url=self.site_url, shared=shared)

    def blog_index_graph(self, url: str, title: str, description: str, home: str) -> dict:
        facts = PageFacts(kind="page", url=self.absolute(url), title=title,
                          description=description, language=self.profile.language,
                          breadcrumbs=[(home, self.absolute("")), (title, self.absolute(url))])
        return page_graph(facts, profile=self.profile, site_url=self.site_url,
                          shared=self.website)


def _date_time(day: dt.date, published: dt.datetime) -> str:
    """A date with a time and zone, as Google asks: a review day starts at midnight."""
    if not isinstance(day, dt.datetime):
        day = dt.datetime.combine(day, dt.time(), tzinfo=published.tzinfo)
    return day.isoformat()
