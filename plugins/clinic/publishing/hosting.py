"""What static hosts need beside the pages: headers, redirects, sitemap, robots.

Pure text builders, plus ``precompress`` for hosts that serve ``.gz`` and
``.br`` files.  The security headers are defined once here; the ``_headers``
file (Netlify, Cloudflare Pages) and the CSP ``<meta>`` for hosts without
custom headers (GitHub Pages) are both made from them.
"""

from __future__ import annotations

import gzip
import os
from xml.sax.saxutils import escape

# The site serves only its own stylesheet and images; it runs no script,
# embeds nothing and posts no form, so everything else is refused.
CSP_DIRECTIVES = (
    ("default-src", "'none'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    ("frame-ancestors", "'none'"),
    # No script runs here, so this grants nothing; without it the page's CSP stops
    # Lighthouse (and PageSpeed Insights) fetching /robots.txt, and SEO reports it invalid.
    ("connect-src", "'self'"),
)
# frame-ancestors is ignored (and reported) in a <meta> CSP.
_META_CSP_SKIP = {"frame-ancestors"}

SECURITY_HEADERS = {
    "Content-Security-Policy": "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES),
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Health pages: the address of the page a visitor came from is nobody's business.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HTML_CACHE = "public, max-age=300, must-revalidate"
ASSET_CACHE = "public, max-age=31536000, immutable"
COMPRESSIBLE = (".html", ".css", ".svg", ".xml", ".txt", ".json", ".ico")


def meta_csp() -> str:
    return "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES if k not in _META_CSP_SKIP)


def headers_file(html_patterns: list[str]) -> str:
    """The ``_headers`` file.

    Hosts join the values of every rule that matches a path, so Cache-Control
    must never come from two rules: security headers go on ``/*``, the short
    HTML cache on each HTML path pattern, the long cache on ``/theme/*`` only.
    """
    lines = ["# Made by the build; edit plugins/clinic/hosting.py instead.", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    for pattern in html_patterns:
        lines += [pattern, f"  Cache-Control: {HTML_CACHE}"]
    # pictures keep their names when a photo is replaced, so they are not
    # cached for long either; only the fingerprinted theme files are
    lines += ["/images/*", f"  Cache-Control: {HTML_CACHE}"]
    lines += ["/theme/*", f"  Cache-Control: {ASSET_CACHE}"]
    return "\n".join(lines) + "\n"


def html_patterns(urls: list[str]) -> list[str]:
    """Path patterns that cover every page URL (``treatments/x/``) once, and no asset.

    A folder with pages below it gets one ``/folder/*`` rule (which also
    matches ``/folder/``); a single page gets its own exact rule.
    """
    patterns = {"/", "/404.html", "/sitemap.xml", "/robots.txt", "/favicon.ico"}
    nested = {url.split("/", 1)[0] for url in urls if "/" in url.rstrip("/")}
    for url in urls:
        top = url.split("/", 1)[0]
        if not top or top.endswith(".html"):
            continue
        patterns.add(f"/{top}/*" if top in nested else f"/{top}/")
    return sorted(patterns)


def redirects_file(
    rules: list[tuple[str, str]], not_found: list[tuple[str, str]] | None = None
) -> str:
    """Redirects (301), then each language's own 404 page for the addresses in its folder.

    The 404 rules come last: a host reads the file from the top, and a
    wildcard must not catch an address a redirect moves.
    """
    lines = ["# Made by the build from Redirect-From lines in the content."]
    lines += [f"{source} {target} 301" for source, target in rules]
    lines += [f"{source} {target} 404" for source, target in not_found or []]
    return "\n".join(lines) + "\n"


def sitemap_xml(
    pages: list[tuple[str, str]],
    alternates: dict[str, list[tuple[str, str]]] | None = None,
) -> str:
    """``pages`` holds (absolute URL, YYYY-MM-DD or "") pairs.

    ``alternates`` maps a page's URL to every language's version of it
    (code, absolute URL), itself included, as Google reads them from a
    sitemap: each version lists them all, and the default one again as
    ``x-default``.
    """
    alternates = alternates or {}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        + (' xmlns:xhtml="http://www.w3.org/1999/xhtml">' if alternates else ">"),
    ]
    for url, lastmod in pages:
        entry = f"<url><loc>{escape(url)}</loc>"
        if lastmod:
            entry += f"<lastmod>{lastmod}</lastmod>"
        versions = alternates.get(url, [])
        for code, href in versions + [("x-default", versions[0][1])] if versions else []:
            entry += (
                f'<xhtml:link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}"/>'
            )
        lines.append(entry + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n"


def precompress(output_dir: str) -> int:
    """Write ``.gz`` and ``.br`` beside every text file; return how many files."""
    # imported here: only publish builds compress, and the module takes about
    # 30 ms to load, a noticeable part of a small development build
    import brotli

    count = 0
    for root, _, files in os.walk(output_dir):
        for name in files:
            if not name.endswith(COMPRESSIBLE):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                data = handle.read()
            with open(path + ".gz", "wb") as handle:
                # mtime=0: the same input gives the same bytes, build after build
                handle.write(gzip.compress(data, compresslevel=9, mtime=0))
            with open(path + ".br", "wb") as handle:
                handle.write(brotli.compress(data, quality=11))
            count += 1
    return count
