"""Pictures in a build: found, checked, planned, placed in pages, and made at the end.

Every raster picture under ``content/images/`` and every picture a page or a
results file names is inspected (never trusted: a renamed PDF, a 12 MB
photo, a 9,000 px scan), planned (``publishing.pictures``) and, once the
pages are written, made (``publishing.picture_files``), replacing Pelican's
copy of the original so no metadata is ever published.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from dataclasses import dataclass, field

from ..model.catalog import Entry, Treatment
from ..model.content import Content
from ..model.people import Person
from ..model.problems import Problem
from ..model.results import Pair, parse_results
from ..publishing.picture_files import ADVISE_BYTES, Job, PictureError, Source, inspect
from ..publishing.pictures import (
    CARD_SIZES,
    HALF_SIZES,
    PORTRAIT_SIZES,
    Plan,
    cover_crop,
    picture_html,
    plan,
    share_variant,
)
from .session import Build, cache_dir

RASTER = (
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".gif",
    ".avif",
    ".tif",
    ".tiff",
    ".bmp",
    ".heic",
    ".heif",
)
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.I)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
DECORATIVE = "decorative"  # ![decorative](...) marks a picture that says nothing
RESULTS_ASPECT = (4, 5)  # before and after are cropped alike, portrait


@dataclass
class Pictures:
    """What one build knows of its pictures."""

    plans: dict[str, Plan] = field(default_factory=dict)  # content-relative path → plan
    jobs: dict[str, Job] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)  # originals never to publish
    problems: list[Problem] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def _inspect(
    build: Build, rel: str, found: Pictures, where: str, line: int | None
) -> Source | None:
    path = os.path.join(build.content_dir, rel)
    itself = where == f"content/{rel}"  # the message is about the file it names
    try:
        source = inspect(path)
    except PictureError as error:
        found.problems.append(
            Problem(
                where,
                line,
                f"{'this file' if itself else rel} is {error}",
                "replace it with a JPEG or PNG photo",
            )
        )
        found.dropped.add(rel)
        return None
    except OSError:
        found.problems.append(
            Problem(
                where,
                line,
                f"there is no content/{rel}",
                "put the picture there, or fix the name (capitals count)",
            )
        )
        return None
    if source.bytes > ADVISE_BYTES:
        found.advice.append(
            str(
                Problem(
                    where if line is None else f"{where}:{line}",
                    None,
                    f"{'this picture' if itself else 'content/' + rel} is "
                    f"{source.bytes / 1024 / 1024:.1f} MB",
                    "the site makes smaller copies, but a photo of 2,000 to 3,000 pixels across "
                    "(under 5 MB) is all it needs; resize it to keep the project small",
                )
            )
        )
    return source


def collect(build: Build) -> Pictures:
    """Every picture under content/images/, planned at its own address."""
    found = Pictures()
    top = os.path.join(build.content_dir, "images")
    for root, _, files in os.walk(top):
        for name in sorted(files):
            if not name.lower().endswith(RASTER):
                continue
            rel = os.path.relpath(os.path.join(root, name), build.content_dir).replace(os.sep, "/")
            source = _inspect(build, rel, found, f"content/{rel}", None)
            if source is None:
                continue
            found.dropped.add(rel)  # the original; its cleaned copy takes the address
            folder = posixpath.dirname(rel)
            ext = posixpath.splitext(rel)[1].lower()
            same_kind = ext in (".png", ".jpg", ".jpeg")  # the fallback keeps its kind
            found.plans[rel] = plan(
                rel,
                source.size,
                alpha=source.alpha,
                out_dir=folder,
                fallback_path=rel if same_kind else None,
            )
            found.jobs[rel] = Job(source, found.plans[rel])
    return found


def content_path(src: str, page_source: str, content_label: str) -> str:
    """The content-relative path a page's image address names ('' if none)."""
    src = src.split("?")[0].split("#")[0]
    for marker in ("{static}", "{attach}"):
        if src.startswith(marker):
            src = src[len(marker) :]
            break
    else:
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
            return ""  # another website (refused elsewhere) or a data: address
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    folder = posixpath.dirname(page_source[len(content_label) + 1 :])
    return posixpath.normpath(posixpath.join(folder, src))


def place_in_bodies(build: Build, entries: list[Entry], found: Pictures) -> None:
    """Each ``<img>`` of a site picture in a body becomes a ``<picture>`` with every size."""
    for entry in entries:
        body = entry.page._content or ""
        if "<img" not in body:
            continue

        def swap(match: re.Match[str], entry: Entry = entry) -> str:
            attrs = dict(_ATTR.findall(match.group(1)))
            rel = content_path(attrs.get("src", ""), entry.source, build.sources.content_label)
            picture = found.plans.get(rel)
            if picture is None:
                return match.group(0)
            alt = attrs.get("alt", "")
            return picture_html(
                picture, "" if alt.strip().lower() == DECORATIVE else alt, site_url=build.site_url
            )

        entry.page._content = _IMG.sub(swap, body)


def hero(build: Build, entry: Entry, found: Pictures) -> None:
    """``Image:`` and ``Image-Alt:``: the photo at the top, the link preview, the data."""
    page = entry.page
    page.hero = page.card_picture = page.share_image = page.image_node = None
    written = str(page.metadata.get("image", "") or "").strip()
    if not written:
        return
    rel = content_path(
        written if written.startswith(("{", "/")) else "/" + written,
        entry.source,
        build.sources.content_label,
    )
    line = build.sources.locate(entry.source, "image")
    picture = found.plans.get(rel)
    if picture is None and rel not in found.dropped:
        source = _inspect(build, rel, found, entry.source, line)
        if source is None:
            return
        picture = found.plans[rel] = plan(
            rel, source.size, alpha=source.alpha, out_dir=posixpath.dirname(rel)
        )
        found.jobs[rel] = Job(source, picture)
    if picture is None:
        return
    share = share_variant(rel, posixpath.dirname(rel))
    job = found.jobs[rel]
    found.jobs[rel] = Job(job.source, job.plan, share)
    alt = str(page.metadata.get("image-alt", "") or "").strip()
    page.hero = picture_html(
        picture,
        "" if alt.lower() == DECORATIVE else alt,
        site_url=build.site_url,
        lazy=False,
        priority=True,
        css_class="cl-picture cl-hero",
    )
    # the same photo, smaller, on the page's card in lists; the card's link
    # says what it is, so the picture is not announced a second time
    page.card_picture = picture_html(
        picture,
        "",
        site_url=build.site_url,
        sizes=CARD_SIZES,
        css_class="cl-picture cl-card__picture",
    )
    page.share_image = f"{build.site_url}/{share.path}"
    page.image_node = {
        "@type": "ImageObject",
        "url": page.share_image,
        "width": share.width,
        "height": share.height,
    }


def results(build: Build, entry: Entry, found: Pictures) -> None:
    """The before-and-after pairs of a treatment's results page."""
    page = entry.page
    page.results = []
    route = entry.route
    if route.kind != "treatment" or route.section != "results":
        return
    treatment: Treatment | None = getattr(page, "treatment", None)
    overview = treatment.overview if treatment else None
    if getattr(page, "clinic_generated", False) and overview is not None:
        page.review = getattr(overview, "review", None)  # the treatment's own review
    folder = posixpath.dirname(build.sources.content_relative(entry.source))
    rel = posixpath.join(folder, "results.toml")
    path = os.path.join(build.content_dir, rel)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    label = f"content/{rel}"
    pairs, problems = parse_results(
        text,
        rel,
        today=build.today,
        exists=lambda name: os.path.isfile(os.path.join(build.content_dir, name)),
    )
    found.problems.extend(Problem(label, p.line, p.message, p.fix, p.stops) for p in problems)
    before, after = build.strings("before"), build.strings("after")
    for index, pair in enumerate(pairs):
        shown = []
        inspected = [_inspect(build, r, found, label, None) for r in (pair.before, pair.after)]
        sources = [s for s in inspected if s is not None]
        if len(sources) < len(inspected):
            continue  # a picture that cannot be shown (reported)
        common = (min(s.size[0] for s in sources), min(s.size[1] for s in sources))
        crop = cover_crop(common, RESULTS_ASPECT)
        out = f"{route.url}results-{index + 1}"
        for word, side, rel_picture, source in zip(
            (before, after), ("before", "after"), (pair.before, pair.after), sources, strict=True
        ):
            picture = plan(
                rel_picture, source.size, alpha=False, out_dir=posixpath.join(out, side), crop=crop
            )
            found.jobs[f"{out}/{rel_picture}"] = Job(source, picture)
            shown.append(
                picture_html(
                    picture, f"{word}: {pair.caption}", sizes=HALF_SIZES, site_url=build.site_url
                )
            )
        page.results.append((shown[0], shown[1], pair))


def finish(build: Build, found: Pictures, out_dir: str) -> int:
    """Make every picture into ``out_dir``; remove any original Pelican copied there."""
    from ..publishing.picture_files import file_digest, render_all

    cache = cache_dir(build.settings, build.sources.project_dir, "pictures")
    # Hashing every photo's bytes on every build costs more than copying its
    # sizes: the hash is kept (build.memo) while the file's size and time of
    # last change stay the same, the test rsync and Python's compiled modules trust.
    digests = {}
    for job in found.jobs.values():
        path = job.source.path
        state = os.stat(path)
        digests[path] = build.memo.reuse(
            ("picture digest", path, state.st_size, state.st_mtime_ns),
            functools.partial(file_digest, path),
        )
    made = render_all(found.jobs.values(), cache, out_dir, digests)
    replaced = {job.plan.fallback.path for job in found.jobs.values()}
    for rel in found.dropped - replaced:
        path = os.path.join(out_dir, rel)
        if os.path.lexists(path):
            os.remove(path)
    return made


def team_photos(build: Build, people: list[Person], found: Pictures) -> None:
    """Each team member's photo, in every size, and its published address and size."""
    for person in people:
        person.photo_html = ""
        picture = found.plans.get(person.photo) if person.photo else None
        if picture is None:
            person.photo_size = None  # an unusable photo is reported by collect()
            continue
        person.photo_html = picture_html(
            picture,
            person.photo_alt,
            site_url=build.site_url,
            sizes=PORTRAIT_SIZES,
            css_class="cl-picture",
        )
        person.photo_published = picture.fallback.path
        person.photo_size = (picture.fallback.width, picture.fallback.height)


def results_without_page(build: Build, pages: list[Content]) -> list[str]:
    """Treatment folders with a results.toml and no results page yet."""
    have = {getattr(p, "clinic_route", None) for p in pages}
    with_page = {r.treatment for r in have if r is not None and r.section == "results"}
    top = os.path.join(build.content_dir, "treatments")
    found = []
    for slug in sorted(os.listdir(top)) if os.path.isdir(top) else []:
        if slug not in with_page and os.path.isfile(os.path.join(top, slug, "results.toml")):
            found.append(slug)
    return found


__all__ = [
    "DECORATIVE",
    "Pair",
    "Pictures",
    "collect",
    "finish",
    "hero",
    "place_in_bodies",
    "results",
    "results_without_page",
]
