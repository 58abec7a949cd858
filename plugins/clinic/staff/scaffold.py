"""New treatments, conditions and pages from a name: ``make new-treatment NAME="Chemical peel"``.

Writes the files with their header filled in where it can be and ``FILL IN``
placeholders everywhere else; every build lists the placeholders left, and
``make publish`` refuses them.  It never overwrites a file.

Run as ``python -m clinic.staff.scaffold treatment "Chemical peel"`` (with
``plugins`` on the path, as the Makefile does).

``LANG=es`` (``--lang es``) writes the titles and questions in that language.
In the site's default language the files go where they always do; in
another of its languages they are a translation, in ``content/es/``, of a
page that must exist already, found by its file name (``SLUG=chemical-peel``,
else the name's).  Numbers and links that translations take from the
original (``Procedure-Type``, ``Conditions``, ``Locations``) are left out.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..model.languages import Languages, english_name
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
_OVERVIEW_QUESTIONS = (
    "How does {lower} work?",
    "What happens after a session?",
    "How many sessions will I need?",
)
_CONDITION_QUESTIONS = ("What causes {lower}?", "How can {lower} be treated?")

# The same in Spanish, written so that no article has to agree with the name
# ("Peeling químico: beneficios", never "Beneficios de peeling químico").
_WORDS: dict[str, dict[str, object]] = {
    "es": {
        "titles": {
            "benefits": "{name}: beneficios",
            "side-effects": "{name}: efectos secundarios",
            "candidacy": "{name}: ¿es para mí?",
        },
        "questions": {
            "benefits": (
                "¿En qué puede ayudar este tratamiento?",
                "¿Qué resultados puedo esperar?",
            ),
            "side-effects": (
                "¿Qué efectos secundarios son comunes?",
                "¿Cuándo debo llamar a la clínica?",
            ),
            "candidacy": (
                "¿A quién puede convenir este tratamiento?",
                "¿Quién no debe hacerse este tratamiento?",
            ),
        },
        "overview": (
            "¿Cómo funciona este tratamiento?",
            "¿Qué pasa después de una sesión?",
            "¿Cuántas sesiones necesitaré?",
        ),
        "condition": ("¿Cuáles son sus causas?", "¿Cómo se trata?"),
    }
}

# header lines a translation leaves out: it takes them from its original
_FROM_ORIGINAL = ("Procedure-Type:", "Conditions:", "Treatments:", "Locations:", "Photo:")


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


def _titles(language: str, name: str) -> dict[str, str]:
    lower = name[:1].lower() + name[1:]
    words = _WORDS.get(language.split("-")[0])
    if words is None:
        return {k: v.format(lower=lower) for k, v in _SECTION_TITLES.items()}
    titles = words["titles"]
    assert isinstance(titles, dict)
    return {k: str(v).format(name=name) for k, v in titles.items()}


def _section_questions(language: str, section: str, lower: str) -> list[str]:
    words = _WORDS.get(language.split("-")[0])
    if words is None:
        return [q.format(lower=lower) for q in _SECTION_QUESTIONS[section]]
    questions = words["questions"]
    assert isinstance(questions, dict)
    return list(questions[section])


def _list(language: str, key: str, english: tuple[str, ...], lower: str) -> list[str]:
    words = _WORDS.get(language.split("-")[0])
    found = words[key] if words is not None else None
    return [q.format(lower=lower) for q in (found if isinstance(found, tuple) else english)]


def treatment_files(name: str, language: str = "en", slug: str = "") -> dict[str, str]:
    lower = name[:1].lower() + name[1:]
    slug = slug or slugify(name)
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
            + _questions(_list(language, "overview", _OVERVIEW_QUESTIONS, lower)),
        )
    }
    for section, title in _titles(language, name).items():
        files[f"content/treatments/{slug}/{section}.md"] = _page(
            title,
            body=_questions(_section_questions(language, section, lower)),
        )
    return files


def condition_files(name: str, language: str = "en", slug: str = "") -> dict[str, str]:
    lower = name[:1].lower() + name[1:]
    return {
        f"content/conditions/{slug or slugify(name)}.md": _page(
            name,
            "Treatments:\n",
            body=f"{F}: what {lower} is, in two or three sentences.\n\n"
            + _questions(_list(language, "condition", _CONDITION_QUESTIONS, lower)),
        )
    }


def page_files(name: str, language: str = "en", slug: str = "") -> dict[str, str]:
    return {
        f"content/pages/{slug or slugify(name)}.md": _page(
            name, reviewed=False, body=f"{F}: the text of the page.\n"
        )
    }


def person_files(name: str, language: str = "en", slug: str = "") -> dict[str, str]:
    header = (
        f"Role: {F}: for example Dermatologist\n"
        f"Credentials: {F}: qualifications, for example MD (or remove the line)\n"
        f"Languages: {F}: for example English, Spanish\n"
        f"Locations: {F}: the slug of each location they work at, from clinic.toml\n"
        "Photo:\nPhoto-Alt:\n"
    )
    return {
        f"content/team/{slug or slugify(name)}.md": _page(
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


def site_languages(root: Path) -> Languages:
    """The languages in content/clinic.toml (English when it cannot be read)."""
    try:
        clinic = tomllib.loads((root / "content/clinic.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Languages()
    table = clinic.get("clinic", {}) if isinstance(clinic.get("clinic"), dict) else {}
    codes = table.get("languages") or [table.get("language") or "en"]
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        return Languages()
    return Languages(tuple(codes))


def create(kind: str, name: str, root: Path, language: str = "", slug: str = "") -> list[str]:
    """Write the files; refuse (SystemExit with a message) if any already exists.

    ``language`` is one of the site's (its default when empty); in another
    than the default the files are a translation of the page named ``slug``.
    """
    name = " ".join(name.split())
    if not name or not slugify(name):
        raise SystemExit(f'Give the {kind} a name: make new-{kind} NAME="Chemical peel"')
    languages = site_languages(root)
    language = language or languages.default
    if language not in languages.codes:
        raise SystemExit(
            f'"{language}" is not one of the site\'s languages ({", ".join(languages.codes)}); '
            "add it to languages under [clinic] in content/clinic.toml first"
        )
    files = KINDS[kind](name, language, slug)
    if language != languages.default:
        files = _translation(files, languages, language, root, kind)
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


def _translation(
    files: dict[str, str], languages: Languages, language: str, root: Path, kind: str
) -> dict[str, str]:
    """The files moved into the language's folder; their original must exist."""
    missing = [path for path in files if not (root / path).exists()]
    if missing:
        raise SystemExit(
            f"{missing[0]} does not exist, and a {english_name(language)} page translates "
            f"one that does. Give the original's file name: make new-{kind} "
            f'NAME="..." LANG={language} SLUG=<its file name without .md>'
        )
    folder = languages.folder(language)
    return {
        path.replace("content/", f"content/{folder}/", 1): "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith(_FROM_ORIGINAL)
        )
        for path, text in files.items()
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="make new-treatment",
        usage='make new-treatment NAME="Chemical peel" [LANG=es] [SLUG=chemical-peel] '
        "(or new-condition, new-page, new-person)",
    )
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("name")
    parser.add_argument("--lang", default="")
    parser.add_argument("--slug", default="")
    try:
        args = parser.parse_args(argv)
    except SystemExit:
        return 2
    written = create(args.kind, args.name, Path.cwd(), args.lang, args.slug)
    print("Created:\n  " + "\n  ".join(written))
    print(f"Now replace every {F} in them, then preview with: make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
