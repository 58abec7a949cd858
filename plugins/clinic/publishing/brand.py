"""The clinic's brand as files: logo, icons, share card and the colours' stylesheet.

``brand_files`` takes the profile's ``[brand]`` (``model.profile.Brand``),
the clinic's name and place and the logo file's bytes, and returns every
file the theme shows, the derived palette, and the problems and advice
found, each naming its line of ``clinic.toml``.  A logo that cannot be used
is reported and replaced by the wordmark, so a development build still
shows the site; a publish build stops on the problem.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.parsers import expat

import fontTools
import PIL

from ..model.colour import DEFAULT, Palette, derive
from ..model.problems import Problem
from ..model.profile import Brand
from ..rules.static_files import SVG_FIX, svg_findings
from . import fonts

# The drawing code (publishing/images.py, which loads Pillow's drawing modules)
# is imported only when a drawing is not in the cache: most builds never need it.
_DRAWINGS = ("images.py", "fonts.py")

MAX_LOGO_BYTES = 200 * 1024  # a logo is drawn on every page: it must stay light
HEADER_LOGO_HEIGHT = 40  # CSS px; the header's <img> keeps the logo's proportions

_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG photo"),
    (b"GIF8", "a GIF picture"),
    (b"PK\x03\x04", "a ZIP archive (a Word or design file?)"),
    (b"<!DOCTYPE html", "a web page"),
    (b"<html", "a web page"),
)


class Field(NamedTuple):
    """A value of clinic.toml that a picture draws, and where it is written."""

    key: str  # "clinic.name"
    text: str
    line: int | None


@dataclass
class BrandFiles:
    palette: Palette
    generated: dict[str, bytes]  # theme assets by name: "img/share.png" -> bytes
    favicon_ico: bytes
    logo: str  # the asset that is the clinic's logo: "img/logo.svg" or "img/logo.png"
    own_logo: bool  # False: the logo is the wordmark made from the name
    logo_size: tuple[int, int] = (0, 0)  # the header <img>'s width and height (own logo)
    problems: list[Problem] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def brand_files(
    brand: Brand,
    label: str,
    name: str,
    fields: list[Field],
    logo_data: bytes | None,
    cache_dir: str | None = None,
) -> BrandFiles:
    """Everything the theme needs from ``[brand]``; ``label`` is clinic.toml's path for messages.

    ``logo_data`` is the logo file's bytes, None when ``brand.logo`` names no
    file that exists (or names none).  With ``cache_dir``, each drawing (and
    each check of what the font can draw) is kept there under the hash of
    what it is made from, so a rebuild reads the files instead of loading
    the font and drawing them again (about 0.25 s of CPU a build).
    """
    drawn = functools.partial(_cached, cache_dir)
    problems: list[Problem] = []
    advice: list[str] = []
    palette = derive(brand.colour)
    key = "brand.colour"
    if palette.failures:
        problems.append(
            Problem(
                label,
                brand.colour_line,
                f'"{key}" is "{brand.colour}", and no change of its lightness gives the '
                "contrast the site needs (" + "; ".join(str(p) for p in palette.failures) + ")",
                f'choose another colour; the theme\'s own is "{DEFAULT}"',
            )
        )
        palette = derive(DEFAULT)
    elif palette.changes:
        advice.append(
            str(
                Problem(
                    label,
                    brand.colour_line,
                    f'"{key}" is "{brand.colour}", adjusted for contrast: '
                    + "; ".join(palette.changes),
                    "nothing to do; to choose the shades yourself, write a colour with at least "
                    "7:1 against white (a contrast checker shows it)",
                )
            )
        )
    for item in fields:
        lost = json.loads(drawn("_missing", item.text))
        if lost:
            problems.append(
                Problem(
                    label,
                    item.line,
                    f'"{item.key}" has {", ".join(fonts.describe(c) for c in lost)}, which the '
                    "share card and icons cannot draw (their font covers Latin, Greek, Cyrillic "
                    "and Vietnamese), so the pictures leave it out",
                    "write the value without it (pages still show it as written), or give the "
                    "site a font for that script in plugins/clinic/publishing/fonts.py",
                )
            )

    brand_colour, text = palette.brand, palette.brand_text
    place = ", ".join(f.text for f in fields if f.key != "clinic.name" and f.text)
    generated = {
        "img/share.png": drawn("share_card", name, place, brand_colour, text),
        "img/apple-touch-icon.png": drawn("apple_touch_icon", name, brand_colour, text),
        "img/favicon.svg": drawn("favicon_svg", name, brand_colour, text),
    }
    files = BrandFiles(
        palette=palette,
        generated=generated,
        favicon_ico=drawn("favicon_ico", name, brand_colour, text),
        logo="img/logo.png",
        own_logo=False,
        problems=problems,
        advice=advice,
    )
    if brand.logo:
        found, size = logo_problems(brand, label, logo_data)
        problems.extend(found)
        if not found and logo_data is not None:
            files.logo = "img/logo." + brand.logo.rsplit(".", 1)[1].lower()
            files.own_logo = True
            files.logo_size = size
            generated[files.logo] = logo_data
            return files
    generated["img/logo.png"] = drawn("wordmark_png", name, brand_colour, text)
    return files


def _missing(text: str) -> bytes:
    """``fonts.missing`` as bytes, so that it is cached like a drawing."""
    return json.dumps(fonts.missing(text)).encode()


@functools.cache
def _fingerprint() -> str:
    """What every drawing depends on besides its arguments: the drawing code, the
    font file and the libraries that draw and encode (a change to any makes new files)."""
    digest = hashlib.sha256()
    for name in _DRAWINGS:
        with open(os.path.join(os.path.dirname(__file__), name), "rb") as handle:
            digest.update(handle.read())
    font = os.stat(fonts.FONT)
    digest.update(f"{font.st_size}|{font.st_mtime_ns}|{PIL.__version__}|".encode())
    digest.update(str(fontTools.version).encode())
    return digest.hexdigest()


def _draw(name: str, *args: str) -> bytes:
    """The drawing ``name``: ``_missing`` here, or a function of ``publishing.images``."""
    if name == "_missing":
        return _missing(*args)
    from . import images

    draw: Callable[..., bytes] = getattr(images, name)
    return draw(*args)


def _cached(cache_dir: str | None, name: str, *args: str) -> bytes:
    """The drawing ``name`` of ``args`` (``_draw``), read from ``cache_dir`` when an
    earlier build made it.

    The file is named by the hash of the drawing's name, its arguments and
    ``_fingerprint()``; a cache that cannot be read or written costs only time.
    """
    if cache_dir is None:
        return _draw(name, *args)
    key = json.dumps([name, _fingerprint(), *args])
    path = os.path.join(cache_dir, hashlib.sha256(key.encode()).hexdigest()[:32])
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        pass
    data = _draw(name, *args)
    try:
        os.makedirs(cache_dir, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)  # whole or not at all, for a build running beside
    except OSError:
        pass
    return data


def logo_problems(
    brand: Brand, label: str, data: bytes | None
) -> tuple[list[Problem], tuple[int, int]]:
    """What stops ``data`` from being the clinic's logo, and its header size when nothing does."""
    where, logo = brand.logo_line, brand.logo

    def problem(message: str, fix: str) -> list[Problem]:
        return [Problem(label, where, f'"brand.logo" is "{logo}", {message}', fix)]

    if data is None:
        return problem(
            "but there is no such file in content/",
            "check the spelling and the folder, or remove the logo line to use the clinic's "
            "name as its logo",
        ), (0, 0)
    is_svg = logo.lower().endswith(".svg")
    kind = "SVG" if is_svg else "PNG"
    for signature, what in _SIGNATURES:
        if data.lstrip()[: len(signature)].lower() == signature.lower():
            return problem(
                f"which is {what}, not a {kind} picture",
                f"export the logo from its design program as {kind} (or SVG or PNG) and "
                "save it under that name",
            ), (0, 0)
    if len(data) > MAX_LOGO_BYTES:
        return problem(
            f"which is {len(data) // 1024} KB; a logo is loaded on every page and may be "
            f"{MAX_LOGO_BYTES // 1024} KB at most",
            "export it smaller: an SVG without embedded photos, or a PNG about 600 px wide",
        ), (0, 0)
    if not is_svg:
        size = _png_size(data)
        if size is None:
            return problem("which is not a PNG picture", "export the logo as PNG or SVG"), (0, 0)
        return [], _header_size(*size)
    findings = svg_findings(data, "https://clinic.invalid/" + logo)
    if findings:
        return [
            Problem(
                label,
                where,
                f'"brand.logo" is "{logo}", and {logo}'
                + (f" line {f.line}" if f.line else "")
                + f": {f.what}",
                SVG_FIX,
            )
            for f in findings
        ], (0, 0)
    ratio = _svg_ratio(data)
    if ratio is None:
        return problem(
            "which is not an SVG drawing (no <svg> with a width and height or a viewBox)",
            "export the logo again as SVG, or as PNG",
        ), (0, 0)
    return [], (round(HEADER_LOGO_HEIGHT * ratio), HEADER_LOGO_HEIGHT)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return (width, height) if width and height else None


def _header_size(width: int, height: int) -> tuple[int, int]:
    return round(HEADER_LOGO_HEIGHT * width / height), HEADER_LOGO_HEIGHT


_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def _svg_ratio(data: bytes) -> float | None:
    """Width over height of the SVG's root element (viewBox, else width and height)."""
    root: dict[str, str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if not root:
            root.update(attrs, _name=name.rpartition(" ")[2])

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return None
    if root.get("_name") != "svg":
        return None
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return float(box[2]) / float(box[3])
    except ValueError:
        pass
    width, height = _LENGTH.match(root.get("width", "")), _LENGTH.match(root.get("height", ""))
    if width and height and float(height.group(1)) > 0:
        return float(width.group(1)) / float(height.group(1))
    return None
