"""Structured data for a build: every page's graph, made, serialized and checked.

The step between the builders (``schema.site``, ``schema.nodes``) and the
checks (``schema.vocabulary``, ``schema.google``) on one side and a build's pages and
problems on the other.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model.catalog import Catalog, Entry
from ..model.problems import Problem
from ..publishing.pictures import SHARE_SIZE
from ..schema.findings import Finding
from ..schema.nodes import ADDRESS_PARTS, script_json
from ..schema.site import SiteGraph
from .session import Build

SCHEMA_CONTEXT = "https://schema.org"


def describe(
    build: Build, entries: list[Entry], catalog: Catalog
) -> tuple[dict[str, str], list[Problem], list[str]]:
    """Give every page its checked JSON-LD.

    Returns the blog index's head values and JSON-LD, the problems and the advice.
    """
    site = SiteGraph(
        build.profile,
        catalog,
        build.site_url,
        logo_path=build.assets.url(build.brand.logo),
        share_path=build.assets.url("img/share.png"),
        share_size=SHARE_SIZE,
    )
    blog = {
        "title": build.strings("blog"),
        "description": build.strings("blog_description", clinic=build.profile.name),
        "canonical_url": f"{build.site_url}/blog/" if build.site_url else "",
    }
    # each graph is written out as it is made, and only its node ids are kept:
    # a large site's graphs would otherwise be held all at once (a third of
    # the memory a 5,000-page build takes beyond plain Pelican's)
    texts: dict[str, str] = {}
    known = {node["@id"] for node in site.shared}

    def keep(source: str, doc: dict[str, Any]) -> None:
        known.update(node["@id"] for node in doc["@graph"] if "@id" in node)
        texts[source] = script_json(doc)

    for entry in entries:
        keep(entry.source, site.graph(entry))
    keep(
        "theme/templates/index.html",
        site.blog_index_graph(
            "blog/", blog["title"], blog["description"], home=build.strings("home")
        ),
    )
    problems, advice = _check(build, texts, known, site.shared, _unnamed(build, entries))
    for entry in entries:
        entry.page.structured_data = texts[entry.source]
    blog["structured_data"] = texts["theme/templates/index.html"]
    return blog, problems, advice


def _unnamed(build: Build, entries: list[Entry]) -> set[str]:
    """Sources whose graphs lack a name because a name was left empty at its source.

    That empty title or clinic name is already a problem at its own line
    (``rules.pages``, ``model.profile``); the graph's "name is missing" would
    say the same thing again without one.  A page's trail names the pages
    above it, so an empty title there counts too.
    """
    unnamed = {build.profile_label} if not build.profile.name else set()
    for entry in entries:
        names = [entry.page.title] + [name for name, _ in entry.page.breadcrumbs]
        if not all(str(name).strip() for name in names):
            unnamed.add(entry.source)
    return unnamed


def _check(
    build: Build,
    texts: dict[str, str],
    known: set[str],
    shared: list[dict[str, Any]],
    unnamed: set[str],
) -> tuple[list[Problem], list[str]]:
    """The vocabulary and Google's rules, on every page's graph.

    The site-wide nodes (clinic, locations, website) are the same wherever
    they appear, so they are checked once; each page's own nodes are checked
    beside stand-ins for them (their @id and @type), which is all a
    reference needs.
    Errors are problems of the file the node comes from: the clinic's nodes
    from the profile, the rest from the page.  What Google only recommends is
    advice, printed once at the end; it never stops a publish.

    The findings of a page (or of the clinic's nodes) whose JSON and whose
    site's node ids are what they were in the last build are that build's
    (``build.memo``).  A graph to check is read back from its JSON, which
    gives the graph as it was made.
    """
    problems: list[Problem] = []
    advice: list[str] = []
    if not texts:
        return problems, advice
    site_wide = (
        f"{build.site_url}/#clinic",
        f"{build.site_url}/#location-",
        f"{build.site_url}/#website",
    )
    stand_ins = [{"@id": n["@id"], "@type": n["@type"]} for n in shared]
    # what a page's findings depend on besides its own JSON, said once
    context = hashlib.sha256(
        repr(("\n".join(sorted(known)), build.absolute_urls, site_wide, stand_ins)).encode()
    ).hexdigest()
    clinic_doc = {"@context": SCHEMA_CONTEXT, "@graph": shared}
    clinic = build.memo.reuse(
        ("clinic findings", script_json(clinic_doc), context),
        lambda: _checked(build, clinic_doc, known),
    )
    _sort_findings(
        build.profile_label,
        [f for f in clinic if not _said_by_profile(f)],
        problems,
        advice,
        build.profile_label in unnamed,
    )
    for source, text in texts.items():

        def check(text: str = text) -> list[Finding]:
            graph = json.loads(text)["@graph"]
            own = [n for n in graph if not n.get("@id", "").startswith(site_wide)]
            return _checked(
                build,
                {"@context": SCHEMA_CONTEXT, "@graph": stand_ins + own},
                known,
                google={"@context": SCHEMA_CONTEXT, "@graph": own},
            )

        findings = build.memo.reuse(("graph findings", text, context), check)
        _sort_findings(source, findings, problems, advice, source in unnamed)
    return problems, advice


# The clinic's facts the profile reports itself when they are missing, with
# their line in clinic.toml (model/profile.py): Google's "is missing" about the
# same property of the clinic's nodes would say it again, without one.
PROFILE_FACTS = frozenset(
    {"name", "telephone", "address", "openingHoursSpecification"}
    | {f"address.{part}" for part in ADDRESS_PARTS}
)


def _said_by_profile(finding: Finding) -> bool:
    name = finding.path.rpartition(".")[2]
    return finding.path in PROFILE_FACTS and finding.message.startswith(f'"{name}" is missing')


def _checked(
    build: Build, doc: dict[str, Any], known: set[str], google: dict[str, Any] | None = None
) -> list[Finding]:
    # the checks are loaded only when a graph is new: a rebuild reuses the
    # findings of every graph it has seen (build.memo)
    from ..schema.google import check_google
    from ..schema.vocabulary import validate_graph

    return validate_graph(doc, known) + check_google(
        google if google is not None else doc, absolute_urls=build.absolute_urls
    )


# What a graph says when a title or the clinic's name is empty
_NO_NAME = ('"name" is missing', '"headline" is missing')


def _sort_findings(
    origin: str,
    findings: list[Finding],
    problems: list[Problem],
    advice: list[str],
    unnamed: bool = False,
) -> None:
    """Errors become problems of ``origin``; what Google only recommends, advice."""
    for finding in findings:
        if unnamed and finding.message.startswith(_NO_NAME):
            continue  # reported at the empty name's own line
        if finding.severity == "error":
            problems.append(
                Problem(
                    origin,
                    None,
                    f"structured data: {finding}",
                    "see docs/structured-data.md for where each value comes from",
                )
            )
        else:
            advice.append(f"{origin}: {finding}")
