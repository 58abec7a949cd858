"""A small fictional clinic, complete enough to publish, for tests that need their own words."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, Project

SITE = "https://birchwood.example.net"

CLINIC_TOML = """\
[clinic]
name = "Birchwood Skin Studio"
description = "A small skin clinic in Portland, Oregon, for chemical peels and skin checks."
specialty = "Dermatology"
language = "en"
price_range = "$$"

[links]
profiles = []

[review]
interval_months = 12
reviewer = "R. Alder, MD"

[[locations]]
slug = "portland"
name = "Birchwood Skin Studio Portland"
phone = "503-555-0147"
hours = [ { days = ["Tuesday"], opens = "10:00", closes = "16:00" } ]

[locations.address]
street = "12 Fern Lane"
locality = "Portland"
region = "OR"
postal_code = "97201"
country = "US"

[locations.geo]
latitude = 45.51234
longitude = -122.67891
"""

HOME = """\
Title: Birchwood Skin Studio
Summary: A small skin clinic in Portland for chemical peels and skin checks, by appointment.

We look after skin in Portland. Call us to book a visit.
"""


def fixture_clinic(root: Path, pages: dict[str, str] | None = None) -> Project:
    """The project's code and theme with the Birchwood clinic as its content.

    ``pages`` maps a file under ``content/`` to its text; each is written as given.
    """
    root.mkdir(parents=True)
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, root / name)
    project = Project(root)
    project.write("content/clinic.toml", CLINIC_TOML)
    project.write("content/pages/home.md", HOME)
    for rel, text in (pages or {}).items():
        project.write(f"content/{rel}", text)
    return project


def plain_page(title: str, body: str) -> str:
    """A plain page's Markdown with a valid header around ``body``."""
    return (
        f"Title: {title}\nSummary: A plain page of the Birchwood clinic, written for a "
        f"test of what page bodies may contain.\n\n{body}\n"
    )
