"""make new-treatment and friends: files with placeholders, never an overwrite."""

import pytest

from clinic.staff.scaffold import create, slugify


def test_a_new_treatment_gets_its_four_files(tmp_path):
    written = create("treatment", "Chemical  peel", tmp_path)
    assert written == [
        f"content/treatments/chemical-peel/{name}.md"
        for name in ("index", "benefits", "side-effects", "candidacy")
    ]
    overview = (tmp_path / written[0]).read_text(encoding="utf-8")
    assert overview.startswith("Title: Chemical peel\nSummary: FILL IN")
    assert "\nReviewed:\n" in overview and "Sessions: FILL IN" in overview
    side_effects = (tmp_path / written[2]).read_text(encoding="utf-8")
    assert side_effects.startswith("Title: Side effects of chemical peel\n")


def test_it_never_overwrites(tmp_path):
    create("condition", "Melasma", tmp_path)
    with pytest.raises(
        SystemExit, match="content/conditions/melasma.md already exists, so nothing was written"
    ):
        create("condition", "Melasma", tmp_path)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Chemical peel", "chemical-peel"),
        ("Láser CO₂", "laser-co2"),
        ("  Acné   scars ", "acne-scars"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_a_name_is_required(tmp_path):
    with pytest.raises(
        SystemExit, match='Give the page a name: make new-page NAME="Chemical peel"'
    ):
        create("page", "  ", tmp_path)


def test_the_build_lists_the_placeholders_and_publish_refuses(project):
    create("treatment", "Chemical peel", project.root)
    result = project.build()
    assert result.returncode == 0
    assert (
        'content/treatments/chemical-peel/index.md:6: "Sessions: FILL IN: for example 4 to 6" '
        "is still a placeholder. Replace the FILL IN text with the real text."
    ) in result.output
    assert result.page("/treatments/chemical-peel/side-effects/").is_file()
    from test_bad_input import complete

    complete(project)
    published = project.publish()
    assert published.returncode == 1
    assert "is still a placeholder" in published.output


def test_a_new_person_gets_a_team_page_that_the_build_lists_and_publish_refuses(tmp_path):
    from conftest import copy_project
    from fixture_clinics import write_clinic

    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    written = create("person", "Ana Ejemplo", project.root)
    assert written == ["content/team/ana-ejemplo.md"]
    text = (project.root / written[0]).read_text(encoding="utf-8")
    assert text.startswith("Title: Ana Ejemplo\nSummary: FILL IN")
    assert "\nRole: FILL IN" in text and "\nLocations: FILL IN" in text
    result = project.build()
    assert result.returncode == 0, result.output
    assert result.page("/team/ana-ejemplo/").is_file()
    assert (
        'content/team/ana-ejemplo.md:3: "Role: FILL IN: for example Dermatologist" is '
        "still a placeholder" in result.output
    )
    assert '"Locations" names' not in result.output


def _clinic(root, line):
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content/clinic.toml").write_text(f"[clinic]\n{line}\n", encoding="utf-8")


def test_a_spanish_site_scaffolds_in_spanish(tmp_path):
    _clinic(tmp_path, 'language = "es"')
    written = create("treatment", "Peeling químico", tmp_path)
    assert written[0] == "content/treatments/peeling-quimico/index.md"
    benefits = (tmp_path / written[1]).read_text(encoding="utf-8")
    title = benefits.splitlines()[0]
    assert title.startswith("Title: Peeling químico") and "Benefits" not in title
    assert "## ¿" in benefits  # the questions are Spanish ones
    assert "Procedure-Type: FILL IN" in (tmp_path / written[0]).read_text(encoding="utf-8")


def test_a_translation_goes_into_the_language_folder_without_the_originals_facts(tmp_path):
    _clinic(tmp_path, 'languages = ["en", "es"]')
    create("treatment", "Chemical peel", tmp_path)
    written = create("treatment", "Peeling químico", tmp_path, "es", "chemical-peel")
    assert written[0] == "content/es/treatments/chemical-peel/index.md"
    overview = (tmp_path / written[0]).read_text(encoding="utf-8")
    assert overview.startswith("Title: Peeling químico\n")
    assert "Procedure-Type" not in overview and "Conditions" not in overview
    assert "Sessions: FILL IN" in overview and "\nReviewed:\n" in overview


def test_a_translation_of_nothing_and_an_unknown_language_are_refused(tmp_path):
    _clinic(tmp_path, 'languages = ["en", "es"]')
    with pytest.raises(SystemExit, match="content/treatments/peeling-quimico/index.md does not"):
        create("treatment", "Peeling químico", tmp_path, "es")
    with pytest.raises(SystemExit, match='"fr" is not one of the site\'s languages'):
        create("treatment", "Peeling chimique", tmp_path, "fr")
    assert not (tmp_path / "content/es").exists()
