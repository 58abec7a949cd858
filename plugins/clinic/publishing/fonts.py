"""The one font the build draws text with: Noto Sans, from its Python package.

Noto Sans covers Latin with every accent, Greek, Cyrillic and Vietnamese.
It is installed with the other requirements (nothing is fetched while
building) and is never served: pictures are drawn with it (Pillow), and a
drawing that must stay a vector (the SVG favicon) gets the outlines of the
few letters it shows, as paths, so it looks the same without the font.

Text is put in Unicode's composed form (NFC) first: "í" typed as "i" and a
combining accent is the one character the font has.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import fontpkg_noto_sans

# fontTools and Pillow's font module are imported where they are used: most
# builds read every drawing from the cache and never load the font (about
# 15 ms of start-up saved on each of them).
if TYPE_CHECKING:
    from fontTools.ttLib import TTFont
    from PIL import ImageFont

FONT = Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf"
BOLD = 700  # the weight of everything drawn: names and initials read at a glance


def composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@functools.cache
def _font() -> TTFont:
    from fontTools.ttLib import TTFont

    return TTFont(FONT, lazy=True)


@functools.cache
def _cmap() -> frozenset[int]:
    return frozenset(_font().getBestCmap())


def missing(text: str) -> list[str]:
    """The characters of ``text`` the font cannot draw, each once, in order."""
    cmap = _cmap()
    out: list[str] = []
    for char in composed(text):
        if ord(char) not in cmap and not char.isspace() and char not in out:
            out.append(char)
    return out


def drawable(text: str) -> str:
    """``text`` without the characters the font cannot draw (which would show as boxes)."""
    cmap = _cmap()
    return "".join(c for c in composed(text) if ord(c) in cmap or c == " ")


def describe(char: str) -> str:
    """``"字" (U+5B57, CJK UNIFIED IDEOGRAPH-5B57)`` for a message."""
    name = unicodedata.name(char, "")
    return f'"{char}" (U+{ord(char):04X}{", " + name if name else ""})'


@functools.cache
def pillow_font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    font = ImageFont.truetype(str(FONT), size)
    font.set_variation_by_axes([BOLD, 100])  # the axes in the font's order: wght, wdth
    return font


def svg_path(letter: str, size: float, centre: tuple[float, float]) -> str:
    """An SVG path drawing ``letter`` (one character) ``size`` units tall, centred on ``centre``.

    Empty when the font has no such character.
    """
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    font = _font()
    name = font.getBestCmap().get(ord(composed(letter)[:1] or " "))
    if name is None:
        return ""
    glyphs = font.getGlyphSet(location={"wght": BOLD, "wdth": 100})
    glyph = glyphs[name]
    bounds = BoundsPen(glyphs)
    glyph.draw(bounds)
    if bounds.bounds is None:
        return ""
    x0, y0, x1, y1 = bounds.bounds
    scale = size / font["head"].unitsPerEm
    # font units point up, SVG's down: flip, then put the ink's centre on ``centre``
    dx = centre[0] - (x0 + x1) / 2 * scale
    dy = centre[1] + (y0 + y1) / 2 * scale
    pen = SVGPathPen(glyphs, ntos=lambda n: f"{n:.2f}".rstrip("0").rstrip("."))
    glyph.draw(TransformPen(pen, (scale, 0, 0, -scale, dx, dy)))
    return str(pen.getCommands())
