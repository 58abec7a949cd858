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
digits glued to a longer number or a date.  A regular expression (the
candidate) first looks for a long enough run of digits; text without one is
never parsed, and a fragment without one is returned as it came.

Finding the text nodes is most of the work, so there are two ways to do it,
which give the same runs.  The quick walk (``_walk``) reads what Markdown
writes: start and end tags with tidy attributes, text, and references.  One
regular expression (``_step_pattern``) passes in C every tag and all text that
cannot hold a candidate, and stops only at a tag of an element where links do
not belong, at a candidate, at a reference that may be part of one, or at
markup it does not model.  Python then hands the tags and the text node
around each candidate to the ``_Scanner``'s own handlers, so both ways share
the rules for runs and references.  Anything the walk does not model
(comments, ``<!``, ``<?``, script, style, title and other raw-text elements, a
``<`` that is not a whole tag, a ``&#`` that is not a whole reference, unusual
whitespace or quoting in a tag) sends the whole fragment to ``HTMLParser``
instead.  test_telephone checks on generated markup that both ways give the
same result.

Matching numbers is the rest: ``_Matcher`` is ``PhoneNumberMatcher`` with two
shortcuts that change no result (it starts just before the first digit, and each
``Linker`` remembers what a candidate's own text parsed to: a site repeats its
few numbers on every page).
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html.parser import HTMLParser

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatch, PhoneNumberMatcher

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
# (The lookahead only names the characters a shape can start with: it lets
# the regex engine pass over the others without trying the lookbehind.)
_SHAPE = re.compile(
    r"(?=[+\uff0b(\d])"
    r"(?<![\w+\uff0b$€£#/.,:-])(?:[+\uff0b]\d{1,3}[ .-]?)?(?:\(\d{2,4}\) ?|\d{1,4}[ .-])"
    r"(?:\d{3,4}[ .-]){1,3}\d{2,5}(?![\w%]|[.,/:-]\d)"
)
_AMOUNT = re.compile(r"\d{1,3}([ .])\d{3}(?:\1\d{3})*")  # 1 200 000, 786.210.423
_DIGIT = re.compile(r"\d")
_LEADING = re.compile(r"\W|[xX\u30fc]")  # see _Matcher (which ignores case)
# A site has a handful of numbers; more remembered parses than this means
# something unusual is being linked, so start again rather than grow.
_REMEMBERED = 4096


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
        more_digits = r"(?:%s{0,4}\d){%d,}" % (_GAP, digits - 1)
        self._candidate = re.compile(r"\d" + more_digits)
        self._step = _step_pattern(more_digits)

        # What parsing and validating a candidate gave (see _Matcher).
        self._verified: dict[tuple[str, str, str], phonenumbers.PhoneNumber | None] = {}

    def link(self, html: str) -> LinkResult:
        runs = _walk(html, self._step)
        if runs is None:  # markup the walk does not read: the parser does
            if not self._candidate.search(entities.unescape(html)):
                return LinkResult(html)
            runs = _parsed_runs(html)
        return self._link_runs(html, runs)

    def _link_runs(self, html: str, runs: list) -> LinkResult:
        edits, suspects = [], []
        for run in runs:
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
        """Valid numbers in text[lo:hi], which has a candidate, that can be linked.

        The text between new links is matched again on its own, as a second
        run over the output will see it: linking twice must change nothing.
        """
        segment = text[lo:hi]
        accepted = []
        if len(self._verified) > _REMEMBERED:
            self._verified.clear()
        for match in _Matcher(segment, self.region, self._verified):
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
            if self._candidate.search(text, gap_lo, gap_hi):
                more += self._find(text, at, gap_lo, gap_hi, found)
        return accepted + more

    def _suspects(self, text: str, found: list):
        # A shape starts at its first digit or the "+" or "(" just before it.
        first = _DIGIT.search(text)
        for shape in _SHAPE.finditer(text, max(0, first.start() - 1) if first else len(text)):
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


class _Matcher(PhoneNumberMatcher):
    """``PhoneNumberMatcher`` at leniency VALID, with two shortcuts that change no result.

    It finds, trims and judges candidates itself, exactly as before, but:

    - It remembers what parsing and validating a candidate gave (most of its
      time).  That depends on the candidate's text and the characters on
      either side of it (a Latin letter, ``%`` or currency sign there rejects
      it), so those are the key.  ``remembered`` belongs to one ``Linker``:
      one region.
    - It starts looking just before the first digit, not at the start of the
      text.  Its pattern (``_PATTERN``) tries every position and is slow;
      a match has a digit, and before its first one at most brackets, plus
      signs and punctuation: non-word characters, "x", "X" and "ー"
      (``_LEADING``; test_telephone checks them against phonenumbers').
    """

    def __init__(self, text: str, region: str, remembered: dict):
        super().__init__(text, region, leniency=Leniency.VALID)
        self._remembered = remembered
        digit = _DIGIT.search(text)
        start = digit.start() if digit else len(text)
        while start and _LEADING.match(text, start - 1):
            start -= 1
        self._search_index = start  # where PhoneNumberMatcher's own search begins

    def _parse_and_verify(self, candidate, offset):
        end = offset + len(candidate)
        key = (candidate, self.text[offset - 1:offset], self.text[end:end + 1])
        try:
            number = self._remembered[key]
        except KeyError:
            match = super()._parse_and_verify(candidate, offset)
            number = self._remembered[key] = None if match is None else match.number
        # The number is shared between matches: nothing here changes it.
        return None if number is None else PhoneNumberMatch(offset, candidate, number)


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


def _parsed_runs(html: str) -> list:
    """The runs as ``HTMLParser`` finds them, for any markup at all."""
    scanner = _Scanner(html)
    try:
        scanner.feed(html)
        scanner.close()
        scanner.flush()
    except Exception:  # AssertionError on some broken declarations: text
        pass  # after it is left as it is, a page never fails over a link.
    return scanner.runs


# -- the quick walk ---------------------------------------------------------
#
# Its tags are a strict subset of what html.parser reads as one start or end
# tag, chosen so that html.parser finds the same name, the same closing ">"
# and the same "/>": a name of ASCII letters, digits and -.:_ ended by a space,
# "/" or ">"; attributes separated by spaces, with a name, one "=" and a
# quoted or plain value; no other whitespace (html.parser ends a tag name only
# at these five, but a value at any).  No "<" inside a quoted value either, so
# that every "<" the walk has passed starts a tag.  Anything else is not
# matched, and the fragment goes to the parser.


def _any_case(names) -> str:
    """A regex for any of ``names`` in any ASCII case (html.parser lowercases tag names).

    Names are grouped by their first letter, so that the regex engine turns
    most other tag names away at that letter rather than trying every name.
    """
    def letters(text):
        return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in text)

    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        groups.setdefault(name[0], []).append(name[1:])
    return "|".join("%s(?:%s)" % (letters(first), "|".join(map(letters, rests)))
                    for first, rests in groups.items())


# Elements whose content html.parser (in this or a later Python) may not read
# as markup, or reads as markup where browsers do not: left to the parser.
_RAW_TEXT = frozenset(
    "iframe noembed noframes noscript plaintext script style textarea title xmp".split())
_NAME = r"[a-zA-Z][-.:a-zA-Z0-9_]*+"
_ATTRIBUTES = (
    r"""(?:[ \t\n\r\f]++[^\s/>"'=<`]++"""
    r"""(?:[ \t\n\r\f]*+=[ \t\n\r\f]*+(?:"[^"<]*+"|'[^'<]*+'|[^\s"'=<>`]++))?+)*+"""
    r"[ \t\n\r\f]*+")
_TAG = re.compile(r"<%s%s/?>|</%s[ \t\n\r\f]*+>" % (_NAME, _ATTRIBUTES, _NAME))
_SKIP_NAME = _any_case(SKIP - _RAW_TEXT)
_PLAIN_NAME = r"(?!(?:%s)[ \t\n\r\f/>])%s" % (_any_case(SKIP | _RAW_TEXT), _NAME)
# Text without "<", "&" or a digit: ASCII by a fast character set, the rest
# one by one ("\d" is any script's digit).
_PLAIN_TEXT = r"[\x00-\x25\x27-\x2f\x3a\x3b\x3d-\x7f]++|(?:(?!\d)[^\x00-\x7f])++"
# References matter where they may be part of a candidate once read: a
# character reference ("&#55;"; "&#xaea;" is a digit too) or a named one
# with a digit after it in its text node ("786&nbsp;210&nbsp;4234").  No
# named reference stands for a digit, so in a node with neither, all digits
# come before its first "&", and a candidate there is one in the source.
_SPOTTED_REFERENCE = r"&(?:#|[^<\d]*+\d)"
# Any other "&", with the rest of its text node up to the next character
# reference: passed at once, so that the text is read once, not once per
# "&".  html.parser reads such an "&" as a named reference or as text (at
# the very end, after waiting for more), which changes nothing but this node.
_PLAIN_REFERENCES = r"&(?!#)(?:%s|&(?!#))*+(?=<|&#|\Z)" % _PLAIN_TEXT


def _step_pattern(more_digits: str) -> re.Pattern:
    """One step of the walk, for a ``Linker`` whose candidates are a digit and ``more_digits``.

    In C, it passes every tag of an element a link may go in and all text
    that cannot hold a candidate; then it stops where Python must look: at a
    tag of an element where links do not belong, at a ``spot`` (a candidate
    or a reference that may be part of one) or at the end.  No match: markup
    the walk does not model.
    """
    return re.compile(
        r"(?:%(text)s|<%(plain)s%(attributes)s/?>|</%(plain)s[ \t\n\r\f]*+>"
        r"|\d(?!%(more_digits)s)|%(plain_references)s)*+"
        r"(?:(?P<tag><(?P<open>%(skip)s)(?=[ \t\n\r\f/>])%(attributes)s(?P<closed>/)?>"
        r"|</(?P<close>%(skip)s)[ \t\n\r\f]*+>)"
        r"|(?P<spot>\d%(more_digits)s|%(spotted_reference)s)"
        r"|\Z)"
        % {"text": _PLAIN_TEXT, "plain": _PLAIN_NAME, "attributes": _ATTRIBUTES,
           "skip": _SKIP_NAME, "more_digits": more_digits,
           "plain_references": _PLAIN_REFERENCES, "spotted_reference": _SPOTTED_REFERENCE})


# html.parser's own patterns for references (test_telephone checks they still are).
_CHARREF = re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_ENTITYREF = re.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_INCOMPLETE = re.compile("&[a-zA-Z#]")


def _walk(html: str, step: re.Pattern) -> list | None:
    """The runs that may hold a candidate, as the ``_Scanner`` makes them; None if it cannot.

    Only the text nodes with a spot (see ``_step_pattern``) are reported to
    the scanner, after the tags before them of elements where links do not
    belong: a run without a candidate links nothing, and ending the run after
    each node reported does what the next tag would.  With no spot there is
    nothing to read, and no scanner.
    """
    scanner, tags, pos = None, [], 0
    while found := step.match(html, pos):
        if found["tag"]:
            tags.append(found)
            pos = found.end()
            continue
        if found["spot"] is None:  # the end
            return scanner.runs if scanner else []
        scanner = scanner or _Scanner(html)
        for tag in tags:
            _walk_tag(scanner, tag)
        tags.clear()
        start, end = _text_node(html, found.start("spot"))
        if not _walk_text(scanner, html, start, end):
            return None
        scanner.flush()
        pos = end
    return None


def _walk_tag(scanner: _Scanner, tag: re.Match) -> None:
    if tag["close"]:
        scanner.handle_endtag(tag["close"].lower())
    elif tag["closed"]:
        scanner.handle_startendtag(tag["open"].lower(), [])
    else:
        scanner.handle_starttag(tag["open"].lower(), [])


def _text_node(html: str, pos: int) -> tuple[int, int]:
    """Where the text node around ``pos`` starts and ends."""
    tag = html.rfind("<", 0, pos)  # each "<" the walk has passed starts a tag
    start = _TAG.match(html, tag).end() if tag >= 0 else 0
    end = html.find("<", pos)
    return start, len(html) if end < 0 else end


def _walk_text(scanner: _Scanner, html: str, pos: int, end: int) -> bool:
    """Report one text node as html.parser does: data split at each "&", and references."""
    while pos < end:
        amp = html.find("&", pos, end)
        if amp < 0:
            amp = end
        if pos < amp:
            scanner.goto(pos)
            scanner.handle_data(html[pos:amp])
        if amp == end:
            break
        pos = _walk_reference(scanner, html, amp)
        if pos < 0:
            return False
    return True


def _walk_reference(scanner: _Scanner, html: str, amp: int) -> int:
    """Report the "&" at ``amp`` as html.parser's goahead() would; where it ends, or -1."""
    scanner.goto(amp)
    if html.startswith("&#", amp):
        reference = _CHARREF.match(html, amp)
        if not reference:
            return -1  # the parser stops, and later reads on as text
        scanner.handle_charref(reference.group()[2:-1])
    else:
        reference = _ENTITYREF.match(html, amp)
        if not reference:
            if _INCOMPLETE.match(html, amp) or amp + 1 == len(html):
                return -1  # the parser waits for more text, and then reads it as text
            scanner.handle_data("&")
            return amp + 1
        scanner.handle_entityref(reference.group(1))
    # The pattern reads one character past the name; only ";" belongs to it.
    end = reference.end()
    return end if html.startswith(";", end - 1) else end - 1


# What one reference reads as; a page uses a few, many times.
_unescape = lru_cache(maxsize=1024)(entities.unescape)


class _Scanner(HTMLParser):
    """Collects the text a link may go in as runs (text nodes) of pieces.

    A piece is ``(start, end, text, reference)``: where it is in the source,
    the text as the reader sees it, and whether it was an entity (``&nbsp;``).
    """

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.runs: list[list] = []
        self.run: list = []
        self.open = dict.fromkeys(SKIP, 0)
        self.skipping = 0  # the sum of self.open: elements open where links do not belong
        self.broken = False  # markup the parser could only read as text: stop linking

    @cached_property
    def lines(self) -> list[int]:
        """Where each line starts in the source."""
        return [0] + [m.end() for m in re.finditer("\n", self.source)]

    def _here(self) -> int:
        line, column = self.getpos()
        return column if line == 1 else self.lines[line - 1] + column

    def goto(self, pos: int) -> None:
        """Stand at ``pos`` for the quick walk: getpos() is line 1, column ``pos``."""
        self.lineno, self.offset = 1, pos

    def _add(self, start: int, end: int, text: str, reference: bool) -> None:
        if self.broken or self.skipping:
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
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        self.flush()
        if self.open.get(tag):
            self.open[tag] -= 1
            self.skipping -= 1

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
        self._add(start, end, _unescape(self.source[start:end]), True)

    def handle_charref(self, name):
        self.handle_entityref(name, length=2)
