"""The only module that knows Pelican's signals: each handler calls the build's steps.

One ``Build`` (``build.session``) lives for one run of Pelican (``make serve``
runs many); it is the plugin's only module-level state.  The steps return
the problems they find and the handlers add them to the build's list.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import StaticGenerator
from pelican.urlwrappers import Category

from .build import (
    bodies,
    body_checks,
    components,
    generated,
    graphs,
    navigation,
    pages,
    pictures,
    report,
    session,
    site_files,
    static_files,
)
from .build.readers import GuardedMarkdownReader
from .model.money import locale_for
from .publishing.hosting import meta_csp, precompress
from .publishing.live import write_live
from .publishing.site_wide import mark_current
from .rules.headers import price_range_advice
from .rules.sources import dropped_problems

logger = logging.getLogger(__name__)

_build: session.Build | None = None


def start_build(pelican: Any) -> None:
    """get_generators: sent once at the start of every run, before any file is read."""
    global _build
    if _build is None:  # the process's first run (make serve reruns in it)
        # Everything loaded so far (Pelican, Markdown, Jinja, the plugin, the
        # settings) lives as long as the process.  Python's cycle collector
        # walked all of it again at each full collection, set off as a build
        # makes its pages; frozen, it walks only what the build makes (at
        # 1,000 pages its time in the collector fell from 0.09 to 0.04 s;
        # loading Babel's locale data for the language names, 35 to 12 ms).
        gc.freeze()
    log = logging.getLogger("pelican")
    if _build is not None:
        log.removeHandler(_build.pelican_log)
    _build = session.start(pelican.settings)
    log.addHandler(_build.pelican_log)
    # Pelican reads pages from PAGE_PATHS only: each other language's folder
    # mirrors them.  The generators are made after this signal, from these
    # settings; the project's own list is kept aside so make serve's next run
    # starts from it (a language taken out is no longer read).
    settings = pelican.settings
    base = settings.setdefault("CLINIC_PAGE_PATHS", list(settings["PAGE_PATHS"]))
    settings["PAGE_PATHS"] = session.translation_paths(base, _build.languages)


def guard_readers(readers: Any) -> None:
    """readers_init: Markdown files go through a reader that refuses what is no page."""
    for extension in GuardedMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = GuardedMarkdownReader


def share_profile(generator: Any) -> None:
    """generator_init: templates read every clinic fact from ``clinic``, assets via ``asset``."""
    if _build is None:
        return
    build = _build
    generator.context["clinic"] = build.profile
    # the logo, colour and the pictures made from them (publishing.brand)
    generator.context["brand"] = build.brand
    # hosts without custom headers (GitHub Pages) still get the policy
    generator.context["CONTENT_SECURITY_POLICY"] = meta_csp() if build.strict else ""
    # development only: make serve's pages refresh themselves after a rebuild
    generator.context["LIVE_RELOAD"] = (
        bool(build.settings["CLINIC_LIVE_RELOAD"]) and not build.strict
    )
    generator.env.globals["asset"] = build.assets.url
    generator.env.globals["site_wide"] = build.site_wide
    generator.env.filters["mark_current"] = mark_current
    # the page's language: build.languages switches them before each page
    localizer = build.localizer
    generator.env.globals["t"] = localizer.t
    generator.env.globals["href"] = localizer.href
    generator.env.globals["og_locale"] = localizer.og_locale
    generator.env.globals["price_text"] = localizer.price_text
    generator.env.globals["once"] = localizer.once
    generator.env.filters["long_date"] = localizer.long_date
    # after the globals: the theme's macros see them (build.components); the
    # static files' generator renders no template
    if not isinstance(generator, StaticGenerator):
        build.problems.extend(components.share_components(generator.env, build.sources.label))


def write_in_language(generator: Any, content: Any) -> None:
    """page_generator_write_page, article_generator_write_article: just before a page is written.

    The templates' words, dates, prices, clinic and catalog follow the page's
    language (``build.languages``); blog posts and the blog list are in the
    default language.
    """
    if _build is None:
        return
    route = getattr(content, "clinic_route", None)
    code = (route.language if route is not None else "") or _build.languages.default
    use_language(generator.context, code)


def use_language(context: dict[str, Any], code: str) -> None:
    if _build is None:
        return
    localizer = _build.localizer
    localizer.use(code)
    _build.site_wide.scope = localizer.current
    context["clinic"] = localizer.profile
    if localizer.current in localizer.catalogs:
        context["catalog"] = localizer.catalogs[localizer.current]


def back_to_default(generator: Any, writer: Any = None) -> None:
    """page_writer_finalized: what is written after the pages is in the default language."""
    if _build is not None:
        use_language(generator.context, _build.languages.default)


def skip_linked_folders(generator: Any) -> None:
    """static_generator_init: Pelican must not walk into a linked folder that leaves content/."""
    if _build is None:
        return
    excluded, found = static_files.excluded_folders(_build)
    _build.problems.extend(found)
    if excluded:
        # this generator's own copy: the project's settings stay as they were
        generator.settings = dict(
            generator.settings,
            STATIC_EXCLUDES=list(generator.settings.get("STATIC_EXCLUDES", [])) + excluded,
        )


def keep_safe_files(generator: Any) -> None:
    """static_generator_finalized: leave out every file from outside content/ before copying."""
    if _build is None:
        return
    kept, refused, found = static_files.refuse_unsafe(_build, generator.staticfiles)
    _build.problems.extend(found)
    generator.staticfiles[:] = kept  # the context's "staticfiles" is this same list
    # not their URLs yet: asking for one stops {attach} from moving the file
    _build.static_files = list(kept)
    for static in refused:
        # links to it are left unresolved (and reported on the page's line)
        generator.context["static_content"].pop(static.get_relative_source_path(), None)


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


def add_missing_pages(generator: Any) -> None:
    """page_generator_finalized: pages the site has without a file (locations, team)."""
    if _build is not None:
        generator.pages.extend(generated.missing_pages(_build, generator))


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
    drafts = pages.contents(generators, pages.DRAFT_LISTS)
    build.problems.extend(pages.required_problems(build, entries, drafts, generators[0].settings))
    catalog, found, advice = pages.describe_pages(
        build, entries, pages.draft_sources(build, generators)
    )
    build.problems.extend(found)
    build.advice.update(advice)
    profile = build.profile
    build.advice.update(
        price_range_advice(
            build.profile_label,
            profile.price_range,
            profile.currency,
            [t.price for t in catalog.treatments if t.price],
            locale_for(profile.language, profile.country),
        )
    )
    known = body_checks.known_urls(build, entries, drafts)
    for entry in entries:
        found, advice = body_checks.apply_rules(build, entry, known)
        build.problems.extend(found)
        build.advice.update(advice)
    build.pictures = found_pictures = pictures.collect(build)
    for entry in entries:
        pictures.hero(build, entry, found_pictures)
        pictures.results(build, entry, found_pictures)
    pictures.place_in_bodies(build, entries, found_pictures)
    pictures.team_photos(build, catalog.people, found_pictures)
    build.problems.extend(found_pictures.problems)
    build.advice.update(found_pictures.advice)
    context = generators[0].context
    context["catalog"] = catalog
    context["menu"], found = navigation.main_menu(build, catalog, entries)
    build.problems.extend(found)
    build.localizer.catalogs[build.languages.default] = catalog
    context["blog_index"], found, advice = graphs.describe(build, entries, catalog)
    build.problems.extend(found)
    build.advice.update(advice)
    build.entries = entries
    build.generated = context["generated_content"]


def finish_build(pelican: Any) -> None:
    """finalized: explain any file that produced no page, write host files, report."""
    if _build is None:
        return
    build = _build
    logging.getLogger("pelican").removeHandler(build.pelican_log)
    built = {rel for rel, content in build.generated.items() if content is not None}
    dropped = dropped_problems(
        build.content_dir, build.sources.label(build.content_dir), built, build.languages
    )
    build.problems.extend(dropped)
    for rel in sorted(build.assets.missing):
        build.problems.add(
            "theme/templates",
            None,
            f'asset("{rel}") names no file in theme/static',
            "fix the name in the template",
        )
    if build.pictures is not None:
        made = pictures.finish(build, build.pictures, pelican.output_path)
        logger.info("Pictures: %d files made, the rest from the cache", made)
    build.problems.extend(site_files.write_site_files(pelican.output_path, build))
    build.memo.save()
    if build.settings["CLINIC_LIVE_RELOAD"]:
        write_live(pelican.output_path, problems=[str(p) for p in build.problems.sorted()])
    if report.finish(build, report.pelican_problems(build.pelican_log.messages, dropped)):
        logger.info(
            "Compressed %d files for hosts that serve .gz and .br", precompress(pelican.output_path)
        )


def register() -> None:
    """Connect the handlers; Pelican calls this once per process."""
    # get_generators: the one signal sent at the start of every run (make serve
    # reruns without re-initialising), so each run starts with fresh problems.
    signals.get_generators.connect(start_build)
    # readers_init: before any file is read, so a file too large to be a page
    # is refused before Markdown spends minutes on it.
    signals.readers_init.connect(guard_readers)
    # generator_init: the shared template context exists from here on.
    signals.generator_init.connect(share_profile)
    # content_object_init: URLs must be set before links between pages resolve.
    signals.content_object_init.connect(place_content)
    # static_generator_init / _finalized: files from outside content/ are never
    # walked into, and are taken off the list of files to copy.
    signals.static_generator_init.connect(skip_linked_folders)
    signals.static_generator_finalized.connect(keep_safe_files)
    # page_generator_finalized: every page file is read; the pages without a
    # file can join them before anything links or lists pages.
    signals.page_generator_finalized.connect(add_missing_pages)
    # before each page or post is written: the templates follow its language.
    signals.page_generator_write_page.connect(write_in_language)
    signals.article_generator_write_article.connect(write_in_language)
    signals.page_writer_finalized.connect(back_to_default)
    # all_generators_finalized: every page is read, nothing is written yet.
    signals.all_generators_finalized.connect(build_catalog)
    # finalized: everything is written; report, and stop a publish on problems.
    signals.finalized.connect(finish_build)
