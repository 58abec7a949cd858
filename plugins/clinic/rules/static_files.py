"""Files staff add beside the pages (content/images/): only kinds that cannot run a program.

A file served from the site's own address runs with the site's own rights:
a page, a script or a drawing with a script in it, opened from there, could
do anything the site can.  Types a browser runs are refused by name; SVG
pictures are read (with expat, refusing any DTD that declares entities, so a
file cannot expand without end) and refused when they hold a script, an
event attribute, a foreign object, a processing instruction, or any address
that leads to another website or runs a program.  A refused file is reported
and not copied; it is never rewritten behind the staff's back.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import NamedTuple
from xml.parsers import expat

from .urls import clean, origin, resolve

# Kinds of file a browser runs, or renders as a document that can run one.
ACTIVE_TYPES = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".xht",
        ".shtml",
        ".mht",
        ".mhtml",
        ".hta",
        ".js",
        ".mjs",
        ".cjs",
        ".wasm",
        ".svgz",
        ".xml",
        ".xsl",
        ".xslt",
        ".rss",
        ".atom",
        ".swf",
        ".jar",
        ".php",
        ".phtml",
        ".asp",
        ".aspx",
        ".jsp",
        ".cgi",
        ".pl",
        ".py",
        ".sh",
        ".css",
        ".htaccess",
        ".vbs",
    }
)
_XHTML = "http://www.w3.org/1999/xhtml"
_RUNNING = frozenset(
    {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
)
_ANIMATIONS = frozenset({"set", "animate", "animateMotion", "animateTransform"})
# Pictures embedded in a drawing, as design tools export them.
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|webp|avif)[;,]", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)

ACTIVE_FIX = (
    "remove it: pages are written in Markdown, and pictures go in content/images/ "
    "as .jpg, .png, .webp or .svg"
)
SVG_FIX = (
    "export the picture again as plain SVG (no scripts, no links or files from other "
    "websites), or save it as PNG"
)


class SvgFinding(NamedTuple):
    line: int | None
    what: str  # what is wrong, as staff read it


def active_type(name: str) -> str | None:
    """The file's type (".html") when browsers run files of that kind, else None."""
    base = posixpath.basename(name.replace("\\", "/")).lower()
    suffix = base if base == ".htaccess" else posixpath.splitext(base)[1]
    return suffix if suffix in ACTIVE_TYPES else None


def active_message(suffix: str) -> str:
    return (
        f"this kind of file ({suffix}) can run a program in the browser of anyone who "
        "opens it, so it was not copied to the site"
    )


def svg_message(what: str) -> str:
    return f"{what}, so the picture was not copied to the site"


class _Refused(Exception):
    """Stops reading a picture whose declarations alone are reason to refuse it."""


def svg_findings(data: bytes, address: str) -> list[SvgFinding]:
    """Everything in an SVG file that could run a program or reach another website.

    ``address`` is the picture's own absolute address: its relative links
    are resolved against it.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[SvgFinding] = []
    styles: list[list[str]] = []  # the text of each <style> being read

    def add(what: str) -> None:
        found.append(SvgFinding(parser.CurrentLineNumber, what))

    def doctype(name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            raise _Refused(
                "this picture declares its own entities (a DOCTYPE with [...]), "
                "which can make it grow without end"
            )

    def entity(name: str, *rest: object) -> None:
        raise _Refused(
            f"this picture declares the entity {name}, which can make it grow without end"
        )

    def instruction(target: str, data: str) -> None:
        add(
            f"the instruction <?{target}?> in this picture can make the browser load and run "
            "other files"
        )

    def start(name: str, attrs: dict[str, str]) -> None:
        space, _, local = name.rpartition(" ")
        if local in _RUNNING or space == _XHTML:
            add(
                f"<{local}> in this picture could run a program in the browser of anyone who "
                "opens it"
            )
        if local in _ANIMATIONS and (
            attrs.get("attributeName", "").endswith("href")
            or attrs.get("attributeName", "").startswith("on")
        ):
            add(f"<{local}> in this picture changes a link, which could run a program")
        if local == "style":
            styles.append([])
        for key, value in attrs.items():
            attr = key.rpartition(" ")[2]
            if attr.lower().startswith("on"):
                add(
                    f"the attribute {attr} in this picture could run a program in the browser "
                    "of anyone who opens it"
                )
            elif attr == "href":
                _check_url(value, address, add)
            elif "url(" in value.lower() or "\\" in value or "@import" in value.lower():
                _check_css(value, address, add)

    def text(data: str) -> None:
        if styles:
            styles[-1].append(data)

    def end(name: str) -> None:
        if name.rpartition(" ")[2] == "style" and styles:
            _check_css("".join(styles.pop()), address, add)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Refused as refusal:
        found.append(SvgFinding(parser.CurrentLineNumber, str(refusal)))
    except expat.ExpatError as error:
        found.append(
            SvgFinding(
                error.lineno,
                "this picture is not a well-formed SVG file "
                f"({expat.ErrorString(error.code)}), so it cannot be checked",
            )
        )
    return found


def _check_url(url: str, address: str, add: Callable[[str], None]) -> None:
    resolved = resolve(url, address)
    if resolved.scheme in ("javascript", "vbscript", "livescript"):
        add(f"the address {clean(url)[:60]} in this picture runs a program")
    elif resolved.scheme == "data":
        if not _DATA_IMAGE.match(clean(url)):
            add("a data: address in this picture can hold a program")
    elif resolved.scheme in ("mailto", "tel"):
        return  # an e-mail or call link requests nothing
    elif resolved.origin is None or resolved.origin != origin(address):
        add(
            f"this picture loads {resolved.url[:80]} from another website, which would tell "
            "that site who looks at it"
        )


def _check_css(css: str, address: str, add: Callable[[str], None]) -> None:
    css = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_css_unescape, css))
    if "@import" in css.lower():
        add("the style in this picture imports another stylesheet")
    for match in _CSS_URL.finditer(css):
        url = match.group(2)
        if not clean(url).startswith("#"):
            _check_url(url, address, add)


def _css_unescape(match: re.Match[str]) -> str:
    """A CSS escape (\\75 or \\u) as the character it stands for."""
    if match.group(2) is not None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
