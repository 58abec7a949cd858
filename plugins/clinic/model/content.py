"""What the plugin reads off a Pelican page or article, and what it adds, as a type.

Pelican ships no type information, so its ``Page`` and ``Article`` reach the
plugin untyped; ``Content`` names the attributes the rooms rely on, so mypy
checks every use of them.  The model never imports Pelican: any object with
these attributes will do (the tests pass their own).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .catalog import Condition, Section, Treatment
    from .people import Person
    from .problems import Problem
    from .profile import Location
    from .results import Pair
    from .reviews import ReviewState
    from .routes import Route
    from .translations import Alternate


class Content(Protocol):
    # Pelican's own
    source_path: str  # the Markdown file, absolute
    metadata: dict[str, Any]  # the header, keys in lower case, values as Pelican parsed them
    title: str
    url: str  # relative to the site, e.g. "treatments/peel/"
    save_as: str
    override_url: str  # when set, Pelican's url and save_as return these
    override_save_as: str
    summary: str
    status: str  # "published", "draft", "hidden"
    date: dt.datetime
    content: str  # the body with links between pages resolved
    _content: str  # the body as Markdown rendered it, before links are resolved
    _summary: str | None  # the summary as the templates show it
    settings: dict[str, Any]  # Pelican's settings for this build
    template: str

    # What the build adds (plugin.py sets the first group when Pelican makes
    # the page; build/ the rest, for the templates, once every page is read)
    clinic_route: Route | None  # None: a file with no place on the site
    clinic_problems: list[Problem]  # what placing the page found
    clinic_generated: bool  # a page the site has without a file (build/generated.py)
    breadcrumbs: list[tuple[str, str]]  # (title, url), home first
    review: ReviewState | None
    structured_data: str  # the page's JSON-LD, ready for a <script> element
    canonical_url: str
    treatment: Treatment | None
    section: Section | None
    condition: Condition | None
    place: Location | None  # the location a page dials
    people: list[Person]  # a location page's team
    person: Person | None  # a team member's own page
    hero: str | None  # the <picture> at the top
    card_picture: str | None  # the smaller <picture> on a card in a list of pages
    share_image: str | None  # the link preview's picture, absolute
    image_node: dict[str, Any] | None  # the same, as a schema.org ImageObject
    results: list[tuple[str, str, Pair]]  # before and after <picture>s, with their pair
    language: str  # the page's language code
    alternates: list[Alternate]  # its versions in every language, itself included
