"""The page's language in the templates: words, dates, prices, the clinic and links.

Pelican renders every page with one Jinja environment, and the theme's
imported macros (call links, the review line, prices) see only its globals,
not the page.  So the globals ``t``, ``long_date``, ``price_text`` and
``href`` read the language of the page being written, which the adapter sets
before each page (``Localizer.use``); the context's ``clinic`` and
``catalog`` are swapped with it.  A one-language site never switches.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.catalog import Catalog
from ..model.dates import long_date
from ..model.languages import Languages
from ..model.money import PriceText, locale_for
from ..model.profile import Profile
from ..model.strings import Strings


class Localizer:
    """Everything language-dependent that the templates read, for each language."""

    def __init__(self, languages: Languages, profile: Profile, strings: dict[str, Strings]):
        self.languages = languages
        self.current = languages.default
        self.strings = strings
        self.profiles = {code: profile.in_language(code) for code in languages.codes}
        self.prices = {
            code: PriceText(
                profile.currency,
                locale_for(code, profile.country),
                from_word=strings[code]("price_from"),
                range_word=strings[code]("price_range"),
            )
            for code in languages.codes
        }
        self.catalogs: dict[str, Catalog] = {}
        # every page address written in each language, for href()
        self.urls: dict[str, set[str]] = {code: set() for code in languages.codes}
        self.t = _CurrentStrings(self)
        # what once() made this build, with the arguments it was made from
        self._made: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] = {}

    def once(self, macro: Any, *args: Any, **kwargs: Any) -> Any:
        """``macro(*args, **kwargs)``, rendered once a build for each language and arguments.

        For a theme macro whose output depends only on its arguments and the
        page's language (a treatment's call block is the same on each of its
        section pages).  Arguments that are not text are told apart by
        identity: the page's ``clinic`` is one object a language for the build.
        """
        values = args + tuple(kwargs.values())
        key = (
            self.current,
            macro.name,
            tuple(kwargs),
            *(value if isinstance(value, str) else id(value) for value in values),
        )
        made = self._made.get(key)
        if made is None:
            # the arguments are kept with the output, so that no id() is reused
            made = self._made[key] = (macro(*args, **kwargs), values)
        return made[0]

    def use(self, code: str) -> None:
        self.current = code if code in self.strings else self.languages.default

    @property
    def profile(self) -> Profile:
        return self.profiles[self.current]

    def long_date(self, day: dt.date) -> str:
        return long_date(day, self.current, self.profile.country)

    def price_text(self, item: object) -> str:
        return self.prices[self.current](item)

    def og_locale(self, code: str) -> str:
        """The share card's locale as Open Graph writes it: es_US (language_TERRITORY)."""
        return str(locale_for(code, self.profile.country))

    def href(self, url: str) -> str:
        """A site address in the current language where that page is translated, else as given.

        The menu and footer name pages by their default address
        (``href('contact/')``); a Spanish page links to ``es/contact/`` when it
        exists, and to the original otherwise: never to a page that is not there.
        """
        localized = self.languages.prefix(self.current) + url
        return localized if localized in self.urls[self.current] else url


class _CurrentStrings:
    """``t("key")`` and ``t.get(key, default)`` in the page's language."""

    def __init__(self, localizer: Localizer):
        self._localizer = localizer

    def _table(self) -> Strings:
        return self._localizer.strings[self._localizer.current]

    def __call__(self, key: str, **values: Any) -> str:
        return self._table()(key, **values)

    def get(self, key: str, default: str) -> str:
        return self._table().get(key, default)
