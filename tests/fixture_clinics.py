"""Fictional clinics for the tests, written from scratch into a project copy.

Nothing here describes a real clinic, person, price or treatment result: the
names, addresses, numbers (from the ranges set aside for fiction) and prices
are made up, so the tests check the generator, not the sample's words, and
stay green whatever ``content/`` holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Result

import functools
import shutil
import struct
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


TOML = """\
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
hours = [ { days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], \
opens = "09:00", closes = "18:00" } ]

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

[brand]
logo = "images/brand/solana.svg"
# an orange that white text does not read on at 4.5:1: the build darkens it
colour = "#e8590c"
"""
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
    (
        "peel",
        "Fictional peel",
        {
            "Price": "from 150",
            "Price_Note": "per session",
            "Image": "images/peel.jpg",
            "Image_Alt": "A made-up picture: orange and grey stripes",
        },
    ),
    ("laser", "Fictional laser", {"Price": "200-600", "Price_Note": "per area"}),
    ("fillers", "Fictional fillers", {"Price_Note": "Priced at a consultation"}),
)


# (slug, name, headers): three made-up people; one reviews the medical pages.
PEOPLE = (
    (
        "alex-example",
        "Alex Example",
        {
            "Role": "Dermatologist",
            "Credentials": "MD",
            "Languages": "English, Spanish",
            "Locations": "north",
            "Photo": "images/alex.png",
            "Photo_Alt": "A made-up portrait: a grey square",
        },
    ),
    ("sam-sample", "Sam Sample", {"Role": "Nurse", "Locations": "south"}),
    ("robin-test", "Robin Test", {"Role": "Receptionist", "Locations": "north, south"}),
)


def write_clinic(
    root: Path,
    *,
    toml: str = TOML,
    treatments: tuple[tuple[str, str, dict[str, str]], ...] = TREATMENTS,
    people: tuple[tuple[str, str, dict[str, str]], ...] = PEOPLE,
) -> None:
    """Replace ``root/content`` with the fictional clinic."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (content / "clinic.toml").write_text(toml, encoding="utf-8")
    if 'logo = "images/brand/solana.svg"' in toml:
        _write(content / "images" / "brand" / "solana.svg", LOGO_SVG)
    for rel, (title, topic) in PAGES.items():
        _write(content / rel, _page(title, _summary(topic), f"Text about {topic}."))
    for slug, title, headers in treatments:
        folder = content / "treatments" / slug
        _write(
            folder / "index.md",
            _page(
                title,
                _summary(title.lower()),
                f"## What is {title.lower()}?\n\nMade-up text.",
                Reviewed=REVIEWED,
                Procedure_Type="Noninvasive",
                Sessions="3",
                **headers,
            ),
        )
        for section in ("benefits", "side-effects", "candidacy"):
            _write(
                folder / f"{section}.md",
                _page(
                    f"{title}: {section.replace('-', ' ')}",
                    _summary(f"{title.lower()} {section}"),
                    "Made-up text for a test.",
                    Reviewed=REVIEWED,
                ),
            )

    for slug, name, headers in people:
        _write(
            content / "team" / f"{slug}.md",
            _page(
                name,
                _summary(f"{name}, a made-up member of the team"),
                f"{name} is a made-up person in a test.",
                **headers,
            ),
        )
    if any(headers.get("Image") for _, _, headers in treatments):
        photo(content / "images" / "peel.jpg")
        write_results(content)
    if any("Photo" in headers for _, _, headers in people):
        from PIL import Image

        (content / "images").mkdir(exist_ok=True)
        Image.new("RGB", (300, 400), (128, 128, 128)).save(content / "images" / "alex.png")


# A made-up logo: a sun over a line, nothing that names a real clinic.
LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">
  <circle cx="20" cy="20" r="14" fill="#ffd43b"/>
  <rect x="42" y="17" width="70" height="6" rx="3" fill="#ffffff"/>
</svg>
"""


@functools.cache
def _srgb_profile() -> bytes:
    """An sRGB ICC profile with a fixed date, so the same photo is the same bytes.

    LittleCMS stamps a profile with the time it was made (header bytes 24 to
    35); a photo that changed with the clock would miss the shared picture
    cache and be encoded again by every test that writes it.  A profile ID of
    zeros means "not computed", which the ICC specification allows.
    """
    from PIL import ImageCms

    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc[24:36] = struct.pack(">6H", 2026, 1, 2, 3, 4, 5)
    icc[84:100] = bytes(16)
    return bytes(icc)


def photo(path: Path, size: tuple[int, int] = (1800, 1200), colour=(200, 120, 90)) -> None:
    """A made-up JPEG carrying what a phone photo carries: GPS, camera serial, XMP, ICC."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 60):
        draw.line((x, 0, x + size[1] // 2, size[1]), fill=(90, 90, 90), width=14)
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0xA431] = "SERIAL-0042"  # BodySerialNumber
    exif[0x0132] = "2026:01:02 03:04:05"  # DateTime
    exif.get_ifd(0x8825).update({1: "N", 2: (25.0, 45.0, 1.5), 3: "W", 4: (80.0, 16.0, 2.5)})
    icc = _srgb_profile()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(
        path,
        "JPEG",
        exif=exif,
        icc_profile=icc,
        quality=90,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">made-up patient name</x:xmpmeta>',
    )


RESULTS = """\
[[pairs]]
before = "before-1.jpg"
after = "after-1.jpg"
caption = "A made-up cheek, after three sessions"
consent = 2026-01-15
"""


def write_results(content: Path, slug: str = "peel", text: str = RESULTS) -> None:
    folder = content / "treatments" / slug
    photo(folder / "before-1.jpg", (900, 1200), (150, 110, 100))
    photo(folder / "after-1.jpg", (1000, 1100), (190, 150, 130))
    (folder / "results.toml").write_text(text, encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


SITE = "https://clinic.example.org"


def publish_fixture_clinic(root: Path) -> Result:
    """The strict publish build of the fictional clinic into ``root/output``, at SITE.

    For tests and the audit that need a site that publishes (the sample in
    content/ does not, until its facts are filled in).
    """
    # the command line in a process of its own: the audit calls this too,
    # outside pytest, where the plugin is not importable in this process
    from conftest import copy_project, run_pelican_command

    project = copy_project(root)
    write_clinic(project.root)
    return run_pelican_command(
        project.root, project.root / "output", "publishconf.py", {"SITEURL": SITE}
    )
