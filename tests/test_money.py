"""Prices as staff write them (model/money.py), checked against hand-written expectations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.model.money import (
    Price,
    PriceError,
    PriceText,
    format_price,
    known_currency,
    locale_for,
    parse_price,
    schema_amount,
)

WORDS = {"from_word": "From {amount}", "range_word": "{low} to {high}"}
SPANISH = {"from_word": "Desde {amount}", "range_word": "De {low} a {high}"}


@pytest.mark.parametrize(
    ("written", "price"),
    [
        ("150", Price(Decimal("150"))),
        ("from 150", Price(Decimal("150"), starting=True)),
        ("From  150", Price(Decimal("150"), starting=True)),
        ("150-400", Price(Decimal("150"), Decimal("400"))),
        ("150 – 400", Price(Decimal("150"), Decimal("400"))),
        ("1,500", Price(Decimal("1500"))),
        ("99.50", Price(Decimal("99.50"))),
    ],
)
def test_prices_staff_write(written, price):
    assert parse_price(written) == price


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("cheap", "is not a price"),
        ("$150", "has a currency sign or code"),
        ("150 EUR", "has a currency sign or code"),
        ("€150", "has a currency sign or code"),
        ("400-150", "is a range whose second number is not the larger"),
        ("150-150", "is a range whose second number is not the larger"),
        ("0", "is not above zero"),
        ("-5", "is not a price"),
        ("from 150-400", 'has both "from" and a range'),
        ("on consultation", "is not a price"),
    ],
)
def test_what_is_not_a_price_says_why(written, reason):
    with pytest.raises(PriceError) as caught:
        parse_price(written)
    assert str(caught.value).startswith(reason)


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_any_two_whole_amounts_make_a_range_or_a_clear_refusal(a, b):
    if a < b:
        assert parse_price(f"{a}-{b}") == Price(Decimal(a), Decimal(b))
    else:
        with pytest.raises(PriceError):
            parse_price(f"{a}-{b}")


@given(st.integers(1, 10**7))
def test_a_whole_price_is_shown_without_cents_and_published_as_digits(amount):
    price = parse_price(str(amount))
    shown = format_price(price, "USD", locale_for("en", "US"), **WORDS)
    assert shown == f"${amount:,}"
    assert schema_amount(price.low) == str(amount)


@pytest.mark.parametrize(
    ("written", "currency", "language", "country", "shown"),
    [
        ("from 150", "USD", "en", "US", "From $150"),
        ("150-400", "USD", "en", "US", "$150 to $400"),
        ("99.5", "USD", "en", "US", "$99.50"),
        ("from 150", "USD", "es", "US", "Desde $150"),
        ("150-400", "EUR", "es", "ES", "De 150\xa0€ a 400\xa0€"),
        ("15000", "EUR", "es", "ES", "15.000\xa0€"),
        ("1500", "GBP", "en", "GB", "£1,500"),
    ],
)
def test_prices_in_the_pages_language(written, currency, language, country, shown):
    words = SPANISH if language == "es" else WORDS
    assert (
        format_price(parse_price(written), currency, locale_for(language, country), **words)
        == shown
    )


def test_a_price_line_says_from_and_the_note_or_only_the_note():
    text = PriceText("USD", locale_for("en", "US"), **WORDS)

    class Item:
        price = parse_price("from 150")
        price_note = "per session"

    class NoteOnly:
        price = None
        price_note = "Priced at a consultation"

    assert text(Item()) == "From $150, per session"
    assert text(NoteOnly()) == "Priced at a consultation"


@pytest.mark.parametrize(
    ("code", "known"),
    [
        ("USD", True),
        ("EUR", True),
        ("MXN", True),
        ("usd", False),
        ("XYZ", False),
        ("", False),
    ],
)
def test_currency_codes(code, known):
    assert known_currency(code) is known
