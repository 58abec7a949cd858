"""The HTML a page may contain: an allow-list of elements, attributes and addresses.

Markdown lets staff type any HTML, and a body is printed into the page as it
is.  Rather than hunting for what is dangerous (there is always one more
spelling of it), this parses the fragment once and keeps only what a clinic
page needs: text, headings, lists, tables, quotes, code, pictures of this
site and links.  Everything else is refused with the reason, and left out of
the fragment that is written, so even a development preview never runs a
script or loads anything from another website.

The written fragment is always made anew from the parse (tags and attributes
from the lists below, every value escaped, every open element closed), never
the text as typed: whatever the parser took for text is written as text, so
a browser cannot read more markup into it than the parser saw.

Pure core: ``check_fragment(html, page)`` returns the fragment to write and
the refusals; ``page`` is the page's absolute address, which every URL is
resolved against (``urls.resolve``), as the browser does.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from html.entities import html5 as _ENTITIES
from html.parser import HTMLParser
from typing import NamedTuple

from .urls import clean, origin, resolve, scheme

# What a page may contain.  ``class``, ``id``, ``role`` and ``rev`` are what
# Markdown's extra extensions write (footnotes, attribute lists, tables).
GLOBAL_ATTRIBUTES = frozenset(
    {
        "class",
        "id",
        "title",
        "lang",
        "dir",
        "role",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
    }
)
_CELL = frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "style"})
ELEMENTS: dict[str, frozenset[str]] = {
    **{
        tag: frozenset()
        for tag in (
            "p",
            "br",
            "hr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "dl",
            "dt",
            "dd",
            "table",
            "caption",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "pre",
            "code",
            "kbd",
            "samp",
            "var",
            "em",
            "strong",
            "b",
            "i",
            "s",
            "small",
            "mark",
            "sub",
            "sup",
            "cite",
            "dfn",
            "abbr",
            "figure",
            "figcaption",
            "summary",
            "div",
            "span",
            "wbr",
            "picture",
        )
    },
    "a": frozenset({"href", "rel", "hreflang", "rev"}),
    "img": frozenset({"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": _CELL,
    "td": _CELL,
    "colgroup": frozenset({"span"}),
    "col": frozenset({"span"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
VOID = frozenset({"br", "hr", "img", "wbr", "col", "source"})
# Addresses a link may lead to; pictures come only from this site.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_SCHEMES = frozenset({"http", "https"})
_LINKS = frozenset({"href", "cite"})  # followed by the visitor, not fetched
_LOADS = frozenset({"src", "srcset"})  # fetched by the browser on its own
# Markdown's table alignment: the only style a page keeps.
_CELL_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.I)

# Refused elements whose content goes with them (it is code, or another
# document, or a fallback for what is refused).
_DROP_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
        "textarea",
        "title",
        "svg",
        "math",
        "video",
        "audio",
        "canvas",
        "head",
        "select",
        "portal",
        "fencedframe",
    }
)
# Attributes of refused elements that make the browser fetch something.
_FETCHING = frozenset(
    {
        "src",
        "srcset",
        "data",
        "poster",
        "background",
        "lowsrc",
        "dynsrc",
        "codebase",
        "archive",
        "xlink:href",
        "icon",
        "manifest",
        "href",
    }
)
_NAVIGATING = frozenset({"a", "area", "base"})  # their href is not fetched
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)

# Why an element is refused, as staff read it, and what to do instead.
_RULES_DOC = "docs/content.md lists the HTML a page may use"
_ELEMENT_REASONS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("script", "noscript"),
        (
            "it would run a program in the visitor's browser",
            "remove it: the site's pages run no programs",
        ),
    ),
    **dict.fromkeys(
        ("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"),
        (
            "it would show another page or program inside this one",
            "remove it, and link to that page instead: [Watch the video](https://...)",
        ),
    ),
    **dict.fromkeys(
        ("video", "audio", "track", "canvas"),
        ("the site shows no players", "remove it, and link to the video or recording instead"),
    ),
    **dict.fromkeys(
        ("style", "link"),
        (
            "it would change how the site looks, and can load files from other websites",
            "remove it: the theme styles every page",
        ),
    ),
    "base": ("it would change where every link on the page leads", "remove it"),
    "meta": (
        "it would change how the browser treats the page (a refresh sends visitors elsewhere)",
        "remove it",
    ),
    **dict.fromkeys(
        ("form", "input", "button", "textarea", "select", "option", "fieldset"),
        (
            "a form would send what visitors type to someone",
            "remove it, and link to the contact page instead",
        ),
    ),
    **dict.fromkeys(
        ("svg", "math"),
        (
            "drawings written into a page can run programs and load files",
            "save the drawing as a file in content/images/ and show it with "
            "![What it shows]({static}/images/drawing.svg)",
        ),
    ),
}


class Refusal(NamedTuple):
    """One thing a page may not contain, and why.

    ``needles`` are texts to look for in the source file to report the line,
    best first: the tag as typed, then the value, then the name.
    """

    needles: tuple[str, ...]
    message: str
    fix: str


@dataclass
class Checked:
    """The fragment to write (only what is allowed) and what was refused."""

    html: str
    refusals: list[Refusal] = field(default_factory=list)


def check_fragment(fragment: str, page: str) -> Checked:
    """Parse ``fragment`` once; keep what the allow-list allows, refuse the rest."""
    walker = _Walker(page)
    if not walker.feed_plain(fragment):
        walker = _Walker(page)
        walker.feed(fragment)
        walker.close()
    return Checked("".join(walker.out), walker.refusals)


# The markup Markdown writes, read in C (see ``_Walker.feed_plain``): text
# without "<" or "&", start tags of lower-case names with lower-case attributes
# in double quotes (no "<", ">" or "&" in a value), end tags, and references
# with their ";".  Whitespace is HTML's own, so each token reads as
# html.parser reads it; anything else sends the fragment to html.parser.
_SPACE = "[ \t\n\r\f]"
_PLAIN_TOKEN = re.compile(
    rf"""(?P<text>[^<&]+)
    |<(?P<tag>[a-z][a-z0-9]*)(?P<attrs>(?:{_SPACE}+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*){_SPACE}*/?>
    |</(?P<end>[a-z][a-z0-9]*)>
    |&(?P<entity>[a-zA-Z][a-zA-Z0-9]*);
    |&\#(?P<char>[0-9]+|[xX][0-9a-fA-F]+);""",
    re.X,
)
_PLAIN_ATTRIBUTE = re.compile(r'([a-z][a-z0-9-]*)(?:="([^"<>&]*)")?')


def loads_from_another_site(tag: str, url: str) -> tuple[str, str]:
    """The message and fix for a file a page would fetch from another website."""
    return (
        f"a <{tag}> loads {_short(url)} from another website, which would tell that site "
        "who reads this page",
        "serve the file from this site (content/images/), or make it an ordinary link "
        "that visitors can choose to follow",
    )


class _Walker(HTMLParser):
    """One pass over a fragment: what it writes, what it refuses."""

    def __init__(self, page: str) -> None:
        # entities are written back as they were typed (&rsquo; stays &rsquo;)
        super().__init__(convert_charrefs=False)
        self.page = page
        self.origin = origin(page)
        self.out: list[str] = []
        self.refusals: list[Refusal] = []
        self.open: list[str] = []  # allowed elements written and not yet closed
        self.skipping: list[str] = []  # a refused element whose content goes with it
        self._plain_tag: str | None = None  # the start tag ``feed_plain`` is at

    def feed_plain(self, fragment: str) -> bool:
        """Walk ``fragment`` whole when it is plain markup (``_PLAIN_TOKEN``) of
        allowed elements, calling the handlers just as html.parser would: its
        regular expressions find the same tags, names, values and references
        there.  False, with the walker to be thrown away, at anything else (a
        refused element, a comment, a bare "<" or "&", single quotes, upper
        case...), which html.parser then reads from the start.
        """
        pos, end = 0, len(fragment)
        match_token = _PLAIN_TOKEN.match
        out = self.out
        while pos < end:
            token = match_token(fragment, pos)
            if token is None:
                return False
            pos = token.end()
            kind = token.lastgroup
            if kind == "text":
                # what handle_data writes: text here has no "<" or "&" to escape
                out.append(token.group().replace(">", "&gt;"))
            elif kind == "attrs":
                tag = token.group("tag")
                if tag not in ELEMENTS:
                    return False  # script and style change how what follows is read
                written = token.group("attrs")
                if not written:  # most tags: nothing to check
                    self._open(tag, "")
                    continue
                attrs = [
                    (found.group(1), found.group(2)) for found in _PLAIN_ATTRIBUTE.finditer(written)
                ]
                self._plain_tag = token.group()
                self.handle_starttag(tag, attrs)
            elif kind == "end":
                self.handle_endtag(token.group("end"))
            elif kind == "entity":
                self.handle_entityref(token.group("entity"))
            else:
                self.handle_charref(token.group("char"))
        self._plain_tag = None
        self._close_open()
        return True

    def get_starttag_text(self) -> str | None:
        return self._plain_tag if self._plain_tag is not None else super().get_starttag_text()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}"
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            self.refusals.append(self._element(tag, attrs, raw))
            if tag in _DROP_CONTENT:
                self.skipping.append(tag)
            return
        kept = []
        for name, value in attrs:
            refusal = self._attribute(tag, name, value or "", raw, allowed)
            if refusal is None:
                kept.append(f" {name}" if value is None else f' {name}="{_attribute(value)}"')
            else:
                self.refusals.append(refusal)
        self._open(tag, "".join(kept))

    def _open(self, tag: str, attributes: str) -> None:
        """Write an allowed start tag with the attributes kept (each with its space)."""
        self.out.append(f"<{tag}{attributes}>")
        if tag not in VOID:
            self.open.append(tag)

    # "<p/>" opens a p, as in browsers; "<br/>" is a br
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in self.open:
            # close what was left open inside it, so the fragment stays a tree
            while self.open:
                name = self.open.pop()
                self.out.append(f"</{name}>")
                if name == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html_module.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};" if f"{name};" in _ENTITIES else f"&amp;{name}")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    # Comments, declarations and processing instructions are not content: they
    # are left out of the page.  Parsers disagree most on where they end
    # ("<!-->" is a whole comment to a browser), so one holding markup is refused.

    def handle_comment(self, data: str) -> None:
        self._hidden("comment", data)

    def handle_decl(self, decl: str) -> None:
        self._hidden("declaration", decl)

    def handle_pi(self, data: str) -> None:
        self._hidden("instruction", data)

    def unknown_decl(self, data: str) -> None:
        self._hidden("declaration", data)

    def _hidden(self, kind: str, data: str) -> None:
        if not self.skipping and ("<" in data or ">" in data):
            self.refusals.append(
                Refusal(
                    (data[:40], data.strip()[:40]),
                    f"the {kind} {_short(data.strip(), 40)} holds HTML, which a browser may read "
                    "as part of the page",
                    "remove it, or write it without < and >",
                )
            )

    def close(self) -> None:
        super().close()
        self._close_open()

    def _close_open(self) -> None:
        self.out.extend(f"</{name}>" for name in reversed(self.open))
        self.open.clear()

    def _element(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> Refusal:
        if tag not in ("base", "meta") and tag not in _NAVIGATING:
            for name, value in attrs:
                if name in _FETCHING or name == "style":
                    for url in _urls(name, value or ""):
                        if self._foreign(url):
                            message, fix = loads_from_another_site(tag, self._absolute(url))
                            return Refusal((raw, url), message, fix)
        if tag in _ELEMENT_REASONS:
            why, fix = _ELEMENT_REASONS[tag]
            return Refusal((raw, f"<{tag}"), f"<{tag}> is not allowed in a page: {why}", fix)
        return Refusal(
            (raw, f"<{tag}"),
            f"<{tag}> is not one of the HTML elements a page may contain",
            f"write it in Markdown, or remove it ({_RULES_DOC})",
        )

    def _attribute(
        self, tag: str, name: str, value: str, raw: str, allowed: frozenset[str]
    ) -> Refusal | None:
        needles = (raw, value, name) if value else (raw, name)
        if name.startswith("on"):
            return Refusal(
                needles,
                f"the attribute {name} on <{tag}> is not allowed: it would "
                "run a program in the visitor's browser",
                "remove it",
            )
        if name == "ping":
            return Refusal(
                needles,
                f"the attribute ping on <{tag}> is not allowed: it would "
                "tell another website that the visitor followed the link",
                "remove it; the link works without it",
            )
        if (
            name not in allowed
            and name not in GLOBAL_ATTRIBUTES
            or (name == "style" and not _CELL_ALIGN.match(value))
        ):
            for url in _urls(name, value) if name in _FETCHING or name == "style" else ():
                if self._foreign(url):
                    message, fix = loads_from_another_site(tag, self._absolute(url))
                    return Refusal(needles, message, fix)
            if name == "style":
                return Refusal(
                    needles,
                    f"the attribute style on <{tag}> is not allowed: the theme styles every page",
                    "remove it",
                )
            return Refusal(
                needles,
                f"the attribute {name} on <{tag}> is not one a page may use",
                f"remove it ({_RULES_DOC})",
            )
        if name in _LOADS:
            for url in _urls(name, value):
                refusal = self._image(tag, url, needles)
                if refusal:
                    return refusal
        elif name in _LINKS:
            return self._link(tag, name, value, needles)
        return None

    def _image(self, tag: str, url: str, needles: tuple[str, ...]) -> Refusal | None:
        resolved = resolve(url, self.page)
        if resolved.scheme not in IMAGE_SCHEMES:
            return Refusal(
                needles,
                f"the picture {_short(clean(url))} in <{tag}> is not a file of this site",
                "put the picture in content/images/ and show it with "
                "![What it shows]({static}/images/picture.jpg)",
            )
        if resolved.origin != self.origin:
            message, fix = loads_from_another_site(tag, resolved.url)
            return Refusal(needles, message, fix)
        return None

    def _link(self, tag: str, name: str, url: str, needles: tuple[str, ...]) -> Refusal | None:
        leads_to = scheme(url, self.page)
        if leads_to in LINK_SCHEMES:
            return None  # another website is fine: following a link is the visitor's choice
        if leads_to in ("javascript", "vbscript", "livescript"):
            why = f"a {leads_to}: address runs a program when it is followed"
        elif leads_to == "data":
            why = "a data: address can hold a whole page or program"
        else:
            why = "a page links only to web pages, e-mail addresses and phone numbers"
        return Refusal(
            needles,
            f"the address {_short(clean(url))} in {name} on <{tag}> is not allowed: {why}",
            "link to a web page (https://...), an e-mail address "
            "(mailto:...) or a phone number (tel:...)",
        )

    def _foreign(self, url: str) -> bool:
        resolved = resolve(url, self.page)
        return resolved.origin is not None and resolved.origin != self.origin

    def _absolute(self, url: str) -> str:
        return resolve(url, self.page).url


def _attribute(value: str) -> str:
    """An attribute's value, escaped; an e-mail address as Markdown hides it from harvesters."""
    if value[:7].lower() == "mailto:":
        return "".join(f"&#{ord(c)};" for c in value)
    return html_module.escape(value)


_DESCRIPTOR = re.compile(r"^\d+w$|^\d+(?:\.\d+)?x$")


def _urls(name: str, value: str) -> list[str]:
    """The URLs in an attribute's value (a list in srcset, url() in a style)."""
    if name == "style":
        return [match.group(2) for match in _CSS_URL.finditer(value)]
    if name.endswith("srcset"):
        # split at every comma: a piece too many is checked, never one too few;
        # a piece that is not "address" or "address 720w / 2x" is judged whole,
        # so whitespace cannot split a javascript: address into harmless parts
        found = []
        for part in (p for p in value.split(",") if p.strip()):
            words = part.split()
            valid = len(words) == 1 or (len(words) == 2 and _DESCRIPTOR.match(words[1]))
            found.append(words[0] if valid else part.strip())
        return found
    return [value]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
