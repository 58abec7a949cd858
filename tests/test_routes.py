"""Each source file's place decides its URL, output file and template."""

import pytest

from clinic.model.routes import route_for


@pytest.mark.parametrize(
    "source, kind, url, save_as, template",
    [
        ("pages/home.md", "home", "", "index.html", "home"),
        ("pages/contact.md", "contact", "contact/", "contact/index.html", "contact"),
        ("pages/privacy.md", "page", "privacy/", "privacy/index.html", "page"),
        ("pages/404.md", "not-found", "404.html", "404.html", "page"),
        (
            "pages/treatments.md",
            "treatments-index",
            "treatments/",
            "treatments/index.html",
            "treatments",
        ),
        (
            "treatments/microneedling/index.md",
            "treatment",
            "treatments/microneedling/",
            "treatments/microneedling/index.html",
            "treatment",
        ),
        (
            "treatments/microneedling/side-effects.md",
            "treatment",
            "treatments/microneedling/side-effects/",
            "treatments/microneedling/side-effects/index.html",
            "treatment",
        ),
        (
            "conditions/hyperpigmentation.md",
            "condition",
            "conditions/hyperpigmentation/",
            "conditions/hyperpigmentation/index.html",
            "condition",
        ),
        ("articles/treating-dark-spots.md", "article", "", "", "article"),
    ],
)
def test_route(source, kind, url, save_as, template):
    route = route_for(source)
    assert (route.kind, route.url, route.save_as, route.template) == (kind, url, save_as, template)


def test_a_treatment_section_knows_its_treatment_and_section():
    route = route_for("treatments/chemical-peel/aftercare.md")
    assert (route.treatment, route.section, route.is_medical) == (
        "chemical-peel",
        "aftercare",
        True,
    )
    assert route_for("treatments/chemical-peel/index.md").section == "overview"
    assert route_for("pages/privacy.md").is_medical is False


@pytest.mark.parametrize(
    "source",
    [
        "notes.md",  # not in a known folder
        "pages/sub/page.md",  # too deep
        "treatments/peel.md",  # a treatment needs its own folder
        "treatments/Peel/index.md",  # capitals cannot be in a clean URL
        "pages/Side Effects.md",  # nor spaces
        "pages/readme.txt",  # not Markdown
    ],
)
def test_files_outside_the_layout_have_no_route(source):
    assert route_for(source) is None
