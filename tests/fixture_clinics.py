"""Fictional clinics for the tests, written from scratch into a project copy.

Nothing here describes a real clinic, person, price or treatment result: the
names, addresses, numbers (from the ranges set aside for fiction) and prices
are made up, so the tests check the generator, not the sample's words, and
stay green whatever ``content/`` holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# Reviewed well inside the default twelve-month interval of conftest.TODAY.
REVIEWED = "2026-10-01"


def _page(title: str, summary: str, body: str, **headers: str) -> str:
    lines = [f"Title: {title}", f"Summary: {summary}"]
    lines += [f"{key.replace('_', '-')}: {value}" for key, value in headers.items()]
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def _summary(topic: str) -> str:
    """A summary of the right length (50 to 160 characters) for any topic."""
    return f"Plain-language information about {topic} at a fictional clinic used in tests."


TOML = '''\
# A fictional clinic for tests.
[clinic]
name = "Clínica Solana"
description = "A fictional skin clinic with two locations, used to test the site generator."
specialty = "Dermatology"
language = "en"
currency = "USD"

[links]
profiles = []
booking = "https://booking.solana.example/clinica"

[review]
interval_months = 12
reviewer = "alex-example"

[[locations]]
slug = "north"
name = "Clínica Solana North"
phone = "305-555-0142 ext. 7"
hours = [ { days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], opens = "09:00", closes = "18:00" } ]

[locations.address]
street = "100 Example Avenue"
locality = "Testville"
region = "FL"
postal_code = "33000"
country = "US"

[[locations]]
slug = "south"
name = "Clínica Solana South"
phone = "305-555-0199"
booking = "https://booking.solana.example/south"
hours = [ { days = ["Saturday"], opens = "10:00", closes = "14:00" } ]

[locations.address]
street = "200 Sample Road"
locality = "Testville"
region = "FL"
postal_code = "33001"
country = "US"
'''
TOML = TOML.replace("305-555-0142 ext. 7", "305-555-0142")  # extensions: see their own tests

PAGES = {
    "pages/home.md": ("Welcome to a fictional clinic", "home page"),
    "pages/contact.md": ("Contact us", "how to reach both locations"),
    "pages/privacy.md": ("Privacy", "how the site treats your privacy"),
    "pages/accessibility.md": ("Accessibility", "how the site is made accessible"),
    "pages/treatments.md": ("Treatments", "every treatment and its price"),
    "pages/conditions.md": ("Skin conditions", "the skin conditions we see"),
    "pages/404.md": ("Page not found", "a page that could not be found"),
}

# (slug, title, overview headers): one priced, one ranged, one by consultation.
TREATMENTS = (
    ("peel", "Fictional peel", {"Price": "from 150", "Price_Note": "per session"}),
    ("laser", "Fictional laser", {"Price": "200-600", "Price_Note": "per area"}),
    ("fillers", "Fictional fillers", {"Price_Note": "Priced at a consultation"}),
)


# (slug, name, headers): three made-up people; one reviews the medical pages.
PEOPLE = (
    ("alex-example", "Alex Example", {
        "Role": "Dermatologist", "Credentials": "MD", "Languages": "English, Spanish",
        "Locations": "north", "Photo": "images/alex.png",
        "Photo_Alt": "A made-up portrait: a grey square"}),
    ("sam-sample", "Sam Sample", {"Role": "Nurse", "Locations": "south"}),
    ("robin-test", "Robin Test", {"Role": "Receptionist", "Locations": "north, south"}),
)


def write_clinic(root: Path, *, toml: str = TOML,
                 treatments: tuple[tuple[str, str, dict[str, str]], ...] = TREATMENTS,
                 people: tuple[tuple[str, str, dict[str, str]], ...] = PEOPLE) -> None:
    """Replace ``root/content`` with the fictional clinic."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (content / "clinic.toml").write_text(toml, encoding="utf-8")
    for rel, (title, topic) in PAGES.items():
        _write(content / rel, _page(title, _summary(topic), f"Text about {topic}."))
    for slug, title, headers in treatments:
        folder = content / "treatments" / slug
        _write(folder / "index.md", _page(
            title, _summary(title.lower()), f"## What is {title.lower()}?\n\nMade-up text.",
            Reviewed=REVIEWED, Procedure_Type="Noninvasive", Sessions="3", **headers))
        for section in ("benefits", "side-effects", "candidacy"):
            _write(folder / f"{section}.md", _page(
                f"{title}: {section.replace('-', ' ')}", _summary(f"{title.lower()} {section}"),
                "Made-up text for a test.", Reviewed=REVIEWED))


    for slug, name, headers in people:
        _write(content / "team" / f"{slug}.md", _page(
            name, _summary(f"{name}, a made-up member of the team"),
            f"{name} is a made-up person in a test.", **headers))
    if any("Photo" in headers for _, _, headers in people):
        from PIL import Image
        (content / "images").mkdir(exist_ok=True)
        Image.new("RGB", (300, 400), (128, 128, 128)).save(content / "images" / "alex.png")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
