"""Making the picture files: read, clean, resize, encode, cache, write.

Every published picture is re-encoded from its pixels alone: EXIF (a
phone's GPS position, the camera's serial number, the date), XMP, IPTC and
comments never reach the output, and a colour profile is converted to sRGB
first, so colours stay right without it.  Each variant is cached on disk
under the source's content hash and the settings, so a rebuild (and every
``make serve`` refresh) encodes nothing twice.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

from PIL import Image, UnidentifiedImageError

from .pictures import Plan, Variant

# Bumped whenever encoding changes, so cached variants are made again.
ENCODING = "1:avif-q52-s8:jpeg-q80:png-9"
MAX_BYTES = 20 * 1024 * 1024  # refused above this
ADVISE_BYTES = 5 * 1024 * 1024  # advice to resize above this
MAX_SIDE = 8000  # pixels; refused above this
FORMATS = {"JPEG", "PNG", "WEBP"}  # what a picture in content/ may be


class Source(NamedTuple):
    path: str  # on disk
    size: tuple[int, int]
    alpha: bool
    bytes: int


class PictureError(ValueError):
    """Why a file cannot be a picture on the site; completes 'is ...'."""


def inspect(path: str) -> Source:
    """A picture's size and transparency, read from its header; ``PictureError`` if unusable."""
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        raise PictureError(
            f"{size / 1024 / 1024:.1f} MB, larger than the "
            f"{MAX_BYTES // 1024 // 1024} MB a picture may be"
        )
    try:
        with Image.open(path) as image:
            kind = image.format or ""
            width, height = image.size
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PictureError("not a picture the site can read (save it as JPEG or PNG)") from error
    if kind not in FORMATS:
        raise PictureError(f"a {kind or 'file of unknown kind'} picture; save it as JPEG or PNG")
    if max(width, height) > MAX_SIDE:
        raise PictureError(
            f"{width}x{height} pixels, larger than the {MAX_SIDE} pixels a side may be"
        )
    return Source(path, (width, height), alpha, size)


def clean(image: Image.Image, alpha: bool) -> Image.Image:
    """The picture's pixels alone, upright and in sRGB, with no metadata at all."""
    # loaded only when a picture is encoded: most builds copy cached ones
    from PIL import ImageCms, ImageOps

    image = ImageOps.exif_transpose(image) or image
    profile = image.info.get("icc_profile")
    mode = "RGBA" if alpha else "RGB"
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = (
                ImageCms.profileToProfile(
                    image.convert(mode), source, ImageCms.createProfile("sRGB"), outputMode=mode
                )
                or image
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: the pixels as they are
    pixels = image.convert(mode)
    fresh = Image.new(mode, pixels.size)
    fresh.paste(pixels)
    return fresh  # a new image carries no info, exif, xmp or icc


def _cropped(image: Image.Image, plan: Plan) -> Image.Image:
    if plan.crop is None:
        return image
    width, height = image.size
    left = (width - plan.crop.width) // 2
    top = (height - plan.crop.height) // 2
    return image.crop((left, top, left + plan.crop.width, top + plan.crop.height))


def _encode(image: Image.Image, variant: Variant) -> bytes:
    resized = (
        image.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        if image.size != (variant.width, variant.height)
        else image
    )
    out = io.BytesIO()
    if variant.mime == "image/avif":
        resized.save(out, "AVIF", quality=52, speed=8)
    elif variant.mime == "image/png":
        resized.save(out, "PNG", compress_level=9)
    else:
        resized.convert("RGB").save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


def _share(image: Image.Image, variant: Variant) -> bytes:
    from PIL import ImageOps  # see clean

    fitted = ImageOps.fit(
        image.convert("RGB"),
        (variant.width, variant.height),
        Image.Resampling.LANCZOS,
        centering=(0.5, 0.5),
    )
    return _encode(fitted, variant)


class Job(NamedTuple):
    source: Source
    plan: Plan
    share: Variant | None = None


def _key(job: Job, digest: str) -> str:
    crop = f"{job.plan.crop.width}x{job.plan.crop.height}" if job.plan.crop else "-"
    return hashlib.sha256(f"{digest}|{crop}|{ENCODING}".encode()).hexdigest()[:24]


def file_digest(path: str) -> str:
    """The hash of a picture's bytes: its cached variants are kept under it."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def render(job: Job, cache_dir: str, out_dir: str, digest: str | None = None) -> int:
    """Write every variant of a job into ``out_dir``; returns how many were encoded now.

    ``digest`` is ``file_digest`` of the job's picture, when the caller knows it.
    """
    digest = digest or file_digest(job.source.path)
    folder = os.path.join(cache_dir, _key(job, digest))
    wanted = list(job.plan.variants) + ([job.share] if job.share else [])
    missing = [v for v in wanted if not os.path.exists(os.path.join(folder, _cached_name(v)))]
    if missing:
        os.makedirs(folder, exist_ok=True)
        with Image.open(job.source.path) as opened:
            image = _cropped(clean(opened, job.source.alpha), job.plan)
        for variant in missing:
            data = _share(image, variant) if variant is job.share else _encode(image, variant)
            # a name of its own: another build, or another thread of this one
            # given the same photo twice, may be writing the same variant
            temporary = os.path.join(
                folder, f"{_cached_name(variant)}.{os.getpid()}.{threading.get_ident()}.tmp"
            )
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, os.path.join(folder, _cached_name(variant)))
    for variant in wanted:
        target = os.path.join(out_dir, variant.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.remove(target)  # Pelican's copy of the original, metadata and all
        shutil.copyfile(os.path.join(folder, _cached_name(variant)), target)
    return len(missing)


def _cached_name(variant: Variant) -> str:
    return f"{variant.width}x{variant.height}.{variant.mime.split('/')[1]}" + (
        "-share" if variant.path.endswith("-share.jpg") else ""
    )


def render_all(
    jobs: Iterable[Job],
    cache_dir: str,
    out_dir: str,
    digests: Mapping[str, str] | None = None,
    workers: int = 2,
) -> int:
    """Every job, on ``workers`` threads (the encoders release the interpreter lock).

    ``digests``: ``file_digest`` of pictures the caller knows, by path.
    """
    known = digests or {}
    jobs = list(jobs)
    if not jobs:
        return 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return sum(
            pool.map(lambda job: render(job, cache_dir, out_dir, known.get(job.source.path)), jobs)
        )
