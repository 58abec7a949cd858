"""The clinic's colour and every colour the theme derives from it, with WCAG contrast.

Pure core: ``derive(colour)`` returns a ``Palette`` for light and dark mode.
Each mode pairs its colours (text on background, links, text on the colour,
brand borders, focus rings) and every pair must meet its WCAG bar: 7:1 for
body text, 4.5:1 for other text, 3:1 for focus rings and borders.  A colour
that misses a bar is moved in lightness only, in OKLCH (a perceptual space:
the hue stays, chroma is reduced only as far as sRGB needs), as little as
possible; ``Palette.changes`` says what was moved.  Pairs that no lightness
can satisfy are returned in ``Palette.failures``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import NamedTuple

RGB = tuple[float, float, float]  # sRGB, each 0..1

BODY, TEXT, NON_TEXT = 7.0, 4.5, 3.0
DEFAULT = "#334155"  # the theme's own colour (a neutral slate), for a clinic that names none

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# The theme's neutrals (theme/static/css/site.css); the brand colour is judged against them.
WHITE = "#ffffff"
INK = "#1b2329"  # body text in light mode, text on a light brand colour
LIGHT_BG, DARK_BG = WHITE, "#11181c"
LIGHT_TEXT, DARK_TEXT = INK, "#e8eef0"
LIGHT_MUTED, DARK_MUTED = "#48545c", "#b9c6cb"
FOCUS, FOCUS_TEXT = "#ffbf47", INK  # the focused element's fill, in both modes


def parse_hex(text: str) -> RGB | None:
    """``#334155`` or ``#fa0`` as sRGB; None for anything else."""
    text = text.strip()
    if not _HEX.match(text):
        return None
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours, 1 to 21."""
    la, lb = luminance(_rgb(a)), luminance(_rgb(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _rgb(text: str) -> RGB:
    rgb = parse_hex(text)
    if rgb is None:
        raise ValueError(f"not a colour: {text!r}")
    return rgb


# -- OKLCH (Björn Ottosson's OKLab, in polar form) ---------------------------


def to_oklch(rgb: RGB) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    lv = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    mv = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    sv = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    lightness = 0.2104542553 * lv + 0.7936177850 * mv - 0.0040720468 * sv
    a = 1.9779984951 * lv - 2.4285922050 * mv + 0.4505937099 * sv
    bb = 0.0259040371 * lv + 0.7827717662 * mv - 0.8086757660 * sv
    return lightness, math.hypot(a, bb), math.atan2(bb, a)


def _from_oklch(lightness: float, chroma: float, hue: float) -> tuple[float, float, float]:
    """Linear sRGB, possibly out of gamut."""
    a, b = chroma * math.cos(hue), chroma * math.sin(hue)
    lv = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    mv = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    sv = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * lv - 3.3077115913 * mv + 0.2309699292 * sv,
        -1.2684380046 * lv + 2.6097574011 * mv - 0.3413193965 * sv,
        -0.0041960863 * lv - 0.7034186147 * mv + 1.7076147010 * sv,
    )


def oklch(lightness: float, chroma: float, hue: float) -> str:
    """The sRGB colour of that lightness and hue with the most chroma up to ``chroma``."""
    lightness = min(1.0, max(0.0, lightness))

    def inside(c: float) -> bool:
        return all(-1e-6 <= v <= 1 + 1e-6 for v in _from_oklch(lightness, c, hue))

    if not inside(chroma):
        low, high = 0.0, chroma
        for _ in range(24):
            mid = (low + high) / 2
            low, high = (mid, high) if inside(mid) else (low, mid)
        chroma = low
    linear = _from_oklch(lightness, chroma, hue)
    return to_hex(tuple(_gamma(min(1.0, max(0.0, v))) for v in linear))  # type: ignore[arg-type]


def with_lightness(colour: str, lightness: float) -> str:
    _, chroma, hue = to_oklch(_rgb(colour))
    # a grey has no hue: rounding noise in its chroma would tint it
    return oklch(lightness, chroma if chroma > 1e-3 else 0.0, hue)


def _nearest(colour: str, passes: Callable[[str], bool], direction: int) -> str | None:
    """The colour closest in lightness to ``colour``, moving one way, for which ``passes``."""
    if passes(colour):
        return colour
    start = to_oklch(_rgb(colour))[0]
    end = 1.0 if direction > 0 else 0.0
    if not passes(with_lightness(colour, end)):
        return None
    low, high = start, end  # low fails, high passes
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (low, mid) if passes(with_lightness(colour, mid)) else (mid, high)
    return with_lightness(colour, high)


# -- the palette -------------------------------------------------------------


class Pair(NamedTuple):
    """One colour on another, and the contrast it must reach."""

    mode: str  # "light" or "dark"
    role: str  # what a visitor sees, e.g. "links on the page background"
    foreground: str
    background: str
    bar: float

    @property
    def ratio(self) -> float:
        return contrast(self.foreground, self.background)

    @property
    def met(self) -> bool:
        return self.ratio >= self.bar

    def __str__(self) -> str:
        return (
            f"{self.mode} mode, {self.role}: {self.foreground} on {self.background} is "
            f"{self.ratio:.2f}:1, needs {self.bar:g}:1"
        )


class Palette(NamedTuple):
    colour: str  # as the clinic wrote it (normalised to #rrggbb)
    light: dict[str, str]  # CSS custom property name (without --cl-) -> #rrggbb
    dark: dict[str, str]
    pairs: tuple[Pair, ...]
    changes: tuple[str, ...] = ()  # what was moved from the clinic's colour, as staff read it
    failures: tuple[Pair, ...] = ()

    @property
    def brand(self) -> str:
        """The colour of the header, buttons and icons (the clinic's, or adjusted)."""
        return self.light["brand"]

    @property
    def brand_text(self) -> str:
        return self.light["brand-text"]

    def css(self) -> str:
        """A stylesheet fragment: the derived colours as custom properties, per mode."""

        def block(values: dict[str, str]) -> str:
            return ":root{" + "".join(f"--cl-{k}:{v};" for k, v in values.items()) + "}"

        return (
            f"/* the clinic's colour {self.colour}, and the colours derived from it */\n"
            f"{block(self.light)}\n"
            f"@media (prefers-color-scheme: dark){{{block(self.dark)}}}\n"
        )


def _reads_on(text: str, surface: str) -> bool:
    return contrast(text, surface) >= TEXT


def _reads_against(backgrounds: tuple[str, ...], colour: str) -> bool:
    # links sit in running text, so they are held to the body text's bar
    return all(contrast(colour, back) >= BODY for back in backgrounds)


def derive(colour: str) -> Palette:
    """Every colour the theme uses from the clinic's one colour, each pair checked."""
    given = to_hex(_rgb(colour))
    _, chroma, hue = to_oklch(_rgb(given))
    chroma = chroma if chroma > 1e-3 else 0.0
    changes: list[str] = []

    # The colour as a surface (header, call bar, buttons): white or ink text on
    # it, whichever needs the smaller change of lightness.
    options = []
    for text, direction in ((WHITE, -1), (INK, 1)):
        found = _nearest(given, functools.partial(_reads_on, text), direction)
        if found is not None:
            moved = abs(to_oklch(_rgb(found))[0] - to_oklch(_rgb(given))[0])
            options.append((moved, -contrast(text, found), found, text))
    # ink and white are at the two ends of lightness: one of them always reads
    _, _, brand, brand_text = min(options)
    if brand != given:
        changes.append(
            f"header and buttons use {brand} instead: "
            f"{'white' if brand_text == WHITE else 'dark'} text on {given} is "
            f"{contrast(brand_text, given):.2f}:1, and text needs {TEXT:g}:1"
        )

    modes: dict[str, dict[str, str]] = {}
    pairs: list[Pair] = []
    for mode, bg, text, muted, panel_l, panel_c in (
        ("light", LIGHT_BG, LIGHT_TEXT, LIGHT_MUTED, 0.965, 0.01),
        ("dark", DARK_BG, DARK_TEXT, DARK_MUTED, 0.255, 0.018),
    ):
        panel = oklch(panel_l, min(chroma, panel_c), hue)
        # Links, brand borders and focus rings: the colour on the page, darkened
        # (light mode) or lightened (dark mode) until it reads on the page and panel.
        link = _nearest(
            given,
            functools.partial(_reads_against, (bg, panel)),
            -1 if mode == "light" else 1,
        ) or (INK if mode == "light" else DARK_TEXT)
        if mode == "light" and link != given:
            changes.append(
                f"links use {link} instead: {given} on the page is "
                f"{contrast(given, bg):.2f}:1, and links need {BODY:g}:1"
            )
        values = {
            "brand": brand,
            "brand-text": brand_text,
            "link": link,
            "brand-line": link,
            "focus-ring": link,
            "panel": panel,
        }
        modes[mode] = values
        p = [
            ("body text on the page", text, bg, BODY),
            ("body text on panels", text, panel, BODY),
            ("muted text on the page", muted, bg, TEXT),
            ("muted text on panels", muted, panel, TEXT),
            ("links on the page", link, bg, BODY),
            ("links on panels", link, panel, BODY),
            ("text on the colour (header, buttons)", brand_text, brand, TEXT),
            ("focused link text", FOCUS_TEXT, FOCUS, TEXT),
            ("brand borders on the page", link, bg, NON_TEXT),
            ("brand borders on panels", link, panel, NON_TEXT),
            ("focus ring on the page", link, bg, NON_TEXT),
            ("focus ring on panels", link, panel, NON_TEXT),
            ("focus ring on the colour", brand_text, brand, NON_TEXT),
        ]
        pairs += [Pair(mode, role, fg, back, bar) for role, fg, back, bar in p]
    return Palette(
        colour=given,
        light=modes["light"],
        dark=modes["dark"],
        pairs=tuple(pairs),
        changes=tuple(changes),
        failures=tuple(pair for pair in pairs if not pair.met),
    )
