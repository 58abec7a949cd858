"""The one object a build keeps: settings, the clinic, the site's files, problems.

``start(settings)`` makes it at the start of every run (``make serve`` runs
many); the steps in this package read it and return what they find, and the
adapter (``plugin.py``) adds that to ``problems`` and ``advice``.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model.catalog import Entry
from ..model.languages import Languages, english_name
from ..model.problems import Problem, Problems
from ..model.profile import Profile, load_profile, parse_profile
from ..model.strings import Strings, parse_tables, read_strings
from ..model.tomlpos import line_of
from ..model.translations import Translations
from ..publishing.assets import Assets
from ..publishing.brand import BrandFiles, Field, brand_files
from ..publishing.site_wide import SiteWide
from ..rules.files import Folder, escape
from ..rules.privacy import template_problems
from ..rules.site_url import booking_problems, siteurl_problems
from .languages import Localizer
from .memo import Memo, site_key
from .sources import SourceFiles

if TYPE_CHECKING:
    from ..model.content import Content
    from .pictures import Pictures

DEFAULTS: dict[str, Any] = {
    "CLINIC_PROFILE": "clinic.toml",  # relative to PATH (the content folder)
    "CLINIC_STRICT": False,  # publish: any problem stops the build
    "CLINIC_TODAY": None,  # a fixed date for tests; None means today
    "CLINIC_CHECK": False,  # make check: report and exit non-zero on any problem
    "CLINIC_LIVE_RELOAD": False,  # make serve: pages poll _live.json and refresh
    # the folder of what builds keep between them (made pictures, brand
    # pictures, the theme's scan): None is cache/ in the project, and the
    # environment's CLINIC_CACHE lets several projects share one (everything
    # in it is keyed by content, so sharing is safe)
    "CLINIC_CACHE": None,
}


def cache_dir(settings: dict[str, Any], project_dir: str, kind: str) -> str:
    """The folder for one kind of kept work: ``pictures``, ``brand``, ``templates`` or
    ``results``."""
    root = (
        settings.get("CLINIC_CACHE")
        or os.environ.get("CLINIC_CACHE")
        or os.path.join(project_dir, "cache")  # beside Pelican's own; make clean removes it
    )
    return os.path.join(root, kind)


class LogCapture(logging.Handler):
    """Collects Pelican's own warnings so a publish build can stop on them too."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().split("\n")[0])


@dataclass
class Build:
    """Everything one run of Pelican knows beyond Pelican itself."""

    settings: dict[str, Any]
    sources: SourceFiles
    profile: Profile
    site_url: str
    # Absolute URLs are checked only against a valid SITEURL: a bad one is
    # reported once, not again for every URL on every page.
    absolute_urls: bool
    today: dt.date
    static_paths: list[str]
    assets: Assets
    brand: BrandFiles
    strings: Strings  # the default language's
    localizer: Localizer  # every language's words, clinic and catalog, for the templates
    # the page templates of the theme, by name: the only ones a page may use
    templates: frozenset[str] = frozenset()
    problems: Problems = field(default_factory=Problems)
    advice: set[str] = field(default_factory=set)  # what search engines recommend only
    site_wide: SiteWide = field(default_factory=SiteWide)  # header and footer, once
    entries: list[Entry] = field(default_factory=list)
    translations: Translations = field(default_factory=Translations)  # once pages are read
    pictures: Pictures | None = None  # once the pages are read
    # Pelican's own warnings in this run, so a publish can stop on them too
    pelican_log: LogCapture = field(default_factory=LogCapture)
    # Pelican's static files that are copied (their URLs are final once pages are written)
    static_files: list[Any] = field(default_factory=list)
    # Pelican's map of source paths to pages (None where reading failed)
    generated: dict[str, Content | None] = field(default_factory=dict)
    # results of the pure steps kept from the last build (build/memo.py)
    memo: Memo = field(default_factory=lambda: Memo(None, ""))

    @property
    def languages(self) -> Languages:
        return self.localizer.languages

    @property
    def strict(self) -> bool:
        return bool(self.settings["CLINIC_STRICT"])

    @property
    def content_dir(self) -> str:
        return self.sources.content_dir

    @functools.cached_property
    def content_files(self) -> Folder:
        """Paths under content/ judged for links that leave it, each once a build."""
        return Folder(self.content_dir)

    @property
    def profile_label(self) -> str:
        return self.sources.label(os.path.join(self.content_dir, self.settings["CLINIC_PROFILE"]))


def merged_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The plugin's settings: its defaults, overridden by the project's."""
    return dict(DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS})


def start(pelican_settings: dict[str, Any]) -> Build:
    """Load and check everything a run needs before any page is read."""
    settings = merged_settings(pelican_settings)
    sources = SourceFiles(pelican_settings["PATH"])
    problems = Problems()
    # results of the pure steps kept from the last build (build/memo.py)
    memo = Memo(cache_dir(settings, sources.project_dir, "results"), site_key(sources.content_dir))
    path = os.path.join(sources.content_dir, settings["CLINIC_PROFILE"])
    profile, found = load_profile(
        path, sources.label(path), lambda text, label: memo.call(parse_profile, text, label)
    )
    problems.extend(found)
    if settings["CLINIC_LIVE_RELOAD"]:
        profile = _last_good(path, profile, found)
    site_url = (pelican_settings.get("SITEURL") or "").rstrip("/")
    absolute_urls = False
    if settings["CLINIC_STRICT"]:
        found = siteurl_problems(pelican_settings.get("SITEURL", ""))
        problems.extend(found)
        absolute_urls = not found
        if found:
            site_url = ""
    theme = pelican_settings["THEME"]
    brand = _brand(profile, sources, path, cache_dir(settings, sources.project_dir, "brand"))
    problems.extend(brand.problems)
    assets = Assets(os.path.join(theme, "static"), dict(brand.generated, **_styles(theme, brand)))
    problems.extend(found.problem(sources.label(found.where), "theme/") for found in assets.refused)
    problems.extend(template_problems(theme, sources.label, site_url))
    if profile.booking or any(location.booking for location in profile.locations):
        label = sources.label(path)
        problems.extend(booking_problems(profile, site_url, label, sources.text(label)))
    languages = Languages(profile.languages)
    # the theme's words, every language's (model.strings)
    tables = memo.call(parse_tables, read_strings(theme))
    problems.extend(language_folder_problems(sources.content_dir, sources.content_label, languages))
    build = Build(
        settings=settings,
        sources=sources,
        profile=profile,
        site_url=site_url,
        absolute_urls=absolute_urls,
        today=_today(settings),
        static_paths=list(pelican_settings.get("STATIC_PATHS", [])),
        assets=assets,
        brand=brand,
        advice=set(brand.advice),
        strings=Strings(tables, profile.language),
        localizer=Localizer(
            languages, profile, {code: Strings(tables, code) for code in languages.codes}
        ),
        problems=problems,
        templates=page_templates(theme),
        memo=memo,
    )
    return build


def _brand(profile: Profile, sources: SourceFiles, path: str, cache: str) -> BrandFiles:
    """The clinic's logo, colours and pictures, with the lines of clinic.toml they come from."""
    label = sources.label(path)
    text = sources.text(label) if os.path.isfile(path) else ""
    main = profile.main
    fields = [Field("clinic.name", profile.name, line_of(text, ("clinic", "name")))]
    if main:  # the share card names the main location's town and region
        for key in ("locality", "region"):
            keys = ("locations", 0, "address", key)
            fields.append(
                Field(".".join(map(str, keys)), getattr(main.address, key), line_of(text, keys))
            )
    logo_data = None
    if profile.brand.logo:
        logo_path = os.path.join(sources.content_dir, profile.brand.logo)
        # a link out of content/ is not read (it could be any file on the machine)
        if os.path.isfile(logo_path) and escape(sources.content_dir, logo_path) is None:
            with open(logo_path, "rb") as handle:
                logo_data = handle.read()
    return brand_files(profile.brand, label, profile.name, fields, logo_data, cache)


STYLESHEET = "css/site.css"


def _styles(theme: str, brand: BrandFiles) -> dict[str, bytes]:
    """The theme's stylesheet with the clinic's colours after it: one file, one request.

    Appending keeps the first render to the one stylesheet it had and the
    Content-Security-Policy as it is (an inline <style> would need a hash).
    """
    path = os.path.join(theme, "static", STYLESHEET)
    if not os.path.isfile(path) or os.path.islink(path):
        return {}
    with open(path, "rb") as handle:
        return {STYLESHEET: handle.read() + b"\n" + brand.palette.css().encode()}


def language_folder_problems(content_dir: str, label: str, languages: Languages) -> list[Problem]:
    """A folder of content/ named like a language that is not one of the site's."""
    problems = []
    names = sorted(os.listdir(content_dir)) if os.path.isdir(content_dir) else []
    for name in names:
        if os.path.isdir(os.path.join(content_dir, name)):
            top = languages.unlisted_folder(f"{name}/x")
            if top:
                listed = ", ".join(f'"{c}"' for c in languages.codes)
                problems.append(
                    Problem(
                        f"{label}/{name}/",
                        None,
                        f"this folder looks like the translations into "
                        f"{english_name(name)}, but the clinic's languages are {listed}, "
                        "so none of it is on the site",
                        f'add "{name}" to languages under [clinic] in clinic.toml, '
                        "or move the folder out of content/",
                    )
                )
    return problems


def translation_paths(page_paths: list[str], languages: Languages) -> list[str]:
    """Pelican's PAGE_PATHS with each section's folder in every other language's folder."""
    extra = [
        f"{languages.folder(code)}/{path}"
        for code in languages.others
        for path in page_paths
        if "/" not in path
    ]
    return list(page_paths) + [path for path in extra if path not in page_paths]


# make serve builds many times in one process.  A clinic.toml that cannot be read
# (a quote missing halfway through an edit) keeps the last profile that could,
# so the preview keeps its header, phone and language while the page shows the
# problem; one-off builds have no earlier profile and report it as it is.
_LAST_GOOD: dict[str, Profile] = {}


def _last_good(path: str, profile: Profile, problems: list[Problem]) -> Profile:
    if problems and profile == Profile():  # nothing could be read from the file
        return _LAST_GOOD.get(path, profile)
    _LAST_GOOD[path] = profile
    return profile


def page_templates(theme: str) -> frozenset[str]:
    """The theme's page templates (``base`` is the frame the others fill in)."""
    folder = os.path.join(theme, "templates")
    return (
        frozenset(
            name[: -len(".html")]
            for name in os.listdir(folder)
            if name.endswith(".html") and name != "base.html"
        )
        if os.path.isdir(folder)
        else frozenset()
    )


def _today(settings: dict[str, Any]) -> dt.date:
    # tests pin "today" so review dates never age (a setting, or the environment)
    today = settings["CLINIC_TODAY"] or os.environ.get("CLINIC_TODAY")
    if isinstance(today, str):
        return dt.date.fromisoformat(today)
    return today or dt.date.today()
