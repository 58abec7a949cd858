"""The main menu of this build: what each menu name points to on this site."""

from __future__ import annotations

from ..model.catalog import Catalog, Entry
from ..model.navigation import MenuItem, resolve_menu
from ..model.problems import Problem
from .session import Build

# Special pages a menu may name, by the name staff write: (catalog key, string key).
_SPECIAL = (
    ("home", "home", "home"),
    ("treatments", "treatments-index", "treatments"),
    ("conditions", "conditions-index", "conditions"),
    ("team", "team-index", "team"),
    ("locations", "locations-index", "locations"),
)


def main_menu(
    build: Build, catalog: Catalog, entries: list[Entry]
) -> tuple[list[MenuItem], list[Problem]]:
    """The menu from ``[navigation] menu`` (or the default), and its problems."""
    t = build.strings
    available: dict[str, MenuItem] = {}
    for name, kind, label in _SPECIAL:
        page = catalog.special.get(kind)
        if page is not None:
            available[name] = MenuItem(name, t(label), page.url)
    # the blog's index is always written; the default menu shows it only
    # when there is something to read
    articles = any(entry.route.kind == "article" for entry in entries)
    available["blog"] = MenuItem("blog", t("blog"), "blog/")
    contact = next((e.page for e in entries if e.route.kind == "contact"), None)
    if contact is not None:
        available["contact"] = MenuItem("contact", t("contact"), contact.url)
    for entry in sorted(entries, key=lambda e: e.source):
        if entry.route.kind == "page":
            page = entry.page
            available.setdefault(
                entry.route.slug, MenuItem(entry.route.slug, str(page.title), page.url)
            )
    written = build.profile.menu
    items, problems = resolve_menu(written, available, build.profile_label)
    if written is None and not articles:
        items = [item for item in items if item.name != "blog"]
    return items, problems
