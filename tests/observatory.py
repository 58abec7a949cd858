"""Offline scorer for a page's HTTP headers, following the MDN HTTP Observatory.

Published source implemented: "Tests & Scoring" (MDN HTTP Observatory
documentation) and the score table, grade chart and scan procedure published
with the MDN HTTP Observatory scanner (mdn/mdn-http-observatory: the grader's
score table and grade chart, the scanner's total, and the per-test analyzers).
Rules as of scoring algorithm version 4, release 1.4.0 of 2025-03-17; the
published score table consulted also lists ``csp-not-implemented-but-
reporting-enabled`` (-25) and ``csp-implemented-but-duplicate-directives`` (0),
and both are included.  Nothing here is copied; it is a re-implementation.

The rules, in short:

* every site starts at 100; each test yields one result with a modifier;
* penalties (negative modifiers) always count; bonuses (positive modifiers)
  count only when 100 plus the penalties is at least 90;
* the score is never below 0 and has no maximum;
* grade: the score rounded down to a multiple of 5 (100 for anything above)
  looked up in the chart: 100 A+, 95/90 A, 85 A-, 80 B+, 75/70 B, 65 B-,
  60 C+, 55/50 C, 45 C-, 40 D+, 35/30 D, 25 D-, below 25 F.

What the live scanner fetches and this module is told instead:

* ``headers`` -- the response headers of the page (case-insensitive names;
  several cookies may be given in one ``Set-Cookie`` value, one a line);
* ``html`` -- the body of that page: ``<script>`` tags for the SRI test and
  ``<meta http-equiv>`` for CSP, Referrer-Policy and CORP;
* ``redirects_to_https`` -- the result of fetching ``http://``: True (the
  first redirect goes to HTTPS on the same host), False (no redirect), or the
  name of any redirection result from ``REDIRECTION_RESULTS``;
* ``hsts_preloaded`` -- whether the host is on the browsers' HSTS preload
  list.  The bonus is for being *on the list*; the ``preload`` directive alone
  earns nothing, exactly as in the published rules;
* ``site_host`` -- the page's host name, to tell own scripts from outside
  ones (without it, every absolute script URL counts as outside);
* ``cors_origin`` -- the ``Origin`` the CORS probe sent: an
  ``Access-Control-Allow-Origin`` equal to it together with
  ``Access-Control-Allow-Credentials: true`` is "universal access".

Kept as the scanner does it, though odd: X-Frame-Options counts as "implemented
via CSP" (+5) for any ``frame-ancestors`` value, and it looks at the combined
header and ``<meta>`` policies, where browsers ignore ``frame-ancestors``.

The site is taken to be served over HTTPS with a valid certificate.  A page
whose ``Content-Type`` is missing is taken to be HTML.

Known simplifications: the registrable domain of a script host is its last
two labels (the scanner uses the public suffix list); sources of several
CSP policies are sorted by code point (the scanner uses an English collator);
HTML that cannot be parsed at all (``html-not-parseable``, -20) never happens
with Python's lenient parser; an HSTS ``max-age`` that is not a number is
"header invalid" here (the scanner's number parsing lets it through).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

__all__ = [
    "GRADE_CHART", "MINIMUM_SCORE_FOR_BONUS", "MODIFIERS", "REDIRECTION_RESULTS",
    "Report", "TestResult", "grade_for", "parse_csp", "score",
]

BASELINE = 100
MINIMUM_SCORE_FOR_BONUS = 90
CORS_PROBE_ORIGIN = "https://observatory-probe.invalid"

# Scores are rounded down to a multiple of 5 (capped at 100) and looked up here.
GRADE_CHART = {
    100: "A+", 95: "A", 90: "A", 85: "A-", 80: "B+", 75: "B", 70: "B", 65: "B-",
    60: "C+", 55: "C", 50: "C", 45: "C-", 40: "D+", 35: "D", 30: "D", 25: "D-",
    20: "F", 15: "F", 10: "F", 5: "F", 0: "F",
}

# Published modifier of every result this module can produce.
MODIFIERS = {
    # content-security-policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-but-duplicate-directives": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    # cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # cross-origin-resource-sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # redirection
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "redirection-invalid-cert": -20,
    # referrer-policy
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # strict-transport-security
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    # subresource-integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # x-content-type-options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # x-frame-options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # cross-origin-resource-policy
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
}

REDIRECTION_RESULTS = tuple(k for k in MODIFIERS if k.startswith("redirection-"))

HTML_TYPES = {"text/html", "application/xhtml+xml"}


# --------------------------------------------------------------------------- results

@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class

    name: str
    result: str
    modifier: int
    passed: bool


@dataclass
class Report:
    score: int
    grade: str
    tests: list[TestResult] = field(default_factory=list)

    @property
    def penalties(self) -> int:
        return sum(t.modifier for t in self.tests if t.modifier < 0)

    @property
    def bonuses(self) -> int:
        return sum(t.modifier for t in self.tests if t.modifier > 0)

    @property
    def score_before_bonuses(self) -> int:
        return BASELINE + self.penalties

    @property
    def bonuses_awarded(self) -> bool:
        return self.score_before_bonuses >= MINIMUM_SCORE_FOR_BONUS

    @property
    def tests_passed(self) -> int:
        return sum(t.passed for t in self.tests)

    def test(self, name: str) -> TestResult:
        for t in self.tests:
            if t.name == name:
                return t
        raise KeyError(name)

    def table(self) -> str:
        rows = [("Test", "Result", "Modifier", "Pass")]
        rows += [(t.name, t.result, f"{t.modifier:+d}" if t.modifier else "0",
                  "yes" if t.passed else "no") for t in self.tests]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]

        def line(r):
            return "  ".join((r[0].ljust(widths[0]), r[1].ljust(widths[1]),
                              r[2].rjust(widths[2]), r[3])).rstrip()

        out = [line(rows[0]), "  ".join("-" * w for w in widths)]
        out += [line(r) for r in rows[1:]]
        if self.bonuses_awarded:
            how = (f"{BASELINE} baseline, penalties {self.penalties}, bonuses +{self.bonuses}"
                   f" (awarded: {self.score_before_bonuses} before bonuses"
                   f" >= {MINIMUM_SCORE_FOR_BONUS})")
        else:
            how = (f"{BASELINE} baseline, penalties {self.penalties}, bonuses +{self.bonuses}"
                   f" not awarded ({self.score_before_bonuses} before bonuses"
                   f" < {MINIMUM_SCORE_FOR_BONUS})")
        out.append("")
        out.append(f"Score {self.score}, grade {self.grade}: {how};"
                   f" {self.tests_passed}/{len(self.tests)} tests passed")
        return "\n".join(out)


def grade_for(points: int) -> str:
    points = max(points, 0)
    return GRADE_CHART[min(points - points % 5, 100)]


# --------------------------------------------------------------------------- inputs

class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.http_equiv: dict[str, list[str]] = {}
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): v for k, v in attrs}
        if tag == "meta" and attrs_d.get("http-equiv") and attrs_d.get("content") is not None:
            self.http_equiv.setdefault(attrs_d["http-equiv"].strip().lower(), []).append(
                attrs_d["content"])
        elif tag == "script":
            self.scripts.append(attrs_d)

    handle_startendtag = handle_starttag


class _Headers:
    """Case-insensitive view of the given headers."""

    def __init__(self, headers: dict[str, str]):
        self._h: dict[str, str] = {}
        for name, value in headers.items():
            key = name.strip().lower()
            self._h[key] = f"{self._h[key]}, {value}" if key in self._h else str(value)

    def get(self, name: str) -> str | None:
        return self._h.get(name.lower())


@dataclass
class _Page:
    headers: _Headers
    equiv: dict[str, list[str]]
    scripts: list[dict[str, str | None]]
    is_html: bool


# --------------------------------------------------------------------------- CSP

class CspInvalid(ValueError):
    pass


_SHORTEST_POLICY = len("img-src") - 1
_NOT_IN_META = ("frame-ancestors", "report-uri", "sandbox")
_ALLOWED_DUPLICATES = {"report-uri", "report-to"}
_DUPLICATES_KEY = "_duplicate_warnings"
_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
_UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
_BROAD_OR_INLINE = _BROAD | _UNSAFE_INLINE
_PASSIVE = ("img-src", "media-src")
_NONCE_HASH = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


def _path_part_match(a: str, b: str) -> bool:
    if not a:
        return True
    if a == "/" and not b:
        return True
    exact = not a.endswith("/")
    pa, pb = a.split("/"), b.split("/")
    if len(pa) > len(pb) or (exact and len(pa) != len(pb)):
        return False
    if not exact:
        pa.pop()
    return all(unquote(x) == unquote(y) for x, y in zip(pa, pb))


def parse_csp(policies: list[str]) -> dict[str, set[str]]:
    """Directive -> sources for one or more policies (raises CspInvalid).

    Several policies are combined the way the scanner does: a source counts
    only if every policy that names the directive allows it.
    """
    cleaned = [re.sub(r"[\r\n]", "", p).strip() for p in policies]
    if not cleaned:
        return {}
    for p in cleaned:
        if len(p) < _SHORTEST_POLICY:
            raise CspInvalid(f"policy too short: {p!r}")

    store: dict[str, list[list]] = {}  # directive -> [source, policy index, keep]
    duplicates: set[str] = set()
    for index, policy in enumerate(cleaned):
        seen: set[str] = set()
        for entry in policy.split(";"):
            parts = entry.strip().split()
            if not parts:
                continue
            directive = parts[0].lower()
            if directive in seen:
                if directive not in _ALLOWED_DUPLICATES:
                    raise CspInvalid(f"duplicate directive {directive} in policy {index}")
                duplicates.add(directive)
            seen.add(directive)
            keep = index == 0
            values = [[v.lower(), index, keep] for v in parts[1:]]
            if not values and directive.endswith("-src"):
                values = [["'none'", index, keep]]
            combined = values if index == 0 else store.get(directive, []) + values
            combined.sort(key=lambda s: s[0])
            for prev, cur in zip(combined, combined[1:]):
                if cur[1] == prev[1] and cur[0].startswith(prev[0]):
                    cur[2] = False  # superfluous: a shorter source already covers it
                if cur[1] != prev[1] and _path_part_match(prev[0], cur[0]):
                    cur[2] = True  # allowed by both policies
            store[directive] = [s for s in combined if s[2]]
            if index == 0 and len(cleaned) > 1:
                for s in store[directive]:
                    s[2] = False
    result = {d: ({s[0] for s in srcs} or {"'none'"}) for d, srcs in store.items()}
    if duplicates:
        result[_DUPLICATES_KEY] = duplicates
    return result


def _split_policies(values: list[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",")]


def _csp(page: _Page) -> tuple[str, dict[str, set[str]] | None]:
    """(result, parsed policy or None)."""
    header = page.headers.get("content-security-policy")
    http_policies = _split_policies([header] if header is not None else [])
    meta_policies = _split_policies(page.equiv.get("content-security-policy", []))

    try:
        csp = parse_csp(http_policies + meta_policies)
    except CspInvalid:
        return "csp-header-invalid", None
    try:
        header_only = parse_csp(http_policies)
    except CspInvalid:
        header_only = {}
    try:
        meta_only = parse_csp(meta_policies)
        for d in _NOT_IN_META:
            meta_only.pop(d, None)
    except CspInvalid:
        meta_only = {}

    if not header_only and not meta_only:
        if page.headers.get("content-security-policy-report-only"):
            return "csp-not-implemented-but-reporting-enabled", None
        return "csp-not-implemented", None

    result = None
    script_src = csp.get("script-src") or csp.get("default-src") or {"*"}
    object_src = csp.get("object-src") or csp.get("default-src") or {"*"}
    style_src = csp.get("style-src") or csp.get("default-src") or {"*"}

    def has_nonce_or_hash(sources):
        return any(s.startswith(_NONCE_HASH) for s in sources)

    # A nonce or hash makes browsers ignore 'unsafe-inline'.
    for sources in (script_src, style_src):
        if has_nonce_or_hash(sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script_src:
        if has_nonce_or_hash(script_src):
            for s in list(script_src):
                if s.startswith(tuple(_BROAD)) or s in ("'self'", "'unsafe-inline'"):
                    script_src.discard(s)
        else:
            result = "csp-header-invalid"

    active = [s for d, srcs in csp.items()
              if d not in _PASSIVE and d != "script-src" and d != _DUPLICATES_KEY
              for s in srcs] + list(script_src)
    passive = [s for d in _PASSIVE for s in (csp.get(d) or csp.get("default-src") or set())]

    def first(candidate):
        nonlocal result
        if result is None:
            result = candidate

    def insecure(s):
        return s.startswith(("http:", "ftp:"))

    if script_src & _BROAD_OR_INLINE or object_src & _BROAD:
        first("csp-implemented-with-unsafe-inline")
    if any(insecure(s) for s in active):  # the page is served over HTTPS
        first("csp-implemented-with-insecure-scheme")
    if "'unsafe-eval'" in script_src | style_src:
        first("csp-implemented-with-unsafe-eval")
    if any(insecure(s) for s in passive):
        first("csp-implemented-with-insecure-scheme-in-passive-content-only")
    if style_src & _BROAD_OR_INLINE:
        first("csp-implemented-with-unsafe-inline-in-style-src-only")
    if csp.get("default-src") == {"'none'"}:
        first("csp-implemented-with-no-unsafe-default-src-none")
    else:
        first("csp-implemented-with-no-unsafe")

    if result in _CSP_PASSING and _DUPLICATES_KEY in csp:
        # a passing policy that repeats report-uri/report-to: passes, but no bonus
        result = "csp-implemented-but-duplicate-directives"
    data = {d: s for d, s in csp.items() if d != _DUPLICATES_KEY}
    return result, data


_CSP_PASSING = {
    "csp-implemented-with-no-unsafe",
    "csp-implemented-with-no-unsafe-default-src-none",
    "csp-implemented-with-unsafe-inline-in-style-src-only",
    "csp-implemented-with-insecure-scheme-in-passive-content-only",
    "csp-implemented-but-duplicate-directives",
}


# --------------------------------------------------------------------------- other tests

_SIX_MONTHS = 15_552_000  # the scanner's "six months" (not 15768000, deliberately)


def _hsts(page: _Page, preloaded: bool) -> str:
    header = page.headers.get("strict-transport-security")
    result = "hsts-not-implemented"
    if header is not None:
        value = header[:1024]
        max_age = None
        if "," not in value:  # set more than once
            for part in (p.strip().lower() for p in value.split(";")):
                if part.startswith("max-age="):
                    digits = re.match(r'"?(\d+)', part[8:128])
                    max_age = int(digits.group(1)) if digits else None
        if max_age is None:
            result = "hsts-header-invalid"
        elif max_age < _SIX_MONTHS:
            result = "hsts-implemented-max-age-less-than-six-months"
        else:
            result = "hsts-implemented-max-age-at-least-six-months"
    if preloaded:
        result = "hsts-preloaded"
    return result


_HSTS_PASSING = {"hsts-preloaded", "hsts-implemented-max-age-at-least-six-months"}

_COOKIE_ORDER = [  # from least to most bad; a cookie can only make the result worse
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def _worse(new: str, old: str | None, order: list[str]) -> str:
    if old is None or order.index(new) > order.index(old):
        return new
    return old


def _cookies(page: _Page, hsts_passed: bool) -> str:
    raw = page.headers.get("set-cookie")
    lines = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    result = None
    cookies = []
    for line in lines:
        parts = [p.strip() for p in line.split(";")]
        name = parts[0].split("=", 1)[0].strip() if "=" in parts[0] else ""
        attrs: dict[str, str | None] = {}
        for p in parts[1:]:
            key, _, value = p.partition("=")
            attrs[key.strip().lower()] = value.strip() if _ else None
        if "samesite" in attrs and (attrs["samesite"] or "").lower() not in ("lax", "strict", "none"):
            result = _worse("cookies-samesite-flag-invalid", result, _COOKIE_ORDER)
        if name and name != "heroku-session-affinity":
            cookies.append((name.lower(), attrs))
    if not cookies:
        return "cookies-not-found"

    missing_samesite = False
    for name, attrs in cookies:
        secure, httponly = "secure" in attrs, "httponly" in attrs
        samesite = (attrs.get("samesite") or "").lower() or None
        session = "login" in name or "sess" in name
        if not secure and samesite == "none":
            result = _worse("cookies-samesite-flag-invalid", result, _COOKIE_ORDER)
        if not secure:
            result = _worse("cookies-without-secure-flag-but-protected-by-hsts" if hsts_passed
                            else "cookies-without-secure-flag", result, _COOKIE_ORDER)
        if "csrf" in name and not samesite:
            result = _worse("cookies-anticsrf-without-samesite-flag", result, _COOKIE_ORDER)
        if session and not secure:
            result = _worse("cookies-session-without-secure-flag-but-protected-by-hsts"
                            if hsts_passed else "cookies-session-without-secure-flag",
                            result, _COOKIE_ORDER)
        if session and not httponly:
            result = _worse("cookies-session-without-httponly-flag", result, _COOKIE_ORDER)
        missing_samesite = missing_samesite or not samesite
    if result is None:
        result = ("cookies-secure-with-httponly-sessions" if missing_samesite
                  else "cookies-secure-with-httponly-sessions-and-samesite")
    return result


def _cors(page: _Page, origin: str) -> str:
    acao = page.headers.get("access-control-allow-origin")
    if not acao:
        return "cross-origin-resource-sharing-not-implemented"
    if acao[:256].strip().lower() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = (page.headers.get("access-control-allow-credentials") or "").strip().lower()
    if acao == origin and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def _redirection(redirects_to_https: bool | str, preloaded: bool) -> str:
    if isinstance(redirects_to_https, str):
        if redirects_to_https not in REDIRECTION_RESULTS:
            raise ValueError(f"unknown redirection result {redirects_to_https!r};"
                             f" use one of {REDIRECTION_RESULTS}")
        return redirects_to_https
    if preloaded:  # every host on the way is preloaded: browsers never use http://
        return "redirection-all-redirects-preloaded"
    return "redirection-to-https" if redirects_to_https else "redirection-missing"


_REFERRER_GOOD = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
_REFERRER_BAD = ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade")


def _referrer(page: _Page) -> str:
    header = page.headers.get("referrer-policy")
    values = ([header] if header is not None else []) + page.equiv.get("referrer-policy", [])
    if not values:
        return "referrer-policy-not-implemented"
    # The last policy the browser understands wins; the meta tag comes last.
    known = [t.strip().lower() for t in ", ".join(values).split(",")
             if t.strip().lower() in _REFERRER_GOOD + _REFERRER_BAD]
    policy = known[-1] if known else ""
    if policy in _REFERRER_GOOD:
        return "referrer-policy-private"
    if policy in _REFERRER_BAD:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


_SRI_ORDER = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def _registrable(host: str) -> str:
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


def _sri(page: _Page, site_host: str | None) -> str:
    if not page.is_html:
        return "sri-not-implemented-response-not-html"
    if not page.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    result = None
    foreign = False
    for script in page.scripts:
        src = (script.get("src") or "").strip()
        if not src:
            continue  # inline script: nothing to check
        integrity = script.get("integrity") or ""
        protocol_relative = bool(re.match(r"^//[^/]", src))
        absolute = bool(re.match(r"^https?://", src, re.I))
        if protocol_relative or not absolute:
            same_site = True
        else:
            host = urlsplit(src).hostname or ""
            same_site = site_host is not None and _registrable(host) == _registrable(site_host)
        relative = not protocol_relative and not absolute
        own = relative or (same_site and not protocol_relative)
        secure_scheme = relative or (absolute and src.lower().startswith("https:"))
        if own:
            if integrity and secure_scheme and result is None:
                result = "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        if integrity and not secure_scheme:
            result = _worse("sri-implemented-but-external-scripts-not-loaded-securely",
                            result, _SRI_ORDER)
        elif not integrity and secure_scheme:
            result = _worse("sri-not-implemented-but-external-scripts-loaded-securely",
                            result, _SRI_ORDER)
        elif not integrity:
            result = _worse("sri-not-implemented-and-external-scripts-not-loaded-securely",
                            result, _SRI_ORDER)
    if result is None:
        result = ("sri-implemented-and-external-scripts-loaded-securely" if foreign
                  else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin")
    return result


_SRI_PASSING = {
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-not-implemented-response-not-html",
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "sri-not-implemented-but-no-scripts-loaded",
}


def _xcto(page: _Page) -> str:
    header = page.headers.get("x-content-type-options")
    if not header:
        return "x-content-type-options-not-implemented"
    if header[:256].strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def _xfo(page: _Page, csp_data: dict[str, set[str]] | None) -> str:
    header = page.headers.get("x-frame-options")
    if not header:
        result = "x-frame-options-not-implemented"
    else:
        value = header[:1024].strip().lower()
        if value in ("deny", "sameorigin"):
            result = "x-frame-options-sameorigin-or-deny"
        elif value.startswith("allow-from"):
            result = "x-frame-options-allow-from-origin"
        else:
            result = "x-frame-options-header-invalid"
    # A CSP frame-ancestors directive (any value) supersedes X-Frame-Options.
    if csp_data and "frame-ancestors" in csp_data:
        result = "x-frame-options-implemented-via-csp"
    return result


def _corp(page: _Page) -> str:
    header = page.headers.get("cross-origin-resource-policy")
    metas = page.equiv.get("cross-origin-resource-policy", [])
    value = header if header else (metas[-1] if metas else None)
    if not value:
        return "corp-not-implemented"
    return {
        "same-site": "corp-implemented-with-same-site",
        "same-origin": "corp-implemented-with-same-origin",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "corp-header-invalid")


# --------------------------------------------------------------------------- score

def score(headers: dict[str, str], *, html: str, redirects_to_https: bool | str = True,
          hsts_preloaded: bool = False, site_host: str | None = None,
          cors_origin: str = CORS_PROBE_ORIGIN) -> Report:
    """Score one page as the MDN HTTP Observatory would (see the module docstring)."""
    hdrs = _Headers(headers)
    mime = (hdrs.get("content-type") or "text/html").split(";")[0].strip().lower()
    is_html = mime in HTML_TYPES
    parser = _PageParser()
    if is_html:
        parser.feed(html or "")
        parser.close()
    page = _Page(hdrs, parser.http_equiv if is_html else {}, parser.scripts, is_html)

    csp_result, csp_data = _csp(page)
    hsts_result = _hsts(page, hsts_preloaded)
    cookies_result = _cookies(page, hsts_result in _HSTS_PASSING)
    cors_result = _cors(page, cors_origin)
    redirection_result = _redirection(redirects_to_https, hsts_preloaded)
    referrer_result = _referrer(page)
    sri_result = _sri(page, site_host)
    xcto_result = _xcto(page)
    xfo_result = _xfo(page, csp_data)
    corp_result = _corp(page)

    outcomes = [
        ("content-security-policy", csp_result, csp_result in _CSP_PASSING),
        ("cookies", cookies_result, cookies_result in {
            "cookies-not-found", "cookies-secure-with-httponly-sessions-and-samesite",
            "cookies-secure-with-httponly-sessions"}),
        ("cross-origin-resource-sharing", cors_result,
         cors_result != "cross-origin-resource-sharing-implemented-with-universal-access"),
        ("redirection", redirection_result, redirection_result in {
            "redirection-to-https", "redirection-not-needed-no-http",
            "redirection-all-redirects-preloaded"}),
        ("referrer-policy", referrer_result, referrer_result in {
            "referrer-policy-private", "referrer-policy-not-implemented"}),
        ("strict-transport-security", hsts_result, hsts_result in _HSTS_PASSING),
        ("subresource-integrity", sri_result, sri_result in _SRI_PASSING),
        ("x-content-type-options", xcto_result, xcto_result == "x-content-type-options-nosniff"),
        ("x-frame-options", xfo_result, xfo_result in {
            "x-frame-options-implemented-via-csp", "x-frame-options-sameorigin-or-deny",
            "x-frame-options-allow-from-origin"}),
        ("cross-origin-resource-policy", corp_result, corp_result != "corp-header-invalid"),
    ]
    tests = [TestResult(name, result, MODIFIERS[result], passed)
             for name, result, passed in outcomes]

    penalties = sum(t.modifier for t in tests if t.modifier < 0)
    everything = sum(t.modifier for t in tests)
    before_bonuses = BASELINE + penalties
    total = BASELINE + everything if before_bonuses >= MINIMUM_SCORE_FOR_BONUS else before_bonuses
    total = max(total, 0)
    return Report(score=total, grade=grade_for(total), tests=tests)
