"""Kestrel Skin Clinic: the fictional clinic that stands in for content/ in the tests.

The generator is the product and any clinic replaces ``content/`` with its
own, so no test reads the repository's ``content/``: every project copy the
tests build (``conftest.copy_project``) gets this clinic instead, from
``tests/fixtures/kestrel/``.  It has the sample's shape (one location, the
required pages, one treatment with its sections and results, one condition,
one blog post, facts left empty for a new clinic to fill in), so a test can
break it the way staff break theirs; its words, name, town, address and
number (in the range set aside for fiction) are made up.

Tests take the values they expect from here (``NAME``, ``TEL``, ``line``...),
read from the fixture's own files, rather than typing them again.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import phonenumbers

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kestrel"

CLINIC = tomllib.loads((FIXTURE / "clinic.toml").read_text(encoding="utf-8"))
NAME = CLINIC["clinic"]["name"]
LOCATION = CLINIC["locations"][0]
LOCATION_NAME = LOCATION["name"]
TOWN = LOCATION["address"]["locality"]
REGION = LOCATION["address"]["region"]
PHONE = LOCATION["phone"]  # as written in clinic.toml: 407-555-0134
_NUMBER = phonenumbers.parse(PHONE, LOCATION["address"]["country"])
E164 = phonenumbers.format_number(_NUMBER, phonenumbers.PhoneNumberFormat.E164)
TEL = "tel:" + E164
NATIONAL = phonenumbers.format_number(_NUMBER, phonenumbers.PhoneNumberFormat.NATIONAL)

# The drawings the fixture's pages show: (file under content/, size).  They
# are drawn, not stored, so the repository holds no binary test files.
PICTURES = (
    ("images/microneedling.jpg", (1600, 1000)),
    ("treatments/microneedling/before-illustration.jpg", (900, 1125)),
    ("treatments/microneedling/after-illustration.jpg", (900, 1125)),
)


def text(rel: str) -> str:
    """A fixture file's text; ``rel`` is its path under content/."""
    return (FIXTURE / rel).read_text(encoding="utf-8")


def header(rel: str, key: str) -> str:
    """The value of a Markdown header line of a fixture page, such as its Title."""
    for row in text(rel).splitlines():
        if not row.strip():
            break
        name, _, value = row.partition(":")
        if name.strip().lower() == key.lower():
            return value.strip()
    raise KeyError(f"{rel} has no {key} header")


def line(rel: str, needle: str) -> int:
    """The number of the first line of a fixture file that contains ``needle``."""
    for number, row in enumerate(text(rel).splitlines(), start=1):
        if needle in row:
            return number
    raise ValueError(f"{needle!r} is not in {rel}")


def write_content(project_root: Path) -> None:
    """Put the fictional clinic in ``project_root/content`` (replacing what is there)."""
    content = project_root / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(FIXTURE, content)
    for rel, size in PICTURES:
        _drawing(content / rel, size, dark="after" not in rel)


def _drawing(path: Path, size: tuple[int, int], dark: bool) -> None:
    """A made-up picture: stripes on a plain ground, the same bytes every time."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (214, 150, 96))
    draw = ImageDraw.Draw(image)
    stripe = (70, 70, 80) if dark else (150, 140, 140)
    for x in range(-size[1], size[0], 80):
        draw.line((x, 0, x + size[1], size[1]), fill=stripe, width=18)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)
