"""Pages the theme links to from every page: each must exist and be published.

The header and footer link to the home, contact, privacy and accessibility
pages (and the menu to the treatment and condition lists); a missing or
draft one would be a broken link on every page.  The list is read from the
templates themselves, so a template that links to a new page makes it
required without a second list to keep in step.  The 404 page is required
too: hosts show it for every address that does not exist.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable

import jinja2
import jinja2.nodes

from ..model.problems import Problem
from ..model.routes import SPECIAL_PAGE_STEMS, route_for

# A link the theme writes to one of the site's own pages: href="{{ SITEURL }}/contact/"
_THEME_LINK = re.compile(r'href="\{\{\s*SITEURL\s*\}\}/([^"{}]*)"')
NOT_FOUND = "404.html"  # what hosts serve for an address that does not exist


def linked_addresses(templates_dir: str, cache_dir: str | None = None) -> set[str]:
    """Every fixed site address the templates always link to, and the 404 page.

    A link inside ``{% if %}`` is shown only when its page exists (the team
    list, the locations list), so it asks for no page; the templates are read
    with Jinja's own parser to tell the two apart.  Parsing is most of this
    check's time (a tenth of a small site's build), so with ``cache_dir``
    the addresses are kept there under the hash of the templates' text,
    Jinja's version and this module, and a build whose templates have not
    changed reads them.
    """
    texts = []
    for root, _, files in os.walk(templates_dir):
        for name in files:
            if name.endswith(".html"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    text = handle.read()
                if "SITEURL" in text:  # else no link of this kind
                    texts.append(text)
    digest = hashlib.sha256(f"{jinja2.__version__}|".encode())
    with open(__file__, "rb") as handle:
        digest.update(handle.read())
    for text in sorted(texts):
        digest.update(b"\0" + text.encode())
    path = os.path.join(cache_dir, digest.hexdigest()[:32] + ".json") if cache_dir else None
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return {NOT_FOUND} | set(json.load(handle))
        except (OSError, ValueError):
            pass
    found = set()
    parser = jinja2.Environment()
    for text in texts:
        for shown in _unconditional_text(parser.parse(text)):
            found.update(_THEME_LINK.findall(shown))
    if path:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            temporary = f"{path}.{os.getpid()}.tmp"
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(sorted(found), handle)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written costs only time
    return {NOT_FOUND} | found


def _unconditional_text(node: jinja2.nodes.Node) -> Iterable[str]:
    """The literal template text that is written whatever the page (outside every if)."""
    if isinstance(node, jinja2.nodes.If):
        return
    if isinstance(node, jinja2.nodes.Output):
        # literal text as written, a plain variable as {{ NAME }} (SITEURL), a
        # page named through href('contact/') (the page's language) as its
        # default address, and anything else as an expression no address
        # pattern matches
        yield "".join(
            part.data
            if isinstance(part, jinja2.nodes.TemplateData)
            else f"{{{{ {part.name} }}}}"
            if isinstance(part, jinja2.nodes.Name)
            else _href_address(part)
            for part in node.nodes
        )
    for child in node.iter_child_nodes():
        yield from _unconditional_text(child)


def _href_address(node: jinja2.nodes.Node) -> str:
    """``href('contact/')`` as ``contact/``; any other expression as ``{{ ? }}``."""
    if (
        isinstance(node, jinja2.nodes.Call)
        and isinstance(node.node, jinja2.nodes.Name)
        and node.node.name == "href"
        and len(node.args) == 1
        and isinstance(node.args[0], jinja2.nodes.Const)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return "{{ ? }}"


def page_source(address: str) -> str | None:
    """The file under content/ that makes the page at ``address`` ("contact/"), if any."""
    stem = address.strip("/").removesuffix(".html") or "home"
    candidates = [stem] + [s for s in SPECIAL_PAGE_STEMS if s != stem]
    for candidate in candidates:
        rel = f"pages/{candidate}.md"
        route = route_for(rel)
        if route is not None and route.url == address:
            return rel
    return None  # not a page (the blog index is Pelican's own)


def required_page_problems(
    addresses: Iterable[str],
    published: set[str],
    drafts: dict[str, str],
    content_label: str,
    exists: Callable[[str], bool],
    locate: Callable[[str, str], int | None],
) -> list[Problem]:
    """A problem for each linked page that is missing or a draft.

    ``published`` holds the addresses of published pages, ``drafts`` maps a
    draft page's address to its label, ``exists`` says whether a file under
    content/ is there (one that Pelican could not read is already reported
    with its reason) and ``locate`` finds a header line.
    """
    problems = []
    for address in sorted(addresses):
        rel = page_source(address)
        if rel is None or address in published:
            continue
        why = (
            "hosts show it for every address that does not exist"
            if address == NOT_FOUND
            else f"every page links to /{address}, so that link would lead nowhere"
        )
        if address in drafts:
            label = drafts[address]
            problems.append(
                Problem(
                    label,
                    locate(label, "status"),
                    f"this page is a draft, but {why}",
                    "remove the line Status: draft to publish it",
                )
            )
        elif not exists(rel):
            name = os.path.splitext(os.path.basename(rel))[0]
            problems.append(
                Problem(
                    f"{content_label}/{rel}",
                    None,
                    f"this page is missing, but {why}",
                    f'create it with make new-page NAME="{name.capitalize()}", then write its text',
                )
            )
    return problems
