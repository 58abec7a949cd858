"""Nothing of the sample clinic outside content/: the generator serves any clinic.

A clinic that replaces content/ with its own must not find the sample's name,
phone number, town or brand colour in a template, a static file, a message,
a default or a test.  This walks every file of the repository (tracked, or new
and not ignored) outside content/ and fails on each trace, with its line.

Not walked: content/ (the sample itself), and README.md and docs/, which
describe the sample as the sample (it is the running example of the content
guide).  This file names the traces in order to find them.
"""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT

# The sample's facts (content/clinic.toml and the theme's brand colour).
NAME = re.compile(r"derma\s*clinic", re.I)
TOWN = re.compile(r"coral[\s_-]*gables", re.I)
COLOUR = re.compile(r"0b5563", re.I)
# The number in any format (786-210-4234, (786) 210-4234, +17862104234,
# 786&nbsp;210&#8209;4234, a digit short...): its digits once references,
# tags and punctuation are gone; letters still separate unrelated numbers.
DIGITS = "786210423"
_REFERENCE = re.compile(r"&#?\w+;?")
_TAG = re.compile(r"</?[a-z]*\s*/?>", re.I)
_PUNCTUATION = re.compile(r"[^0-9A-Za-z]+")

NOT_WALKED = ("content/", "docs/", "README.md", "tests/test_no_sample_traces.py")

# Files that still carry a trace, each with the change that removes it.  The
# test fails on a file that is listed here but carries no trace any more, so
# the list only ever shrinks.
KNOWN: dict[str, str] = {}  # files that may keep a trace, and why: none


def repository_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return sorted({name for name in listed.split("\0") if name and (ROOT / name).is_file()})


def _plain(text: str) -> str:
    return _PUNCTUATION.sub("", _TAG.sub("", _REFERENCE.sub("", text)))


def traces(text: str) -> list[tuple[int, str]]:
    """(line, what) for each trace of the sample in ``text``."""
    found = []
    lines = text.splitlines() + [""]
    for number, (line, after) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        for pattern, what in ((NAME, "name"), (TOWN, "town"), (COLOUR, "colour")):
            if pattern.search(line):
                found.append((number, what))
        # on this line, or begun here and ended on the next
        spans = DIGITS in _plain(line + "\n" + after) and DIGITS not in _plain(after)
        if DIGITS in _plain(line) or spans:
            found.append((number, "number"))
    return found


def test_the_trace_finder_finds_each_form_and_only_those():
    for text in (
        "DermaClinic",
        "Derma Clinic",
        "in Coral Gables",
        "slug = coral-gables",
        "fill: #0B5563",
        "786-210-4234",
        "(786) 210-4234",
        "+17862104234",
        "tel:+1-786-210-4234",
        "786&nbsp;210&#8209;4234",
        "786-21</>0-4234",
        "786-210-\n4234",
        "786.210.423",
    ):
        assert traces(text), text
    for text in (
        "407-555-0134",
        "Clínica Solana",
        "Coral Way",
        "#0b5564",
        "786 and 210 and 4234",
        "id786 210x4234",
    ):
        assert traces(text) == [], text


def test_nothing_outside_content_carries_the_sample():
    found: dict[str, list[str]] = {}
    walked = 0
    for name in repository_files():
        if name.startswith(NOT_WALKED):
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a picture or other binary file: no words in it
        walked += 1
        hits = traces(text)
        if hits:
            found[name] = [f"{name}:{line}: the sample's {what}" for line, what in hits]
    assert walked > 100  # the walk saw the repository, not an empty folder
    unexpected = [hit for name, hits in found.items() if name not in KNOWN for hit in hits]
    assert unexpected == [], "\n".join(unexpected)
    cleaned = sorted(set(KNOWN) - set(found))
    assert cleaned == [], f"no trace left in {cleaned}: remove them from KNOWN"
