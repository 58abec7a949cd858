"""The security and cache headers a host sends for a published site.

A fictional clinic (tests/fixture_clinic.py) is published for real, and its
``_headers`` file is both read as text and applied by the test server, the
way Netlify and Cloudflare Pages apply it.  Each expected value is written
here from what the site needs (it runs no script, embeds nothing, posts no
form, and is served only over HTTPS), not copied from the code that writes it.
The real MDN HTTP Observatory scan of the same build is part of `make audit`.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from fixture_clinics import publish_fixture_clinic
from headers_server import parse_headers_file, serve_with_headers

ONE_YEAR = 365 * 24 * 60 * 60
# CSP fetch directives that fall back to default-src when absent (CSP Level 3).
FALLS_BACK_TO_DEFAULT = {
    "script-src",
    "object-src",
    "style-src",
    "img-src",
    "font-src",
    "connect-src",
    "media-src",
    "frame-src",
    "child-src",
    "worker-src",
    "manifest-src",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    result = publish_fixture_clinic(tmp_path_factory.mktemp("fixture") / "site")
    assert result.returncode == 0, result.output
    return result.out_dir


@pytest.fixture(scope="module")
def served(published):
    with serve_with_headers(published) as base:
        yield base


def fetch(url: str) -> tuple[int, dict[str, str]]:
    """Status and headers; a header sent twice shows as both values joined, as a browser sees it."""
    try:
        with urllib.request.urlopen(url) as response:
            message, status = response.headers, response.status
    except urllib.error.HTTPError as error:
        message, status = error.headers, error.code
    return status, {name: ", ".join(message.get_all(name)) for name in set(message.keys())}


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0].lower() not in directives, f"{words[0]} twice in {policy!r}"
            directives[words[0].lower()] = words[1:]
    return directives


def effective(directives: dict[str, list[str]], name: str) -> list[str] | None:
    if name in directives:
        return directives[name]
    return directives.get("default-src") if name in FALLS_BACK_TO_DEFAULT else None


def test_the_headers_file_puts_the_security_headers_on_every_path(published):
    rules = parse_headers_file((published / "_headers").read_text(encoding="utf-8"))
    everywhere = dict(next(values for pattern, values in rules if pattern == "/*"))
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
    ):
        assert everywhere.get(name), f"{name} is not set for /*"
    # No later rule takes a security header away or sets a second one.
    for pattern, values in rules:
        if pattern != "/*":
            assert set(values) == {"Cache-Control"}, (pattern, values)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/contact/",
        "/404.html",
        "/no-such-page/",
        "/robots.txt",
        "/sitemap.xml",
        "/favicon.ico",
    ],
)
def test_every_response_refuses_scripts_plugins_framing_and_foreign_requests(served, path):
    status, headers = fetch(served + path)
    assert status == (404 if path == "/no-such-page/" else 200)
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert effective(csp, "script-src") == ["'none'"]  # the site runs no script
    assert effective(csp, "object-src") == ["'none'"]  # no plugins
    assert effective(csp, "frame-src") == ["'none'"]  # embeds nothing
    assert effective(csp, "style-src") == ["'self'"]  # its own stylesheet only
    assert effective(csp, "img-src") == ["'self'"]  # its own images only
    # Nothing is fetched by script, but Lighthouse reads /robots.txt through this.
    assert effective(csp, "connect-src") == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]  # nobody may frame it
    assert csp["base-uri"] == ["'none'"]  # no <base> to redirect links
    assert csp["form-action"] == ["'none'"]  # no forms
    assert not any(
        value in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")
        for values in csp.values()
        for value in values
    ), csp
    assert headers["X-Frame-Options"] == "DENY"  # the same, for old browsers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"  # a health page's address stays private
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_https_is_required_for_a_year_on_every_subdomain(served):
    _, headers = fetch(served + "/")
    parts = [part.strip() for part in headers["Strict-Transport-Security"].split(";")]
    max_age = next(int(part.split("=", 1)[1]) for part in parts if part.startswith("max-age="))
    assert max_age >= ONE_YEAR
    assert "includeSubDomains" in parts


def test_powerful_browser_features_are_switched_off(served):
    _, headers = fetch(served + "/")
    policy = {
        item.split("=", 1)[0].strip(): item.split("=", 1)[1].strip()
        for item in headers["Permissions-Policy"].split(",")
    }
    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
        assert policy.get(feature) == "()", feature


def test_pages_are_cached_briefly_and_fingerprinted_assets_for_a_year(served, published):
    assets = [
        p
        for p in (published / "theme").rglob("*")
        if p.is_file() and re.search(r"\.[0-9a-f]{10}\.[a-z]+$", p.name)
    ]
    assert {p.suffix for p in assets} >= {".css", ".svg", ".png"}
    for asset in assets:
        _, headers = fetch(served + "/" + asset.relative_to(published).as_posix())
        directives = [d.strip() for d in headers["Cache-Control"].split(",")]
        assert "immutable" in directives and f"max-age={ONE_YEAR}" in directives, asset.name
    for path in ("/", "/contact/", "/404.html", "/sitemap.xml"):
        _, headers = fetch(served + path)
        directives = [d.strip() for d in headers["Cache-Control"].split(",")]
        max_ages = [int(d.split("=")[1]) for d in directives if d.startswith("max-age=")]
        # One value only (two matching rules would join theirs), and short: an edit shows soon.
        assert len(max_ages) == 1 and max_ages[0] <= 600, (path, directives)
        assert "immutable" not in directives, path


def test_every_file_the_host_serves_gets_exactly_one_cache_rule(served, published):
    for file in published.rglob("*"):
        if (
            not file.is_file()
            or file.name in ("_headers", "_redirects")
            or file.suffix in (".gz", ".br")
        ):
            continue
        rel = file.relative_to(published).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        status, headers = fetch(served + url)
        assert status == 200, url
        assert headers["Cache-Control"].count("max-age=") == 1, (url, headers["Cache-Control"])
