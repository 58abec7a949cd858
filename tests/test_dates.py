import datetime as dt

import pytest

from clinic.model.dates import long_date


@pytest.mark.parametrize(
    "language, country, expected",
    [
        ("en", "US", "November 1, 2026"),
        ("en-GB", "GB", "1 November 2026"),
        ("es", "US", "1 de noviembre de 2026"),
        ("es-MX", "MX", "1 de noviembre de 2026"),
    ],
)
def test_long_date(language, country, expected):
    assert long_date(dt.date(2026, 11, 1), language, country) == expected
