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
import sys

from pelican.contents import Article, Page
from pelican.urlwrappers import Category

from .build import body_checks as body_rules

from .model import citations

from .publishing import images

from .build import graphs as page_graphs
from .model import catalog as catalog_mod
from .publishing.assets import Assets
from .rules.pages import check_page
from .model.dates import long_date
from .model.header import header_end, read_text, scan_header
from .publishing.hosting import meta_csp, precompress
from .rules.privacy import third_party_references
from .model.problems import Problem, Problems, report
from .model.profile import load_profile
from .model.routes import route_for
from .build.site_files import siteurl_problems, write_site_files
from .publishing.site_wide import SiteWide
from .rules.sources import dropped_problems, unrouted_problem
from .model.strings import load_strings
from .phones.linker import link_phones

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CLINIC_PROFILE": "clinic.toml",  # relative to PATH (the content folder)
    "CLINIC_STRICT": False,  # publish: any problem stops the build
    "CLINIC_TODAY": None,  # a fixed date for tests; None means today
    "CLINIC_CHECK": False,  # make check: report and exit non-zero on any problem
    "CLINIC_LIVE_RELOAD": False,  # make serve: pages poll _live.json and refresh
}
# Pelican warnings that the content rules report better (with file, line, fix)
_COVERED_PELICAN_WARNINGS = ("Unable to find ", "Empty alt attribute for image",
                             "There are ", "Cannot get modification stamp for")
_LISTS = ("pages", "hidden_pages", "articles", "hidden_articles")  # drafts stay out


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
    """Everything one run of Pelican knows beyond Pelican itself."""

    def __init__(self, settings: dict) -> None:
        self.settings = dict(DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS})
        self.strict = bool(self.settings["CLINIC_STRICT"])
        self.content_dir = settings["PATH"]
        self.static_paths = list(settings.get("STATIC_PATHS", []))
        self.project_dir = os.path.dirname(os.path.abspath(self.content_dir))
        self._labels: dict[str, str] = {}
        self._project_prefix = os.path.join(self.project_dir, "")
        self.site_wide = SiteWide()  # the header and footer, rendered once
        self.content_label = self.label(self.content_dir)
        self.site_url = (settings.get("SITEURL") or "").rstrip("/")
        self.problems = Problems()
        self.capture = _PelicanLogCapture()
        # tests pin "today" so review dates never age (a setting, or the environment)
        today = self.settings["CLINIC_TODAY"] or os.environ.get("CLINIC_TODAY")
        self.today = dt.date.fromisoformat(today) if isinstance(today, str) else (
            today or dt.date.today())
        path = os.path.join(self.content_dir, self.settings["CLINIC_PROFILE"])
        self.profile, found = load_profile(path, self.label(path))
        self.problems.extend(found)
        # Absolute URLs are checked only against a valid SITEURL: a bad one is
        # reported once here, not again for every URL on every page.
        self.absolute_urls = False
        if self.strict:
            found = siteurl_problems(settings.get("SITEURL", ""))
            self.problems.extend(found)
            self.absolute_urls = not found
            if found:
                self.site_url = ""
        main = self.profile.main
        place = ", ".join(p for p in (main.address.locality, main.address.region) if p) \
            if main else ""
        theme_static = os.path.join(settings["THEME"], "static")
        self.assets = Assets(theme_static, {
            "img/share.png": images.share_card(self.profile.name, place),
            "img/apple-touch-icon.png": images.apple_touch_icon(self.profile.name),
        })
        self.favicon = images.favicon_ico(self.profile.name)
        self.strings = load_strings(settings["THEME"], self.profile.language)
        self.problems.extend(self._template_privacy(settings["THEME"]))
        self._texts: dict[str, str] = {}
        self.entries: list[catalog_mod.Entry] = []
        self.advice: set[str] = set()  # what search engines recommend but do not need
        # Pelican's shared map of source paths to pages (None where reading failed)
        self.generated: dict = {}

    def label(self, path: str) -> str:
        """A path as staff see it in messages: relative to the project."""
        # asked several times for every page; relpath is slow enough to matter
        found = self._labels.get(path)
        if found is None:
            if path.startswith(self._project_prefix) and f"{os.sep}." not in path:
                found = path[len(self._project_prefix):]  # Pelican's usual absolute path
            else:
                found = os.path.relpath(os.path.abspath(path), self.project_dir)
            found = self._labels[path] = found.replace(os.sep, "/")
        return found

    def content_relative(self, label: str) -> str:
        """A label (``content/pages/home.md``) relative to the content folder."""
        return label[len(self.content_label) + 1:]

    def text(self, source: str) -> str:
        if source not in self._texts:
            self._texts[source] = read_text(os.path.join(self.project_dir, source))
        return self._texts[source]

    def locate(self, source: str, key: str | None) -> int | None:
        """Line of a metadata key in a source (or the end of its header for a missing key)."""
        text = self.text(source)
        fields = scan_header(text)
        if key is None or key not in fields:
            return header_end(text)
        return fields[key].line

    def find_line(self, source: str, needle: str) -> int | None:
        """The first line of a source that contains ``needle`` (a URL, a number)."""
        text = self.text(source)
        index = text.find(needle)
        return text.count("\n", 0, index) + 1 if index >= 0 else None

    def _template_privacy(self, theme: str) -> list[Problem]:
        found = []
        templates = os.path.join(theme, "templates")
        for root, _, files in os.walk(templates):
            for name in sorted(files):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                for ref in third_party_references(text, self.site_url):
                    found.append(_privacy_problem(self.label(path), ref.line, ref.tag, ref.url))
        return found


def _privacy_problem(path: str, line: int | None, tag: str, url: str) -> Problem:
    return Problem(
        path, line,
        f"a <{tag}> loads {url} from another website, which would tell that site who reads "
        "this page",
        "serve the file from this site (content/images/), or make it an ordinary link "
        "that visitors can choose to follow",
    )


_build: Build | None = None


def start_build(pelican) -> None:
    """get_generators: sent once at the start of every run, before any file is read."""
    global _build
    if _build is not None:
        logging.getLogger("pelican").removeHandler(_build.capture)
    _build = Build(pelican.settings)
    logging.getLogger("pelican").addHandler(_build.capture)


def share_profile(generator) -> None:
    """generator_init: templates read every clinic fact from ``clinic``, assets via ``asset``."""
    if _build is not None:
        generator.context["clinic"] = _build.profile
        # hosts without custom headers (GitHub Pages) still get the policy
        generator.context["CONTENT_SECURITY_POLICY"] = meta_csp() if _build.strict else ""
        # development only: make serve's pages refresh themselves after a rebuild
        generator.context["LIVE_RELOAD"] = bool(_build.settings["CLINIC_LIVE_RELOAD"]) \
            and not _build.strict
        generator.env.globals["asset"] = _build.assets.url
        generator.env.globals["t"] = _build.strings
        generator.env.globals["site_wide"] = _build.site_wide
        profile = _build.profile
        generator.env.filters["long_date"] = lambda day: long_date(
            day, profile.language, profile.country)


def place_content(instance) -> None:
    """content_object_init: URL, output file and template.

    Set here, as each page is read, because Pelican resolves the links
    between pages from them.  A problem found here is kept on the page
    (``clinic_problems``) because Pelican's content cache skips this signal
    for pages it has already read.
    """
    if _build is None or not isinstance(instance, (Page, Article)) or not instance.source_path:
        return
    source = _build.label(instance.source_path)
    rel = _build.content_relative(source)
    route = route_for(rel)
    instance.clinic_route = route
    instance.clinic_problems = []
    # what the templates read, for pages that stay out of the catalog (drafts)
    instance.breadcrumbs, instance.review, instance.structured_data = [], None, ""
    if route is None:
        instance.clinic_problems.append(unrouted_problem(source))
        return
    if getattr(instance, "status", "") == "draft":
        # Pelican's DRAFT_*_SAVE_AS: /drafts/ in previews, nothing in publish builds
        instance.template = "page" if isinstance(instance, Page) else instance.template
        if isinstance(instance, Article) and not hasattr(instance, "category"):
            # Pelican's draft writer reads it; no category pages are written
            instance.category = Category("blog", instance.settings)
    else:
        if route.url or route.save_as:
            instance.override_url = route.url
            instance.override_save_as = route.save_as
            # Pelican groups pages by slug to find translations: every
            # treatment's benefits.md would otherwise share the slug "benefits"
            instance.slug = route.url.strip("/").replace("/", "-") or "home"
        if isinstance(instance, Page):
            instance.template = route.template


def _prepare_bodies(generators) -> None:
    """Privacy, call links and the sources section, on every page's body, drafts too.

    Done once every page is read, before anything renders a body, rather
    than as each page is read: the same work back to back over all the
    bodies takes half the time (measured at 1,000 pages).  Pelican's
    content cache keeps bodies as Markdown made them, so this runs on every
    build; linking twice changes nothing.
    """
    region = _build.profile.country or "US"
    sources = _build.strings("sources")
    for generator in generators:
        for attr in _LISTS + ("draft_pages", "drafts"):
            for content in getattr(generator, attr, []):
                if getattr(content, "clinic_route", None) is not None:
                    _build.problems.extend(_prepare_body(content, region, sources))


def _prepare_body(content, region: str, sources: str) -> list[Problem]:
    source = _build.label(content.source_path)
    found = [_privacy_problem(source, _build.find_line(source, ref.url), ref.tag, ref.url)
             for ref in third_party_references(content._content or "", _build.site_url)]
    body = link_phones(content._content or "", region)
    content._content = citations.label_sources(body.html, sources)
    if "summary" in content.metadata:
        summary = link_phones(str(content.metadata["summary"]), region)
        content._summary = content.metadata["summary"] = summary.html
    return found + [Problem(
        source, _build.find_line(source, suspect.text),
        f'"{suspect.text}" looks like a phone number but is not a valid one, so it is not '
        "a call link",
        "check the digits; write the full number with its area code, such as 786-210-4234",
    ) for suspect in body.suspects]


def build_catalog(generators) -> None:
    """all_generators_finalized: every page is read; link them, check them, describe them."""
    if _build is None:
        return
    _prepare_bodies(generators)
    entries = _unique_entries(generators)
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
        page.breadcrumbs = catalog_mod.breadcrumbs(
            route, page, catalog, home=_build.strings("home"), blog=_build.strings("blog"))
        page.treatment = catalog.treatment(route.treatment) if route.treatment else None
        page.section = next((s for s in page.treatment.sections if s.page is page), None) \
            if page.treatment else None
        page.condition = catalog.condition(route.slug) if route.kind == "condition" else None
        page.canonical_url = f"{_build.site_url}/{page.url}" if _build.site_url else ""
    known = body_rules.known_urls(_build, entries)
    for entry in entries:
        body_rules.apply_rules(_build, entry, known)
    context = generators[0].context
    context["catalog"] = catalog
    context["blog_index"] = page_graphs.describe(_build, entries, catalog)
    _build.entries = entries
    _build.generated = context["generated_content"]


def _unique_entries(generators) -> list[catalog_mod.Entry]:
    """Catalog entries for every page, dropping (and reporting) a second claim on a URL.

    Pelican stops with a traceback when two pages write the same file; leaving
    one out keeps every other page building and says which ones clash.  The
    file whose path sorts first keeps the address, whatever order the disk
    lists them in.
    """
    owner: dict[str, str] = {}
    for generator in generators:
        for attr in _LISTS:
            for content in getattr(generator, attr, []):
                _fix_address(content)
                source = _build.label(content.source_path)
                owner[content.save_as] = min(owner.get(content.save_as, source), source)
    for generator in generators:  # drafts are not in the catalog, but their problems count
        for attr in ("draft_pages", "drafts"):
            for content in getattr(generator, attr, []):
                _build.problems.extend(getattr(content, "clinic_problems", []))
    entries = []
    for generator in generators:
        for attr in _LISTS:
            if not hasattr(generator, attr):
                continue
            kept = []
            for content in getattr(generator, attr):
                source = _build.label(content.source_path)
                _build.problems.extend(getattr(content, "clinic_problems", []))
                if owner[content.save_as] != source:
                    _build.problems.add(
                        source, None,
                        f"this page has the same address as {owner[content.save_as]} "
                        f"(/{content.url}), so it was left out of the site",
                        "rename one of the two files (the address comes from the file name, "
                        "or from Slug: for blog posts)",
                    )
                    continue
                kept.append(content)
                route = getattr(content, "clinic_route", None)
                if route is not None:
                    entries.append(catalog_mod.Entry(source, route, content))
            setattr(generator, attr, kept)
    return entries


def _fix_address(content) -> None:
    """Keep a blog post's address as it is now that every page is read.

    Pelican formats it from ARTICLE_URL and ARTICLE_SAVE_AS each time it is
    asked, a dozen times a page between the checks, the structured data, the
    templates and the writer; nothing it depends on changes from here on.
    Other pages have had a fixed address since ``place_content``.
    """
    if not hasattr(content, "override_url"):
        content.override_url = content.url
    if not hasattr(content, "override_save_as"):
        content.override_save_as = content.save_as


def finish_build(pelican) -> None:
    """finalized: explain any file that produced no page, write host files, report."""
    if _build is None:
        return
    logging.getLogger("pelican").removeHandler(_build.capture)
    built = {rel for rel, content in _build.generated.items() if content is not None}
    dropped = dropped_problems(_build.content_dir, _build.label(_build.content_dir), built)
    _build.problems.extend(dropped)
    for rel in sorted(_build.assets.missing):
        _build.problems.add("theme/templates", None, f'asset("{rel}") names no file in '
                            "theme/static", "fix the name in the template")
    found = write_site_files(pelican.output_path, _build, strict=_build.strict)
    _build.problems.extend(found)
    problems = _build.problems.sorted()
    if _build.settings["CLINIC_LIVE_RELOAD"]:
        from .staff.serve import write_live  # only make serve uses it
        write_live(pelican.output_path, problems=[str(p) for p in problems])
    if _build.advice:
        print("\nSuggestions (optional; they never stop a publish):\n"
              + "\n".join(sorted(_build.advice)), file=sys.stderr)
    if not _build.strict and not _build.settings["CLINIC_CHECK"]:
        if problems:
            _print(
                "Content problems (the site was still built; make publish refuses "
                "until they are fixed):",
                problems,
            )
            logger.warning("%s, listed above", report(problems).splitlines()[-1][:-1])
        stopping = [p for p in problems if p.stops]
        if stopping and not _build.settings["CLINIC_LIVE_RELOAD"]:
            # the pages are written, but the command fails: this must be fixed first
            raise ClinicBuildError(f"The build stopped: {stopping[0]}")
        return
    # make check and make publish also stop on Pelican's own warnings
    dropped_paths = {p.path.split("/", 1)[-1] for p in dropped}
    everything = problems + [
        Problem("pelican", None, message)
        for message in dict.fromkeys(_build.capture.messages)
        if not any(path in message for path in dropped_paths)
        and not message.startswith(_COVERED_PELICAN_WARNINGS)
    ]
    if _build.settings["CLINIC_CHECK"]:
        _print("Problems (make publish refuses until they are fixed):", everything) \
            if everything else print("\nNo problems found.", file=sys.stderr)
        if everything:
            raise ClinicBuildError(1)
        return
    if everything:
        _print("Publish stopped. Fix these problems, then run make publish again:", everything)
        raise ClinicBuildError(
            f"Publish stopped: {report(everything).splitlines()[-1][:-1]}; nothing was published."
        )
    logger.info("Compressed %d files for hosts that serve .gz and .br",
                precompress(pelican.output_path))


def _print(heading: str, problems: list[Problem]) -> None:
    """The whole list as plain lines (log handlers would wrap paths mid-word)."""
    print(f"\n{heading}\n{report(problems)}\n", file=sys.stderr, flush=True)
