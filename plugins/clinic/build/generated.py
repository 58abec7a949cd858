"""Pages the site has without a file: each location's page, their list, the team list.

A clinic with several locations gets ``/locations/<slug>/`` for every
location in clinic.toml and ``/locations/`` listing them; a clinic with team
members gets ``/team/``.  A file (``content/locations/<slug>.md``,
``content/pages/team.md``) adds its text to the page; without one, the build
makes the page with a title and summary in the site's language.
"""

from __future__ import annotations

import os
from typing import Any

from pelican.contents import Page

from ..model.routes import Route
from .pictures import results_without_page
from .session import Build


def missing_pages(build: Build, generator: Any) -> list[Any]:
    """New page objects for the people-and-places pages that have no file."""
    routes: list[Route] = [
        r
        for p in generator.pages + generator.hidden_pages + generator.draft_pages
        if (r := getattr(p, "clinic_route", None)) is not None
    ]
    kinds = {r.kind for r in routes}
    have_locations = {r.slug for r in routes if r.kind == "location"}
    profile, t = build.profile, build.strings
    wanted: list[tuple[str, str, str]] = []  # (path under content/, title, summary)
    if len(profile.locations) > 1:
        for location in profile.locations:
            if location.slug not in have_locations:
                place = ", ".join(location.address.lines) or location.name
                wanted.append(
                    (
                        f"locations/{location.slug}.md",
                        location.name,
                        t("location_summary", name=location.name, place=place),
                    )
                )
        if "locations-index" not in kinds:
            wanted.append(
                ("pages/locations.md", t("locations"), t("locations_summary", clinic=profile.name))
            )
    overviews = {
        r.treatment: p.title
        for p in generator.pages
        if (r := getattr(p, "clinic_route", None)) is not None
        and r.kind == "treatment"
        and r.section == "overview"
    }
    for slug in results_without_page(
        build, generator.pages + generator.hidden_pages + generator.draft_pages
    ):
        name = overviews.get(slug, slug.replace("-", " ").capitalize())
        wanted.append(
            (
                f"treatments/{slug}/results.md",
                t("results_title", treatment=name),
                t("results_summary"),
            )
        )
    if "person" in kinds and "team-index" not in kinds:
        wanted.append(("pages/team.md", t("team"), t("team_summary", clinic=profile.name)))
    pages = []
    for rel, title, summary in wanted:
        page = Page(
            "",
            metadata={"title": title, "summary": summary},
            settings=generator.settings,
            context=generator.context,
            source_path=os.path.join(generator.path, rel),
        )
        page.clinic_generated = True  # no file: the page's own checks do not apply
        pages.append(page)
    return pages
