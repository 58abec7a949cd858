"""Telephone links: phone numbers in page text become ``tel:`` links.

Pure core: ``link_phones(html, region)`` takes the HTML fragment Markdown made
for one page and returns it with each phone number wrapped in
``<a href="tel:+13055550142">``, plus the phone-shaped strings that are not
valid numbers, so the build can warn about a number patients cannot call.

Modelled on bleach's ``Linker``: configured once (with the clinic's country),
it rewrites text nodes only and skips elements where a link does not belong.
Unlike bleach it never re-serialises a tree: the output is the source with
only ``<a ...>`` and ``</a>`` inserted, so entities and quoting stay as
written.

It uses public interfaces only, so that a new Python or phonenumbers cannot
quietly change what it does:

- The markup is read by this module's own regular expressions, which follow
  the HTML standard's tokenizer as far as finding text goes (where tags,
  comments and raw-text elements such as ``<script>`` start and end, and what
  a reference stands for, by ``html.unescape``).  So a link goes where a
  browser shows text.  One pattern (``_step_pattern``) passes, in C, all tags
  of elements a link may go in and all text that cannot hold a number;
  Python looks only at the rest.
- Numbers are found by ``phonenumbers.PhoneNumberMatcher`` (libphonenumber's
  rules, leniency VALID) on the text of one text node, as the reader sees
  it.  This module adds what the matcher cannot know: the HTML around the
  text, and digits glued to a longer number or a date.

It is cheap where there is nothing to do: a fragment without a long enough
run of digits (a candidate) is returned as it came, unread.  Parsing and
validating a number is most of the matcher's time, and a site repeats its
few numbers on every page, so what the matcher finds is remembered per
window of text (``_windows``): the stretch around a number up to the
nearest letters that no number or extension can contain.
"""

from __future__ import annotations

import html as entities
import re
from collections.abc import Iterator
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from .results import LinkResult, PhoneLinks, Suspect

# Where a link must not go: inside another link or a form control (a link
# cannot nest there), code and raw-text elements (digits there are not for
# dialling), the page title, and SVG and MathML, which are not HTML text.
SKIP = frozenset(
    [
        "a",
        "button",
        "code",
        "iframe",
        "kbd",
        "math",
        "noembed",
        "noframes",
        "option",
        "plaintext",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "textarea",
        "title",
        "xmp",
    ]
)
# SVG and MathML elements really close themselves with "/>"; browsers ignore
# the slash on HTML elements, so "<code/>" opens a code element.
_FOREIGN = frozenset({"svg", "math"})

# The fewest digits phonenumbers calls valid with a country code: four-digit
# numbers in Austria (+43) and Germany (+49).  test_telephone checks that
# the shortest valid numbers are still linked.
SHORTEST_INTERNATIONAL = 6

# Between digit groups phonenumbers allows up to four of its punctuation
# characters (dashes, dots, brackets, spaces, "x" and the Japanese long vowel
# mark).  Any non-word character is let through here: this only decides
# whether parsing is worth it, so it may say yes too often, never too rarely.
_GAP = r"(?:[^\w<]|[x\u30fc])"
_OPENERS = {"(": ")", "[": "]", "\uff08": "\uff09", "\uff3b": "\uff3d"}
_JOINERS = ".,/:-"  # 2018/305-555-0142 and 305-555-0142.5 are one longer number
# HTML collapses whitespace to a space outside <pre>, and phonenumbers does
# not accept a line break inside a number: match on a copy with the same
# length, so offsets still point into the source.
_SPACES = re.compile(r"[\t\n\r\f\v]")

# Text shaped like a phone number (305-555-014, (555) 010-0000) that
# phonenumbers does not accept: most likely a typing mistake in a number
# patients will try to call.  Dates, ranges and amounts do not fit the shape.
# (The lookahead only names the characters a shape can start with: it lets
# the regex engine pass over the others without trying the lookbehind.)
_SHAPE = re.compile(
    r"(?=[+\uff0b(\d])"
    r"(?<![\w+\uff0b$€£#/.,:-])(?:[+\uff0b]\d{1,3}[ .-]?)?(?:\(\d{2,4}\) ?|\d{1,4}[ .-])"
    r"(?:\d{3,4}[ .-]){1,3}\d{2,5}(?![\w%]|[.,/:-]\d)"
)
_AMOUNT = re.compile(r"\d{1,3}([ .])\d{3}(?:\1\d{3})*")  # 1 200 000, 305.555.014
_DIGIT = re.compile(r"\d")
_TRAILING = re.compile(r"\D+\Z")

# ASCII letters that no phone number and no extension label ("ext", "x",
# "anexo", "int", ";ext=") can contain, in either case: the matcher can never
# match across one.  What it finds between two of them, given the letters
# themselves as the neighbours it checks, is what it finds there in the
# whole text, so a window between them can be matched, and remembered, alone
# (test_telephone checks this against the matcher on whole texts).  The one
# difference: the matcher gives up after 65,535 failed candidates in a text,
# and a window is a text of its own.
_BREAK = re.compile(r"[bcdfghjklmpqruvwyzBCDFGHJKLMPQRUVWYZ]")
# A site has a handful of numbers; the windows around them repeat on every
# page.  The least recently used are forgotten past this many.
_REMEMBERED = 4096

# Where one piece of a text node is in the source (start, end), its text as
# the reader sees it, and whether it was a reference ("&nbsp;").
_Piece = tuple[int, int, str, bool]
# A number the matcher found: where in its text, as written, and its tel: URI.
_Found = tuple[int, int, str, str]


def tel_uri(number: phonenumbers.PhoneNumber) -> str:
    """The RFC 3966 address a phone dials: ``tel:+13055550142;ext=12``.

    phonenumbers' own RFC3966 format puts dashes between the digit groups;
    plain E.164 is what the rest of the site writes in ``tel:`` links.
    """
    uri = "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{uri};ext={number.extension}" if number.extension else uri


def link_phones(html: str, region: str) -> LinkResult:
    """Link the phone numbers in ``html``; national numbers are read as ``region``'s."""
    return _linker(region).link(html)


def find_links(html: str, region: str) -> PhoneLinks:
    """Where ``link_phones`` puts its links in ``html``, without making the page."""
    return _linker(region).find(html)


@cache
def _linker(region: str) -> Linker:
    return Linker(region)


class Linker:
    """Links phone numbers for one default region (the clinic's country)."""

    def __init__(self, region: str) -> None:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region((region or "").upper())
        # ZZ, "unknown region": only numbers written with + and a country code.
        self.region: str = metadata.id if metadata else "ZZ"
        general = metadata.general_desc if metadata else None
        lengths = [n for n in general.possible_length if n > 0] if general else []
        digits = min(lengths + [SHORTEST_INTERNATIONAL])
        # A digit and enough more, each after at most four gap characters.
        # (% formatting: the regex's own {m,n} braces stay as they are read)
        more_digits = r"(?:%s{0,4}\d){%d,}" % (_GAP, digits - 1)  # noqa: UP031
        self.candidate = re.compile(r"\d" + more_digits)
        self._step = _step_pattern(more_digits)

    def link(self, html: str) -> LinkResult:
        return self.find(html).apply(html)

    def find(self, html: str) -> PhoneLinks:
        """Where the links go in ``html``, and the phone-shaped text that is no number."""
        # Most bodies have no candidate at all: say so in C.  Only references
        # ("305&nbsp;555&nbsp;0142") and "</>" (which browsers drop) can make
        # one that the source does not show.
        if not self.candidate.search(html) and (
            ("&" not in html and "</>" not in html)
            or not self.candidate.search(entities.unescape(html).replace("</>", ""))
        ):
            return PhoneLinks()
        edits: list[tuple[int, int, str]] = []
        suspects: list[Suspect] = []
        for run in _runs(html, self._step):
            self._link_run(html, run, edits, suspects)
        return PhoneLinks(tuple(sorted(edits)), tuple(suspects))

    def _link_run(
        self,
        source: str,
        run: list[_Piece],
        edits: list[tuple[int, int, str]],
        suspects: list[Suspect],
    ) -> None:
        """Find the numbers in one text node; map them back to source offsets."""
        raw = "".join(piece[2] for piece in run)
        if not self.candidate.search(raw):
            return
        text = _SPACES.sub(" ", raw)
        # at[i]: where decoded character i starts in the source, or None in
        # the middle of a reference that decodes to several characters.
        at: list[int | None] = [None] * (len(text) + 1)
        i = 0
        for start, end, piece, reference in run:
            if reference:
                at[i] = start
            else:
                at[i : i + len(piece)] = range(start, end)
            i += len(piece)
            at[i] = end
        found: list[tuple[int, int]] = []
        for start, end, uri in self._find(text, at, 0, len(text), found):
            source_start, source_end = at[start], at[end]
            assert source_start is not None and source_end is not None  # checked in _find
            edits.append((source_start, source_end, uri))
        for start, end in self._suspects(text, found):
            where = next(a for a in reversed(at[: start + 1]) if a is not None)
            suspects.append(Suspect(raw[start:end], source.count("\n", 0, where) + 1))

    def _find(
        self, text: str, at: list[int | None], lo: int, hi: int, found: list[tuple[int, int]]
    ) -> list[tuple[int, int, str]]:
        """Valid numbers in text[lo:hi], which has a candidate, that can be linked.

        The text between new links is matched again on its own, as a second
        run over the output will see it: linking twice must change nothing.
        """
        segment = text[lo:hi]
        accepted = []
        for match_start, match_end, raw, uri in _matches(segment, self.region):
            found.append((lo + match_start, lo + match_end))
            start, end = match_start + _unclosed(raw), match_end - _after_last_digit(raw)
            if at[lo + start] is None or at[lo + end] is None or _glued(segment, start, end):
                continue
            if not (segment[start].isdigit() or segment[start] in "+\uff0b("):
                # the matcher read letters after an unclosed "(" as part of the
                # number ("(xx2012000000"); a link starts on the number itself
                continue
            accepted.append((lo + start, lo + end, uri))
        if not accepted:
            return []
        edges = [lo] + [edge for start, end, _ in accepted for edge in (start, end)] + [hi]
        more = []
        for gap_lo, gap_hi in zip(edges[::2], edges[1::2], strict=True):
            if self.candidate.search(text, gap_lo, gap_hi):
                more += self._find(text, at, gap_lo, gap_hi, found)
        return accepted + more

    def _suspects(self, text: str, found: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        if found and not self._candidate_between(text, found):
            # Every shape holds a candidate (six digits or more, at most two
            # characters apart), so none lies wholly between the numbers the
            # matcher read, and one that touches them is no typo: most text
            # with a number in it is passed here without reading it for shapes.
            return
        # A shape starts at its first digit or the "+" or "(" just before it.
        first = _DIGIT.search(text)
        for shape in _SHAPE.finditer(text, max(0, first.start() - 1) if first else len(text)):
            start, end = shape.span()
            if any(start < f_end and f_start < end for f_start, f_end in found):
                continue  # phonenumbers read it; a valid number there is not a typo
            if self.region == "ZZ" and shape.group()[0] not in "+\uff0b":
                continue  # without a country, a national number cannot be judged
            if _AMOUNT.fullmatch(shape.group()) or _valid(shape.group(), self.region):
                continue
            yield start, end

    def _candidate_between(self, text: str, found: list[tuple[int, int]]) -> bool:
        """Whether the text outside the spans the matcher read holds a candidate."""
        lo = 0
        for start, end in sorted(found):
            if start > lo and self.candidate.search(text, lo, start):
                return True
            lo = max(lo, end)
        return bool(self.candidate.search(text, lo))


def _matches(text: str, region: str) -> list[_Found]:
    """What ``PhoneNumberMatcher`` at leniency VALID finds in ``text``, window by window."""
    found: list[_Found] = []
    for lo, hi in _windows(text):
        found += [
            (lo + start, lo + end, raw, uri)
            for start, end, raw, uri in _window_matches(text[lo:hi], region)
        ]
    return found


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of ``text`` with a digit, each with the break letters around it.

    A window runs from the ``_BREAK`` letter before a digit to the one after
    it, both included: a number can contain neither, and the matcher looks
    at them only as the neighbours of a number right next to them.  Its
    search would also step over the text before the first digit, slowly,
    one position at a time; windows leave it out.
    """
    end = -1
    for digit in _DIGIT.finditer(text):
        at = digit.start()
        if at < end:
            continue
        # the break letters on either side, looked for in C: the one before is
        # at or after the last window's closing letter (end - 1), and the
        # nearest is the first in the text read backwards from the digit
        lo = max(end - 1, 0)
        before = _BREAK.search(text[at - 1 : lo - 1 if lo else None : -1]) if at else None
        after = _BREAK.search(text, at)
        end = after.start() + 1 if after else len(text)
        yield (at - 1 - before.start() if before else 0), end


@lru_cache(maxsize=_REMEMBERED)
def _window_matches(window: str, region: str) -> tuple[_Found, ...]:
    matcher = PhoneNumberMatcher(window, region, leniency=Leniency.VALID)
    return tuple(
        (match.start, match.end, match.raw_string, tel_uri(match.number)) for match in matcher
    )


@lru_cache(maxsize=_REMEMBERED)
def _valid(text: str, region: str) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, region)))
    except phonenumbers.NumberParseException:
        return False


def _unclosed(raw: str) -> int:
    """The length of an opening bracket the number does not close: ``(305-555-0142)``."""
    closer = _OPENERS.get(raw[:1])
    return len(raw) - len(raw[1:].lstrip()) if closer and closer not in raw else 0


def _after_last_digit(raw: str) -> int:
    """How many characters follow a match's last digit: ``x`` in ``555-0142x(305)``.

    The matcher can end a match on an extension mark with no digits after it
    when more text follows; on its own that text is no number, so a second
    run would not link it again.  A number, extension and all, ends on a digit.
    """
    trailing = _TRAILING.search(raw)
    return len(trailing.group()) if trailing else 0


def _glued(text: str, start: int, end: int) -> bool:
    """True when digits touch the match: it is part of a longer number or a date."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if before[-1:].isdigit() or after[:1].isdigit() or before[-1:] in ("#", "+", "\uff0b"):
        return True
    if len(before) == 2 and before[1] in _JOINERS and before[0].isdigit():
        return True
    return len(after) == 2 and after[0] in _JOINERS and after[1].isdigit()


# -- reading the markup ---------------------------------------------------------
#
# The fragment is read the way the HTML standard's tokenizer (and so a
# browser) reads it, as far as finding text goes: what starts a tag, where a
# tag ends (a ">" inside a quoted attribute value does not end it), comments,
# the raw text of script, style, textarea and title, and references.  A tag or
# comment cut off by the end of the fragment swallows the rest, as it does in
# a browser, so nothing after it is linked.  Where html.parser differs (it
# reads markup inside a textarea, stops at "&#" without a number, closes a
# link at "</ a>"), this follows the standard: links go where browsers show
# text.  The tree is not built: an element is open from its start tag to its
# end tag, as written.

_SPACE = "\t\n\f\r "
# A start or end tag.  After "=", a quote always opens a value that runs to
# the same quote; an unquoted value runs to a space or ">", so in
# "<svg a=b/>" the "/" belongs to the value and the tag is not self-closed.
_ATTRIBUTES = (
    rf"(?:[^>=/]++|/(?!>)|=[{_SPACE}]*+(?:\"[^\"]*+\"|'[^']*+'|(?![\"'])[^{_SPACE}>]*+))*+"
)
_TAG = re.compile(rf"<(?P<end>/)?(?P<name>[a-zA-Z][^{_SPACE}/>]*+){_ATTRIBUTES}(?P<closed>/)?>")
# A comment: "<!-->" and "<!--->" are empty ones; "--!>" ends one too.
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)
# "<!DOCTYPE ...>", "<![CDATA[...]]>" and "<?...>" in HTML, and "</" not
# followed by a letter: all end at the first ">".
_OTHER = re.compile(r"<[!?/][^>]*+>")
_LETTER = re.compile(r"/?[a-zA-Z]")
# Elements whose content is text, not markup, up to their own end tag
# (RCDATA and RAWTEXT in the standard; plaintext never ends).  All are in
# SKIP.  noscript is read as markup, as browsers do with scripting off.
_RAW_TEXT = frozenset(
    ["iframe", "noembed", "noframes", "plaintext", "script", "style", "textarea", "title", "xmp"]
)
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}(?=[{_SPACE}/>])", re.I) for name in _RAW_TEXT - {"plaintext"}
}
# A reference, as html.parser and the standard both read most of them: the
# text it stands for is what html.unescape makes of it (the standard's rules).
_REFERENCE = re.compile(r"&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)|[a-zA-Z][-.a-zA-Z0-9]*+);?")
# What one reference reads as; a page uses a few, many times.
_unescape = lru_cache(maxsize=1024)(entities.unescape)


def _any_case(names: frozenset[str]) -> str:
    """A regex for any of ``names`` in any ASCII case (tag names are case-insensitive).

    Names are grouped by their first letter, so that the regex engine turns
    most other tag names away at that letter rather than trying every name
    (several times quicker than an ``(?i:...)`` group of them all).
    """

    def letters(text: str) -> str:
        return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in text)

    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        groups.setdefault(name[0], []).append(name[1:])
    return "|".join(
        f"{letters(first)}(?:{'|'.join(map(letters, rests))})" for first, rests in groups.items()
    )


# A tag of an element a link may go in, which the step passes (_TAG minus the names).
_PLAIN_TAG = rf"<(?!/?(?:{_any_case(SKIP | _RAW_TEXT)})(?:[{_SPACE}/>]|\Z))" + re.sub(
    r"\(\?P<\w+>", "(?:", _TAG.pattern[1:]
)
# A whole link with no markup in it: nothing in it is linked, and it opens
# and closes one element, so passing it changes nothing the reading keeps.
# (A site's pages link to each other on every page; each link was two steps.)
_PLAIN_LINK = rf"<[aA](?=[{_SPACE}/>]){_ATTRIBUTES}/?>[^<]*+</[aA]>"


def _step_pattern(more_digits: str) -> re.Pattern[str]:
    """One step of the reading, for a ``Linker`` whose candidates are a digit and ``more_digits``.

    All in C, it passes text that cannot hold a candidate, whole tags of
    elements a link may go in and whole links with no markup in them
    (``_PLAIN_LINK``), and stops where Python must look: a spot
    (a digit that starts a candidate, or a reference that may be part of
    one), any other markup, the end.  The last tag it passed is captured:
    the text node after it starts there.

    A text node holds a candidate once its references are read only if its
    source has a spot: no named reference stands for a digit, so digits are
    the same, and the only text that stands for a gap between them is a
    reference with a digit after it ("305&nbsp;555&nbsp;0142").
    """
    return re.compile(
        rf"(?:[^<&\d]++|\d(?!{more_digits})|&(?!#|[^<\d]*+\d)|(?P<tag>{_PLAIN_TAG}|{_PLAIN_LINK}))*+"
    )


def _markup(html: str, lt: int) -> re.Match[str] | int | None:
    """What the "<" at ``lt`` starts: markup (a match), text (0), "</>" (3), or None if cut off."""
    if _LETTER.match(html, lt + 1):
        return _TAG.match(html, lt)
    if html.startswith("</>", lt):
        return 3  # browsers drop it: the text on either side is one node
    if html.startswith("<!--", lt):
        return _COMMENT.match(html, lt)
    if html.startswith(("<!", "<?", "</"), lt):
        return _OTHER.match(html, lt)
    return 0  # "<" before a space, a digit...: text, as in "1 < 2"


def _runs(html: str, step_pattern: re.Pattern[str]) -> list[list[_Piece]]:
    """The text nodes a link may go in that may hold a candidate (see ``_step_pattern``).

    The others are passed over in C, without being looked at.
    """
    runs: list[list[_Piece]] = []
    open_skip = dict.fromkeys(SKIP, 0)
    skipping = 0  # the sum of open_skip: elements open where links do not belong
    node: list[tuple[int, int]] = []  # the current text node's earlier parts (before a "</>")
    text_start = pos = 0
    while True:
        step = step_pattern.match(html, pos)
        assert step is not None  # it matches the empty string
        if step.start("tag") >= 0:
            node, text_start = [], step.end("tag")
        pos = step.end()
        if pos == len(html):  # the last text node has no spot: nothing to link
            return runs
        markup = _markup(html, pos) if html[pos] == "<" else None
        if markup == 3 or (markup is None and html[pos] != "<"):  # a spot, or text joined by "</>"
            if skipping:  # nothing in this text node is linked
                pos = html.find("<", pos + 1)
                pos = len(html) if pos < 0 else pos
                continue
            # Read the whole text node, to its end, and pass on from there.
            while True:
                lt = html.find("<", pos)
                markup = _markup(html, lt) if lt >= 0 else None
                if markup == 3:
                    node.append((text_start, lt))
                    pos = text_start = lt + 3
                elif markup == 0:
                    pos = lt + 1
                else:
                    break
            end = len(html) if lt < 0 else lt
            _add_run(html, node + [(text_start, end)], runs)
            if lt < 0:
                return runs
            node, pos = [], lt
            continue
        if markup == 0:
            pos += 1
            continue
        if markup is None or isinstance(markup, int):  # cut off by the end: it swallows the rest
            return runs
        node, pos = [], markup.end()
        text_start = pos
        if markup.re is not _TAG:
            continue
        name = markup["name"].lower()
        if markup["end"]:
            if open_skip.get(name):
                open_skip[name] -= 1
                skipping -= 1
            continue
        # SVG and MathML elements really close themselves with "/>";
        # browsers ignore the slash on HTML elements, so "<code/>" opens one.
        if name in SKIP and not (markup["closed"] and name in _FOREIGN):
            open_skip[name] += 1
            skipping += 1
        if name in _RAW_TEXT:
            closing = _RAW_TEXT_END.get(name)
            found = closing.search(html, pos) if closing else None
            if found is None:  # its text runs to the end
                return runs
            pos = text_start = found.start()


def _add_run(html: str, node: list[tuple[int, int]], runs: list[list[_Piece]]) -> None:
    """Split a text node (its source spans) into text and references."""
    run: list[_Piece] = []
    for start, end in node:
        at = start
        for reference in _REFERENCE.finditer(html, start, end):
            if at < reference.start():
                run.append((at, reference.start(), html[at : reference.start()], False))
            run.append((reference.start(), reference.end(), _unescape(reference.group()), True))
            at = reference.end()
        if at < end:
            run.append((at, end, html[at:end], False))
    runs.append(run)
