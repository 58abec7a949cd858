"""The words the site shows around the content, in the clinic's language.

``theme/strings.toml`` holds one table per language; ``Strings`` picks the
clinic's (``es`` for ``es-MX``) and falls back to English key by key, so a
new language can be added one string at a time.
"""

from __future__ import annotations

import os
import tomllib


class Strings:
    def __init__(self, tables: dict[str, dict[str, str]], language: str):
        self.language = (language or "en").split("-")[0]
        self.english = tables.get("en", {})
        self.chosen = tables.get(self.language, {})

    def __call__(self, key: str, **values: object) -> str:
        """``t("treatments_for", condition="Melasma")``; an unknown key shows as itself."""
        text = self.chosen.get(key, self.english.get(key, key))
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        """The string for ``key`` if there is one, else ``default`` (for open-ended keys)."""
        return self.chosen.get(key, self.english.get(key, default))


def load_strings(theme_dir: str, language: str) -> Strings:
    return Strings(parse_tables(read_strings(theme_dir)), language)


def read_strings(theme_dir: str) -> str:
    """The text of the theme's ``strings.toml``; empty when there is none."""
    try:
        with open(os.path.join(theme_dir, "strings.toml"), encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""


def parse_tables(text: str) -> dict[str, dict[str, str]]:
    """Every language's table; none from a file that is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
