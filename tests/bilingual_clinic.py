"""A fictional two-language clinic: the fixture clinic in English and, in part, Spanish.

Made from ``fixture_clinics.write_clinic`` (fictional names, numbers from the
ranges set aside for fiction), with ``languages = ["en", "es"]``, the clinic's
words given per language, and Spanish translations of some pages, so the
tests see pages with and without a translation.  The Spanish is made-up
test text, like the English.
"""

from __future__ import annotations

from pathlib import Path

from fixture_clinics import REVIEWED, TOML, _page, _summary, write_clinic

BILINGUAL_TOML = (
    TOML.replace('language = "en"', 'languages = ["en", "es"]')
    .replace(
        'description = "A fictional skin clinic with two locations, used to test the site '
        'generator."',
        'description = { en = "A fictional skin clinic with two locations, used to test the '
        'site generator.", es = "Una clínica ficticia con dos sedes, para probar el generador." }',
    )
    .replace(
        'name = "Clínica Solana North"',
        'name = { en = "Clínica Solana North", es = "Clínica Solana Norte" }\n'
        'hours_note = { en = "Closed on public holidays", es = "Cerrado los días festivos" }',
    )
)

# The Spanish pages: (path under content/es/, title); the rest stay in English only.
SPANISH = {
    "pages/home.md": "Bienvenidos a una clínica ficticia",
    "pages/contact.md": "Contacto",
    "pages/404.md": "Página no encontrada",
    "treatments/peel/index.md": "Peeling ficticio",
    "treatments/peel/side-effects.md": "Peeling ficticio: efectos secundarios",
}


def write_bilingual_clinic(root: Path, spanish: dict[str, str] | None = None) -> None:
    """The fixture clinic in ``root/content`` with its Spanish translations."""
    write_clinic(root, toml=BILINGUAL_TOML)
    for rel, title in (SPANISH if spanish is None else spanish).items():
        medical = rel.startswith("treatments/")
        headers = {"Reviewed": REVIEWED} if medical else {}
        if rel.endswith("/index.md"):
            headers["Sessions"] = "3"
        path = root / "content" / "es" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            _page(
                title,
                _summary("a made-up page in Spanish").replace("Plain-language", "Spanish"),
                "Texto ficticio para una prueba.",
                **headers,
            ),
            encoding="utf-8",
        )
