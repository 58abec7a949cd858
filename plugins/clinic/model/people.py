"""The clinic's people and places as pages: team members and location pages.

A team member is ``content/team/<slug>.md``: ``Title`` is the name, the header
gives ``Role``, ``Credentials``, ``Languages``, ``Photo``, ``Photo-Alt`` and
``Locations`` (location slugs from clinic.toml), the body a short biography.
Pure core: ``check_people`` takes the people and the profile's location slugs
and returns problems; nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .content import Content
from .problems import Problem

Locate = Callable[[str, str | None], int | None]
# A reviewer written as a file name (ana-ruiz) rather than as free text.
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _list(value: object) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


@dataclass
class Person:
    slug: str
    source: str  # content/team/<slug>.md
    page: Content
    # the published photo: its address, size and HTML, once the build has made it
    photo_published: str = ""
    photo_size: tuple[int, int] | None = None
    photo_html: str = ""

    def _meta(self, key: str) -> str:
        return str(self.page.metadata.get(key, "") or "").strip()

    @property
    def name(self) -> str:
        return str(self.page.title)

    @property
    def url(self) -> str:
        return str(self.page.url)

    @property
    def role(self) -> str:
        return self._meta("role")

    @property
    def credentials(self) -> str:
        return self._meta("credentials")

    @property
    def languages(self) -> list[str]:
        return _list(self.page.metadata.get("languages"))

    @property
    def location_slugs(self) -> list[str]:
        return [s.lower() for s in _list(self.page.metadata.get("locations"))]

    @property
    def photo(self) -> str:
        """The photo's path under content/ (``images/ana.jpg``), as written."""
        return self._meta("photo").removeprefix("{static}").lstrip("/")

    @property
    def photo_alt(self) -> str:
        return self._meta("photo-alt")

    @property
    def summary(self) -> str:
        return str(getattr(self.page, "summary", "") or "")


def check_people(
    people: list[Person],
    location_slugs: list[str],
    locate: Locate,
    photo_exists: Callable[[str], bool],
) -> list[Problem]:
    """A role for everyone, known locations, a photo that exists and says what it shows."""
    problems = []
    for person in people:
        if not person.role:
            problems.append(
                Problem(
                    person.source,
                    locate(person.source, "role"),
                    f'"Role" is missing: visitors want to know what {person.name} does',
                    "add a line such as Role: Dermatologist to the header",
                )
            )
        # a FILL IN placeholder is reported as such, not as unknown locations
        written = str(person.page.metadata.get("locations", ""))
        for slug in [] if "FILL IN" in written else person.location_slugs:
            if slug not in location_slugs:
                problems.append(
                    Problem(
                        person.source,
                        locate(person.source, "locations"),
                        f'"Locations" names "{slug}", which is not a location in clinic.toml',
                        f"use the slug of a [[locations]] section ({', '.join(location_slugs)})",
                    )
                )
        if person.photo and not photo_exists(person.photo):
            problems.append(
                Problem(
                    person.source,
                    locate(person.source, "photo"),
                    f'"Photo" is "{person.photo}", but there is no content/{person.photo}',
                    "put the photo in content/images/ and write Photo: images/<file name>",
                )
            )
        if person.photo and not person.photo_alt:
            problems.append(
                Problem(
                    person.source,
                    locate(person.source, "photo-alt"),
                    '"Photo-Alt" is missing: people who cannot see the photo miss what it shows',
                    f"add a line such as Photo-Alt: {person.name} smiling in the clinic",
                )
            )
    return problems


def reviewer_of(written: str, people: list[Person]) -> tuple[Person | None, str]:
    """The team member a reviewer names, or the free text as written.

    Returns ``(person, "")`` for a team member's file name, ``(None, text)``
    for free text; a file name with no team member is for the caller to report
    (see ``is_file_name``).
    """
    written = written.strip()
    person = next((p for p in people if p.slug == written), None)
    return (person, "") if person else (None, written)


def is_file_name(written: str) -> bool:
    """Whether a reviewer is written as a team file name (ana-ruiz), not as free text."""
    return bool(_SLUG.match(written.strip()))
