"""The clinic's colour and what the theme derives from it (plugins/clinic/model/colour.py).

Contrast is recomputed here with WCAG 2's own formula, written out again, so
the property tests do not take the module's word for its own ratios.
"""

from __future__ import annotations

import colorsys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.model.colour import DEFAULT, contrast, derive, parse_hex, to_oklch


def wcag_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio, straight from the definition of relative luminance."""

    def lum(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("#24527a", (36, 82, 122)), ("#FA0", (255, 170, 0)), (" #ffffff ", (255, 255, 255))],
)
def test_hex_colours_are_read(text, expected):
    rgb = parse_hex(text)
    assert rgb is not None
    assert tuple(round(c * 255) for c in rgb) == expected


@pytest.mark.parametrize("text", ["24527a", "#0b556", "teal", "#gg0000", "rgb(1,2,3)", ""])
def test_what_is_not_a_hex_colour_is_refused(text):
    assert parse_hex(text) is None


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    # published figures: black on white is 21:1, #767676 the lightest grey at 4.5:1
    [("#000000", "#ffffff", 21.0), ("#767676", "#ffffff", 4.54), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_is_wcags_ratio(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)
    assert contrast(b, a) == pytest.approx(ratio, abs=0.01)


@settings(max_examples=300, deadline=None)
@given(colours)
def test_every_derived_pair_meets_its_bar(colour):
    palette = derive(colour)
    assert palette.failures == ()
    for pair in palette.pairs:
        assert wcag_ratio(pair.foreground, pair.background) >= pair.bar, str(pair)
    for mode in (palette.light, palette.dark):
        # the values the stylesheet gets are the ones the pairs were checked with
        assert wcag_ratio(mode["brand-text"], mode["brand"]) >= 4.5
        # links are in running text: the body text's 7:1
        assert wcag_ratio(mode["link"], "#ffffff" if mode is palette.light else "#11181c") >= 7
        assert wcag_ratio(mode["link"], mode["panel"]) >= 7
        assert wcag_ratio(mode["focus-ring"], mode["panel"]) >= 3


@settings(max_examples=200, deadline=None)
@given(colours)
def test_an_adjusted_colour_keeps_its_hue(colour):
    palette = derive(colour)
    lightness, chroma, hue = to_oklch(_rgb(colour))
    for derived in (palette.brand, palette.light["link"], palette.dark["link"]):
        _, c2, h2 = to_oklch(_rgb(derived))
        if chroma > 0.04 and c2 > 0.04:  # a hue to keep, and enough colour left to see it
            turn = abs((h2 - hue + 3.14159) % 6.28318 - 3.14159)
            assert turn < 0.12, (colour, derived)  # under 7 degrees


@settings(max_examples=200, deadline=None)
@given(colours)
def test_a_colour_that_meets_the_bars_is_used_as_written(colour):
    palette = derive(colour)
    white, ink = wcag_ratio("#ffffff", colour), wcag_ratio("#1b2329", colour)
    if max(white, ink) >= 4.5:
        assert palette.brand == colour
    if wcag_ratio(colour, "#ffffff") >= 7 and wcag_ratio(colour, palette.light["panel"]) >= 7:
        assert palette.light["link"] == colour
        assert not any("links use" in change for change in palette.changes)


def test_the_theme_colour_needs_no_change():
    palette = derive(DEFAULT)
    assert palette.changes == ()
    assert palette.brand == DEFAULT and palette.brand_text == "#ffffff"


def test_a_colour_too_light_for_white_text_is_changed_and_the_change_is_said():
    palette = derive("#1e88e5")  # a mid blue: 3.7:1 with white text
    assert palette.brand != "#1e88e5"
    assert any("header and buttons use " + palette.brand in c for c in palette.changes)
    assert any("links use " + palette.light["link"] in c for c in palette.changes)
    assert wcag_ratio(palette.light["link"], "#ffffff") >= 7


def test_a_light_colour_gets_dark_text_and_a_darker_link():
    palette = derive("#ffd43b")  # a yellow
    assert palette.brand == "#ffd43b"  # dark text reads on it as it is
    assert palette.brand_text == "#1b2329"
    assert wcag_ratio(palette.light["link"], "#ffffff") >= 7
    # the link is a darker yellow, not another colour
    h1 = colorsys.rgb_to_hls(*_rgb("#ffd43b"))[0]
    h2 = colorsys.rgb_to_hls(*_rgb(palette.light["link"]))[0]
    assert abs(h1 - h2) < 0.03


def test_the_stylesheet_fragment_sets_each_mode():
    css = derive("#1e88e5").css()
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    palette = derive("#1e88e5")
    assert f"--cl-link:{palette.light['link']};" in light
    assert f"--cl-link:{palette.dark['link']};" in dark
    assert palette.light["link"] != palette.dark["link"]


def _rgb(colour: str) -> tuple[float, float, float]:
    rgb = parse_hex(colour)
    assert rgb is not None
    return rgb
