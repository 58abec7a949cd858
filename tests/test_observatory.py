"""The Observatory scorer, the ``_headers`` parser and the local headers server.

Expected scores are worked out by hand from the published modifiers (see the
docstring of ``observatory.py``): 100, plus every penalty, plus every bonus
only when 100 + penalties >= 90.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from headers_server import headers_for, parse_headers_file, serve_with_headers
from observatory import GRADE_CHART, MODIFIERS, grade_for, parse_csp, score

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")
PERFECT = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title>'
        '<link rel="stylesheet" href="/theme/css/site.css"></head>'
        '<body><h1>Clinic</h1><img src="/theme/logo.png" alt=""></body></html>')


def with_(**changes: str | None) -> dict[str, str]:
    """PERFECT with headers changed (name_with_underscores=value) or dropped (None)."""
    headers = dict(PERFECT)
    for key, value in changes.items():
        name = key.replace("_", "-")
        headers = {k: v for k, v in headers.items() if k.lower() != name.lower()}
        if value is not None:
            headers[name] = value
    return headers


def results(report) -> dict[str, tuple[str, int, bool]]:
    return {t.name: (t.result, t.modifier, t.passed) for t in report.tests}


# --------------------------------------------------------------------------- whole scores

def test_perfect_static_site_scores_120_with_three_bonuses():
    report = score(PERFECT, html=PAGE)
    assert (report.score, report.grade) == (120, "A+")
    got = results(report)
    assert got["content-security-policy"] == (
        "csp-implemented-with-no-unsafe-default-src-none", 10, True)
    assert got["referrer-policy"] == ("referrer-policy-private", 5, True)
    assert got["x-frame-options"] == ("x-frame-options-implemented-via-csp", 5, True)
    assert got["cookies"] == ("cookies-not-found", 0, True)
    assert got["subresource-integrity"] == ("sri-not-implemented-but-no-scripts-loaded", 0, True)
    assert got["strict-transport-security"] == (
        "hsts-implemented-max-age-at-least-six-months", 0, True)
    assert got["cross-origin-resource-sharing"][0] == (
        "cross-origin-resource-sharing-not-implemented")
    assert got["redirection"] == ("redirection-to-https", 0, True)
    assert len(report.tests) == 10 and report.tests_passed == 10


def test_preload_directive_alone_earns_nothing_but_being_on_the_list_does():
    assert score(PERFECT, html=PAGE).test("strict-transport-security").modifier == 0
    report = score(PERFECT, html=PAGE, hsts_preloaded=True)
    assert report.test("strict-transport-security").result == "hsts-preloaded"
    assert report.test("redirection").result == "redirection-all-redirects-preloaded"
    assert (report.score, report.grade) == (125, "A+")


def test_corp_same_origin_adds_ten():
    report = score(with_(Cross_Origin_Resource_Policy="same-origin"), html=PAGE)
    assert report.test("cross-origin-resource-policy").result == "corp-implemented-with-same-origin"
    assert (report.score, report.grade) == (130, "A+")


@pytest.mark.parametrize("changes, expected_score, expected_grade", [
    # no CSP: -25 -> 75 before bonuses, so no bonus; XFO DENY is then a plain 0
    ({"Content_Security_Policy": None}, 75, "B"),
    # 'unsafe-inline' in script-src: -20 -> 80, bonuses withheld
    ({"Content_Security_Policy": CSP + "; script-src 'self' 'unsafe-inline'"}, 80, "B+"),
    # 'unsafe-eval': -10 -> exactly 90, so the other bonuses (+5 +5) still count
    ({"Content_Security_Policy": CSP + "; script-src 'self' 'unsafe-eval'"}, 100, "A+"),
    # 'unsafe-inline' only in style-src: 0, no default-src bonus, 100 + 5 + 5
    ({"Content_Security_Policy": CSP.replace("style-src 'self'",
                                             "style-src 'self' 'unsafe-inline'")}, 110, "A+"),
    # default-src 'self' instead of 'none': +5 instead of +10
    ({"Content_Security_Policy": CSP.replace("default-src 'none'",
                                             "default-src 'self'")}, 115, "A+"),
    # HSTS shorter than six months: -10 -> exactly 90, bonuses awarded
    ({"Strict_Transport_Security": "max-age=86400"}, 110, "A+"),
    # ... plus no X-Content-Type-Options: -15 -> 85, bonuses withheld
    ({"Strict_Transport_Security": "max-age=86400", "X_Content_Type_Options": None}, 85, "A-"),
    # no HSTS at all: -20
    ({"Strict_Transport_Security": None}, 80, "B+"),
    # no X-Content-Type-Options: -5 -> 95 + 20
    ({"X_Content_Type_Options": None}, 115, "A+"),
    # no Referrer-Policy: 0, one bonus fewer
    ({"Referrer_Policy": None}, 115, "A+"),
    # unsafe referrer policy: -5 -> 95 + 15 (its own +5 is gone)
    ({"Referrer_Policy": "unsafe-url"}, 110, "A+"),
    # neither CSP nor X-Frame-Options: -25 -20 -> 55
    ({"Content_Security_Policy": None, "X_Frame_Options": None}, 55, "C"),
    # ACAO: * is public access, no penalty
    ({"Access_Control_Allow_Origin": "*"}, 120, "A+"),
])
def test_known_header_sets(changes, expected_score, expected_grade):
    report = score(with_(**changes), html=PAGE)
    assert (report.score, report.grade) == (expected_score, expected_grade), report.table()


def test_no_security_headers_at_all_scores_30():
    report = score({}, html=PAGE)
    assert (report.score, report.grade) == (30, "D")
    assert report.penalties == -70 and not report.bonuses_awarded


def test_score_never_goes_below_zero():
    headers = {
        "Referrer-Policy": "unsafe-url",
        "Access-Control-Allow-Origin": "https://probe.example",
        "Access-Control-Allow-Credentials": "true",
        "Set-Cookie": "sessionid=1",
    }
    html = '<script src="http://cdn.example.net/x.js"></script>'
    report = score(headers, html=html, redirects_to_https=False, cors_origin="https://probe.example")
    assert report.test("cross-origin-resource-sharing").modifier == -50
    assert report.test("subresource-integrity").result == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely")
    assert report.penalties < -100
    assert (report.score, report.grade) == (0, "F")


def test_redirection_is_stated_by_the_caller():
    assert score(PERFECT, html=PAGE, redirects_to_https=False).score == 80
    off_host = score(PERFECT, html=PAGE, redirects_to_https="redirection-off-host-from-http")
    assert off_host.test("redirection").modifier == -5 and off_host.score == 115
    with pytest.raises(ValueError):
        score(PERFECT, html=PAGE, redirects_to_https="redirection-somewhere")


def test_header_names_are_case_insensitive():
    lower = {k.lower(): v for k, v in PERFECT.items()}
    assert score(lower, html=PAGE).score == 120


# --------------------------------------------------------------------------- single tests

@pytest.mark.parametrize("value, result", [
    ("max-age=15552000", "hsts-implemented-max-age-at-least-six-months"),
    ("max-age=15551999", "hsts-implemented-max-age-less-than-six-months"),
    ("includeSubDomains; preload", "hsts-header-invalid"),
    ("max-age=31536000, max-age=31536000", "hsts-header-invalid"),
    ("max-age=abc", "hsts-header-invalid"),
])
def test_hsts(value, result):
    got = score(with_(Strict_Transport_Security=value), html=PAGE).test("strict-transport-security")
    assert got.result == result
    assert got.modifier == MODIFIERS[result]


@pytest.mark.parametrize("csp, result", [
    ("default-src 'none'; script-src 'strict-dynamic'", "csp-header-invalid"),
    ("default-src 'none'; script-src 'nonce-abc' 'strict-dynamic' https: 'unsafe-inline'",
     "csp-implemented-with-no-unsafe-default-src-none"),
    ("default-src 'none'; script-src 'sha256-abc=' 'unsafe-inline'",  # hash: inline ignored
     "csp-implemented-with-no-unsafe-default-src-none"),
    ("default-src 'none'; img-src 'self'; img-src https:", "csp-header-invalid"),
    ("default-src 'none'; report-uri /a; report-uri /b",
     "csp-implemented-but-duplicate-directives"),
    ("default-src 'self' http://cdn.example.net", "csp-implemented-with-insecure-scheme"),
    ("default-src 'none'; img-src http:", "csp-implemented-with-insecure-scheme-in-passive-content-only"),
    ("img-src 'self'", "csp-implemented-with-unsafe-inline"),  # script-src unrestricted
    ("default-src 'none'; object-src https:", "csp-implemented-with-unsafe-inline"),
    ("default-src 'none'; script-src data:", "csp-implemented-with-unsafe-inline"),
    ("x", "csp-header-invalid"),
])
def test_csp_classification(csp, result):
    got = score(with_(Content_Security_Policy=csp), html=PAGE).test("content-security-policy")
    assert got.result == result
    assert got.modifier == MODIFIERS[result]


def test_csp_report_only_is_not_a_policy():
    headers = with_(Content_Security_Policy=None, Content_Security_Policy_Report_Only=CSP)
    got = score(headers, html=PAGE).test("content-security-policy")
    assert (got.result, got.modifier, got.passed) == (
        "csp-not-implemented-but-reporting-enabled", -25, False)


def test_csp_from_meta_tag_counts_but_frame_ancestors_there_does_not():
    meta = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'self'; frame-ancestors 'none'\">")
    html = PAGE.replace("<title>", meta + "<title>")
    report = score(with_(Content_Security_Policy=None, X_Frame_Options=None), html=html)
    assert report.test("content-security-policy").result == (
        "csp-implemented-with-no-unsafe-default-src-none")
    only_meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"frame-ancestors 'none'\">"
    report = score(with_(Content_Security_Policy=None), html=PAGE.replace("<title>",
                                                                           only_meta + "<title>"))
    assert report.test("content-security-policy").result == "csp-not-implemented"
    assert report.test("x-frame-options").result == "x-frame-options-sameorigin-or-deny"


def test_two_policies_allow_only_what_both_allow():
    parsed = parse_csp(["default-src 'none'; script-src 'self' 'unsafe-inline' https://a.example",
                        "script-src 'self' https://a.example"])
    assert parsed == {"default-src": {"'none'"},
                      "script-src": {"'self'", "https://a.example"}}
    # a folder source in one policy covers a file below it in the other
    parsed = parse_csp(["script-src https://a.example/js/", "script-src https://a.example/js/app.js"])
    assert parsed == {"script-src": {"https://a.example/js/app.js"}}
    # second policy forbids what the first allowed for scripts: only 'self' survives
    two = "default-src 'none'; script-src 'self' 'unsafe-inline', script-src 'self'"
    got = score(with_(Content_Security_Policy=two), html=PAGE).test("content-security-policy")
    assert got.result == "csp-implemented-with-no-unsafe-default-src-none"


@pytest.mark.parametrize("xfo, csp, result", [
    ("DENY", None, "x-frame-options-sameorigin-or-deny"),
    ("sameorigin", None, "x-frame-options-sameorigin-or-deny"),
    ("ALLOW-FROM https://example.org/", None, "x-frame-options-allow-from-origin"),
    ("ALLOWALL", None, "x-frame-options-header-invalid"),
    (None, None, "x-frame-options-not-implemented"),
    (None, "default-src 'none'; frame-ancestors 'self'", "x-frame-options-implemented-via-csp"),
    ("ALLOWALL", "default-src 'none'; frame-ancestors 'none'", "x-frame-options-implemented-via-csp"),
])
def test_x_frame_options(xfo, csp, result):
    got = score(with_(X_Frame_Options=xfo, Content_Security_Policy=csp), html=PAGE)
    assert got.test("x-frame-options").result == result
    assert got.test("x-frame-options").modifier == MODIFIERS[result]


@pytest.mark.parametrize("value, result", [
    ("nosniff", "x-content-type-options-nosniff"),
    (" NoSniff ", "x-content-type-options-nosniff"),
    ("sniff", "x-content-type-options-header-invalid"),
])
def test_x_content_type_options(value, result):
    assert score(with_(X_Content_Type_Options=value), html=PAGE).test(
        "x-content-type-options").result == result


@pytest.mark.parametrize("value, result", [
    ("strict-origin-when-cross-origin", "referrer-policy-private"),
    ("no-referrer, unsafe-url", "referrer-policy-unsafe"),  # the last known one wins
    ("unsafe-url, whatever", "referrer-policy-unsafe"),
    ("whatever", "referrer-policy-header-invalid"),
])
def test_referrer_policy(value, result):
    assert score(with_(Referrer_Policy=value), html=PAGE).test("referrer-policy").result == result


@pytest.mark.parametrize("cookie, result, expected_score", [
    ("theme=dark; Secure; HttpOnly; SameSite=Lax",
     "cookies-secure-with-httponly-sessions-and-samesite", 125),
    ("theme=dark; Secure", "cookies-secure-with-httponly-sessions", 120),
    ("theme=dark", "cookies-without-secure-flag-but-protected-by-hsts", 115),
    ("sessionid=1; Secure", "cookies-session-without-httponly-flag", 70),
    ("theme=dark; Secure; SameSite=Sometimes", "cookies-samesite-flag-invalid", 80),
])
def test_cookies(cookie, result, expected_score):
    report = score(with_(Set_Cookie=cookie), html=PAGE)
    assert report.test("cookies").result == result
    assert report.score == expected_score


@pytest.mark.parametrize("html, result, expected_score", [
    ('<script src="/theme/app.js"></script>',
     "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 120),
    ('<script type="application/ld+json">{"@type": "MedicalClinic"}</script>',
     "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 120),
    ('<script src="https://static.clinic.example/app.js"></script>',
     "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 120),
    ('<script src="https://cdn.example.net/lib.js"></script>',
     "sri-not-implemented-but-external-scripts-loaded-securely", 115),
    ('<script src="https://cdn.example.net/lib.js" integrity="sha384-abc" crossorigin></script>',
     "sri-implemented-and-external-scripts-loaded-securely", 125),
    ('<script src="//cdn.example.net/lib.js" integrity="sha384-abc"></script>',
     "sri-implemented-but-external-scripts-not-loaded-securely", 80),
    ('<script src="/theme/app.js" integrity="sha384-abc"></script>',
     "sri-implemented-and-all-scripts-loaded-securely", 125),
])
def test_subresource_integrity(html, result, expected_score):
    report = score(PERFECT, html=PAGE.replace("</body>", html + "</body>"),
                   site_host="www.clinic.example")
    assert report.test("subresource-integrity").result == result
    assert report.score == expected_score


def test_sri_is_not_needed_for_non_html():
    report = score(with_(Content_Type="application/json"), html='<script src="http://x.test/a.js">')
    assert report.test("subresource-integrity").result == "sri-not-implemented-response-not-html"


@pytest.mark.parametrize("points, grade", [
    (0, "F"), (24, "F"), (25, "D-"), (29, "D-"), (30, "D"), (39, "D"), (40, "D+"), (45, "C-"),
    (50, "C"), (59, "C"), (60, "C+"), (65, "B-"), (70, "B"), (79, "B"), (80, "B+"), (85, "A-"),
    (89, "A-"), (90, "A"), (99, "A"), (100, "A+"), (145, "A+"), (-10, "F"),
])
def test_grade_chart(points, grade):
    assert grade_for(points) == grade
    assert set(GRADE_CHART.values()) == {"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-",
                                         "D+", "D", "D-", "F"}


def test_table_lists_every_test_and_the_total():
    report = score(with_(X_Content_Type_Options=None), html=PAGE)
    table = report.table()
    lines = table.splitlines()
    assert lines[0].split() == ["Test", "Result", "Modifier", "Pass"]
    for t in report.tests:
        assert any(line.startswith(t.name) and t.result in line for line in lines)
    assert "x-content-type-options-not-implemented" in table and " -5  no" in table
    assert "+10  yes" in table
    assert lines[-1].startswith("Score 115, grade A+")
    assert "9/10 tests passed" in lines[-1]


# --------------------------------------------------------------------------- _headers

HEADERS_FILE = """\
# Made by the build.
/*
  X-Frame-Options: DENY
  Cache-Control: no-cache
  X-Robots-Tag: noindex

# long cache for assets
/theme/*
  Cache-Control: public, max-age=31536000, immutable
  ! X-Robots-Tag
/blog/:slug/
  X-Kind: post
/print.css
  X-Kind: stylesheet
"""


def test_parse_headers_file_blocks_and_comments():
    rules = parse_headers_file(HEADERS_FILE)
    assert [pattern for pattern, _ in rules] == ["/*", "/theme/*", "/blog/:slug/", "/print.css"]
    assert rules[0][1] == {"X-Frame-Options": "DENY", "Cache-Control": "no-cache",
                           "X-Robots-Tag": "noindex"}
    assert rules[1][1] == {"Cache-Control": "public, max-age=31536000, immutable",
                           "X-Robots-Tag": None}
    assert all("#" not in p for p, _ in rules)


def test_header_value_keeps_colons_and_semicolons():
    rules = parse_headers_file("/*\n  Content-Security-Policy: default-src 'none'; img-src https://a.example:8443\n")
    assert rules == [("/*", {"Content-Security-Policy":
                             "default-src 'none'; img-src https://a.example:8443"})]


@pytest.mark.parametrize("text", [
    "  X-Frame-Options: DENY\n",             # header before any path
    "/*\n  X-Frame-Options DENY\n",           # no colon
    "/*\nX-Frame-Options: DENY\n",            # not indented
    "*.html\n  X-Frame-Options: DENY\n",      # path must start with /
])
def test_parse_headers_file_rejects_malformed_lines(text):
    with pytest.raises(ValueError, match="line"):
        parse_headers_file(text)


def test_headers_for_splat_placeholder_and_joining():
    rules = parse_headers_file(HEADERS_FILE)
    # every matching block applies; the same header from two blocks is joined with ", "
    assert headers_for("/theme/css/site.css", rules) == {
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-cache, public, max-age=31536000, immutable",
    }
    # "/*" matches the root; ":slug" matches exactly one segment
    assert headers_for("/", rules)["X-Robots-Tag"] == "noindex"
    assert headers_for("/blog/first-post/", rules)["X-Kind"] == "post"
    assert "X-Kind" not in headers_for("/blog/a/b/", rules)
    assert "X-Kind" not in headers_for("/blog/", rules)
    # splat matches deeper paths and the bare folder; exact patterns are exact
    assert "immutable" in headers_for("/theme/", rules)["Cache-Control"]
    assert "immutable" not in headers_for("/themes/x.css", rules)["Cache-Control"]
    assert headers_for("/print.css?v=2", rules)["X-Kind"] == "stylesheet"
    assert "X-Kind" not in headers_for("/print.css.map", rules)


def test_headers_for_is_case_insensitive_in_names_and_keeps_first_spelling():
    rules = parse_headers_file("/*\n  x-test: a\n/a\n  X-Test: b\n")
    assert headers_for("/a", rules) == {"x-test": "a, b"}
    assert headers_for("/b", rules) == {"x-test": "a"}


def test_pattern_dots_are_literal():
    rules = parse_headers_file("/a.html\n  X-A: 1\n")
    assert headers_for("/a.html", rules) == {"X-A": "1"}
    assert headers_for("/aXhtml", rules) == {}


# --------------------------------------------------------------------------- server

@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    tmp_path = tmp_path / "site"
    tmp_path.mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Not here</h1>", encoding="utf-8")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<h1>About</h1>", encoding="utf-8")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "site.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "theme" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "theme" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    lines = ["# test site", "/*"] + [f"  {k}: {v}" for k, v in PERFECT.items()]
    lines += ["/theme/*", "  Cache-Control: public, max-age=31536000, immutable"]
    (tmp_path / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def fetch(url: str, method: str = "GET"):
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_server_applies_headers_and_serves_index(site):
    with serve_with_headers(site) as base:
        assert base.startswith("http://127.0.0.1:")
        status, headers, body = fetch(base + "/")
        assert status == 200
        assert body.decode() == PAGE
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Content-Security-Policy"] == CSP
        assert headers["X-Frame-Options"] == "DENY"
        assert "Cache-Control" not in headers
        for url in ("/about/", "/about"):
            status, _, body = fetch(base + url)
            assert (status, body) == (200, b"<h1>About</h1>")


@pytest.mark.parametrize("path, content_type", [
    ("/theme/site.css", "text/css; charset=utf-8"),
    ("/theme/logo.svg", "image/svg+xml"),
    ("/theme/logo.png", "image/png"),
    ("/sitemap.xml", "application/xml"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/data.json", "application/json"),
])
def test_server_content_types(site, path, content_type):
    with serve_with_headers(site) as base:
        status, headers, _ = fetch(base + path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    if path.startswith("/theme/"):
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_server_404_uses_site_page_and_still_sends_headers(site):
    with serve_with_headers(site) as base:
        status, headers, body = fetch(base + "/no/such/page/")
        assert status == 404
        assert body == b"<h1>Not here</h1>"
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["X-Content-Type-Options"] == "nosniff"
        # the _headers file is configuration, not content; no escaping the folder
        assert fetch(base + "/_headers")[0] == 404
        assert fetch(base + "/%2e%2e/secret.txt")[:1] == (404,)
        assert fetch(base + "/%2e%2e/secret.txt")[2] == b"<h1>Not here</h1>"


def test_server_head_has_headers_and_no_body(site):
    with serve_with_headers(site) as base:
        status, headers, body = fetch(base + "/", method="HEAD")
    assert status == 200 and body == b""
    assert headers["Strict-Transport-Security"] == PERFECT["Strict-Transport-Security"]


def test_server_stops_on_exit(site):
    with serve_with_headers(site) as base:
        assert fetch(base + "/")[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/", timeout=2)


def test_served_site_scores_like_its_headers(site):
    with serve_with_headers(site) as base:
        _, headers, body = fetch(base + "/")
    report = score(dict(headers.items()), html=body.decode())
    assert (report.score, report.grade) == (120, "A+"), report.table()
