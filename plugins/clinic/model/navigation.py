"""The main menu: ``[navigation] menu`` in clinic.toml resolved to links.

Pure core: ``resolve_menu(written, available, path)`` takes the names the
clinic wrote (``Profile.menu``), what the site has under each name, in the
order of the default menu, and returns the menu as (label, URL) pairs with a
problem for every name that points to nothing.  The build step makes
``available`` from the catalog and the plain pages; the theme renders the
pairs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .problems import Problem
from .profile import MenuEntry

# The sections a menu may name, in the default menu's order.  Plain pages
# (content/pages/<name>.md) are named by their file name.
SECTIONS = ("treatments", "conditions", "team", "locations", "blog", "contact")


# What makes a section's page exist, where it is not a file in content/pages/.
_HOW_TO_ADD = {
    "team": "add a person in content/team/ (make new-person)",
    "locations": "add a second [[locations]] section, or content/pages/locations.md",
}


class MenuItem(NamedTuple):
    name: str  # as in clinic.toml: "treatments", "prices"
    label: str  # what the menu shows
    url: str  # relative to the site root: "treatments/"


def resolve_menu(
    written: tuple[MenuEntry, ...] | None,
    available: Mapping[str, MenuItem],
    path: str,
    default: tuple[str, ...] = SECTIONS,
) -> tuple[list[MenuItem], list[Problem]]:
    """The menu in order, and a problem for each written name the site lacks.

    ``written`` None (no menu in clinic.toml) gives the default: each of
    ``default`` the site has.  A name that points to nothing is left out of
    the menu, so a development build still shows the rest.
    """
    if written is None:
        return [available[name] for name in default if name in available], []
    items: list[MenuItem] = []
    problems: list[Problem] = []
    for entry in written:
        item = available.get(entry.name)
        if item is None:
            problems.append(_unknown(entry, available, path))
        else:
            items.append(item)
    return items, problems


def _unknown(entry: MenuEntry, available: Mapping[str, MenuItem], path: str) -> Problem:
    names = ", ".join(f'"{name}"' for name in available)
    if entry.name in SECTIONS:
        message = f'"navigation.menu" names "{entry.name}", but the site has no {entry.name} page'
        add = _HOW_TO_ADD.get(entry.name, f"add content/pages/{entry.name}.md")
        fix = f"{add}, or remove the name. The site has: {names}"
    else:
        message = (
            f'"navigation.menu" names "{entry.name}", which is neither a section '
            "nor a page of the site"
        )
        fix = (
            f"use one of {names}, or write content/pages/{entry.name}.md to add a page of that name"
        )
    return Problem(path, entry.line, message, fix)
