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
from typing import Any

from ..model.catalog import Entry
from ..model.problems import Problem, Problems
from ..model.profile import Profile, load_profile
from ..model.strings import Strings, load_strings
from ..publishing import images
from ..publishing.assets import Assets
from ..publishing.site_wide import SiteWide
from ..rules.files import Folder
from ..rules.privacy import template_problems
from ..rules.site_url import booking_problems, siteurl_problems
from .sources import SourceFiles

DEFAULTS: dict[str, Any] = {
    "CLINIC_PROFILE": "clinic.toml",  # relative to PATH (the content folder)
    "CLINIC_STRICT": False,  # publish: any problem stops the build
    "CLINIC_TODAY": None,  # a fixed date for tests; None means today
    "CLINIC_CHECK": False,  # make check: report and exit non-zero on any problem
    "CLINIC_LIVE_RELOAD": False,  # make serve: pages poll _live.json and refresh
    # where made pictures are kept between builds (None: cache/pictures in the
    # project); the environment's CLINIC_PICTURE_CACHE lets builds share one
    "CLINIC_PICTURE_CACHE": None,
}


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
    favicon: bytes
    strings: Strings
    # the page templates of the theme, by name: the only ones a page may use
    templates: frozenset[str] = frozenset()
    problems: Problems = field(default_factory=Problems)
    advice: set[str] = field(default_factory=set)  # what search engines recommend only
    site_wide: SiteWide = field(default_factory=SiteWide)  # header and footer, once
    entries: list[Entry] = field(default_factory=list)
    pictures: Any = None  # build.pictures.Pictures, once the pages are read
    # Pelican's own warnings in this run, so a publish can stop on them too
    pelican_log: LogCapture = field(default_factory=LogCapture)
    # Pelican's static files that are copied (their URLs are final once pages are written)
    static_files: list[Any] = field(default_factory=list)
    # Pelican's map of source paths to pages (None where reading failed)
    generated: dict[str, Any] = field(default_factory=dict)

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
    path = os.path.join(sources.content_dir, settings["CLINIC_PROFILE"])
    profile, found = load_profile(path, sources.label(path))
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
    main = profile.main
    place = ", ".join(p for p in (main.address.locality, main.address.region) if p) if main else ""
    assets = Assets(
        os.path.join(theme, "static"),
        {
            "img/share.png": images.share_card(profile.name, place),
            "img/apple-touch-icon.png": images.apple_touch_icon(profile.name),
        },
    )
    problems.extend(found.problem(sources.label(found.where), "theme/") for found in assets.refused)
    problems.extend(template_problems(theme, sources.label, site_url))
    if profile.booking or any(location.booking for location in profile.locations):
        label = sources.label(path)
        problems.extend(booking_problems(profile, site_url, label, sources.text(label)))
    build = Build(
        settings=settings,
        sources=sources,
        profile=profile,
        site_url=site_url,
        absolute_urls=absolute_urls,
        today=_today(settings),
        static_paths=list(pelican_settings.get("STATIC_PATHS", [])),
        assets=assets,
        favicon=images.favicon_ico(profile.name),
        strings=load_strings(theme, profile.language),
        problems=problems,
        templates=page_templates(theme),
    )
    return build


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
