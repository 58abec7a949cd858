"""Citations: Markdown footnotes become a numbered "Sources" list and ``citation`` data.

Staff cite a source with a footnote::

    A 2018 study found that ...[^1]

    [^1]: Authors. Title. Journal, 2018. <https://doi.org/...>

Markdown's footnotes extension writes the list as one ``<div class="footnote">``
at the end of the body; ``label_sources`` turns it into a titled section, and
``extract`` reads each entry's text and first web address for the structured
data.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .markup import plain_text

_BLOCK = re.compile(r'<div class="footnote">\s*(?:<hr\s*/?>)?\s*(.*)</div>\s*$', re.S)
_ITEM = re.compile(r'<li id="fn:[^"]*">(.*?)</li>', re.S)
_BACKREF = re.compile(r'(?:&#160;)?<a class="footnote-backref"[^>]*>.*?</a>', re.S)
_URL = re.compile(r'<a\b[^>]*href="(https?://[^"]+)"')


class Citation(NamedTuple):
    text: str
    url: str = ""


def extract(html: str) -> list[Citation]:
    """The sources of a body, before or after ``label_sources``."""
    start = max(html.find('<div class="footnote">'), html.find('<section class="cl-sources"'))
    if start < 0:
        return []
    found = []
    for item in _ITEM.finditer(html, start):
        body = _BACKREF.sub("", item.group(1))
        text = plain_text(body)
        url = _URL.search(body)
        found.append(Citation(text, url.group(1) if url else ""))
    return found


def label_sources(html: str, title: str = "Sources") -> str:
    """The footnote list as a section with a heading, so it reads as references."""
    if 'class="footnote"' not in html:
        return html
    block = _BLOCK.search(html)
    if not block:
        return html
    section = (
        f'<section class="cl-sources" aria-labelledby="sources-title">\n'
        f'<h2 id="sources-title">{title}</h2>\n{block.group(1).strip()}\n</section>\n'
    )
    return html[: block.start()] + section


def without_sources(html: str) -> str:
    """The body without its source list (which is not part of any answer)."""
    index = html.find('<section class="cl-sources"')
    return html if index < 0 else html[:index]
