"""Telephone links: phone numbers in page text become ``tel:`` links.

Pure core: ``link_phones(html, region)`` takes the HTML fragment Markdown made
for one page and returns it with each phone number wrapped in
``<a href="tel:+17862104234">``, plus the phone-shaped strings that are not
valid numbers, so the build can warn about a number patients cannot call.

Modelled on bleach's ``Linker``: configured once (with the clinic's country),
it rewrites text nodes only and skips elements where a link does not belong.
Unlike bleach it never re-serialises a tree: the standard library parser says
where each text node is in the source, and the output is the source with only
``<a ...>`` and ``</a>`` inserted, so entities and quoting stay as written.
``phonenumbers`` (libphonenumber's rules, leniency VALID) decides what is a
number; this module adds what it cannot know: the HTML around the text, and
digits glued to a longer number or a date.  Most fragments have no number, so
a regular expression first looks for a long enough run of digits; without one
the fragment is returned as it came, never parsed.
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

# Where a link must not go: inside another link or a form control (a link
# cannot nest there), code and raw-text elements (digits there are not for
# dialling), the page title, and SVG and MathML, which are not HTML text.
SKIP = frozenset(
    "a button code iframe kbd math noembed noframes option plaintext pre samp "
    "script select style svg textarea title xmp".split()
)
# SVG and MathML elements really close themselves with "/>"; browsers ignore
# the slash on HTML elements, so "<code/>" opens a code element.
_FOREIGN = frozenset({"svg", "math"})

# The fewest digits phonenumbers calls valid with a country code: four-digit
# numbers in Austria (+43) and Germany (+49).  test_telephone checks this
# against phonenumbers' metadata, so an update that changes it is noticed.
SHORTEST_INTERNATIONAL = 6

# Between digit groups phonenumbers allows up to four of its punctuation
# characters (dashes, dots, brackets, spaces, "x" and the Japanese long vowel
# mark).  Any non-word character is let through here: this only decides
# whether parsing is worth it, so it may say yes too often, never too rarely.
_GAP = r"(?:[^\w<]|[x\u30fc])"
_TAG_START = re.compile(r"[A-Za-z!/?]")
_OPENERS = {"(": ")", "[": "]", "\uff08": "\uff09", "\uff3b": "\uff3d"}
_JOINERS = ".,/:-"  # 2018/786-210-4234 and 786-210-4234.5 are one longer number
# HTML collapses whitespace to a space outside <pre>, and phonenumbers does
# not accept a line break inside a number: match on a copy with the same
# length, so offsets still point into the source.
_SPACES = re.compile(r"[\t\n\r\f\v]")

# Text shaped like a phone number (786-210-423, (555) 010-0000) that
# phonenumbers does not accept: most likely a typing mistake in a number
# patients will try to call.  Dates, ranges and amounts do not fit the shape.
_SHAPE = re.compile(
    r"(?<![\w+\uff0b$€£#/.,:-])(?:[+\uff0b]\d{1,3}[ .-]?)?(?:\(\d{2,4}\) ?|\d{1,4}[ .-])"
    r"(?:\d{3,4}[ .-]){1,3}\d{2,5}(?![\w%]|[.,/:-]\d)"
)
_AMOUNT = re.compile(r"\d{1,3}([ .])\d{3}(?:\1\d{3})*")  # 1 200 000, 786.210.423


@dataclass(frozen=True)
class Suspect:
    """Phone-shaped text that is not a valid number, as the reader sees it.

    ``line`` is 1-based within the fragment, for the caller to map to a source line.
    """

    text: str
    line: int


@dataclass(frozen=True)
class LinkResult:
    html: str
    suspects: tuple[Suspect, ...] = ()


def tel_uri(number: phonenumbers.PhoneNumber) -> str:
    """The RFC 3966 address a phone dials: ``tel:+17862104234;ext=12``.

    phonenumbers' own RFC3966 format puts dashes between the digit groups;
    plain E.164 is what the rest of the site writes in ``tel:`` links.
    """
    uri = "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{uri};ext={number.extension}" if number.extension else uri


def link_phones(html: str, region: str) -> LinkResult:
    """Link the phone numbers in ``html``; national numbers are read as ``region``'s."""
    return _linker(region).link(html)


@lru_cache(maxsize=None)
def _linker(region: str) -> Linker:
    return Linker(region)


class Linker:
    """Links phone numbers for one default region (the clinic's country)."""

    def __init__(self, region: str):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region((region or "").upper())
        # ZZ, "unknown region": only numbers written with + and a country code.
        self.region = metadata.id if metadata else "ZZ"
        lengths = [n for n in metadata.general_desc.possible_length if n > 0] if metadata else []
        digits = min(lengths + [SHORTEST_INTERNATIONAL])
        self._candidate = re.compile(r"\d(?:%s{0,4}\d){%d,}" % (_GAP, digits - 1))

    def link(self, html: str) -> LinkResult:
        if not self._candidate.search(entities.unescape(html)):
            return LinkResult(html)
        scanner = _Scanner(html)
        try:
            scanner.feed(html)
            scanner.close()
            scanner.flush()
        except Exception:  # AssertionError on some broken declarations: text
            pass  # after it is left as it is, a page never fails over a link.
        edits, suspects = [], []
        for run in scanner.runs:
            self._link_run(html, run, edits, suspects)
        if not edits:
            return LinkResult(html, tuple(suspects))
        out, done = [], 0
        for start, end, number in sorted(edits, key=lambda edit: edit[0]):
            out += [html[done:start], f'<a href="{tel_uri(number)}">', html[start:end], "</a>"]
            done = end
        out.append(html[done:])
        return LinkResult("".join(out), tuple(suspects))

    def _link_run(self, source: str, run: list, edits: list, suspects: list) -> None:
        """Find the numbers in one text node; map them back to source offsets."""
        raw = "".join(text for _, _, text, _ in run)
        if not self._candidate.search(raw):
            return
        text = _SPACES.sub(" ", raw)
        # at[i]: where decoded character i starts in the source, or None in
        # the middle of an entity that decodes to several characters.
        at: list[int | None] = [None] * (len(text) + 1)
        i = 0
        for start, end, piece, reference in run:
            if reference:
                at[i] = start
            else:
                at[i:i + len(piece)] = range(start, end)
            i += len(piece)
            at[i] = end
        found: list[tuple[int, int]] = []
        for start, end, number in self._find(text, at, 0, len(text), found):
            edits.append((at[start], at[end], number))
        for start, end in self._suspects(text, found):
            where = next(a for a in reversed(at[:start + 1]) if a is not None)
            suspects.append(Suspect(raw[start:end], source.count("\n", 0, where) + 1))

    def _find(self, text: str, at: list, lo: int, hi: int, found: list) -> list:
        """Valid numbers in text[lo:hi] that can be linked.

        The text between new links is matched again on its own, as a second
        run over the output will see it: linking twice must change nothing.
        """
        segment = text[lo:hi]
        if not self._candidate.search(segment):
            return []
        accepted = []
        for match in PhoneNumberMatcher(segment, self.region, leniency=Leniency.VALID):
            found.append((lo + match.start, lo + match.end))
            start, end = match.start + _unclosed(match.raw_string), match.end
            if at[lo + start] is None or at[lo + end] is None or _glued(segment, start, end):
                continue
            accepted.append((lo + start, lo + end, match.number))
        if not accepted:
            return []
        edges = [lo] + [edge for start, end, _ in accepted for edge in (start, end)] + [hi]
        more = []
        for gap_lo, gap_hi in zip(edges[::2], edges[1::2]):
            more += self._find(text, at, gap_lo, gap_hi, found)
        return accepted + more

    def _suspects(self, text: str, found: list):
        for shape in _SHAPE.finditer(text):
            start, end = shape.span()
            if any(start < f_end and f_start < end for f_start, f_end in found):
                continue  # phonenumbers read it; a valid number there is not a typo
            if self.region == "ZZ" and shape.group()[0] not in "+\uff0b":
                continue  # without a country, a national number cannot be judged
            if _AMOUNT.fullmatch(shape.group()) or self._valid(shape.group()):
                continue
            yield start, end

    def _valid(self, text: str) -> bool:
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(text, self.region))
        except phonenumbers.NumberParseException:
            return False


def _unclosed(raw: str) -> int:
    """The length of an opening bracket the number does not close: ``(786-210-4234)``."""
    closer = _OPENERS.get(raw[:1])
    return len(raw) - len(raw[1:].lstrip()) if closer and closer not in raw else 0


def _glued(text: str, start: int, end: int) -> bool:
    """True when digits touch the match: it is part of a longer number or a date."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    if before[-1:].isdigit() or after[:1].isdigit() or before[-1:] in ("#", "+", "\uff0b"):
        return True
    if len(before) == 2 and before[1] in _JOINERS and before[0].isdigit():
        return True
    return len(after) == 2 and after[0] in _JOINERS and after[1].isdigit()


class _Scanner(HTMLParser):
    """Collects the text a link may go in as runs (text nodes) of pieces.

    A piece is ``(start, end, text, reference)``: where it is in the source,
    the text as the reader sees it, and whether it was an entity (``&nbsp;``).
    """

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.runs: list[list] = []
        self.run: list = []
        self.open = dict.fromkeys(SKIP, 0)
        self.broken = False  # markup the parser could only read as text: stop linking

    def _here(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _add(self, start: int, end: int, text: str, reference: bool) -> None:
        if self.broken or any(self.open.values()):
            return
        self.run.append((start, end, text, reference))

    def flush(self) -> None:
        if self.run:
            self.runs.append(self.run)
        self.run = []

    def handle_starttag(self, tag, attrs, closed=False):
        self.flush()
        if tag in SKIP and not (closed and tag in _FOREIGN):
            self.open[tag] += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        self.flush()
        if self.open.get(tag):
            self.open[tag] -= 1

    def handle_comment(self, data):
        self.flush()

    handle_decl = handle_pi = unknown_decl = handle_comment

    def handle_data(self, data):
        start = self._here()
        end = start + len(data)
        # Outside <script> and <style>, the parser hands over "<" as text when
        # a tag, comment or entity is cut off; a browser may read what follows
        # as markup, so do not guess.
        cut = "<" in data and self.cdata_elem is None and (
            data != "<" or _TAG_START.match(self.source, end))
        if cut or self.source[start:end] != data:
            self.flush()
            self.broken = True
        self._add(start, end, data, False)

    def handle_entityref(self, name, length=1):
        """``&name;`` or ``&#nn;``; the semicolon is optional, so look for it."""
        length += len(name)
        start = self._here()
        end = start + length + self.source.startswith(";", start + length)
        if not self.source.startswith("&", start):
            self.flush()
            self.broken = True
        self._add(start, end, entities.unescape(self.source[start:end]), True)

    def handle_charref(self, name):
        self.handle_entityref(name, length=2)
