"""[brand] in clinic.toml, the logo's checks, the font's coverage and the pictures drawn.

Pure cores: model/profile.py (the [brand] table), publishing/brand.py (the
logo file and the fields a picture draws), publishing/fonts.py (coverage)
and publishing/images.py (what is drawn).
"""

from __future__ import annotations

import io
import random
import re

import pytest
from PIL import Image

from clinic.model.profile import Brand, parse_profile
from clinic.publishing import fonts, images
from clinic.publishing.brand import MAX_LOGO_BYTES, Field, brand_files

BASE = """\
[clinic]
name = "Clínica Example"
description = "A fictional clinic for a test."
specialty = "Dermatology"

[review]
reviewer = "A. Example, MD"

[[locations]]
name = "Example"
phone = "305-555-0142"
hours = [ { days = ["Monday"], opens = "09:00", closes = "17:00" } ]
[locations.address]
street = "1 Example Road"
locality = "Testville"
region = "FL"
postal_code = "33000"
country = "US"
"""


def brand_of(table: str) -> tuple[Brand, list[str]]:
    text = BASE + "\n[brand]\n" + table
    profile, problems = parse_profile(text, "content/clinic.toml")
    return profile.brand, [str(p) for p in problems]


def line_of(table: str, key: str) -> int:
    lines = (BASE + "\n[brand]\n" + table).splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(key))


# -- [brand] in the profile ---------------------------------------------------


def test_colour_and_logo_are_read():
    brand, problems = brand_of('colour = "#E8590C"\nlogo = "images/brand/logo.svg"\n')
    assert problems == []
    assert brand.colour == "#e8590c"
    assert brand.logo == "images/brand/logo.svg"
    assert brand.colour_line == line_of('colour = "#E8590C"\n', "colour")


def test_the_american_spelling_is_read_too():
    brand, problems = brand_of('color = "#123"\n')
    assert problems == [] and brand.colour == "#112233"


def test_both_spellings_is_a_problem():
    table = 'colour = "#112233"\ncolor = "#445566"\n'
    _, problems = brand_of(table)
    assert problems == [
        f"content/clinic.toml:{line_of(table, 'color')}: "
        '"brand.colour" and "brand.color" are both written. Keep one of them: '
        'colour = "#334155".'
    ]


@pytest.mark.parametrize("value", ["teal", "#0b556", "24527a", "rgb(11, 85, 99)"])
def test_a_colour_that_is_not_one_names_its_line_and_the_fix(value):
    table = f'colour = "{value}"\n'
    brand, problems = brand_of(table)
    assert len(problems) == 1
    assert problems[0].startswith(
        f'content/clinic.toml:{line_of(table, "colour")}: "brand.colour" is "{value}", '
        "which is not a colour"
    )
    assert "six hexadecimal digits" in problems[0]
    assert brand.colour == "#334155"  # the theme's own, so the site still builds


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("images/logo.pdf", "not an SVG or PNG file"),
        ("images/logo.jpg", "not an SVG or PNG file"),
        ("../secrets/logo.svg", "not a path inside content/"),
    ],
)
def test_a_logo_path_that_cannot_be_a_logo_is_a_problem(value, why):
    table = f'logo = "{value}"\n'
    brand, problems = brand_of(table)
    assert len(problems) == 1 and why in problems[0]
    assert problems[0].startswith(f"content/clinic.toml:{line_of(table, 'logo')}:")
    assert brand.logo == ""


def test_without_brand_the_theme_colour_and_the_wordmark():
    profile, problems = parse_profile(BASE, "content/clinic.toml")
    assert problems == []
    assert profile.brand == Brand()


# -- the logo file -------------------------------------------------------------

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30">'
    b'<rect width="90" height="30"/></svg>'
)


def png(size: tuple[int, int] = (300, 100)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def files(logo: str, data: bytes | None, name: str = "Clínica Example"):
    brand = Brand(logo=logo, logo_line=7)
    return brand_files(brand, "content/clinic.toml", name, [Field("clinic.name", name, 2)], data)


def test_an_svg_logo_is_used_as_given_and_sized_for_the_header():
    made = files("images/brand/logo.svg", SVG)
    assert made.problems == []
    assert made.own_logo and made.logo == "img/logo.svg"
    assert made.generated["img/logo.svg"] == SVG
    assert made.logo_size == (120, 40)  # 90:30 at the header's 40 px


def test_a_png_logo_is_used_as_given():
    data = png((600, 200))
    made = files("images/brand/logo.png", data)
    assert made.problems == [] and made.generated["img/logo.png"] == data
    assert made.logo_size == (120, 40)


@pytest.mark.parametrize(
    ("logo", "data", "says"),
    [
        ("images/brand/logo.svg", None, "there is no such file in content/"),
        ("images/brand/logo.png", b"%PDF-1.7\n%binary", "which is a PDF document, not a PNG"),
        ("images/brand/logo.svg", b"%PDF-1.4\n", "which is a PDF document, not a SVG"),
        ("images/brand/logo.png", b"just some text", "which is not a PNG picture"),
        ("images/brand/logo.svg", b"<html><body>hi</body></html>", "a web page"),
        (
            "images/brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "<script> in this picture could run a program",
        ),
        (
            "images/brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://tracker.example/pixel.png"/></svg>',
            "from another website",
        ),
        (
            "images/brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
            "no <svg> with a width and height or a viewBox",
        ),
    ],
)
def test_a_logo_that_cannot_be_used_is_a_problem_at_its_line_and_the_wordmark_is_used(
    logo, data, says
):
    made = files(logo, data)
    assert len(made.problems) == 1
    message = str(made.problems[0])
    assert message.startswith(f'content/clinic.toml:7: "brand.logo" is "{logo}"')
    assert says in message
    assert not made.own_logo and made.logo == "img/logo.png"
    assert Image.open(io.BytesIO(made.generated["img/logo.png"])).size == (600, 600)


def test_a_logo_over_200_kb_is_a_problem():
    # a real PNG of incompressible noise, over the limit
    noise = Image.frombytes("RGB", (300, 300), random.Random(1).randbytes(300 * 300 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG", compress_level=0)
    assert len(out.getvalue()) > MAX_LOGO_BYTES
    made = files("images/brand/logo.png", out.getvalue())
    assert len(made.problems) == 1
    assert "KB; a logo is loaded on every page and may be 200 KB at most" in str(made.problems[0])


# -- the font --------------------------------------------------------------------

SCRIPTS = {
    "Latin with accents": "Clínica Dermatológica Ñandú Łódź Şişli Ærø Žilina",
    "Greek": "Κλινική Δερματολογίας Ωραιόκαστρο",
    "Cyrillic": "Клиника дерматологии Щёлково Їжакевич",
    "Vietnamese": "Phòng khám Da liễu Hồ Chí Minh Đà Nẵng Nguyễn Thị Ưng",
}


@pytest.mark.parametrize("text", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_the_font_draws_latin_greek_cyrillic_and_vietnamese(text):
    assert fonts.missing(text) == []


def test_an_accent_typed_as_a_separate_mark_is_drawn_as_one_letter():
    assert fonts.missing("Cli\u0301nica") == []  # i + combining acute: the í the font has


def test_a_character_no_font_has_is_named():
    assert fonts.missing("皮膚科 Clinic 😀") == ["皮", "膚", "科", "😀"]
    assert fonts.describe("皮") == '"皮" (U+76AE, CJK UNIFIED IDEOGRAPH-76AE)'


def test_a_name_character_no_font_has_is_a_problem_at_the_name_line():
    name = "Clinica 皮膚"
    made = brand_files(Brand(), "content/clinic.toml", name, [Field("clinic.name", name, 3)], None)
    assert [str(p) for p in made.problems] == [
        'content/clinic.toml:3: "clinic.name" has "皮" (U+76AE, CJK UNIFIED IDEOGRAPH-76AE), '
        '"膚" (U+819A, CJK UNIFIED IDEOGRAPH-819A), which the share card and icons cannot draw '
        "(their font covers Latin, Greek, Cyrillic and Vietnamese), so the pictures leave it "
        "out. Write the value without it (pages still show it as written), or give the site a "
        "font for that script in plugins/clinic/publishing/fonts.py."
    ]


# -- what is drawn ---------------------------------------------------------------


def ink_rows(png_bytes: bytes, background: tuple[int, int, int]) -> tuple[int, int]:
    """The first and last row that holds anything but the background."""
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    rows = [
        y
        for y in range(image.height)
        if any(image.getpixel((x, y)) != background for x in range(0, image.width, 2))
    ]
    return rows[0], rows[-1]


@pytest.mark.parametrize(("plain", "accented"), [("a", "á"), ("ω", "ώ"), ("e", "ё"), ("o", "ỗ")])
def test_the_share_card_draws_the_accent(plain, accented):
    """The accent adds ink above the letter: a box or a missing glyph would not."""
    brand = (36, 82, 122)
    top_plain, _ = ink_rows(images.share_card(plain * 3, "", "#24527a", "#ffffff"), brand)
    top_accent, _ = ink_rows(images.share_card(accented * 3, "", "#24527a", "#ffffff"), brand)
    assert top_accent < top_plain - 10


def test_pictures_are_drawn_in_the_clinics_colour_and_its_text_colour():
    card = Image.open(io.BytesIO(images.share_card("Ωμέγα", "Αθήνα", "#ffd43b", "#1b2329")))
    assert card.size == (1200, 630)
    assert card.convert("RGB").getpixel((5, 5)) == (255, 212, 59)
    colours = {c for _, c in card.convert("RGB").getcolors(1_000_000)}
    assert (27, 35, 41) in colours  # the name, in the dark text colour
    touch = Image.open(io.BytesIO(images.apple_touch_icon("Ωμέγα", "#ffd43b", "#1b2329")))
    assert touch.size == (180, 180) and touch.convert("RGB").getpixel((2, 2)) == (255, 212, 59)


def test_the_svg_favicon_draws_the_initial_as_a_path_without_a_font():
    svg = images.favicon_svg("Đà Nẵng Clinic", "#24527a", "#ffffff").decode()
    assert "<text" not in svg and "font" not in svg
    assert 'fill="#24527a"' in svg and '<path fill="#ffffff" d="M' in svg
    # the letter sits inside the 32 x 32 icon
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", svg.split('d="')[1])]
    assert numbers and all(0 <= n <= 32 for n in numbers)


def test_the_initial_is_the_first_letter_the_font_draws():
    assert images.initial("皮膚 clinic") == "C"
    assert images.initial("élan") == "É"


# -- the cache of drawn pictures ---------------------------------------------------


def test_a_rebuild_reads_the_pictures_from_the_cache_and_a_new_colour_or_name_draws_anew(
    tmp_path,
):
    def made(colour: str, name: str = "Clinica Example"):
        fields = [Field("clinic.name", name, 2), Field("locality", "Testville", 9)]
        return brand_files(Brand(colour=colour), "content/clinic.toml", name, fields, None, cache)

    cache = None
    fresh = made("#24527a")
    cache = str(tmp_path / "brand")
    first, again = made("#24527a"), made("#24527a")
    assert first.generated == again.generated == fresh.generated
    assert first.favicon_ico == again.favicon_ico == fresh.favicon_ico
    assert len(list((tmp_path / "brand").iterdir())) == 7  # five pictures, two font checks
    # what a rebuild reads is what was written: change a cached file and it shows
    share = next(
        p
        for p in (tmp_path / "brand").iterdir()
        if p.read_bytes() == first.generated["img/share.png"]
    )
    share.write_bytes(b"from the cache")
    assert made("#24527a").generated["img/share.png"] == b"from the cache"
    # another colour or name is another picture, drawn and not taken from the cache
    other = made("#7a2452")
    assert Image.open(io.BytesIO(other.generated["img/share.png"])).convert("RGB").getpixel(
        (5, 5)
    ) == (122, 36, 82)
    renamed = made("#24527a", "Clinica Other")
    assert renamed.generated["img/share.png"] != b"from the cache"
    assert renamed.generated["img/logo.png"] != first.generated["img/logo.png"]


def test_a_name_the_font_cannot_draw_is_a_problem_on_a_rebuild_too(tmp_path):
    name = "Clinica 皮膚"
    for _ in range(2):  # drawn, then read from the cache
        made = brand_files(
            Brand(),
            "content/clinic.toml",
            name,
            [Field("clinic.name", name, 3)],
            None,
            str(tmp_path),
        )
        assert [p.line for p in made.problems] == [3]
        assert '"皮" (U+76AE' in made.problems[0].message
