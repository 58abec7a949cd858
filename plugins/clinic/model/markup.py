"""Text as a reader sees it: a fragment of HTML without its tags and entities."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
# Control characters other than tab, newline and carriage return (C0, DEL, C1):
# invisible in an editor, and never meant to reach a page or its data.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain_text(fragment: str) -> str:
    """Tags dropped, entities decoded, runs of white space made one space."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def control_codes(text: str) -> str:
    """The control characters in ``text`` as code points: ``U+0000, U+0007``."""
    return ", ".join(sorted({f"U+{ord(ch):04X}" for ch in CONTROL.findall(text)}))
