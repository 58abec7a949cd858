"""A tiny local static server that applies a Netlify / Cloudflare Pages ``_headers`` file.

For tests only: it serves a folder on 127.0.0.1 (ephemeral port, in a thread)
the way those hosts serve a built site, so tests can check the headers a
visitor would really get.  The audit also serves a publish build with it over
HTTPS on port 443 for the MDN HTTP Observatory scan (audit/observatory.py).

``_headers`` format (read once, when the server starts)::

    # a comment
    /*
      X-Frame-Options: DENY
    /theme/*
      Cache-Control: public, max-age=31536000, immutable
    /blog/:slug/
      X-Robots-Tag: noindex

* a rule starts with an unindented URL path pattern starting with ``/``;
  ``*`` (splat) matches any characters, ``/`` included (so ``/blog/*`` matches
  ``/blog/`` and ``/blog/a/b``), and ``:name`` matches one path segment;
* its headers follow on indented ``Name: value`` lines;
* blank lines and lines starting with ``#`` are ignored;
* an indented ``! Name`` line (Cloudflare Pages) removes a header that an
  earlier matching rule set;
* anything else is an error (``ValueError`` with the line number), so a typo
  in the site's ``_headers`` fails the test instead of being dropped silently.

Every rule whose pattern matches the request path applies, in file order.
When several matching rules (or one rule twice) set the same header, the
values are joined with ``", "`` -- what Netlify and Cloudflare Pages do.
That is done for every header, Content-Security-Policy included: two CSPs
joined by a comma are two policies, and browsers enforce both.  Header names
match case-insensitively; the spelling of the first rule is kept.

Patterns are matched against the decoded request path (no query string).
Headers apply to every response for that path, 404 included.  A
``Content-Type`` set in ``_headers`` replaces the one the server would send.

Serving: ``/dir`` and ``/dir/`` both serve ``dir/index.html`` (no redirect);
a missing file is a 404 whose body is the site's ``/404.html`` (or a plain
text note if there is none); ``_headers`` and ``_redirects`` themselves are
not served.  GET and HEAD only.
"""

from __future__ import annotations

import mimetypes
import re
import ssl
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["CONTENT_TYPES", "headers_for", "parse_headers_file", "serve_with_headers"]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
NOT_SERVED = {"_headers", "_redirects"}

Rule = tuple[str, dict[str, "str | None"]]  # value None: a "! Name" removal


def parse_headers_file(text: str) -> list[Rule]:
    """``_headers`` text -> [(pattern, {header: value})], in file order.

    A ``! Name`` line is kept as ``{Name: None}``.
    """
    rules: list[Rule] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indented = line[0] in " \t"
        if not indented:
            if not stripped.startswith("/"):
                raise ValueError(
                    f"_headers line {number}: a rule must start with a path"
                    f" beginning with '/': {stripped!r}"
                )
            rules.append((stripped, {}))
            continue
        if not rules:
            raise ValueError(f"_headers line {number}: header before any path: {stripped!r}")
        values = rules[-1][1]
        if stripped.startswith("!"):
            name = stripped[1:].strip()
            if not name:
                raise ValueError(f"_headers line {number}: '!' without a header name")
            _add(values, name, None)
            continue
        name, colon, value = stripped.partition(":")
        name, value = name.strip(), value.strip()
        if not colon or not name or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
            raise ValueError(f"_headers line {number}: expected 'Name: value': {stripped!r}")
        _add(values, name, value)
    return rules


def _add(values: dict[str, str | None], name: str, value: str | None) -> None:
    for existing in values:
        if existing.lower() == name.lower():
            if value is None or values[existing] is None:
                values[existing] = value
            else:
                values[existing] = f"{values[existing]}, {value}"
            return
    values[name] = value


def _pattern_regex(pattern: str) -> re.Pattern:
    out = []
    for token in re.split(r"(\*|:[A-Za-z_][A-Za-z0-9_]*)", pattern):
        if token == "*":
            out.append(".*")
        elif token.startswith(":") and len(token) > 1:
            out.append("[^/]+")
        else:
            out.append(re.escape(token))
    return re.compile("".join(out))


def matches(pattern: str, path: str) -> bool:
    return _pattern_regex(pattern).fullmatch(path) is not None


def headers_for(path: str, rules: list[Rule]) -> dict[str, str]:
    """The headers every matching rule gives ``path`` (a URL path, query ignored)."""
    path = unquote(urlsplit(path).path) or "/"
    merged: dict[str, str | None] = {}
    for pattern, values in rules:
        if matches(pattern, path):
            for name, value in values.items():
                _add(merged, name, value)
    return {name: value for name, value in merged.items() if value is not None}


class _Handler(BaseHTTPRequestHandler):
    root: Path
    rules: list[Rule]
    server_version = "headers-server"
    sys_version = ""

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_HEAD(self):
        self._respond(body=False)

    def do_GET(self):
        self._respond(body=True)

    def _resolve(self, url_path: str) -> Path | None:
        rel = url_path.lstrip("/")
        if rel.split("/", 1)[0] in NOT_SERVED:
            return None
        candidate = (self.root / rel).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None  # outside the folder
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _respond(self, body: bool):
        url_path = unquote(urlsplit(self.path).path) or "/"
        file = self._resolve(url_path)
        status = 200
        if file is None:
            status = 404
            file = self.root / "404.html"
            data = file.read_bytes() if file.is_file() else b"404 Not Found\n"
            content_type = CONTENT_TYPES[".html"] if file.is_file() else CONTENT_TYPES[".txt"]
        else:
            data = file.read_bytes()
            content_type = (
                CONTENT_TYPES.get(file.suffix.lower())
                or mimetypes.guess_type(file.name)[0]
                or "application/octet-stream"
            )
        extra = headers_for(url_path, self.rules)
        if not any(name.lower() == "content-type" for name in extra):
            extra = {"Content-Type": content_type, **extra}
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def serve_with_headers(folder: Path, port: int = 0, tls: ssl.SSLContext | None = None):
    """Serve ``folder`` on 127.0.0.1; yields the base URL (``http://127.0.0.1:PORT``).

    ``port`` 0 picks a free port.  With a server ``tls`` context the server
    speaks HTTPS (the audit's Observatory scan needs 443 and a certificate).
    """
    root = Path(folder).resolve()
    headers_file = root / "_headers"
    rules = (
        parse_headers_file(headers_file.read_text(encoding="utf-8"))
        if headers_file.is_file()
        else []
    )
    handler = type("Handler", (_Handler,), {"root": root, "rules": rules})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, name="headers-server", daemon=True)
    thread.start()
    scheme = "http" if tls is None else "https"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
