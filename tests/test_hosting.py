"""Host files: _headers, _redirects, sitemap, robots, precompressed siblings."""

import gzip

import brotli

from clinic.publishing.hosting import (
    headers_file,
    html_patterns,
    meta_csp,
    precompress,
    redirects_file,
    robots_txt,
    sitemap_xml,
)
from clinic.rules.redirects import redirect_rules


def test_each_html_path_gets_exactly_one_cache_rule_and_assets_another():
    patterns = html_patterns(
        [
            "",
            "contact/",
            "treatments/",
            "treatments/peel/",
            "treatments/peel/benefits/",
            "blog/",
            "blog/post/",
            "404.html",
        ]
    )
    assert patterns == [
        "/",
        "/404.html",
        "/blog/*",
        "/contact/",
        "/favicon.ico",
        "/robots.txt",
        "/sitemap.xml",
        "/treatments/*",
    ]
    text = headers_file(patterns)
    blocks = text.split("\n/")[1:]  # the first is the comment line
    # each page pattern, the pictures (short: they keep their names) and the theme (long)
    assert sum("Cache-Control" in b for b in blocks) == len(patterns) + 2
    assert "/theme/*\n  Cache-Control: public, max-age=31536000, immutable" in text
    assert "/images/*\n  Cache-Control: public, max-age=300" in text
    first = blocks[0]
    assert "Cache-Control" not in first  # /* must not add a second Cache-Control anywhere
    assert (
        "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'" in first
    )
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in first


def test_meta_csp_leaves_out_what_a_meta_element_cannot_carry():
    assert "frame-ancestors" not in meta_csp()
    assert meta_csp().startswith("default-src 'none'")


def test_redirect_rules_and_their_problems():
    pages = [
        ("content/pages/a.md", "a/", "/old-a/, /a/"),
        ("content/pages/b.md", "b/", "/a/, /old-a/, old-b"),
        ("content/pages/c.md", "c/", None),
    ]
    rules, problems = redirect_rules(pages, lambda source, key: 2)
    assert rules == [("/old-a/", "/a/")]
    assert [str(p) for p in problems] == [
        'content/pages/a.md:2: "Redirect-From" has /a/, this page\'s own address: a redirect '
        "loop. Remove it from the list.",
        'content/pages/b.md:2: "Redirect-From" has /a/, which is the address of '
        "content/pages/a.md: visitors could never reach that page. Remove it, or move that "
        "page first.",
        'content/pages/b.md:2: "Redirect-From" has /old-a/, which content/pages/a.md also '
        "redirects. Keep it on one page only.",
        'content/pages/b.md:2: "Redirect-From" has "old-b", which is not an address on this '
        "site. Write the old address as it was, starting with /, for example /old-page/.",
    ]
    assert redirects_file(rules).splitlines()[1] == "/old-a/ /a/ 301"


def test_sitemap_and_robots():
    xml = sitemap_xml(
        [("https://c.example.org/", ""), ("https://c.example.org/a&b/", "2026-03-01")]
    )
    assert (
        "<url><loc>https://c.example.org/a&amp;b/</loc><lastmod>2026-03-01</lastmod></url>" in xml
    )
    assert robots_txt("https://c.example.org").endswith(
        "Sitemap: https://c.example.org/sitemap.xml\n"
    )


def test_precompressed_siblings_decompress_to_the_original(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>" * 50)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    assert precompress(str(tmp_path)) == 1
    original = (tmp_path / "index.html").read_bytes()
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == original
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == original
    assert not (tmp_path / "photo.png.gz").exists()
