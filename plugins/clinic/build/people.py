"""People and places in a build: team members checked, reviewers resolved, pages placed.

Each page learns ``place``: the location whose number its header, call block
and call bar dial (a location's own page, and the page of someone who works
at one location); ``None`` means the clinic's main number.
"""

from __future__ import annotations

import os

from ..model.catalog import Catalog, Entry
from ..model.people import Person, check_people, is_file_name, reviewer_of
from ..model.problems import Problem
from ..model.reviews import ReviewState
from ..model.tomlpos import key_lines, line_of
from .session import Build


def check_people_and_places(build: Build, catalog: Catalog, entries: list[Entry]) -> list[Problem]:
    """Team members' facts, and location files for locations clinic.toml does not have."""
    slugs = [location.slug for location in build.profile.locations]
    content = build.content_dir
    problems = check_people(
        catalog.people,
        slugs,
        build.sources.locate,
        lambda rel: os.path.isfile(os.path.join(content, rel)),
    )
    for entry in entries:
        if entry.route.kind == "location" and entry.route.slug not in slugs:
            problems.append(
                Problem(
                    entry.source,
                    None,
                    f'there is no location "{entry.route.slug}" in clinic.toml for this page',
                    f"rename the file after a location's slug ({', '.join(slugs)}), or add the "
                    "location to clinic.toml",
                )
            )
    by_slug = {location.slug: location for location in build.profile.locations}
    for entry in entries:
        route, page = entry.route, entry.page
        page.place = None
        if route.kind == "location":
            page.place = by_slug.get(route.slug)
            page.people = catalog.people_at(route.slug)
        elif route.kind == "person":
            person = catalog.person(route.slug)
            page.person = person
            known = [s for s in (person.location_slugs if person else []) if s in by_slug]
            page.place = by_slug[known[0]] if known else None
    return problems


class Reviewers:
    """Who reviewed a page: a team member (linked) or free text, once per build."""

    def __init__(self, build: Build, catalog: Catalog) -> None:
        self.build = build
        self.people = catalog.people
        self.problems: list[Problem] = []
        self.advice: list[str] = []
        written = build.profile.review.reviewer
        self.default, self.default_text = reviewer_of(written, self.people)
        if written and self.default is None:
            label = build.profile_label
            line = line_of(
                build.sources.text(label),
                ("review", "reviewer"),
                key_lines(build.sources.text(label)),
            )
            self._unknown(written, label, line, 'reviewer = "')

    def _unknown(self, written: str, source: str, line: int | None, how: str) -> None:
        if is_file_name(written):
            self.problems.append(
                Problem(
                    source,
                    line,
                    f'the reviewer "{written}" names no team member '
                    f"(there is no content/team/{written}.md)",
                    f"use a team member's file name ({', '.join(p.slug for p in self.people)})"
                    if self.people
                    else f"add content/team/{written}.md (make new-person "
                    f'NAME="...") or write the reviewer\'s name and qualification',
                )
            )
        else:
            self.advice.append(
                str(
                    Problem(
                        f"{source}:{line}" if line else source,
                        None,
                        f'the reviewer "{written}" is written as text; with a team page, every '
                        "medical page links to the clinician and search engines can tell "
                        "who they are",
                        f'add content/team/<name>.md for them and write {how}<name>"',
                    )
                )
            )

    def for_page(self, entry: Entry) -> tuple[str, Person | None]:
        """The reviewer's name as shown, and the team member if it is one."""
        written = str(entry.page.metadata.get("reviewer", "") or "").strip()
        if not written:
            return (self.default.name if self.default else self.default_text), self.default
        person, text = reviewer_of(written, self.people)
        if person is None:
            self._unknown(
                written,
                entry.source,
                self.build.sources.locate(entry.source, "reviewer"),
                "Reviewer: ",
            )
        return (person.name if person else text), person


def with_person(review: ReviewState | None, person: Person | None) -> ReviewState | None:
    """The review state with the team member who gave it."""
    return review._replace(person=person) if review is not None else None
