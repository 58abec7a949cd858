"""The published site: head tags, host files, headers as a host serves them."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

import kestrel
from conftest import ROOT, TODAY
from headers_server import serve_with_headers
from test_bad_input import NAME, PHONE, complete
from test_site import EXPECTED

SITE = "https://clinic.example.org"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture clinic with every missing fact filled in, through `make publish`."""
    root = tmp_path_factory.mktemp("publish") / "site"
    shutil.copytree(
        ROOT,
        root,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "node_modules",
            "output",
            ".publish",
            ".publish-tmp",
            "__pycache__",
            ".pytest_cache",
        ),
    )
    from conftest import Project

    kestrel.write_content(root)  # the fictional clinic, whatever content/ holds
    complete(Project(root))
    done = _make_publish(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "output"


def _make_publish(root: Path):
    venv_bin = Path(sys.executable).parent
    return subprocess.run(
        [
            "make",
            "publish",
            f"BIN={venv_bin}",
            f"VENV={venv_bin.parent}",
            f"PELICAN_OPTS=-e CLINIC_TODAY='\"{TODAY}\"'",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": f"{venv_bin}:/usr/bin:/bin",
            "SITEURL": SITE,
            "HOME": str(root),
            "CLINIC_CACHE": os.environ["CLINIC_CACHE"],
        },
    )


def pages(out: Path):
    for url in EXPECTED:
        path = out / url.lstrip("/")
        path = path / "index.html" if url.endswith("/") else path
        yield url, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_a_complete_head(published):
    titles = set()
    for url, page in pages(published):
        head = page.head
        title = head.title.get_text()
        assert title not in titles, f"duplicate title {title}"
        titles.add(title)
        description = head.find("meta", attrs={"name": "description"})["content"]
        assert 50 <= len(description) <= 160, url
        canonical = head.find("link", rel="canonical")["href"]
        assert canonical == SITE + url.replace("index.html", ""), url
        og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        assert og["og:url"] == canonical and og["og:title"] == title
        assert og["og:description"] == description
        # the clinic's share card, or the page's own photo cropped to 1200x630
        assert og["og:image"].startswith(f"{SITE}/theme/img/share.") or (
            og["og:image"].startswith(f"{SITE}/images/") and og["og:image"].endswith("-share.jpg")
        ), og["og:image"]
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert head.find("meta", attrs={"name": "theme-color"})
        assert page.html["lang"] == ("es" if url.startswith("/es/") else "en")
        csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert csp.startswith("default-src 'none'")
        icons = [link["href"] for link in head.find_all("link", rel=["icon", "apple-touch-icon"])]
        for href in icons:
            assert (published / href.replace(SITE + "/", "")).is_file(), href


def test_sitemap_lists_every_page_but_the_404_with_absolute_urls(published):
    tree = ElementTree.parse(published / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {
        e.findtext("s:loc", namespaces=ns): e.findtext("s:lastmod", namespaces=ns)
        for e in tree.getroot()
    }
    expected = {SITE + url for url in EXPECTED if url != "/404.html"}
    assert set(locs) == expected
    assert locs[f"{SITE}/treatments/microneedling/"] == "2026-11-01"  # the review date
    assert (
        published / "robots.txt"
    ).read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITE}/sitemap.xml\n"


def test_assets_are_fingerprinted_and_precompressed(published):
    css = list((published / "theme" / "css").glob("site.*.css"))
    assert len(css) == 1
    assert (
        gzip.decompress(css[0].with_name(css[0].name + ".gz").read_bytes()) == css[0].read_bytes()
    )
    assert (published / "index.html.br").is_file()
    assert not (published / "theme" / "css" / "site.css").exists()


def test_no_page_refers_to_another_origin(published):
    for url, page in pages(published):
        for tag in page.find_all(["link", "script", "img", "iframe", "source"]):
            ref = tag.get("href") or tag.get("src") or ""
            if tag.name == "link" and tag.get("rel") == ["canonical"]:
                continue
            assert not ref.startswith("http") or ref.startswith(SITE), (url, ref)


@pytest.fixture(scope="module")
def served(published):
    with serve_with_headers(published) as base:
        yield base


def fetch(url: str):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/treatments/microneedling/side-effects/",
        "/contact/",
        "/blog/treating-dark-spots/",
        "/404.html",
    ],
)
def test_html_gets_security_headers_and_short_caching(served, url):
    status, headers, _ = fetch(served + url)
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_assets_get_a_year_of_immutable_caching(served, published):
    css = next((published / "theme" / "css").glob("site.*.css")).name
    status, headers, _ = fetch(f"{served}/theme/css/{css}")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_missing_pages_get_the_404_page(served):
    status, _, body = fetch(served + "/no-such-page/")
    assert status == 404
    assert "Page not found" in body


def test_a_failed_publish_leaves_the_previous_output_untouched(published, tmp_path):
    root = published.parent
    before = {p: p.read_bytes() for p in published.rglob("*") if p.is_file()}
    broken = root / "content" / "treatments" / "microneedling" / "benefits.md"
    original = broken.read_text(encoding="utf-8")
    broken.write_text(
        original.replace("Reviewed: 2026-11-01", "Reviewed: someday"), encoding="utf-8"
    )
    try:
        done = _make_publish(root)
    finally:
        broken.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert "benefits.md:3" in done.stdout + done.stderr
    after = {p: p.read_bytes() for p in published.rglob("*") if p.is_file()}
    assert after == before


def test_published_graphs_have_no_error_and_no_warning(published):
    from clinic.schema.google import check_google
    from clinic.schema.vocabulary import validate_graph

    docs = {}
    for url, page in pages(published):
        docs[url] = json.loads(page.find("script", type="application/ld+json").string)
    known = {n["@id"] for doc in docs.values() for n in doc["@graph"]}
    for url, doc in docs.items():
        assert validate_graph(doc, known) == [], url
        assert check_google(doc, absolute_urls=True) == [], url


# Where a link or a file reference can be in a written page
_REFERENCES = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
)


def _internal_targets(html: str, site: str) -> list[str]:
    """Every address a page refers to on its own site, without fragment or query."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in _REFERENCES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not isinstance(value, str) or not value:
                continue  # absent (a class list is the one value that is not text)
            urls = (
                [part.strip().split()[0] for part in value.split(",")]
                if attribute == "srcset"
                else [value]
            )
            for url in urls:
                if url.startswith(site):
                    url = url[len(site) :] or "/"
                elif url.startswith(("#", "//")) or ":" in url.split("/")[0]:
                    continue  # a fragment, another site, tel:, mailto:
                found.append(url.split("#")[0].split("?")[0])
    return found


def test_every_internal_reference_in_a_published_clinic_resolves(project):
    """A fictional clinic with every kind of page and of link: nothing leads nowhere."""
    complete(project)
    project.edit("content/clinic.toml", NAME, 'name = "Harbour Skin"')
    project.edit("content/clinic.toml", PHONE, 'phone = "305-555-0142 ext. 55"')
    from PIL import Image

    project.file("content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(project.file("content/images/room.png"))
    project.write(
        "content/pages/visiting.md",
        (
            "Title: Visiting the clinic\n"
            "Summary: How to find the clinic, where to park and what to bring on the day of "
            "your first visit.\n\n"
            "See [the side effects]({filename}/treatments/microneedling/side-effects.md), "
            "[our privacy notes]({filename}../pages/privacy.md), [contact](/contact/), "
            "[the blog](/blog/) and [treatments](../treatments/#top).\n\n"
            "![The waiting room]({static}/images/room.png)\n"
        ),
    )
    result = project.publish()
    assert result.returncode == 0, result.output
    out = result.out_dir
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 14
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for marker in ("{filename}", "{static}", "{attach}"):
            assert marker not in html, (path, marker)
        for target in _internal_targets(html, SITE):
            if target.startswith("/"):
                file = out / target.lstrip("/")
            else:
                file = (path.parent / target).resolve()
            if target.endswith("/") or file.is_dir():
                file = file / "index.html"
            assert file.is_file(), (str(path.relative_to(out)), target)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+13055550142;ext=55"' in home
    assert "(305) 555-0142 ext. 55" in home
    contact = (out / "contact" / "index.html").read_text(encoding="utf-8")
    graph = json.loads(
        BeautifulSoup(contact, "html.parser").find("script", type="application/ld+json").string
    )["@graph"]
    assert graph[0]["telephone"] == "+13055550142 ext. 55"


def test_a_published_blog_post_describes_itself(project):
    """Read on its own, a post names its publisher, its review, its image and one date."""
    complete(project)
    project.edit("content/clinic.toml", NAME, 'name = "Harbour Skin"')
    project.edit(
        "content/articles/treating-dark-spots.md", "Reviewed: 2026-11-01", "Reviewed: 2026-11-24"
    )
    result = project.publish()
    assert result.returncode == 0, result.output
    html = result.page("/blog/treating-dark-spots/").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    doc = json.loads(soup.find("script", type="application/ld+json").string)
    nodes = {node["@id"]: node for node in doc["@graph"]}
    post = nodes[f"{SITE}/blog/treating-dark-spots/#post"]
    publisher = nodes[post["publisher"]["@id"]]
    assert publisher == {
        "@type": "MedicalOrganization",
        "@id": f"{SITE}/#clinic",
        "name": "Harbour Skin",
        "url": f"{SITE}/",
        "logo": publisher["logo"],
        "telephone": kestrel.E164,
    }
    assert publisher["logo"].startswith(f"{SITE}/theme/img/logo.")
    image = post["image"]
    assert (image["@type"], image["width"], image["height"]) == ("ImageObject", 1200, 630)
    assert image["url"] == soup.find("meta", property="og:image")["content"]
    assert (result.out_dir / image["url"].removeprefix(SITE + "/")).is_file()
    page = nodes[post["mainEntityOfPage"]["@id"]]
    shown = soup.select_one(".cl-review time")["datetime"]
    assert page["lastReviewed"] == shown == "2026-11-24"
    assert page["reviewedBy"] == {"@type": "Person", "name": "A. Reviewer, MD"}
    tree = ElementTree.parse(result.out_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        e.findtext("s:loc", namespaces=ns): e.findtext("s:lastmod", namespaces=ns)
        for e in tree.getroot()
    }
    assert post["dateModified"][:10] == lastmod[f"{SITE}/blog/treating-dark-spots/"] == "2026-11-24"
    from clinic.schema.google import check_google
    from clinic.schema.vocabulary import validate_graph

    assert validate_graph(doc, set(nodes)) == []
    assert check_google(doc, absolute_urls=True) == []
