"""Translations: which pages translate which, and what each language's site links to.

Pure core.  A translation is joined to its original by path: the file at
``content/es/<path>`` translates ``content/<path>``.  From the join come the
alternate links of every version of a page (the language switcher, hreflang,
the sitemap, the structured data), each language's catalog (its own pages
where they are translated, the original where not, so every link goes to a
page that exists), and the problems: a translation of nothing, two of one
page, and a translation older than its original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .catalog import Catalog, Condition, Entry, Section, Treatment
from .languages import Languages, english_name, native_name
from .problems import Problem
from .reviews import last_changed
from .routes import route_for

Locate = Callable[[str, str], "int | None"]  # (source, metadata key) -> line

# Header keys a translation takes from its original when it leaves them out:
# numbers, files and names of other pages are written once, in the original.
# Words (Title, Summary, the facts, Price-Note, Image-Alt) are translated.
INHERITED_KEYS = (
    "price",
    "image",
    "image-alt",
    "photo",
    "photo-alt",
    "procedure-type",
    "conditions",
    "treatments",
    "locations",
)


class Alternate(NamedTuple):
    """One language's version of a page, as the links to it say."""

    language: str  # BCP 47 code, as hreflang and lang take it
    name: str  # the language's own name ("Español")
    url: str  # relative to the site root


@dataclass
class Translations:
    """Every page's versions by language, joined on the original's address."""

    languages: Languages = field(default_factory=Languages)
    # the original's URL → {language: entry}, the original's included
    groups: dict[str, dict[str, Entry]] = field(default_factory=dict)
    # id(page) → the original's URL, for the pages in a group
    _group_of: dict[int, str] = field(default_factory=dict)
    # each language's own name, where the build knows it already (loading a
    # language's names from Babel's data costs about 25 ms a build)
    names: dict[str, str] = field(default_factory=dict)

    def versions(self, page: Any) -> dict[str, Entry]:
        key = self._group_of.get(id(page))
        return self.groups.get(key, {}) if key is not None else {}

    def alternates(self, page: Any) -> list[Alternate]:
        """Every version of ``page`` in the site's order, itself included; [] if it has none."""
        versions = self.versions(page)
        if len(versions) < 2:
            return []
        return [
            Alternate(code, self.names.get(code) or native_name(code), versions[code].page.url)
            for code in self.languages.codes
            if code in versions
        ]

    def page_in(self, page: Any, code: str) -> Any:
        """The version of ``page`` in ``code``, or ``page`` itself where there is none."""
        entry = self.versions(page).get(code)
        return entry.page if entry is not None else page


def join(
    entries: list[Entry], languages: Languages, names: dict[str, str] | None = None
) -> tuple[Translations, list[Problem]]:
    """Group every translation with its original; a translation of nothing is a problem.

    ``names``: the languages' own names, when known (``native_name`` otherwise).
    """
    result = Translations(languages, names=dict(names or {}))
    problems: list[Problem] = []
    for entry in entries:
        if not entry.route.language and entry.route.kind != "article":
            result.groups[entry.route.url] = {languages.default: entry}
            result._group_of[id(entry.page)] = entry.route.url
    for entry in sorted(entries, key=lambda e: e.source):
        route = entry.route
        if not route.language:
            continue
        base = route_for(route.original)
        group = result.groups.get(base.url) if base is not None else None
        # content/es/pages/x.md → content/pages/x.md: the language's folder taken out
        folder = f"{languages.folder(route.language)}/{route.original}"
        original = entry.source.removesuffix(folder) + route.original
        if group is None:
            problems.append(
                Problem(
                    entry.source,
                    None,
                    f"this {english_name(route.language)} page translates {original}, "
                    "which does not exist",
                    "give the translation the same folder and file name as the page it "
                    "translates, or add that page first",
                )
            )
            continue
        if route.language in group:
            other = group[route.language].source
            problems.append(
                Problem(
                    entry.source,
                    None,
                    f"this is a second {english_name(route.language)} translation of "
                    f"{original} ({other} is the first)",
                    "keep one translation of each page and delete the other",
                )
            )
            continue
        group[route.language] = entry
        result._group_of[id(entry.page)] = base.url if base is not None else ""
    return result, problems


def inherit_metadata(translations: Translations) -> None:
    """Give each translation the original's numbers and files that it leaves out."""
    for group in translations.groups.values():
        original = group.get(translations.languages.default)
        if original is None:
            continue
        for code, entry in group.items():
            if code == translations.languages.default:
                continue
            for key in INHERITED_KEYS:
                if key in original.page.metadata and key not in entry.page.metadata:
                    entry.page.metadata[key] = original.page.metadata[key]


def localized_catalog(catalog: Catalog, translations: Translations, code: str) -> Catalog:
    """The catalog as pages in ``code`` link to it: translations where there are, else originals.

    Structure, prices and the links between treatments and conditions are the
    default language's; titles and pages are the language's own where translated.
    """

    def swap(page: Any) -> Any:
        return translations.page_in(page, code) if page is not None else None

    conditions = {c.slug: Condition(c.slug, swap(c.page)) for c in catalog.conditions}
    treatments = {}
    for t in catalog.treatments:
        treatments[t.slug] = Treatment(
            t.slug,
            t.source_dir,
            swap(t.overview),
            [Section(s.slug, s.label, swap(s.page)) for s in t.sections],
            [],
            t.price,
        )
    for t in catalog.treatments:
        treatments[t.slug].conditions = [conditions[c.slug] for c in t.conditions]
    for c in catalog.conditions:
        conditions[c.slug].treatments = [treatments[t.slug] for t in c.treatments]
    return Catalog(
        treatments=sorted(treatments.values(), key=lambda t: t.title.lower()),
        conditions=sorted(conditions.values(), key=lambda c: c.title.lower()),
        special={kind: swap(page) for kind, page in catalog.special.items()},
        people=catalog.people,
        location_pages={slug: swap(page) for slug, page in catalog.location_pages.items()},
    )


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def stale_problems(translations: Translations, locate: Locate) -> tuple[list[Problem], list[str]]:
    """Translations older than their original: problems on medical pages, advice elsewhere.

    A medical translation is out of date when its ``Reviewed`` date is before
    the original's last review or change: what the clinician checked is not
    what the original now says.  Read after the pages' review states are set.
    """
    problems: list[Problem] = []
    advice: list[str] = []
    default = translations.languages.default
    for group in translations.groups.values():
        original = group.get(default)
        if original is None:
            continue
        changed = _day(last_changed(original.page))
        if changed is None:
            continue
        for code, entry in group.items():
            if code == default:
                continue
            review = getattr(entry.page, "review", None)
            if entry.route.is_medical:
                reviewed = review.reviewed if review else None
                if reviewed is not None and reviewed < changed:
                    problems.append(
                        Problem(
                            entry.source,
                            locate(entry.source, "reviewed"),
                            f"this translation was reviewed on {reviewed.isoformat()}, before "
                            f"{original.source} was last reviewed or changed "
                            f"({changed.isoformat()}), so it may say something the original "
                            "no longer does",
                            "bring the translation up to date with the original, have it "
                            "checked, and set Reviewed to that day",
                        )
                    )
                continue
            own = _day(last_changed(entry.page))
            if own is None or own < changed:
                advice.append(
                    f"{entry.source}: {original.source} changed on {changed.isoformat()}, "
                    "after this translation; check it still says the same (and give it a "
                    "Modified date)"
                )
    return problems, advice


def untranslated_advice(
    translations: Translations, entries: list[Entry], folder_of: Callable[[str, str], str]
) -> list[str]:
    """One line per page with a file that some language has no translation of."""
    advice = []
    languages = translations.languages
    for entry in entries:
        if entry.route.language or entry.route.kind == "article":
            continue
        if getattr(entry.page, "clinic_generated", False):
            continue
        versions = translations.versions(entry.page)
        missing = [code for code in languages.others if code not in versions]
        for code in missing:
            advice.append(
                f"{entry.source}: no {english_name(code)} translation yet "
                f"({folder_of(entry.source, code)})"
            )
    return advice
