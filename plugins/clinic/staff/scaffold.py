"""New treatments, conditions and pages from a name: ``make new-treatment NAME="Chemical peel"``.

Writes the files with their header filled in where it can be and ``FILL IN``
placeholders everywhere else; every build lists the placeholders left, and
``make publish`` refuses them.  It never overwrites a file.

Run as ``python -m clinic.staff.scaffold treatment "Chemical peel"`` (with
``plugins`` on the path, as the Makefile does).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..rules.body import PLACEHOLDER

F = PLACEHOLDER

_SECTION_TITLES = {
    "benefits": "Benefits of {lower}",
    "side-effects": "Side effects of {lower}",
    "candidacy": "Is {lower} right for me?",
}
_SECTION_QUESTIONS = {
    "benefits": ("What can {lower} help with?", "What results can I expect?"),
    "side-effects": ("What side effects are common?", "When should I call the clinic?"),
    "candidacy": ("Who may {lower} suit?", "Who should not have {lower}?"),
}


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _page(title: str, extra: str = "", reviewed: bool = True, body: str = "") -> str:
    header = f"Title: {title}\nSummary: {F}: one or two plain sentences, 50 to 160 characters.\n"
    if reviewed:
        header += "Reviewed:\n"
    return header + extra + "\n" + body


def _questions(questions: Iterable[str]) -> str:
    return "".join(f"## {q}\n\n{F}: the answer, in short plain sentences.\n\n" for q in questions)


def treatment_files(name: str) -> dict[str, str]:
    lower = name[:1].lower() + name[1:]
    slug = slugify(name)
    facts = (
        f"Procedure-Type: {F}: Noninvasive, Percutaneous or Surgical\n"
        f"Body-Location: {F}: for example Face\n"
        f"Sessions: {F}: for example 4 to 6\n"
        f"Interval: {F}: for example 4 to 8 weeks\n"
        f"Downtime: {F}: for example None\n"
        f"Results: {F}: when results show and how they build\n"
        f"How-Performed: {F}: how the treatment is done, in one sentence\n"
        f"Followup: {F}: aftercare, in one sentence\n"
        "Conditions:\n"
    )
    files = {
        f"content/treatments/{slug}/index.md": _page(
            name,
            facts,
            body=f"{F}: what {lower} is, in two or three sentences.\n\n"
            + _questions(
                [
                    f"How does {lower} work?",
                    "What happens after a session?",
                    "How many sessions will I need?",
                ]
            ),
        )
    }
    for section, title in _SECTION_TITLES.items():
        files[f"content/treatments/{slug}/{section}.md"] = _page(
            title.format(lower=lower),
            body=_questions(q.format(lower=lower) for q in _SECTION_QUESTIONS[section]),
        )
    return files


def condition_files(name: str) -> dict[str, str]:
    lower = name[:1].lower() + name[1:]
    return {
        f"content/conditions/{slugify(name)}.md": _page(
            name,
            "Treatments:\n",
            body=f"{F}: what {lower} is, in two or three sentences.\n\n"
            + _questions([f"What causes {lower}?", f"How can {lower} be treated?"]),
        )
    }


def page_files(name: str) -> dict[str, str]:
    return {
        f"content/pages/{slugify(name)}.md": _page(
            name, reviewed=False, body=f"{F}: the text of the page.\n"
        )
    }


def person_files(name: str) -> dict[str, str]:
    header = (
        f"Role: {F}: for example Dermatologist\n"
        f"Credentials: {F}: qualifications, for example MD (or remove the line)\n"
        f"Languages: {F}: for example English, Spanish\n"
        f"Locations: {F}: the slug of each location they work at, from clinic.toml\n"
        "Photo:\nPhoto-Alt:\n"
    )
    return {
        f"content/team/{slugify(name)}.md": _page(
            name,
            header,
            reviewed=False,
            body=f"{F}: a short biography: training, experience, what they help patients with.\n",
        )
    }


KINDS = {
    "treatment": treatment_files,
    "condition": condition_files,
    "page": page_files,
    "person": person_files,
}


def create(kind: str, name: str, root: Path) -> list[str]:
    """Write the files; refuse (SystemExit with a message) if any already exists."""
    name = " ".join(name.split())
    if not name or not slugify(name):
        raise SystemExit(f'Give the {kind} a name: make new-{kind} NAME="Chemical peel"')
    files = KINDS[kind](name)
    existing = [path for path in files if (root / path).exists()]
    if existing:
        raise SystemExit(
            f"{existing[0]} already exists, so nothing was written. "
            f"Choose another name, or edit the existing {kind}."
        )
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return list(files)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in KINDS:
        print(
            'usage: make new-treatment NAME="Chemical peel" '
            "(or new-condition, new-page, new-person)",
            file=sys.stderr,
        )
        return 2
    written = create(argv[0], argv[1], Path.cwd())
    print("Created:\n  " + "\n  ".join(written))
    print(f"Now replace every {F} in them, then preview with: make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
