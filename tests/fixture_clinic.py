"""A small fictional clinic that publishes: for tests and the audit that need a real publish build.

Everything in it is made up: the clinic, its street, its postal code and its
phone number (555-01xx numbers are set aside for fiction).  Only the theme,
the plugin and the settings are the project's own, copied in, so a publish
build of this clinic shows what the project writes for any clinic, without
depending on the sample content in content/, which does not publish yet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, Project, Result, run_pelican

SITE = "https://clinic.example.org"
CODE = ("theme", "plugins", "pelicanconf.py", "publishconf.py")

FILES = {
    "content/clinic.toml": '''\
# A fictional clinic for the tests: its name, address and phone number are made up.
[clinic]
name = "Fictional Skin Clinic"
description = "A made-up skin clinic that exists only in the tests of this project, so that a publish build has a clinic to publish."
specialty = "Dermatology"
language = "en"
price_range = "$$"

[links]
profiles = []

[review]
interval_months = 12
reviewer = "A. Reviewer, MD"

[[locations]]
slug = "testville"
name = "Fictional Skin Clinic Testville"
phone = "202-555-0143"
hours = [ { days = ["Monday", "Tuesday"], opens = "09:00", closes = "17:00" } ]

[locations.address]
street = "1 Example Street"
locality = "Testville"
region = "FL"
postal_code = "00000"
country = "US"

[locations.geo]
latitude = 25.12345
longitude = -80.12345
''',
    "content/pages/home.md": """\
Title: A fictional skin clinic
Summary: This clinic is made up for the tests of the site generator. Nobody works here and nobody answers.

This clinic is fiction: it exists so the tests have a site to publish.

## How do I book?

You cannot, but the page still shows how: call 202-555-0143.
""",
    "content/pages/contact.md": """\
Title: Contact us
Summary: Call 202-555-0143, a made-up number, to reach this fictional clinic, which exists only in tests.

The phone number of this fictional clinic is 202-555-0143.
""",
    "content/pages/404.md": """\
Title: Page not found
Summary: Sorry, we could not find that page. This fictional clinic has very few pages to find.

Sorry, we could not find that page. Try the [home page](/).
""",
}


def write_fixture_clinic(root: Path) -> Project:
    """The fictional clinic's content with the project's theme, plugin and settings, at ``root``."""
    root.mkdir(parents=True)
    for name in CODE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    project = Project(root)
    for rel, text in FILES.items():
        project.write(rel, text)
    return project


def publish_fixture_clinic(root: Path) -> Result:
    """The strict publish build of the fictional clinic into ``root/output``, at SITE."""
    project = write_fixture_clinic(root)
    return run_pelican(project.root, project.root / "output", "publishconf.py",
                       {"SITEURL": SITE})


__all__ = ["SITE", "publish_fixture_clinic", "write_fixture_clinic"]
