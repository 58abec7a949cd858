"""Prices as staff write them in a treatment's header, and as visitors read them.

``Price: 150``, ``Price: from 150`` and ``Price: 150-400`` are numbers only,
in the clinic's currency (``[clinic] currency`` in clinic.toml): the symbol is
the site's to add, in the way the page's language writes it ("$150" in
English, "150 US$" in Spain's Spanish), so one header serves every language.
Babel (the Unicode CLDR data) knows the currencies and how each language
writes amounts.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, is_currency

# "150", "150.50", "1,500" or "1 500" (grouped thousands), with an optional
# "from" before it, or two of them joined by a dash for a range.
_AMOUNT = r"\d{1,3}(?:[, ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_PRICE = re.compile(
    rf"^(?:(?P<from>from)\s+)?(?P<low>{_AMOUNT})(?:\s*[-\u2013\u2014]\s*(?P<high>{_AMOUNT}))?$",
    re.IGNORECASE,
)


class Price(NamedTuple):
    """A price, a starting price, or a range; amounts in the clinic's currency."""

    low: Decimal
    high: Decimal | None = None  # a range: low to high
    starting: bool = False  # "from 150": the lowest price, no upper bound

    @property
    def exact(self) -> bool:
        return self.high is None and not self.starting


class PriceError(ValueError):
    """Why a written price is not one; the message completes 'which ...'."""


def parse_price(text: str) -> Price:
    """The price a header states; ``PriceError`` says why it is not one."""
    written = " ".join(text.split())
    match = _PRICE.match(written)
    if match is None:
        if _names_currency(written):
            raise PriceError(
                "has a currency sign or code; the currency is set once, in "
                "clinic.toml ([clinic] currency)"
            )
        raise PriceError("is not a price")
    low = _amount(match.group("low"))
    high = _amount(match.group("high")) if match.group("high") else None
    if low <= 0 or (high is not None and high <= 0):
        raise PriceError("is not above zero")
    if high is not None:
        if match.group("from"):
            raise PriceError('has both "from" and a range')
        if high <= low:
            raise PriceError("is a range whose second number is not the larger")
    return Price(low, high, starting=bool(match.group("from")))


def _names_currency(text: str) -> bool:
    """A currency sign ($, €, £ ...) or an ISO code (USD) in what was written."""
    return any(unicodedata.category(c) == "Sc" for c in text) or any(
        known_currency(word) for word in re.findall(r"\b[A-Z]{3}\b", text)
    )


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation as error:  # the pattern admits only numbers; kept as a guard
        raise PriceError("is not a price") from error


def known_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code (upper case, as written in clinic.toml)."""
    return code.isupper() and is_currency(code)


def locale_for(language: str, country: str) -> Locale:
    """The CLDR locale for a page's language in the clinic's country (es + US → es_US)."""
    language = (language or "en").replace("_", "-").split("-")[0]
    for tag in (f"{language}_{country}" if country else "", language, "en"):
        if not tag:
            continue
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def format_amount(amount: Decimal, currency: str, locale: Locale) -> str:
    """``$150`` for a whole amount, ``$150.50`` otherwise, as ``locale`` writes money."""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    if amount == amount.to_integral_value():
        # a whole price reads best without ".00"; CLDR patterns keep the
        # fraction after the last "0" before the decimal sign
        pattern = re.sub(r"\.0+", "", pattern)
    return str(
        format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
    )


def format_price(
    price: Price, currency: str, locale: Locale, *, from_word: str, range_word: str
) -> str:
    """The price as visitors read it: "$150", "From $150", "$150 to $400".

    ``from_word`` and ``range_word`` are the site's words in the page's
    language, with ``{amount}`` and ``{low}``/``{high}`` to fill in.
    """
    low = format_amount(price.low, currency, locale)
    if price.high is not None:
        return range_word.format(low=low, high=format_amount(price.high, currency, locale))
    if price.starting:
        return from_word.format(amount=low)
    return low


def schema_amount(amount: Decimal) -> str:
    """An amount as schema.org and Google want it: digits and a dot, no symbol."""
    return (
        format(amount.normalize(), "f")
        if amount == amount.to_integral_value()
        else format(amount.quantize(Decimal("0.01")), "f")
    )


class PriceText:
    """A treatment's price line for the templates: "From $150, per session".

    Made once a build with the clinic's currency and the page language's
    words; a treatment whose price is only a note ("on consultation") shows
    the note.
    """

    def __init__(self, currency: str, locale: Locale, *, from_word: str, range_word: str):
        self.currency = currency
        self.locale = locale
        self.from_word = from_word
        self.range_word = range_word

    def __call__(self, item: object) -> str:
        price: Price | None = getattr(item, "price", None)
        note = str(getattr(item, "price_note", "") or "")
        if price is None or not self.currency:
            return note
        text = format_price(
            price, self.currency, self.locale, from_word=self.from_word, range_word=self.range_word
        )
        return f"{text}, {note}" if note else text
