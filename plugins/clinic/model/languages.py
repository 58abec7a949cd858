"""The site's languages: which are served, where, and what each is called.

``[clinic] languages = ["en", "es"]`` lists them; the first is the default,
served at ``/`` from the usual folders, and every other one is served under
its own folder name (``/es/``) from ``content/es/``, which mirrors the default
tree.  The folder and the address use the code in lower case (``es-mx`` for
``es-MX``), so an address never depends on how a code was capitalised.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from babel import Locale, UnknownLocaleError

# The BCP 47 tags a site uses: a language, then optionally a script and a
# region (en, es-MX, es-419, zh-Hant-TW), written in their canonical case.
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$")
# A top folder of content/ whose name has that shape is read as a language
# folder (no section folder, such as pages or team, does).
_FOLDER = re.compile(r"^[a-z]{2,3}(-[a-z]{4})?(-(?:[a-z]{2}|[0-9]{3}))?$")


def is_language_code(code: str) -> bool:
    """``code`` is a BCP 47 tag Babel (the Unicode CLDR) knows a language for."""
    if not BCP47.match(code):
        return False
    try:
        Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def canonical(code: str) -> str:
    """How ``code`` is written in BCP 47's canonical case (``es-mx`` → ``es-MX``)."""
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(out)


def looks_like_language_folder(name: str) -> bool:
    return bool(_FOLDER.match(name.lower())) and name.lower() not in _SECTION_FOLDERS


# content/ folders that are never a language (all longer than a code today;
# kept so a short section name added later is not mistaken for one)
_SECTION_FOLDERS = frozenset({"pages", "treatments", "conditions", "team", "locations", "images"})


def native_name(code: str) -> str:
    """The language's name in itself, as a switcher shows it: "Español", "English"."""
    try:
        locale = Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def english_name(code: str) -> str:
    """The language's name in English, for messages: "Spanish"."""
    try:
        return str(Locale.parse(code, sep="-").get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return code


def day_names(code: str) -> tuple[str, ...]:
    """The days Monday to Sunday in a language, in lower case ("lunes" ...)."""
    try:
        days = Locale.parse(code, sep="-").days["format"]["wide"]
    except (ValueError, UnknownLocaleError):
        return ()
    return tuple(str(days[i]).lower() for i in range(7))


class Languages(NamedTuple):
    """The site's languages in the clinic's order; the first is the default."""

    codes: tuple[str, ...] = ("en",)

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    @property
    def many(self) -> bool:
        return len(self.codes) > 1

    @staticmethod
    def folder(code: str) -> str:
        return code.lower()

    def prefix(self, code: str) -> str:
        """The start of the language's addresses: "" for the default, "es/" for others."""
        return "" if not code or code == self.default else f"{self.folder(code)}/"

    def split(self, relpath: str) -> tuple[str, str]:
        """(language, path in the default tree) of a content-relative path.

        ``es/pages/home.md`` → ``("es", "pages/home.md")``; a path outside
        every other language's folder is the default language's.
        """
        top, _, rest = relpath.replace("\\", "/").partition("/")
        for code in self.others:
            if rest and top == self.folder(code):
                return code, rest
        return self.default, relpath

    def unlisted_folder(self, relpath: str) -> str:
        """The top folder of ``relpath`` if it is a language folder not in the list, else ""."""
        top, sep, _ = relpath.replace("\\", "/").partition("/")
        if not sep or top in {self.folder(c) for c in self.codes}:
            return ""
        return top if looks_like_language_folder(top) else ""
