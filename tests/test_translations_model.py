"""The pure cores of two languages: codes, addresses, the clinic's words, the join."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clinic.model.catalog import Entry, build_catalog
from clinic.model.languages import Languages, is_language_code, native_name
from clinic.model.profile import parse_profile
from clinic.model.routes import route_for
from clinic.model.translations import join, localized_catalog

BILINGUAL = Languages(("en", "es"))


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("en", True),
        ("es-MX", True),
        ("es-419", True),
        ("zh-Hant-TW", True),
        ("EN", False),
        ("english", False),
        ("es_MX", False),
        ("xx", False),  # the shape of a code, but no language
        ("", False),
    ],
)
def test_language_codes_are_bcp_47_tags_of_known_languages(code, valid):
    assert is_language_code(code) is valid


def test_a_language_is_named_in_itself():
    assert native_name("es") == "Español"
    assert native_name("en") == "English"


@pytest.mark.parametrize(
    ("path", "url", "language", "original"),
    [
        ("es/pages/home.md", "es/", "es", "pages/home.md"),
        ("es/pages/contact.md", "es/contact/", "es", "pages/contact.md"),
        ("es/pages/404.md", "es/404.html", "es", "pages/404.md"),
        (
            "es/treatments/peel/side-effects.md",
            "es/treatments/peel/side-effects/",
            "es",
            "treatments/peel/side-effects.md",
        ),
        ("treatments/peel/index.md", "treatments/peel/", "", ""),
    ],
)
def test_a_translation_is_served_under_its_language_at_its_originals_address(
    path, url, language, original
):
    route = route_for(path, BILINGUAL)
    assert route is not None
    assert (route.url, route.language, route.original) == (url, language, original)
    assert route.save_as.startswith("es/") == bool(language)


@pytest.mark.parametrize(
    "path", ["es/articles/post.md", "es/notes.md", "fr/pages/home.md", "es/pages/Home.md"]
)
def test_what_is_no_translation_has_no_route(path):
    assert route_for(path, BILINGUAL) is None


def test_a_one_language_site_has_no_language_folders():
    assert route_for("es/pages/home.md", Languages(("es",))) is None


def test_the_clinics_words_per_language_and_its_numbers_once():
    profile, problems = parse_profile(
        """
[clinic]
name = "Fictional clinic"
description = { en = "A made-up clinic for a test.", es = "Una clínica inventada." }
specialty = "Dermatology"
languages = ["en", "es"]

[review]
reviewer = "A. Reviewer"

[[locations]]
name = { en = "North", es = "Norte" }
hours_note = { en = "Closed on holidays" }
phone = "305-555-0142"
hours = [ { days = ["Monday"], opens = "09:00", closes = "17:00" } ]

[locations.address]
street = "1 Example Street"
locality = "Testville"
region = "FL"
postal_code = "33000"
country = "US"
""",
        "clinic.toml",
    )
    assert problems == []
    assert profile.languages == ("en", "es") and profile.language == "en"
    spanish = profile.in_language("es")
    assert spanish.language == "es"
    assert spanish.description == "Una clínica inventada."
    assert spanish.main.name == "Norte"
    assert spanish.main.hours_note == "Closed on holidays"  # none given: the default's
    assert spanish.main.phone == profile.main.phone and spanish.main.address == profile.main.address
    assert profile.main.name == "North"


def _entry(path: str, title: str):
    route = route_for(path, BILINGUAL)
    assert route is not None
    page = SimpleNamespace(title=title, url=route.url, metadata={}, summary="")
    return Entry(f"content/{path}", route, page)


def test_the_join_and_each_languages_catalog():
    entries = [
        _entry("treatments/peel/index.md", "Peel"),
        _entry("treatments/peel/benefits.md", "Peel: benefits"),
        _entry("es/treatments/peel/index.md", "Peeling"),
        _entry("es/pages/nothing.md", "Nada"),
    ]
    translations, problems = join(entries, BILINGUAL)
    assert [str(p) for p in problems] == [
        "content/es/pages/nothing.md: This Spanish page translates content/pages/nothing.md, "
        "which does not exist. Give the translation the same folder and file name as the page "
        "it translates, or add that page first."
    ]
    overview, benefits, spanish = (e.page for e in entries[:3])
    assert [(a.language, a.url) for a in translations.alternates(overview)] == [
        ("en", "treatments/peel/"),
        ("es", "es/treatments/peel/"),
    ]
    assert translations.alternates(spanish) == translations.alternates(overview)
    assert translations.alternates(benefits) == []
    catalog, _ = build_catalog(entries[:2], lambda source, key: None)
    es = localized_catalog(catalog, translations, "es")
    peel = es.treatment("peel")
    # the Spanish overview where there is one, the English benefits where not
    assert [s.page for s in peel.sections] == [spanish, benefits]
    assert peel.title == "Peeling" and peel.url == "es/treatments/peel/"
    assert catalog.treatment("peel").sections[0].page is overview
