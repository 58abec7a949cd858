"""Dates as the clinic's visitors write them: "November 1, 2026" in the US,
"1 November 2026" elsewhere in English, "1 de noviembre de 2026" in Spanish."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def long_date(day: dt.date, language: str, country: str) -> str:
    language = (language or "en").split("-")[0]
    month = MONTHS.get(language, MONTHS["en"])[day.month - 1]
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    if country == "US":
        return f"{month} {day.day}, {day.year}"
    return f"{day.day} {month} {day.year}"
