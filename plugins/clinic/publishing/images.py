"""Images made from the clinic's name and colour: share card, icons, wordmark.

No logo artwork is invented: each image is the clinic's name (or initial)
on the clinic's colour, in the text colour derived for it
(``model.colour``), drawn in Noto Sans (``publishing.fonts``), so every
accent, Greek, Cyrillic and Vietnamese letter is drawn, never a box.
The output is deterministic, so fingerprints only change when the input does.
"""

from __future__ import annotations

import io

# Registers the ICO writer now: otherwise Pillow's first ICO save imports
# every one of its image format plugins to find it (about 20 ms a build).
from PIL import (
    IcoImagePlugin,  # noqa: F401
    Image,
    ImageDraw,
    ImageFont,
)

from . import fonts
from .pictures import SHARE_SIZE

WORDMARK_SIZE = 600  # square; Google asks a logo for 112 px at least


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, start: int) -> ImageFont.FreeTypeFont:
    """The largest font size, at most ``start``, at which ``text`` fits ``width``."""
    size = start
    while size > 12:
        font = fonts.pillow_font(size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return fonts.pillow_font(12)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # zlib level 6: a third of the time of optimize=True for 5 % more bytes
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _mix(a: str, b: str, share: float) -> tuple[int, int, int]:
    ra, rb = _rgb(a), _rgb(b)
    return tuple(round(x + (y - x) * share) for x, y in zip(ra, rb, strict=True))  # type: ignore[return-value]


def share_card(name: str, place: str, brand: str, text: str) -> bytes:
    """1200x630 PNG for link previews (Open Graph and Twitter cards)."""
    name, place = fonts.drawable(name), fonts.drawable(place)
    image = Image.new("RGB", SHARE_SIZE, _rgb(brand))
    draw = ImageDraw.Draw(image)
    title = _fit(draw, name or " ", 1040, 120)
    draw.text((80, 250), name, font=title, fill=_rgb(text), anchor="ls")
    if place:
        # the place a little quieter than the name: 85 % of the way to the text colour
        quiet = _mix(brand, text, 0.85)
        draw.text((80, 340), place, font=_fit(draw, place, 1040, 56), fill=quiet, anchor="ls")
    return _png(image)


def initial(name: str) -> str:
    """The letter that stands for the clinic in its icons: the first the font can draw."""
    for char in fonts.drawable(name):
        if char.isalnum():
            return char.upper()
    return ""


def icon(name: str, size: int, brand: str, text: str) -> Image.Image:
    image = Image.new("RGB", (size, size), _rgb(brand))
    draw = ImageDraw.Draw(image)
    letter = initial(name)
    if letter:
        font = fonts.pillow_font(int(size * 0.62))
        draw.text((size / 2, size / 2), letter, font=font, fill=_rgb(text), anchor="mm")
    return image


def apple_touch_icon(name: str, brand: str, text: str) -> bytes:
    return _png(icon(name, 180, brand, text))


def favicon_ico(name: str, brand: str, text: str) -> bytes:
    out = io.BytesIO()
    icon(name, 48, brand, text).save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def favicon_svg(name: str, brand: str, text: str) -> bytes:
    """The clinic's initial on its colour, the letter as a path (no font needed to show it)."""
    path = fonts.svg_path(initial(name), 20, (16, 16)) if initial(name) else ""
    letter = f'<path fill="{text}" d="{path}"/>' if path else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{brand}"/>{letter}</svg>\n'
    ).encode()


def wordmark_png(name: str, brand: str, text: str) -> bytes:
    """The clinic's name on its colour, as the logo search engines show (no logo of its own)."""
    size = WORDMARK_SIZE
    image = Image.new("RGB", (size, size), _rgb(brand))
    draw = ImageDraw.Draw(image)
    lines = _wrap(draw, fonts.drawable(name).split(), size - 80)
    font = _fit(draw, max(lines, key=len) if lines else " ", size - 80, 96)
    height = font.size * 1.2
    top = size / 2 - height * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        draw.text((size / 2, top + index * height), line, font=font, fill=_rgb(text), anchor="mm")
    return _png(image)


def _wrap(draw: ImageDraw.ImageDraw, words: list[str], width: int) -> list[str]:
    """Words in at most three lines, each as wide as fits at a good size."""
    font = fonts.pillow_font(96)
    lines: list[str] = []
    for word in words:
        if lines and (
            len(lines) == 3 or draw.textlength(f"{lines[-1]} {word}", font=font) <= width
        ):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
