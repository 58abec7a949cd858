"""Pages in a build: their addresses as they are read, then the catalog and checks.

Pelican's page objects come in and are given what the templates read
(``treatment``, ``section``, ``condition``, ``review``, ``breadcrumbs``,
``canonical_url``, ``structured_data``); problems go back to the caller.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from typing import Any

from ..model import catalog as catalog_mod
from ..model import translations as translations_mod
from ..model.content import Content
from ..model.languages import native_name
from ..model.problems import Problem
from ..model.routes import Route, route_for
from ..rules.headers import image_header_problems, price_of, unknown_key_problems
from ..rules.pages import address_problems, check_page
from ..rules.required_pages import linked_addresses, required_page_problems
from ..rules.sources import unrouted_problem
from .people import Reviewers, check_people_and_places, with_person
from .session import Build, cache_dir

# Pelican's lists of pages that are written; drafts stay out of the catalog.
PUBLISHED_LISTS = ("pages", "hidden_pages", "articles", "hidden_articles")
DRAFT_LISTS = ("draft_pages", "drafts")


def place(build: Build, instance: Content) -> tuple[Route | None, list[Problem]]:
    """The route of a page as it is read (None for a file outside every section)."""
    source = build.sources.label(instance.source_path)
    relpath = build.sources.content_relative(source)
    route = route_for(relpath, build.languages)
    if route is not None or build.languages.unlisted_folder(relpath):
        return route, []  # an unlisted language's folder is reported once, as a folder
    return route, [unrouted_problem(source)]


def contents(generators: Iterable[Any], lists: tuple[str, ...]) -> list[Any]:
    """Every page object in ``lists`` of every generator, in order."""
    return [
        content
        for generator in generators
        for attr in lists
        for content in getattr(generator, attr, [])
    ]


def unique_entries(
    build: Build, generators: list[Any]
) -> tuple[list[catalog_mod.Entry], list[Problem]]:
    """Catalog entries for every page, dropping (and reporting) a second claim on a URL.

    A page whose headers ask for an unsafe address or an unknown template is
    left out first (``rules.pages.address_problems``), before Pelican writes
    anything.

    Pelican stops with a traceback when two pages write the same file; leaving
    one out keeps every other page building and says which ones clash.  The
    file whose path sorts first keeps the address, whatever order the disk
    lists them in.
    """
    label = build.sources.label
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    unsafe: set[int] = set()
    for content in contents(generators, PUBLISHED_LISTS):
        fix_address(content)
    for content in contents(generators, PUBLISHED_LISTS + DRAFT_LISTS):
        source = label(content.source_path)
        outside = build.content_files.escape(content.source_path)
        if outside is not None:  # a Markdown file linked in from elsewhere
            problems.append(outside.problem(label(outside.where), "content/"))
            unsafe.add(id(content))
            continue
        found = address_problems(
            source,
            content.metadata,
            content.save_as,
            content.template,
            build.templates,
            build.sources.locate,
        )
        if found:
            problems.extend(found)
            unsafe.add(id(content))
    for content in contents(generators, PUBLISHED_LISTS):
        if id(content) not in unsafe:
            source = label(content.source_path)
            owner[content.save_as] = min(owner.get(content.save_as, source), source)
    for content in contents(generators, DRAFT_LISTS):  # their problems count too
        problems.extend(getattr(content, "clinic_problems", []))
    for generator in generators:
        for attr in DRAFT_LISTS:
            if hasattr(generator, attr):
                setattr(
                    generator, attr, [c for c in getattr(generator, attr) if id(c) not in unsafe]
                )
    entries = []
    for generator in generators:
        for attr in PUBLISHED_LISTS:
            if not hasattr(generator, attr):
                continue
            kept = []
            for content in getattr(generator, attr):
                source = label(content.source_path)
                problems.extend(getattr(content, "clinic_problems", []))
                if id(content) in unsafe:
                    continue
                route = getattr(content, "clinic_route", None)
                if owner[content.save_as] != source and route is not None and route.language:
                    problems.append(
                        Problem(
                            source,
                            None,
                            f"this is a second translation of {route.original} "
                            f"({owner[content.save_as]} is the first), so it was left out",
                            "keep one translation of each page and delete the other",
                        )
                    )
                    continue
                if owner[content.save_as] != source:
                    problems.append(
                        Problem(
                            source,
                            None,
                            f"this page has the same address as {owner[content.save_as]} "
                            f"(/{content.url}), so it was left out of the site",
                            "rename one of the two files (the address comes from the file name, "
                            "or from Slug: for blog posts)",
                        )
                    )
                    continue
                kept.append(content)
                if route is not None:
                    entries.append(catalog_mod.Entry(source, route, content))
            setattr(generator, attr, kept)
    return entries, problems


def draft_sources(build: Build, generators: Iterable[Any]) -> set[str]:
    """The labels of the pages kept as drafts (``Status: draft``)."""
    return {
        build.sources.label(content.source_path) for content in contents(generators, DRAFT_LISTS)
    }


def fix_address(content: Content) -> None:
    """Keep a blog post's address as it is now that every page is read.

    Pelican formats it from ARTICLE_URL and ARTICLE_SAVE_AS each time it is
    asked, a dozen times a page between the checks, the structured data, the
    templates and the writer; nothing it depends on changes from here on.
    Other pages have had a fixed address since they were read.
    """
    if not hasattr(content, "override_url"):
        content.override_url = content.url
    if not hasattr(content, "override_save_as"):
        content.override_save_as = content.save_as


def describe_pages(
    build: Build, entries: list[catalog_mod.Entry], drafts: Collection[str] = ()
) -> tuple[catalog_mod.Catalog, list[Problem], list[str]]:
    """Link the pages into a catalog, check each one, and give templates their values.

    ``drafts`` (their labels) let a missing page that is only a draft be named as one.
    """
    locate = build.sources.locate
    # the default language's pages make the catalog; each other language's
    # catalog is the same with its translations in place (model.translations)
    originals = [e for e in entries if not e.route.language]
    catalog, problems = catalog_mod.build_catalog(originals, locate, drafts)
    names = (
        {code: build.memo.call(native_name, code) for code in build.languages.codes}
        if len(build.languages.codes) > 1
        else {}
    )
    translations, found = translations_mod.join(entries, build.languages, names)
    problems.extend(found)
    translations_mod.inherit_metadata(translations)
    for treatment in catalog.treatments:
        if treatment.overview is not None:
            source = build.sources.label(treatment.overview.source_path)
            treatment.price, found = price_of(
                source, treatment.overview.metadata, build.profile.currency, locate
            )
            problems.extend(found)
    localizer = build.localizer
    localizer.catalogs = {build.languages.default: catalog} | {
        code: translations_mod.localized_catalog(catalog, translations, code)
        for code in build.languages.others
    }
    for entry in entries:
        localizer.urls[entry.route.language or build.languages.default].add(entry.page.url)
    problems.extend(check_people_and_places(build, catalog, entries))
    reviewers = Reviewers(build, catalog)
    review = build.profile.review
    for entry in entries:
        page, route = entry.page, entry.route
        code = route.language or build.languages.default
        words, here = localizer.strings[code], localizer.catalogs[code]
        if not getattr(page, "clinic_generated", False):  # a page with a file
            reviewer, person = reviewers.for_page(entry)
            state, found = check_page(
                entry.source,
                route,
                page.metadata,
                today=build.today,
                interval_months=review.interval_months,
                reviewer=reviewer,
                locate=build.sources.locate,
            )
            page.review = with_person(state, person)
            problems.extend(found)
            problems.extend(unknown_key_problems(entry.source, route, page.metadata, locate))
            problems.extend(image_header_problems(entry.source, page.metadata, locate))
        page.breadcrumbs = catalog_mod.breadcrumbs(
            route, page, here, home=words("home"), blog=words("blog")
        )
        page.language = code
        page.alternates = translations.alternates(page)
        page.canonical_url = f"{build.site_url}/{page.url}" if build.site_url else ""
        if route.language and not translations.versions(page):
            # a translation of nothing (reported by join): a plain page, in no catalog
            page.treatment = page.section = page.condition = None
            page.template = "page"
            continue
        page.treatment = here.treatment(route.treatment) if route.treatment else None
        page.section = (
            next((s for s in page.treatment.sections if s.page is page), None)
            if page.treatment
            else None
        )
        page.condition = here.condition(route.slug) if route.kind == "condition" else None
    stale, advice = translations_mod.stale_problems(translations, locate)
    if build.settings["CLINIC_CHECK"]:  # make check lists what is not translated yet
        advice += translations_mod.untranslated_advice(
            translations,
            entries,
            lambda source, code: source.replace(
                build.sources.content_label + "/",
                f"{build.sources.content_label}/{build.languages.folder(code)}/",
                1,
            ),
        )
    build.translations = translations
    return catalog, problems + stale + reviewers.problems, reviewers.advice + advice


def required_problems(
    build: Build,
    entries: list[catalog_mod.Entry],
    drafts: list[Content],
    pelican_settings: dict[str, Any],
) -> list[Problem]:
    """The pages every page links to (header, footer, menu) that are missing or drafts."""
    label = build.sources.label
    draft_urls = {
        route.url: label(content.source_path)
        for content in drafts
        if (route := getattr(content, "clinic_route", None)) is not None
    }
    # the blog's list is Pelican's own page, written whether or not there are posts
    written = {entry.page.url for entry in entries} | {
        str(pelican_settings["INDEX_SAVE_AS"]).removesuffix("index.html")
    }
    return required_page_problems(
        linked_addresses(
            os.path.join(pelican_settings["THEME"], "templates"),
            cache_dir(build.settings, build.sources.project_dir, "templates"),
        ),
        written,
        draft_urls,
        build.sources.content_label,
        lambda rel: os.path.isfile(os.path.join(build.content_dir, rel)),
        build.sources.locate,
    )
