"""Text as a reader sees it: a fragment of HTML without its tags and entities."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Tags dropped, entities decoded, runs of white space made one space."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())
