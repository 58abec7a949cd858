"""Images made from the clinic's name: the share card and the icon set.

No logo artwork is invented: each image is the clinic's name (or initial)
in white on the theme's brand colour, drawn with Pillow's bundled font.
The output is deterministic, so fingerprints only change when the name does.
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

BRAND = (11, 85, 99)  # --cl-brand in theme/static/css/site.css
WHITE = (255, 255, 255)
LIGHT = (214, 236, 240)


def _fit(
    draw: ImageDraw.ImageDraw, text: str, width: int, start: int
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The largest font size, at most ``start``, at which ``text`` fits ``width``."""
    size = start
    while size > 12:
        font = ImageFont.load_default(size=size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return ImageFont.load_default(size=12)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # zlib level 6: a third of the time of optimize=True for 5 % more bytes
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


SHARE_SIZE = (1200, 630)  # what link previews and Google's article images ask for


def share_card(name: str, place: str) -> bytes:
    """1200x630 PNG for link previews (Open Graph and Twitter cards)."""
    image = Image.new("RGB", SHARE_SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    title = _fit(draw, name or " ", 1040, 120)
    draw.text((80, 250), name, font=title, fill=WHITE, anchor="ls")
    if place:
        draw.text((80, 340), place, font=_fit(draw, place, 1040, 56), fill=LIGHT, anchor="ls")
    return _png(image)


def icon(name: str, size: int) -> Image.Image:
    image = Image.new("RGB", (size, size), BRAND)
    draw = ImageDraw.Draw(image)
    letter = (name[:1] or " ").upper()
    font = ImageFont.load_default(size=int(size * 0.62))
    draw.text((size / 2, size / 2), letter, font=font, fill=WHITE, anchor="mm")
    return image


def apple_touch_icon(name: str) -> bytes:
    return _png(icon(name, 180))


def favicon_ico(name: str) -> bytes:
    out = io.BytesIO()
    icon(name, 48).save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()
