"""The catalog: treatments with their sections, conditions, and the links between them.

Pure core: ``build_catalog(entries, locate)`` takes one ``Entry`` per built
source (its route and page object) and returns the catalog and the problems
found in its structure.  Pages are only read (``title``, ``url``,
``metadata``), so tests pass simple stand-ins.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from .content import Content
from .money import Price
from .people import Person
from .problems import Problem
from .routes import Route

REQUIRED_SECTIONS = ("benefits", "side-effects", "candidacy")

# Known sections, in reading order, with their navigation labels.  Further
# sections come after these, in file-name order, labelled from the file name.
SECTION_LABELS = {
    "overview": "Overview",
    "benefits": "Benefits",
    "side-effects": "Side effects",
    "candidacy": "Is it right for me?",
    "preparation": "Preparing",
    "aftercare": "Aftercare",
    "results": "Results",
    "faq": "Questions",
}

# Overview metadata shown in the "at a glance" box, in this order.
FACTS = (
    ("sessions", "Sessions"),
    ("interval", "Time between sessions"),
    ("downtime", "Downtime"),
    ("results", "Results"),
    ("device", "Device"),
)

# schema.org MedicalProcedureType members, as staff write them.
PROCEDURE_TYPES = ("Noninvasive", "Percutaneous", "Surgical")


class Entry(NamedTuple):
    source: str  # project-relative, e.g. content/treatments/peel/index.md
    route: Route
    page: Content


@dataclass
class Section:
    slug: str
    label: str
    page: Content

    @property
    def url(self) -> str:
        return self.page.url


@dataclass
class Treatment:
    slug: str
    source_dir: str
    overview: Content | None = None
    sections: list[Section] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    price: Price | None = None  # from the overview's Price header, once checked

    @property
    def price_note(self) -> str:
        """What the price is for ("per session"), or the only word on price."""
        meta = self.overview.metadata if self.overview else {}
        return str(meta.get("price-note", "")).strip()

    @property
    def title(self) -> str:
        return self.overview.title if self.overview else _label_from_slug(self.slug)

    @property
    def url(self) -> str:
        # a translated overview has its own address (es/treatments/<slug>/)
        return self.overview.url if self.overview else f"treatments/{self.slug}/"

    @property
    def summary(self) -> str:
        return str(self.overview.summary) if self.overview else ""

    @property
    def facts(self) -> list[tuple[str, str, str]]:
        """(key, English label, value) for each fact the overview states."""
        meta = self.overview.metadata if self.overview else {}
        return [
            (key, label, str(meta[key]).strip())
            for key, label in FACTS
            if str(meta.get(key, "")).strip()
        ]

    @property
    def procedure_type(self) -> str:
        meta = self.overview.metadata if self.overview else {}
        return str(meta.get("procedure-type", "")).strip()

    def neighbours(self, section: Section) -> tuple[Section | None, Section | None]:
        """The sections before and after ``section``, for previous/next links."""
        index = self.sections.index(section)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(self.sections) else None
        return before, after


@dataclass
class Condition:
    slug: str
    page: Content
    treatments: list[Treatment] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def summary(self) -> str:
        return str(self.page.summary)


@dataclass
class Catalog:
    treatments: list[Treatment] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    special: dict[str, Content] = field(default_factory=dict)  # home, treatments-index, ...
    people: list[Person] = field(default_factory=list)  # content/team/, by name
    location_pages: dict[str, Content] = field(default_factory=dict)  # location slug → page

    def person(self, slug: str) -> Person | None:
        return next((p for p in self.people if p.slug == slug), None)

    def people_at(self, location: str) -> list[Person]:
        """The team members who work at a location, by name."""
        return [p for p in self.people if location in p.location_slugs]

    def treatment(self, slug: str) -> Treatment | None:
        return next((t for t in self.treatments if t.slug == slug), None)

    def condition(self, slug: str) -> Condition | None:
        return next((c for c in self.conditions if c.slug == slug), None)


Locate = Callable[[str, str], "int | None"]  # (source, metadata key) -> line


def build_catalog(
    entries: list[Entry], locate: Locate, drafts: Collection[str] = ()
) -> tuple[Catalog, list[Problem]]:
    """The catalog of the published ``entries``; ``drafts`` are the sources kept as drafts."""
    catalog = Catalog()
    problems: list[Problem] = []
    treatments: dict[str, Treatment] = {}
    for entry in sorted(entries, key=lambda e: e.source):
        route = entry.route
        if route.kind == "treatment":
            folder = entry.source.rsplit("/", 1)[0]
            treatment = treatments.setdefault(route.treatment, Treatment(route.treatment, folder))
            if route.section == "overview":
                treatment.overview = entry.page
            label = SECTION_LABELS.get(route.section) or _label_from_slug(route.section)
            treatment.sections.append(Section(route.section, label, entry.page))
        elif route.kind == "condition":
            catalog.conditions.append(Condition(route.slug, entry.page))
        elif route.kind == "person":
            catalog.people.append(Person(route.slug, entry.source, entry.page))
        elif route.kind == "location":
            catalog.location_pages[route.slug] = entry.page
        elif route.kind in (
            "home",
            "treatments-index",
            "conditions-index",
            "not-found",
            "team-index",
            "locations-index",
        ):
            catalog.special[route.kind] = entry.page

    order = list(SECTION_LABELS)
    for treatment in treatments.values():
        treatment.sections.sort(
            key=lambda s: (order.index(s.slug) if s.slug in order else len(order), s.slug)
        )
        problems.extend(_structure_problems(treatment, locate, drafts))
    catalog.treatments = sorted(treatments.values(), key=lambda t: t.title.lower())
    catalog.conditions.sort(key=lambda c: c.title.lower())
    catalog.people.sort(key=lambda p: p.name.lower())
    problems.extend(_link(catalog, entries, locate))
    return catalog, problems


def _structure_problems(
    treatment: Treatment, locate: Locate, drafts: Collection[str]
) -> list[Problem]:
    problems = []
    have = {s.slug for s in treatment.sections}
    overview = f"{treatment.source_dir}/index.md"
    if treatment.overview is None and overview in drafts:
        problems.append(_draft_problem(overview, locate, "overview page"))
    elif treatment.overview is None:
        problems.append(
            Problem(
                f"{treatment.source_dir}/",
                None,
                "this treatment has no overview page (index.md)",
                f"add {treatment.source_dir}/index.md with Title, Summary and the "
                "treatment's facts",
            )
        )
    for slug in REQUIRED_SECTIONS:
        source = f"{treatment.source_dir}/{slug}.md"
        if slug not in have and source in drafts:
            problems.append(
                _draft_problem(
                    source,
                    locate,
                    f"{slug.replace('-', ' ')} page, and every treatment needs "
                    "benefits, side effects and candidacy pages",
                )
            )
        elif slug not in have:
            problems.append(
                Problem(
                    f"{treatment.source_dir}/",
                    None,
                    f"this treatment has no {slug}.md, and every treatment needs benefits, "
                    "side effects and candidacy pages",
                    f"add {treatment.source_dir}/{slug}.md with Title, Summary and Reviewed",
                )
            )
    kind = treatment.procedure_type
    # a FILL IN placeholder is reported as such, not as a wrong type
    if (
        treatment.overview is not None
        and kind
        and kind not in PROCEDURE_TYPES
        and "FILL IN" not in kind
    ):
        source = f"{treatment.source_dir}/index.md"
        problems.append(
            Problem(
                source,
                locate(source, "procedure-type"),
                f'"Procedure-Type" is "{kind}", which is not a procedure type search engines know',
                f"write one of: {', '.join(PROCEDURE_TYPES)}",
            )
        )
    return problems


def _draft_problem(source: str, locate: Locate, what: str) -> Problem:
    """A page the treatment needs is there, but kept off the site as a draft."""
    return Problem(
        source,
        locate(source, "status"),
        f"this page is a draft (Status: draft), so the treatment has no published {what}",
        "remove the line Status: draft to publish it",
    )


def _link(catalog: Catalog, entries: list[Entry], locate: Locate) -> list[Problem]:
    """Link treatments and conditions both ways from whichever side names the other."""
    problems: list[Problem] = []
    pairs: list[tuple[Treatment, Condition]] = []
    sources = {id(e.page): e.source for e in entries}
    for treatment in catalog.treatments:
        if treatment.overview is None:
            continue
        source = sources[id(treatment.overview)]
        for slug in _slugs(treatment.overview.metadata.get("conditions", "")):
            condition = catalog.condition(slug)
            if condition is None:
                problems.append(
                    _unknown(
                        source,
                        locate,
                        "Conditions",
                        slug,
                        "condition",
                        [c.slug for c in catalog.conditions],
                        "conditions",
                    )
                )
            else:
                pairs.append((treatment, condition))
    for condition in catalog.conditions:
        source = sources[id(condition.page)]
        for slug in _slugs(condition.page.metadata.get("treatments", "")):
            named = catalog.treatment(slug)
            if named is None:
                problems.append(
                    _unknown(
                        source,
                        locate,
                        "Treatments",
                        slug,
                        "treatment",
                        [t.slug for t in catalog.treatments],
                        "treatments",
                    )
                )
            else:
                pairs.append((named, condition))
    for treatment, condition in pairs:
        if condition not in treatment.conditions:
            treatment.conditions.append(condition)
        if treatment not in condition.treatments:
            condition.treatments.append(treatment)
    for treatment in catalog.treatments:
        treatment.conditions.sort(key=lambda c: c.title.lower())
    for condition in catalog.conditions:
        condition.treatments.sort(key=lambda t: t.title.lower())
    return problems


def _unknown(
    source: str, locate: Locate, key: str, slug: str, noun: str, known: list[str], folder: str
) -> Problem:
    choices = ", ".join(known) if known else "none yet"
    return Problem(
        source,
        locate(source, key.lower()),
        f'"{key}" names the {noun} "{slug}", but there is no content/{folder}/{slug}'
        f"{'/' if noun == 'treatment' else '.md'}",
        f"use the {noun}'s file name ({choices}), or add the {noun} first",
    )


def _slugs(value: object) -> list[str]:
    """Comma-separated slugs in metadata (``hyperpigmentation, acne-scars``)."""
    items = value if isinstance(value, list) else str(value).split(",")
    return [s.strip().lower() for s in items if s.strip()]


def _label_from_slug(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def breadcrumbs(
    route: Route, page: Content, catalog: Catalog, *, home: str = "Home", blog: str = "Blog"
) -> list[tuple[str, str]]:
    """The trail from the home page to ``page`` as (title, url) pairs, page last."""
    if route.kind == "home":
        return []
    home_page = catalog.special.get("home")
    trail = [(home, home_page.url if home_page is not None else "")]
    if route.kind == "treatment":
        index = catalog.special.get("treatments-index")
        if index is not None:
            trail.append((index.title, index.url))
        treatment = catalog.treatment(route.treatment)
        if route.section != "overview" and treatment is not None:
            trail.append((treatment.title, treatment.url))
    elif route.kind == "condition":
        index = catalog.special.get("conditions-index")
        if index is not None:
            trail.append((index.title, index.url))
    elif route.kind == "article":
        trail.append((blog, "blog/"))
    elif route.kind in ("person", "location"):
        index = catalog.special.get("team-index" if route.kind == "person" else "locations-index")
        if index is not None:
            trail.append((index.title, index.url))
    return trail + [(page.title, page.url)]
