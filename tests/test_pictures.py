"""Pictures: sizes planned, HTML written from the plan, results files read (pure cores)."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from clinic.model.results import Pair, parse_results
from clinic.publishing.pictures import WIDTHS, Crop, cover_crop, picture_html, plan
from clinic.rules.body import alt_problem


def test_a_wide_photo_gets_every_width_and_keeps_its_address_for_the_fallback():
    picture = plan(
        "images/peel.jpg",
        (2400, 1600),
        alpha=False,
        out_dir="images",
        fallback_path="images/peel.jpg",
    )
    assert [(v.path, v.width, v.height) for v in picture.modern()] == [
        ("images/peel-360.avif", 360, 240),
        ("images/peel-720.avif", 720, 480),
        ("images/peel-1080.avif", 1080, 720),
        ("images/peel-1600.avif", 1600, 1067),
    ]
    assert [v.path for v in picture.fallbacks()] == [
        "images/peel-360.jpg",
        "images/peel-720.jpg",
        "images/peel-1080.jpg",
        "images/peel.jpg",
    ]
    assert (picture.fallback.width, picture.fallback.mime) == (1600, "image/jpeg")


def test_a_transparent_picture_falls_back_to_png():
    picture = plan("images/logo.png", (500, 200), alpha=True, out_dir="images")
    assert {v.mime for v in picture.fallbacks()} == {"image/png"}
    assert [v.width for v in picture.modern()] == [360, 500]


@given(st.integers(1, 8000), st.integers(1, 8000))
def test_never_enlarged_never_twice_the_same_width_and_the_shape_is_kept(width, height):
    picture = plan("images/x.jpg", (width, height), alpha=False, out_dir="images")
    widths = [v.width for v in picture.modern()]
    assert widths == sorted(set(widths))
    assert max(widths) == min(width, WIDTHS[-1])
    for variant in picture.variants:
        assert variant.width <= width
        assert abs(variant.height / variant.width - height / width) <= 1 / variant.width + 1e-9


@given(st.integers(10, 8000), st.integers(10, 8000))
def test_a_cover_crop_has_the_aspect_and_fits_inside(width, height):
    crop = cover_crop((width, height), (4, 5))
    assert crop.width <= width and crop.height <= height
    assert abs(crop.width / crop.height - 0.8) < 2 / min(crop.width, crop.height) + 1e-9
    assert crop.width == width or crop.height == height


def test_the_picture_element_has_sizes_dimensions_and_loading_from_the_plan():
    picture = plan("images/a.jpg", (1200, 800), alpha=False, out_dir="images")
    lazy = BeautifulSoup(
        picture_html(picture, 'A "quoted" <alt>', site_url="https://x.org"), "html.parser"
    )
    source, img = lazy.source, lazy.img
    assert source["type"] == "image/avif"
    assert source["srcset"].split(", ")[0] == "https://x.org/images/a-360.avif 360w"
    assert (img["width"], img["height"], img["loading"], img["decoding"]) == (
        "1200",
        "800",
        "lazy",
        "async",
    )
    assert img["alt"] == 'A "quoted" <alt>'
    first = BeautifulSoup(picture_html(picture, "x", lazy=False, priority=True), "html.parser")
    assert first.img["fetchpriority"] == "high" and not first.img.has_attr("loading")


@pytest.mark.parametrize(
    ("alt", "bad"),
    [
        ("A nurse cleans the skin before treatment", False),
        ("decorative", False),
        ("", True),
        ("   ", True),
        ("IMG_2041.jpg", True),
        ("IMG_2041", True),
        ("DSC0042", True),
        ("photo.png", True),
        ("image1", True),
        ("Screenshot 2026-01-02", True),
        ("Photo of the clinic entrance", False),
    ],
)
def test_alt_text_that_is_only_a_file_name_is_not_a_description(alt, bad):
    assert bool(alt_problem(alt)) is bad


TODAY = dt.date(2026, 6, 1)
GOOD = """[[pairs]]
before = "b.jpg"
after = "a.jpg"
caption = "Made-up cheek"
consent = 2026-01-15
"""


def _parse(text: str, present=("treatments/x/b.jpg", "treatments/x/a.jpg")):
    return parse_results(
        text, "treatments/x/results.toml", today=TODAY, exists=lambda rel: rel in present
    )


def test_a_pair_with_consent_is_read_relative_to_the_file():
    pairs, problems = _parse(GOOD)
    assert problems == []
    assert pairs == [
        Pair("treatments/x/b.jpg", "treatments/x/a.jpg", "Made-up cheek", dt.date(2026, 1, 15))
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            GOOD.replace("consent = 2026-01-15\n", ""),
            1,
            "pair 1 has no consent date: a patient's pictures are published only with their "
            "written consent",
        ),
        (
            GOOD.replace("2026-01-15", "2026-07-01"),
            5,
            '"consent" is 2026-07-01, which is in the future',
        ),
        (GOOD.replace("2026-01-15", '"soon"'), 5, "\"consent\" is 'soon', which is not a date"),
        (
            GOOD.replace('"a.jpg"', '"gone.jpg"'),
            3,
            '"after" is "gone.jpg", but there is no treatments/x/gone.jpg',
        ),
    ],
)
def test_a_pair_that_cannot_be_published_says_why_at_its_line(text, line, message):
    pairs, problems = _parse(text)
    assert pairs == []
    assert [(p.line, p.message) for p in problems] == [(line, message)]


def test_an_illustration_needs_no_consent_and_says_it_is_one():
    text = GOOD.replace("consent = 2026-01-15", "illustration = true")
    pairs, problems = _parse(text)
    assert problems == [] and pairs[0].illustration and pairs[0].consent is None


def test_crop_is_a_value():
    assert cover_crop((1000, 1000), (4, 5)) == Crop(800, 1000)
