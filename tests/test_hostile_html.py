"""Page bodies may hold only allowed HTML; static files that could run are not copied.

A fictional clinic is built with one page for each way the old scan for other
websites was walked past: publish refuses each with file and line, and a
development build writes pages with none of it active.
"""

from __future__ import annotations

import base64

import pytest
from bs4 import BeautifulSoup

from fixture_clinic import SITE, fixture_clinic, plain_page

OTHER_SITE = (
    "A <{tag}> loads {url} from another website, which would tell that site who "
    "reads this page. Serve the file from this site (content/images/), or make it "
    "an ordinary link that visitors can choose to follow."
)

# page name -> (Markdown body, the line staff see after "content/pages/<name>.md:")
HOSTILE = {
    "iframe-entity": (
        'Before.\n\n<iframe src="&#47;&#47;evil.example/"></iframe>\n',
        "6: " + OTHER_SITE.format(tag="iframe", url="https://evil.example/"),
    ),
    "script-backslash": (
        '<script src="\\\\evil.example/x.js"></script>\n',
        "4: " + OTHER_SITE.format(tag="script", url="https://evil.example/x.js"),
    ),
    "image-slash-backslash": (
        'A picture: <img src="/\\evil.example/x.png" alt="a spot">\n',
        "4: " + OTHER_SITE.format(tag="img", url="https://evil.example/x.png"),
    ),
    "table-background": (
        '<table background="https://evil.example/bg.png"><tr><td>1</td></tr></table>\n',
        "4: " + OTHER_SITE.format(tag="table", url="https://evil.example/bg.png"),
    ),
    "svg-feimage": (
        '<svg><filter id="f"><feImage href="https://evil.example/f.png"/></filter></svg>\n',
        "4: <svg> is not allowed in a page: drawings written into a page can run programs "
        "and load files. Save the drawing as a file in content/images/",
    ),
    "video-entity": (
        '<video src="&#x2f;&#x2f;evil.example/v.mp4"></video>\n',
        "4: " + OTHER_SITE.format(tag="video", url="https://evil.example/v.mp4"),
    ),
    "style-quot": (
        '<p style="background: url(&quot;//evil.example/b.png&quot;)">Hello</p>\n',
        "4: " + OTHER_SITE.format(tag="p", url="https://evil.example/b.png"),
    ),
    "inline-script": (
        "Words.\n\n<script>window.__pwned = 1</script>\n",
        "6: <script> is not allowed in a page: it would run a program in the visitor's "
        "browser. Remove it: the site's pages run no programs.",
    ),
    "event-attribute": (
        '<p onmouseover="window.__pwned = 1">Hover</p>\n',
        "4: The attribute onmouseover on <p> is not allowed: it would run a program in the "
        "visitor's browser. Remove it.",
    ),
    "javascript-link": (
        "[Book now](javascript:window.__pwned=1)\n",
        "4: The address javascript:window.__pwned=1 in href on <a> is not allowed: a "
        "javascript: address runs a program when it is followed. Link to a web page",
    ),
    "meta-refresh": (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">\n',
        "4: <meta> is not allowed in a page: it would change how the browser treats the page "
        "(a refresh sends visitors elsewhere). Remove it.",
    ),
    "base": (
        '<base href="https://evil.example/">\n',
        "4: <base> is not allowed in a page: it would change where every link on the page "
        "leads. Remove it.",
    ),
    "iframe-srcdoc": (
        '<iframe srcdoc="&lt;script&gt;parent.__pwned = 1&lt;/script&gt;"></iframe>\n',
        "4: <iframe> is not allowed in a page: it would show another page or program inside "
        "this one. Remove it, and link to that page instead",
    ),
    "link-ping": (
        '<a href="https://other.example/" ping="https://evil.example/p">more</a>\n',
        "4: The attribute ping on <a> is not allowed: it would tell another website that the "
        "visitor followed the link. Remove it; the link works without it.",
    ),
    "heading-script": (
        "Intro.\n\n## Aftercare <script>window.__pwned = 1</script>\n\nText.\n",
        "6: <script> is not allowed in a page: it would run a program in the visitor's browser.",
    ),
}
MARK = "window.__pwned = 1"
SUMMARY_PAGE = (
    "Title: Summary\nSummary: Plain words about peels <script>window.__pwned = 1"
    "</script> for a test of summaries that is long enough.\n\nBody.\n"
)

SVG_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>window.__pwned = 1</script>\n</svg>\n'
)
SVG_FINE = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    b'viewBox="0 0 2 2"><rect width="2" height="2" fill="#336699"/></svg>\n'
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
STATIC = {
    "page.html": b"<script>window.__pwned = 1</script>",
    "app.js": b"1",
    "drawing.svgz": b"\x1f\x8b",
    "bad.svg": SVG_SCRIPT,
    "fine.svg": SVG_FINE,
    "photo.png": PNG,
}
STATIC_MESSAGES = [
    "content/images/page.html: This kind of file (.html) can run a program in the browser of "
    "anyone who opens it, so it was not copied to the site. Remove it: pages are written in "
    "Markdown, and pictures go in content/images/ as .jpg, .png, .webp or .svg.",
    "content/images/app.js: This kind of file (.js) can run a program",
    "content/images/drawing.svgz: This kind of file (.svgz) can run a program",
    "content/images/bad.svg:2: <script> in this picture could run a program in the browser of "
    "anyone who opens it, so the picture was not copied to the site. Export the picture again "
    "as plain SVG (no scripts, no links or files from other websites), or save it as PNG.",
]


def hostile_clinic(root):
    pages = {
        f"pages/{name}.md": plain_page(name.replace("-", " ").title(), body)
        for name, (body, _) in HOSTILE.items()
    }
    pages["pages/summary.md"] = SUMMARY_PAGE
    # outside every section: reported as such, and still written by Pelican
    pages["treatments/stray.md"] = plain_page("Stray", f"<script>{MARK}</script>")
    project = fixture_clinic(root, pages)
    for name, data in STATIC.items():
        path = project.file(f"content/images/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return project


def expected_lines():
    lines = [f"content/pages/{name}.md:{line}" for name, (_, line) in HOSTILE.items()]
    lines.append("content/pages/summary.md:2: <script> is not allowed in a page")
    return lines + STATIC_MESSAGES


@pytest.fixture(scope="module")
def developed(tmp_path_factory):
    project = hostile_clinic(tmp_path_factory.mktemp("hostile") / "site")
    return project.build()


def test_publish_refuses_each_with_file_and_line(tmp_path):
    project = hostile_clinic(tmp_path / "site")
    result = project.build("publishconf.py", {"SITEURL": SITE})
    assert result.returncode == 1, result.output
    for line in expected_lines():
        assert line in result.output
    assert "nothing was published." in result.output


def test_development_build_reports_each_and_builds(developed):
    assert developed.returncode == 0, developed.output
    for line in expected_lines():
        assert line in developed.output


@pytest.mark.parametrize("name", [*HOSTILE, "summary"])
def test_development_pages_hold_nothing_that_runs_or_loads_from_elsewhere(developed, name):
    page = developed.page(f"/{name}/")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"]
    assert soup.find_all(["iframe", "svg", "video", "base", "object", "embed"]) == []
    assert soup.find_all("meta", attrs={"http-equiv": True}) == []
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.startswith("on") and attr not in ("ping", "background", "srcdoc")
            assert "javascript" not in str(value).lower(), (tag.name, attr)
            if attr in ("src", "srcset", "style"):
                assert "evil" not in str(value), (tag.name, attr)
    assert "__pwned" not in page.read_text(encoding="utf-8")


def test_a_page_outside_every_section_is_checked_too(developed):
    assert "content/treatments/stray.md:4: <script> is not allowed in a page" in developed.output
    written = [p for p in developed.out_dir.rglob("*.html") if "stray" in p.name]
    assert written and all("__pwned" not in p.read_text(encoding="utf-8") for p in written)


def test_refused_static_files_are_not_copied_and_the_rest_are(developed):
    images = developed.out_dir / "images"
    # the photo is published as the picture pipeline makes it (AVIF beside the PNG)
    assert sorted(p.name for p in images.iterdir()) == ["fine.svg", "photo-1.avif", "photo.png"]
