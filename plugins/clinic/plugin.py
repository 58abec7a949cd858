"""The thin adapter between Pelican's signals and the plugin's pure cores.

One ``Build`` lives for one run of Pelican (``make serve`` runs many): it
holds the clinic profile, the catalog and every problem found.  At the end
of the run, development builds print the problems as warnings; publish
builds (``CLINIC_STRICT = True``) list all of them and stop with an error.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys

from pelican.contents import Article, Page

from . import catalog as catalog_mod
from .checks import check_page
from .header import header_end, read_text, scan_header
from .problems import Problem, Problems, report
from .profile import Profile, load_profile
from .routes import route_for
from .site_graph import SiteGraph
from .sources import dropped_problems, unrouted_problem
from .structured_data import script_json

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CLINIC_PROFILE": "clinic.toml",  # relative to PATH (the content folder)
    "CLINIC_STRICT": False,  # publish: any problem stops the build
    "CLINIC_TODAY": None,  # a fixed date for tests; None means today
}


class ClinicBuildError(SystemExit):
    """Ends a strict build with exit status 1.

    A SystemExit, not an Exception: Pelican logs any Exception with a full
    traceback, and a content problem is not a crash.  The list of problems has
    already been printed; this adds the one-line verdict.
    """


class _PelicanLogCapture(logging.Handler):
    """Collects Pelican's own warnings so a publish build can stop on them too."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().split("\n")[0])


class Build:
    def __init__(self, settings: dict) -> None:
        self.settings = dict(DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS})
        self.content_dir = settings["PATH"]
        self.project_dir = os.path.dirname(os.path.abspath(self.content_dir))
        self.problems = Problems()
        self.capture = _PelicanLogCapture()
        today = self.settings["CLINIC_TODAY"]
        self.today = dt.date.fromisoformat(today) if isinstance(today, str) else (
            today or dt.date.today())
        path = os.path.join(self.content_dir, self.settings["CLINIC_PROFILE"])
        self.profile, found = load_profile(path, self.label(path))
        self.problems.extend(found)
        if self.settings["CLINIC_STRICT"]:
            self.problems.extend(siteurl_problems(settings.get("SITEURL", "")))
        self._headers: dict[str, dict] = {}
        # Pelican's shared map of source paths to pages (None where reading failed)
        self.generated: dict = {}

    def label(self, path: str) -> str:
        """A path as staff see it in messages: relative to the project."""
        return os.path.relpath(os.path.abspath(path), self.project_dir).replace(os.sep, "/")

    def locate(self, source: str, key: str | None) -> int | None:
        """Line of a metadata key in a source (or the end of its header for a missing key)."""
        path = os.path.join(self.project_dir, source)
        if source not in self._headers:
            text = read_text(path)
            self._headers[source] = {"fields": scan_header(text), "end": header_end(text)}
        header = self._headers[source]
        if key is None or key not in header["fields"]:
            return header["end"]
        return header["fields"][key].line


def siteurl_problems(siteurl: str) -> list[Problem]:
    """A published site needs its full address for links, sitemaps and sharing."""
    if re.match(r"^https?://[^/\s]+\.[^/\s]+(/\S*[^/])?$", siteurl or ""):
        return []
    return [Problem(
        "publishconf.py", None,
        f'SITEURL is "{siteurl}", but a published site needs its full address',
        'set SITEURL = "https://www.your-clinic-domain" in publishconf.py (no slash at '
        "the end), or set SITEURL in the environment for a preview deploy",
    )]


_build: Build | None = None


def start_build(pelican) -> None:
    """get_generators: sent once at the start of every run, before any file is read."""
    global _build
    if _build is not None:
        logging.getLogger("pelican").removeHandler(_build.capture)
    _build = Build(pelican.settings)
    logging.getLogger("pelican").addHandler(_build.capture)


def share_profile(generator) -> None:
    """generator_init: templates read every clinic fact from ``clinic``."""
    if _build is not None:
        generator.context["clinic"] = _build.profile


def place_content(instance) -> None:
    """content_object_init: give each page its URL, output file and template."""
    if _build is None or not isinstance(instance, (Page, Article)) or not instance.source_path:
        return
    rel = os.path.relpath(instance.source_path, _build.content_dir).replace(os.sep, "/")
    route = route_for(rel)
    instance.clinic_route = route
    if route is None:
        _build.problems.add(*_fields(unrouted_problem(_build.label(instance.source_path))))
        return
    if route.url or route.save_as:
        instance.override_url = route.url
        instance.override_save_as = route.save_as
    if isinstance(instance, Page):
        instance.template = route.template


def _fields(problem: Problem) -> tuple:
    return problem.path, problem.line, problem.message, problem.fix


def build_catalog(generators) -> None:
    """all_generators_finalized: every page is read; link them and check them."""
    if _build is None:
        return
    contents = []
    for generator in generators:
        for attr in ("pages", "hidden_pages", "draft_pages", "articles", "drafts",
                     "hidden_articles"):
            contents.extend(getattr(generator, attr, []))
    entries = [
        catalog_mod.Entry(_build.label(c.source_path), c.clinic_route, c)
        for c in contents
        if getattr(c, "clinic_route", None) is not None
    ]
    catalog, found = catalog_mod.build_catalog(entries, _build.locate)
    _build.problems.extend(found)
    review = _build.profile.review
    for entry in entries:
        page, route = entry.page, entry.route
        page.review, found = check_page(
            entry.source, route, page.metadata,
            today=_build.today, interval_months=review.interval_months,
            reviewer=review.reviewer, locate=_build.locate,
        )
        _build.problems.extend(found)
        page.breadcrumbs = catalog_mod.breadcrumbs(route, page, catalog)
        page.treatment = catalog.treatment(route.treatment) if route.treatment else None
        page.section = next((s for s in page.treatment.sections if s.page is page), None) \
            if page.treatment else None
        page.condition = catalog.condition(route.slug) if route.kind == "condition" else None
    context = generators[0].context
    context["catalog"] = catalog
    context["blog_index"] = _describe_structured_data(entries, catalog, context)
    _build.generated = context["generated_content"]


def _describe_structured_data(entries, catalog, context) -> dict:
    """Give every page its JSON-LD; return the blog index's title, description and JSON-LD."""
    site = SiteGraph(_build.profile, catalog, context.get("SITEURL", ""))
    blog = {
        "title": "Blog",
        "description": f"Articles from {_build.profile.name} about skin conditions and "
                       "treatments, written in plain language.",
    }
    docs = {entry.source: site.graph(entry) for entry in entries}
    docs["blog"] = site.blog_index_graph("blog/", blog["title"], blog["description"])
    for entry in entries:
        entry.page.structured_data = script_json(docs[entry.source])
    blog["structured_data"] = script_json(docs["blog"])
    return blog


def finish_build(pelican) -> None:
    """finalized: explain any file that produced no page, then report every problem."""
    if _build is None:
        return
    logging.getLogger("pelican").removeHandler(_build.capture)
    built = {rel for rel, content in _build.generated.items() if content is not None}
    dropped = dropped_problems(_build.content_dir, _build.label(_build.content_dir), built)
    _build.problems.extend(dropped)
    problems = _build.problems.sorted()
    if not _build.settings["CLINIC_STRICT"]:
        if problems:
            _print(
                "Content problems (the site was still built; make publish refuses "
                "until they are fixed):",
                problems,
            )
            logger.warning("%s, listed above", report(problems).splitlines()[-1][:-1])
        return
    dropped_paths = {p.path.split("/", 1)[-1] for p in dropped}
    pelican_messages = [
        Problem("pelican", None, message)
        for message in dict.fromkeys(_build.capture.messages)
        if not any(path in message for path in dropped_paths)
    ]
    everything = problems + pelican_messages
    if everything:
        _print("Publish stopped. Fix these problems, then run make publish again:", everything)
        raise ClinicBuildError(
            f"Publish stopped: {report(everything).splitlines()[-1][:-1]}; nothing was published."
        )


def _print(heading: str, problems: list[Problem]) -> None:
    """The whole list as plain lines (log handlers would wrap paths mid-word)."""
    print(f"\n{heading}\n{report(problems)}\n", file=sys.stderr, flush=True)
