"""The docs quote the code: every quoted line number and CSP directive is checked against it.

A doc that cites ``Makefile:45`` or ``report.py:65`` (as make and Pelican's log
print them) must point at the line that does what it says; a CSP directive
quoted in a doc must be the one ``publishing/hosting.py`` writes, and the
table of headers must list exactly its directives.  Paths under ``content/``
and ``theme/`` in the docs are examples of messages about a broken copy of a
site, not quotes of this code, so they are not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pelican
import pytest

from clinic.publishing.hosting import CSP_DIRECTIVES, SECURITY_HEADERS
from conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
PLACES = (ROOT, ROOT / "plugins", Path(pelican.__file__).parent)

# make: *** [Makefile:45: check] Error 1
_MAKE = re.compile(r"\[Makefile:(\d+): ([\w.-]+)\]")
# [09:15:02] WARNING  10 problems found, listed above        report.py:65
_LOG = re.compile(r"\b(?:WARNING|ERROR|INFO|DEBUG)\s+(.+?)\s{2,}([\w/]+\.py):(\d+)")
# any other file:line that names code
_CODE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*(?:Makefile|[\w.-]+\.py)):(\d+)\b")
_DIRECTIVE = re.compile(
    r"\b((?:[a-z]+-)?src|base-uri|form-action|frame-ancestors|sandbox|report-uri)"
    r"((?: (?:'[^']+'|[a-z]+:|https?://[^\s;`']+))+)"
)


def quotes(pattern: re.Pattern[str]) -> list[tuple[str, re.Match[str]]]:
    found = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").split("\n"), start=1):
            found += [(f"{doc.relative_to(ROOT)}:{number}", m) for m in pattern.finditer(line)]
    return found


def code_file(name: str) -> Path:
    """The one file a doc means by ``name`` (a path, or a module name as a log shows it)."""
    if "/" in name or name == "Makefile":
        return ROOT / name
    found = {
        p
        for place in PLACES
        for p in place.rglob(name)
        if ".venv" not in p.parts and "node_modules" not in p.parts
    }
    assert len(found) == 1, f"{name} names {len(found)} files: {sorted(found)}"
    return found.pop()


def line_of(path: Path, number: int) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert 1 <= number <= len(lines), f"{path.name} has {len(lines)} lines, not {number}"
    return lines[number - 1]


def make_recipe(target: str) -> dict[int, str]:
    """The recipe lines of a make target, by line number (continuations included)."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\n")
    recipe, inside = {}, False
    for number, line in enumerate(lines, start=1):
        if re.match(rf"^(?:[\w .-]+ )?{re.escape(target)}(?: [\w .-]+)?:", line):
            inside = True
        elif inside and line.startswith("\t"):
            recipe[number] = line
        elif inside:
            inside = False
    return recipe


@pytest.mark.parametrize("where, match", quotes(_MAKE), ids=lambda v: str(v)[:40])
def test_make_errors_quote_the_recipe_line_that_runs_the_build(where, match):
    # make names the line of the command that failed: the one that runs Pelican
    number, target = int(match.group(1)), match.group(2)
    recipe = make_recipe(target)
    runs = [n for n, line in recipe.items() if "$(PELICAN)" in line or "python" in line]
    assert number in runs, (
        f"{where}: Makefile:{number} is not the line that runs `{target}` "
        f"(that is line {', '.join(map(str, runs))})"
    )


@pytest.mark.parametrize("where, match", quotes(_LOG), ids=lambda v: str(v)[:40])
def test_log_lines_quote_the_line_that_logs_them(where, match):
    message, name, number = match.group(1), match.group(2), int(match.group(3))
    line = line_of(code_file(name), number)
    tail = " ".join(message.split()[-2:])  # words after the last value filled in
    assert re.search(r"\blog(?:ger)?\.\w+\(", line) and tail in line, (
        f"{where}: {name}:{number} is {line.strip()!r}, which does not log {message!r}"
    )


@pytest.mark.parametrize("where, match", quotes(_CODE), ids=lambda v: str(v)[:40])
def test_every_quoted_line_of_code_exists(where, match):
    line_of(code_file(match.group(1)), int(match.group(2)))


def test_the_csp_in_the_docs_is_the_one_the_site_sends():
    written = dict(CSP_DIRECTIVES)
    for where, match in quotes(_DIRECTIVE):
        name, value = match.group(1), match.group(2).strip()
        assert written.get(name) == value, (
            f"{where}: {name} {value}, but hosting.py writes {name} {written.get(name)}"
        )
    table = [
        line
        for doc in DOCS
        for line in doc.read_text(encoding="utf-8").split("\n")
        if line.startswith("| `Content-Security-Policy` |")
    ]
    assert table, "the headers table lists no Content-Security-Policy"
    for row in table:
        cell = row.split("|")[2].strip().strip("`")
        assert cell == SECURITY_HEADERS["Content-Security-Policy"], row
