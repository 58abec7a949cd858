"""The only module that knows Pelican's signals: each handler calls the build's steps.

One ``Build`` (``build.session``) lives for one run of Pelican (``make serve``
runs many); it is the plugin's only module-level state.  The steps return
the problems they find and the handlers add them to the build's list.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican.contents import Article, Page
from pelican.urlwrappers import Category

from .build import bodies, body_checks, graphs, pages, report, session, site_files
from .build import static_files
from .model.dates import long_date
from .publishing.hosting import meta_csp, precompress
from .rules.sources import dropped_problems

logger = logging.getLogger(__name__)

_build: session.Build | None = None
_capture: report.LogCapture | None = None


def start_build(pelican: Any) -> None:
    """get_generators: sent once at the start of every run, before any file is read."""
    global _build, _capture
    log = logging.getLogger("pelican")
    if _capture is not None:
        log.removeHandler(_capture)
    _build = session.start(pelican.settings)
    _capture = report.LogCapture()
    log.addHandler(_capture)


def share_profile(generator: Any) -> None:
    """generator_init: templates read every clinic fact from ``clinic``, assets via ``asset``."""
    if _build is None:
        return
    build = _build
    generator.context["clinic"] = build.profile
    # hosts without custom headers (GitHub Pages) still get the policy
    generator.context["CONTENT_SECURITY_POLICY"] = meta_csp() if build.strict else ""
    # development only: make serve's pages refresh themselves after a rebuild
    generator.context["LIVE_RELOAD"] = bool(build.settings["CLINIC_LIVE_RELOAD"]) \
        and not build.strict
    generator.env.globals["asset"] = build.assets.url
    generator.env.globals["t"] = build.strings
    generator.env.globals["site_wide"] = build.site_wide
    profile = build.profile
    generator.env.filters["long_date"] = lambda day: long_date(
        day, profile.language, profile.country)


def place_content(instance: Any) -> None:
    """content_object_init: URL, output file and template.

    Set here, as each page is read, because Pelican resolves the links
    between pages from them.  A problem found here is kept on the page
    (``clinic_problems``) because Pelican's content cache skips this signal
    for pages it has already read.
    """
    if _build is None or not isinstance(instance, (Page, Article)) or not instance.source_path:
        return
    route, instance.clinic_problems = pages.place(_build, instance)
    instance.clinic_route = route
    # what the templates read, for pages that stay out of the catalog (drafts)
    instance.breadcrumbs, instance.review, instance.structured_data = [], None, ""
    if route is None:
        return
    if getattr(instance, "status", "") == "draft":
        # Pelican's DRAFT_*_SAVE_AS: /drafts/ in previews, nothing in publish builds
        instance.template = "page" if isinstance(instance, Page) else instance.template
        if isinstance(instance, Article) and not hasattr(instance, "category"):
            # Pelican's draft writer reads it; no category pages are written
            instance.category = Category("blog", instance.settings)
        return
    if route.url or route.save_as:
        instance.override_url = route.url
        instance.override_save_as = route.save_as
        # Pelican groups pages by slug to find translations: every treatment's
        # benefits.md would otherwise share the slug "benefits"
        instance.slug = route.url.strip("/").replace("/", "-") or "home"
    if isinstance(instance, Page):
        instance.template = route.template


def build_catalog(generators: list[Any]) -> None:
    """all_generators_finalized: every page is read; link them, check them, describe them."""
    if _build is None:
        return
    build = _build
    everything = pages.PUBLISHED_LISTS + pages.DRAFT_LISTS
    build.problems.extend(bodies.prepare_bodies(build, pages.contents(generators, everything)))
    # before Pelican copies them: a file that could run a program is never copied
    build.problems.extend(static_files.screen_static_files(build, generators))
    entries, found = pages.unique_entries(build, generators)
    build.problems.extend(found)
    catalog, found = pages.describe_pages(build, entries)
    build.problems.extend(found)
    known = body_checks.known_urls(build, entries)
    for entry in entries:
        found, advice = body_checks.apply_rules(build, entry, known)
        build.problems.extend(found)
        build.advice.update(advice)
    context = generators[0].context
    context["catalog"] = catalog
    context["blog_index"], found, advice = graphs.describe(build, entries, catalog)
    build.problems.extend(found)
    build.advice.update(advice)
    build.entries = entries
    build.generated = context["generated_content"]


def finish_build(pelican: Any) -> None:
    """finalized: explain any file that produced no page, write host files, report."""
    if _build is None or _capture is None:
        return
    build = _build
    logging.getLogger("pelican").removeHandler(_capture)
    built = {rel for rel, content in build.generated.items() if content is not None}
    dropped = dropped_problems(build.content_dir, build.sources.label(build.content_dir), built)
    build.problems.extend(dropped)
    for rel in sorted(build.assets.missing):
        build.problems.add("theme/templates", None, f'asset("{rel}") names no file in '
                           "theme/static", "fix the name in the template")
    build.problems.extend(site_files.write_site_files(pelican.output_path, build))
    if build.settings["CLINIC_LIVE_RELOAD"]:
        from .staff.serve import write_live  # only make serve uses it
        write_live(pelican.output_path, problems=[str(p) for p in build.problems.sorted()])
    if report.finish(build, report.pelican_problems(_capture.messages, dropped)):
        logger.info("Compressed %d files for hosts that serve .gz and .br",
                    precompress(pelican.output_path))
