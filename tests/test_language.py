"""A Spanish-speaking clinic: every word around the content follows clinic.language."""

import json

from bs4 import BeautifulSoup

import kestrel
from clinic.model.strings import Strings, load_strings
from conftest import ROOT


def test_every_english_string_has_a_spanish_one():
    import tomllib

    tables = tomllib.loads((ROOT / "theme/strings.toml").read_text(encoding="utf-8"))
    assert set(tables["es"]) == set(tables["en"])


def test_missing_keys_fall_back_to_english_and_placeholders_are_filled():
    strings = Strings(
        {"en": {"a": "Hello {name}", "b": "Only English"}, "es": {"a": "Hola {name}"}}, "es-MX"
    )
    assert strings("a", name="Ana") == "Hola Ana"
    assert strings("b") == "Only English"
    assert strings.get("section_recovery", "Recovery") == "Recovery"
    assert load_strings(str(ROOT / "theme"), "fr")("home") == "Home"


def test_a_spanish_site(project):
    project.edit("content/clinic.toml", 'language = "en"', 'language = "es"')
    project.edit(
        "content/clinic.toml",
        "hours = []",
        'hours = [ { days = ["Monday", "Friday"], opens = "09:00", closes = "17:00" } ]',
    )
    project.edit(
        "content/treatments/microneedling/benefits.md", "Reviewed:", "Reviewed: 2026-11-01"
    )
    result = project.build()
    assert result.returncode == 0, result.output

    def soup(url):
        return BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")

    page = soup("/treatments/microneedling/benefits/")
    assert page.html["lang"] == "es"
    assert page.find("a", class_="cl-skip-link").get_text() == "Saltar al contenido principal"
    crumbs = [li.get_text(strip=True) for li in page.select(".cl-breadcrumbs li")]
    assert crumbs[0] == "Inicio"  # the rest are page titles: the content's own words
    sections = [a.get_text(strip=True) for a in page.select(".cl-sections a")]
    assert sections == [
        "Resumen",
        "Beneficios",
        "Efectos secundarios",
        "¿Es para mí?",
        "Resultados",
    ]
    review = page.select_one(".cl-review").get_text(" ", strip=True)
    assert "Última revisión de la página: 1 de noviembre de 2026" in review
    assert "Próxima revisión: 1 de noviembre de 2027" in review
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    crumb_node = next(n for n in graph if n["@type"] == "BreadcrumbList")
    assert crumb_node["itemListElement"][0]["name"] == "Inicio"
    assert graph[1]["inLanguage"] == "es"
    overview = soup("/treatments/microneedling/")
    assert [dt.get_text() for dt in overview.select(".cl-glance__row dt")][:2] == [
        "Sesiones",
        "Tiempo entre sesiones",
    ]
    contact = soup("/contact/")
    assert "lunes, viernes" in contact.select_one(".cl-hours").get_text()
    assert "de 09:00 a 17:00" in contact.select_one(".cl-hours").get_text()
    assert (
        contact.select_one("header a.cl-call")["aria-label"]
        == f"Llamar al {kestrel.NATIONAL}, {kestrel.NAME}"
    )
