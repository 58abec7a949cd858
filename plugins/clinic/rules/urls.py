"""URLs as a browser reads them: cleaned, resolved against the page, judged by origin.

A check that reads ``//evil.example`` but not ``&#47;&#47;evil.example``,
``\\\\evil.example`` or ``/\\evil.example`` is a check a browser walks past.
Every rule that asks "where does this address lead?" asks here, after the
HTML parser has decoded entities.  The steps follow the WHATWG URL standard
for the cases that change the answer: ASCII whitespace and control characters
around a URL are dropped, tabs and newlines inside it are dropped, a
backslash is a slash in web (special) URLs, and any number of slashes after
``https:`` or at the start of a scheme-relative URL lead to a host.
"""

from __future__ import annotations

import re
import urllib.parse
from functools import lru_cache
from typing import NamedTuple

# Schemes whose URLs have a host and treat "\" as "/" (WHATWG "special").
_SPECIAL = {"http", "https", "ws", "wss", "ftp", "file"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}
# Pelican's own link markers ({static}/images/a.png, |filename|x.md): the rest
# is a path on this site once Pelican has replaced the marker.
_PELICAN_MARKER = re.compile(r"^[{|](\w+)[|}](.*)$", re.S)

_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")

# The origin pages are judged against when the site's address is not known
# (development builds): a name that can never be a real website.
UNKNOWN_SITE = "https://site.invalid"


class Resolved(NamedTuple):
    """A URL after cleaning and resolving: its scheme and, for web URLs, its origin."""

    url: str  # absolute, as the browser would request or follow it
    scheme: str  # lower case: "https", "mailto", "javascript"...
    origin: tuple[str, str, int] | None  # (scheme, host, port) for URLs with a host


def clean(url: str) -> str:
    """Drop what a browser drops: C0 controls and spaces around, tabs and newlines inside."""
    return _TABS_AND_NEWLINES.sub("", url.strip(_C0_AND_SPACE))


def _read(url: str) -> tuple[str, str]:
    """``url`` cleaned and without Pelican's marker, and its own scheme ("" for none)."""
    url = clean(url)
    marker = _PELICAN_MARKER.match(url)
    if marker:
        # {static}//evil.example/x.png must not pass as a file of this site
        url = marker.group(2).lstrip() or "."
    match = _SCHEME.match(url)
    return url, match.group(1).lower() if match else ""


def resolve(url: str, base: str) -> Resolved:
    """``url`` (as the HTML parser decoded it) resolved against the page address ``base``."""
    url, scheme = _read(url)
    if scheme and scheme not in _SPECIAL:
        return Resolved(url, scheme, None)
    url = url.replace("\\", "/")
    if scheme:
        # "https:host" names a host on any page not itself on https (a preview
        # on http://127.0.0.1 is not), so it is read as one everywhere
        url = f"{scheme}://{url[len(scheme) + 1 :].lstrip('/')}"
    elif url.startswith("//"):
        url = "//" + url.lstrip("/")
    try:
        absolute = urllib.parse.urljoin(base, url)
        return Resolved(absolute, urllib.parse.urlsplit(absolute).scheme.lower(), origin(absolute))
    except ValueError:
        # a host no browser can reach ("//[x", an unclosed IPv6 bracket): no
        # scheme and no origin, so it is refused as a picture and as a link
        return Resolved(url, "", None)


def scheme(url: str, base: str) -> str:
    """``resolve(url, base).scheme``, without resolving where it can.

    A link is judged by its scheme alone, and most links on a page lead to
    another page of the site: with no scheme and no host of their own
    (nothing that starts "//" once backslashes are slashes), they are on
    the page's.  A site's pages link to each other thousands of times.
    """
    read, own = _read(url)
    if own or not read or read.replace("\\", "/").startswith("//"):
        return resolve(url, base).scheme
    return _scheme_of_page(base)


# (a page's links are judged one after another; a site has a few thousand pages)
@lru_cache(maxsize=8192)
def _scheme_of_page(base: str) -> str:
    # any path without a scheme or host resolves to the same scheme as this one
    return resolve("page", base).scheme


def origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an absolute web URL; None when it has no usable host."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no origin a browser would reach
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip()
    if not host:
        return None
    return scheme, host, port if port is not None else _DEFAULT_PORTS.get(scheme, 0)


def page_address(site_url: str, page_url: str) -> str:
    """The absolute address of a page (``page_url`` as Pelican has it, ``treatments/x/``)."""
    return f"{(site_url or UNKNOWN_SITE).rstrip('/')}/{page_url.lstrip('/')}"


def is_foreign(url: str, base: str) -> bool:
    """Whether a browser on the page ``base`` would fetch ``url`` from another origin."""
    resolved = resolve(url, base)
    if resolved.scheme not in _SPECIAL:
        return False  # mailto:, tel:, javascript:, data: request nothing from a host
    return resolved.origin != origin(base)
