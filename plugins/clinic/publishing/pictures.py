"""Pictures as browsers need them: the sizes to make, and the HTML that offers them.

Pure core, modelled on eleventy-img: ``plan(...)`` is a function of a
picture's path, size and the settings that returns every variant to make
(never wider than the source), and ``picture_html`` writes the ``<picture>``
element from that plan, so no template writes ``srcset`` by hand.  Making
the files is ``picture_files``'s job.

Each picture is offered as AVIF (about half the bytes of JPEG at the same
look) with a JPEG fallback (PNG when it has transparency).  Every ``<img>``
has ``width`` and ``height``, so the page never jumps while it loads.
"""

from __future__ import annotations

import html
import posixpath
from typing import NamedTuple

# what link previews (Open Graph) and Google's article images ask for; the share
# card (publishing/images.py) is drawn at this size too
SHARE_SIZE = (1200, 630)


# Widths for a column up to 44rem (704 px) at up to 3x density, and the
# 1,600 px a wide screen's photo needs; a source narrower than one is not
# enlarged.
WIDTHS = (360, 720, 1080, 1600)
# The theme's column: full width on phones (less 1rem padding each side), 44rem beyond.
COLUMN_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
# a results pair: side by side from 30rem, stacked below
HALF_SIZES = (
    "(min-width: 46rem) 21.5rem, (min-width: 30rem) calc(50vw - 1.5rem), calc(100vw - 2rem)"
)
# a card in a list (columns of at least 17rem): about three across from
# 64rem, two from 40rem, else the column
CARD_SIZES = "(min-width: 64rem) 23rem, (min-width: 40rem) calc(50vw - 3rem), calc(100vw - 2rem)"
PORTRAIT_SIZES = "(min-width: 40rem) 16rem, 10rem"  # a team member's photo
MODERN = ("avif", "image/avif")


class Crop(NamedTuple):
    """A centred crop to ``width``x``height`` source pixels, before resizing."""

    width: int
    height: int


class Variant(NamedTuple):
    path: str  # site-relative output path: images/peel-720.avif
    width: int
    height: int
    mime: str


class Plan(NamedTuple):
    """Every file one picture becomes, and the fallback ``<img>`` shows."""

    source: str  # content-relative path of the source file
    width: int  # of the (cropped) picture, before resizing
    height: int
    fallback_format: str  # "jpeg" or "png"
    crop: Crop | None
    variants: tuple[Variant, ...]  # modern first, then fallback, widest last in each
    fallback: Variant  # the <img src>: the widest fallback

    def modern(self) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime == MODERN[1])

    def fallbacks(self) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime != MODERN[1])


def _scaled(width: int, height: int, target: int) -> tuple[int, int]:
    return target, max(1, round(height * target / width))


def plan(
    source: str,
    size: tuple[int, int],
    *,
    alpha: bool,
    out_dir: str,
    crop: Crop | None = None,
    fallback_path: str | None = None,
) -> Plan:
    """The variants of one picture, written under ``out_dir`` (site-relative).

    The fallback is a PNG for a PNG or a picture with transparency, else a
    JPEG.  ``fallback_path`` puts the widest fallback at a fixed address (the
    picture's own path under images/, so a ``{static}`` link keeps working).
    """
    width, height = (crop.width, crop.height) if crop else size
    stem, ext = posixpath.splitext(posixpath.basename(source))
    png = alpha or ext.lower() == ".png"
    fallback_format = "png" if png else "jpeg"
    fallback_ext = "png" if png else "jpg"
    widths = sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})
    variants = []
    for ext, mime in (MODERN, (fallback_ext, f"image/{fallback_format}")):
        for w in widths:
            vw, vh = _scaled(width, height, w)
            variants.append(Variant(posixpath.join(out_dir, f"{stem}-{vw}.{ext}"), vw, vh, mime))
    widest = variants[-1]
    if fallback_path:
        widest = Variant(fallback_path, widest.width, widest.height, widest.mime)
        variants[-1] = widest
    return Plan(source, width, height, fallback_format, crop, tuple(variants), widest)


def share_variant(source: str, out_dir: str) -> Variant:
    """The 1200x630 link-preview crop of a picture."""
    stem = posixpath.splitext(posixpath.basename(source))[0]
    return Variant(posixpath.join(out_dir, f"{stem}-share.jpg"), *SHARE_SIZE, "image/jpeg")


def cover_crop(size: tuple[int, int], aspect: tuple[int, int]) -> Crop:
    """The largest centred crop of ``size`` with the ``aspect`` ratio."""
    width, height = size
    target = aspect[0] / aspect[1]
    if width / height > target:
        return Crop(round(height * target), height)
    return Crop(width, round(width / target))


def picture_html(
    picture: Plan,
    alt: str,
    *,
    site_url: str = "",
    sizes: str = COLUMN_SIZES,
    lazy: bool = True,
    priority: bool = False,
    css_class: str = "cl-picture",
) -> str:
    """The ``<picture>`` element: AVIF by width, the fallback for older browsers.

    ``priority`` is for the one picture that is the page's largest paint:
    loaded at once with ``fetchpriority="high"``; every other picture waits
    until it is near the screen (``loading="lazy"``).
    """

    def srcset(variants: tuple[Variant, ...]) -> str:
        return ", ".join(f"{site_url}/{v.path} {v.width}w" for v in variants)

    fallback = picture.fallback
    loading = ' fetchpriority="high"' if priority else (' loading="lazy"' if lazy else "")
    return (
        f'<picture class="{css_class}">'
        f'<source type="{MODERN[1]}" srcset="{srcset(picture.modern())}" sizes="{sizes}">'
        f'<img src="{site_url}/{fallback.path}" srcset="{srcset(picture.fallbacks())}" '
        f'sizes="{sizes}" alt="{html.escape(alt, quote=True)}" width="{fallback.width}" '
        f'height="{fallback.height}" decoding="async"{loading}></picture>'
    )
