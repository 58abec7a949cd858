"""Pictures on a fictional clinic, built and published for real, read back from the output.

The fixture's photos carry what a phone photo carries (GPS position, camera
serial number, date, XMP, a colour profile); none of it may be published.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import copy_project
from fixture_clinics import RESULTS, photo, write_clinic
from headers_server import serve_with_headers

SITE = "https://clinic.example.org"
SECRETS = (b"SERIAL-0042", b"ExampleCam", b"made-up patient name", b"2026:01:02 03:04:05")
BODY = (
    "Made-up text.\n\n![A made-up chart of stripes](/images/peel.jpg)\n\n"
    "![decorative]({static}/images/peel.jpg)\n"
)


def _with_body_pictures(project) -> None:
    project.edit("content/treatments/peel/benefits.md", "Made-up text for a test.", BODY)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pictures") / "site")
    write_clinic(project.root)
    _with_body_pictures(project)
    result = project.publish()
    assert result.returncode == 0, result.output
    return result


def _soup(result, url):
    return BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")


def test_no_published_picture_carries_metadata(published):
    pictures = [
        p
        for p in published.out_dir.rglob("*")
        if p.suffix in (".jpg", ".jpeg", ".png", ".avif", ".webp")
    ]
    assert len(pictures) >= 20
    for path in pictures:
        data = path.read_bytes()
        assert not any(secret in data for secret in SECRETS), path
        with Image.open(path) as image:
            assert not dict(image.getexif()), path
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(
                image.info
            ), (path, image.info.keys())


def test_the_treatment_photo_leads_the_page_and_is_its_link_preview(published):
    page = _soup(published, "/treatments/peel/")
    hero = page.select_one("main picture.cl-hero")
    img = hero.img
    assert (img["width"], img["height"], img.get("fetchpriority")) == ("1600", "1067", "high")
    assert not img.has_attr("loading")
    assert img["alt"] == "A made-up picture: orange and grey stripes"
    assert hero.source["type"] == "image/avif"
    share = page.find("meta", property="og:image")["content"]
    assert share == f"{SITE}/images/peel-share.jpg"
    with Image.open(published.out_dir / "images" / "peel-share.jpg") as image:
        assert image.size == (1200, 630)
    procedure = next(
        n
        for n in json.loads(page.find("script", type="application/ld+json").string)["@graph"]
        if n.get("@id") == f"{SITE}/treatments/peel/#procedure"
    )
    assert procedure["image"] == {
        "@type": "ImageObject",
        "url": share,
        "width": 1200,
        "height": 630,
    }


def test_every_srcset_entry_is_a_file_of_that_width(published):
    page = _soup(published, "/treatments/peel/")
    for tag in page.select("picture source, picture img"):
        for entry in tag["srcset"].split(", "):
            url, width = entry.split()
            with Image.open(published.out_dir / url.replace(f"{SITE}/", "")) as image:
                assert image.width == int(width[:-1]), url


def test_pictures_in_the_text_become_lazy_pictures(published):
    pictures = _soup(published, "/treatments/peel/benefits/").select(".cl-prose picture")
    assert [p.img["alt"] for p in pictures] == ["A made-up chart of stripes", ""]
    assert all(p.img["loading"] == "lazy" for p in pictures)


def test_results_pairs_are_the_same_size_with_alt_text_and_the_notice(published):
    page = _soup(published, "/treatments/peel/results/")
    assert page.h1.get_text() == "Fictional peel: results"
    assert "Individual results vary" in page.select_one(".cl-results__notice").get_text()
    pair = page.select_one(".cl-results__pair")
    images = pair.select("img")
    assert [i["alt"] for i in images] == [
        "Before: A made-up cheek, after three sessions",
        "After: A made-up cheek, after three sessions",
    ]
    assert {(i["width"], i["height"]) for i in images} == {("880", "1100")}
    nav = [a.get_text() for a in page.select(".cl-sections a, .cl-sections [aria-current]")]
    assert nav[-1] == "Results"
    assert page.select_one(".cl-review").get_text().count("Alex Example") == 1


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pictures-dev") / "site")
    write_clinic(project.root)
    _with_body_pictures(project)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("text", ["100%", "200%"])
def test_no_picture_is_wider_than_its_column(browser, preview, width, text):
    with serve_with_headers(preview.out_dir) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for url in (
            "/treatments/peel/",
            "/treatments/peel/results/",
            "/treatments/peel/benefits/",
            "/team/alex-example/",
        ):
            assert page.goto(base + url).status == 200
            page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
            column = page.locator("main").bounding_box()
            for index in range(page.locator("main img").count()):
                box = page.locator("main img").nth(index).bounding_box()
                assert box["x"] >= column["x"] - 0.5, (url, index, box)
                assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5, (
                    url,
                    index,
                    box,
                    column,
                )
        page.close()


def _dev_output(tmp_path, change) -> str:
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    change(project)
    return project.build().output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda p: p.edit(
                "content/treatments/peel/index.md", "images/peel.jpg", "images/gone.jpg"
            ),
            "content/treatments/peel/index.md:8: There is no content/images/gone.jpg.",
        ),
        (
            lambda p: p.write("content/images/leaflet.jpg", "%PDF-1.4 not a picture"),
            "content/images/leaflet.jpg: This file is not a picture the site can read (save it as "
            "JPEG or PNG).",
        ),
        (
            lambda p: Image.new("L", (8001, 10)).save(p.root / "content/images/scan.png"),
            "content/images/scan.png: This file is 8001x10 pixels, larger than the 8000 pixels a "
            "side may be.",
        ),
        (
            lambda p: p.edit(
                "content/treatments/peel/index.md",
                "Image-Alt: A made-up picture: orange and grey stripes",
                "Image-Alt: IMG_2041.jpg",
            ),
            'content/treatments/peel/index.md:9: "Image-Alt" is "IMG_2041.jpg", a file name, which '
            "tells a listener nothing.",
        ),
        (
            lambda p: p.edit(
                "content/treatments/peel/benefits.md",
                "Made-up text for a test.",
                "![IMG_2041.jpg](/images/peel.jpg)",
            ),
            "content/treatments/peel/benefits.md:5: The alt text of the image peel.jpg is "
            '"IMG_2041.jpg", a file name, which tells a listener nothing.',
        ),
        (
            lambda p: p.write(
                "content/treatments/peel/results.toml",
                RESULTS.replace("consent = 2026-01-15\n", ""),
            ),
            "content/treatments/peel/results.toml:1: Pair 1 has no consent date: a patient's "
            "pictures are published only with their written consent.",
        ),
    ],
)
def test_bad_pictures_name_the_file_and_line(tmp_path, change, message):
    assert message in _dev_output(tmp_path, change)


def test_publish_refuses_a_pair_without_consent(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    project.write(
        "content/treatments/peel/results.toml", RESULTS.replace("consent = 2026-01-15\n", "")
    )
    result = project.publish()
    assert result.returncode == 1
    assert "Pair 1 has no consent date" in result.output


def test_a_large_photo_gets_advice_and_is_still_published(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    # a small photo made large by what it carries: 6 MB of colour profile
    Image.new("RGB", (800, 600), (10, 20, 30)).save(
        project.root / "content/images/big.jpg", icc_profile=bytes(6 * 1024 * 1024)
    )
    size = (project.root / "content/images/big.jpg").stat().st_size
    assert size > 6 * 1024 * 1024
    result = project.build()
    assert "content/images/big.jpg: This picture is 6.0 MB." in result.output, result.output
    assert "resize it to keep the project small" in result.output
    assert result.page("/images/big.jpg").stat().st_size < 100 * 1024


def test_a_rebuild_makes_no_picture_twice(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    cache = tmp_path / "own-cache"  # not the cache the other tests share
    env = {"CLINIC_CACHE": str(cache)}
    assert project.build(env=env).returncode == 0
    # the pictures' cache (the kept results beside it change with any new input)
    pictures = cache / "pictures"
    before = {p: p.stat().st_mtime_ns for p in pictures.rglob("*") if p.is_file()}
    assert len(before) >= 20
    photo(project.root / "content/images/new.jpg", (800, 600))
    assert project.build(env=env).returncode == 0
    after = {p: p.stat().st_mtime_ns for p in pictures.rglob("*") if p.is_file()}
    assert {p: after[p] for p in before} == before  # nothing made again
    assert sorted(p.name for p in set(after) - set(before)) == [
        "360x270.avif",
        "360x270.jpeg",
        "720x540.avif",
        "720x540.jpeg",
        "800x600.avif",
        "800x600.jpeg",
    ]


def test_a_photo_replaced_by_another_is_published_anew(tmp_path):
    """A photo's hash is kept while its size and time of change stay; a new file changes them."""
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    env = {"CLINIC_CACHE": str(tmp_path / "own-cache")}
    target = project.root / "content/images/new.jpg"
    photo(target, (800, 600))
    first = project.build(env=env)
    assert first.returncode == 0
    made = {p: p.read_bytes() for p in first.out_dir.rglob("new*") if p.is_file()}
    assert made
    # another picture of the same size in pixels, written later: other bytes
    Image.new("RGB", (800, 600), (200, 40, 40)).save(target, quality=90)
    second = project.build(env=env)
    assert second.returncode == 0
    again = {p: p.read_bytes() for p in second.out_dir.rglob("new*") if p.is_file()}
    assert again.keys() == made.keys()
    assert all(again[p] != made[p] for p in made)
