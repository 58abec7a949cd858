"""Where each source file is published: its kind, URL, output file and template.

Staff never type a URL or a template: both follow from where the file is.

=====================================  ==================================  ===========
source (under content/)                URL                                 template
=====================================  ==================================  ===========
pages/home.md                          /                                   home
pages/treatments.md                    /treatments/                        treatments
pages/conditions.md                    /conditions/                        conditions
pages/contact.md                       /contact/                           contact
pages/404.md                           /404.html                           page
pages/<slug>.md                        /<slug>/                            page
treatments/<slug>/index.md             /treatments/<slug>/                 treatment
treatments/<slug>/<section>.md         /treatments/<slug>/<section>/       treatment
conditions/<slug>.md                   /conditions/<slug>/                 condition
articles/<slug>.md                     /blog/<slug>/ (Pelican settings)    article
pages/team.md                          /team/                              team
team/<slug>.md                         /team/<slug>/                       person
pages/locations.md                     /locations/                         locations
locations/<slug>.md                    /locations/<slug>/                  location
=====================================  ==================================  ===========

A translation mirrors its original under the language's folder and is served
under the same folder name: ``es/treatments/<slug>/benefits.md`` is
``/es/treatments/<slug>/benefits/``.  Addresses keep the default language's
words (``/es/treatments/``, not ``/es/tratamientos/``): a translation's
address follows from its original's without a table to keep in step, and
stays the same if a section's name is translated differently later.  Blog
posts have no translations (their addresses are Pelican's own).

The team list and, for a clinic with several locations, each location's page
and their list exist even without a file: the build makes them (a file adds
its text).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .languages import Languages

SOURCE_SUFFIXES = (".md", ".markdown")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Pages with a fixed role, found by their file name.
_SPECIAL_PAGES = {
    "home": ("home", "", "index.html", "home"),
    "treatments": ("treatments-index", "treatments/", "treatments/index.html", "treatments"),
    "conditions": ("conditions-index", "conditions/", "conditions/index.html", "conditions"),
    "contact": ("contact", "contact/", "contact/index.html", "contact"),
    "404": ("not-found", "404.html", "404.html", "page"),
    "team": ("team-index", "team/", "team/index.html", "team"),
    "locations": ("locations-index", "locations/", "locations/index.html", "locations"),
}
SPECIAL_PAGE_STEMS = tuple(_SPECIAL_PAGES)


class Route(NamedTuple):
    """Where one source file goes.  ``url`` is relative to the site root."""

    kind: str
    url: str
    save_as: str
    template: str
    slug: str
    treatment: str = ""
    section: str = ""
    language: str = ""  # a translation's language; "" for the default language
    original: str = ""  # a translation's original, relative to content/

    @property
    def is_medical(self) -> bool:
        """Treatment and condition pages carry clinical facts and need review."""
        return self.kind in ("treatment", "condition")


def route_for(relpath: str, languages: Languages | None = None) -> Route | None:
    """The route of a source path relative to ``content/``; ``None`` if it has none.

    ``None`` means the file is somewhere the site does not publish from (or
    its name cannot be a URL); the caller reports it.  Articles keep Pelican's
    own URL settings and get a route only to record their kind.
    ``languages`` are the site's: a path in another language's folder is a
    translation of the same path in the default tree.
    """
    if languages is not None and languages.many:
        code, rest = languages.split(relpath)
        if code != languages.default:
            route = route_for(rest)
            if route is None or route.kind == "article":
                return None
            prefix = languages.prefix(code)
            return route._replace(
                url=prefix + route.url,
                save_as=prefix + route.save_as,
                language=code,
                original=rest.replace("\\", "/"),
            )
    parts = relpath.replace("\\", "/").split("/")
    stem = _stem(parts[-1])
    if stem is None or not SLUG.match(stem):
        return None
    top = parts[0]
    if top == "pages" and len(parts) == 2:
        if stem in _SPECIAL_PAGES:
            kind, url, save_as, template = _SPECIAL_PAGES[stem]
            return Route(kind, url, save_as, template, stem)
        return Route("page", f"{stem}/", f"{stem}/index.html", "page", stem)
    if top == "treatments" and len(parts) == 3 and SLUG.match(parts[1]):
        treatment = parts[1]
        base = f"treatments/{treatment}/"
        if stem == "index":
            return Route(
                "treatment",
                base,
                base + "index.html",
                "treatment",
                treatment,
                treatment,
                "overview",
            )
        return Route(
            "treatment",
            f"{base}{stem}/",
            f"{base}{stem}/index.html",
            "treatment",
            stem,
            treatment,
            stem,
        )
    if top == "conditions" and len(parts) == 2:
        return Route(
            "condition", f"conditions/{stem}/", f"conditions/{stem}/index.html", "condition", stem
        )
    if top == "team" and len(parts) == 2:
        return Route("person", f"team/{stem}/", f"team/{stem}/index.html", "person", stem)
    if top == "locations" and len(parts) == 2:
        return Route(
            "location", f"locations/{stem}/", f"locations/{stem}/index.html", "location", stem
        )
    if top == "articles" and len(parts) >= 2:
        return Route("article", "", "", "article", stem)
    return None


def _stem(name: str) -> str | None:
    for suffix in SOURCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def is_source(relpath: str) -> bool:
    return _stem(relpath.replace("\\", "/").split("/")[-1]) is not None
