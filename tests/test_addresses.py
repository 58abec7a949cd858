"""Addresses and templates a page asks for: checked before anything is written."""

from __future__ import annotations

import pytest

from clinic.rules.pages import address_problems, unsafe_address
from test_bad_input import complete

POST = "content/articles/sea-salt-scrubs.md"
HEADER = (
    "Title: Are sea salt scrubs kind to skin?\nDate: 2026-10-02\n"
    "Summary: What a sea salt scrub does to the skin, and when a gentler choice is better "
    "for you.\n{extra}\n"
)
BODY = "A scrub takes off the top layer of dead skin cells.\n"
LEFT_OUT = "so the page was left out of the site"
TEMPLATES = frozenset({"article", "page", "home"})


@pytest.mark.parametrize(
    "save_as, why",
    [
        ("blog/../treatments/peel/index.html", '"." or ".."'),
        ("blog/../_headers/index.html", '"." or ".."'),
        ("../outside/index.html", '"." or ".."'),
        ("/etc/passwd", '"." or ".."'),
        ("_headers", "for the host or the theme"),
        ("robots.txt/index.html", "for the host or the theme"),
        ("theme/css/site.css", "for the host or the theme"),
        ("blog/a\x00b/index.html", "characters a file name cannot have"),
        ("blog\\..\\x", "characters a file name cannot have"),
    ],
)
def test_unsafe_addresses_say_why(save_as, why):
    assert why in unsafe_address(save_as)


@pytest.mark.parametrize("save_as", ["index.html", "blog/scrubs/index.html", "404.html", ""])
def test_ordinary_addresses_are_safe(save_as):
    assert unsafe_address(save_as) is None


def test_a_lang_that_moves_the_file_is_blamed_on_its_line():
    found = address_problems(
        "content/articles/x.md",
        {"lang": "../../x"},
        "x-../../x.html",
        "article",
        TEMPLATES,
        lambda source, key: {"lang": 4}[key],
    )
    assert [str(p) for p in found] == [
        'content/articles/x.md:4: This page would be written to "x-../../x.html", which has "." '
        f'or ".." steps or starts at the root, {LEFT_OUT}. Remove any Slug:, Lang:, URL: or '
        "Save_as: line that changes its address."
    ]


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            "Slug: ../treatments/microneedling",
            f'"Slug" is "../treatments/microneedling", which is not a slug, {LEFT_OUT}. Write '
            "lowercase letters, digits and hyphens, for example Slug: dark-spots.",
        ),
        ("Slug: ../_headers", f'"Slug" is "../_headers", which is not a slug, {LEFT_OUT}.'),
        ("Slug: ../robots.txt", f'"Slug" is "../robots.txt", which is not a slug, {LEFT_OUT}.'),
        (
            "Template: ../../../../etc/passwd",
            '"Template" is "../../../../etc/passwd", which is not one of the theme\'s templates '
            "(article, condition, conditions, contact, home, index, location, locations, page, "
            "person, team, treatment, treatments), "
            f"{LEFT_OUT}. Remove the Template: line: the file's place picks the template.",
        ),
        ("Template: base", '"Template" is "base", which is not one of the theme\'s templates'),
        (
            "Save_as: _headers",
            '"Save_as" sets the page\'s own address, but every address follows from where the file '
            f"is, and this one would break links to the page; {LEFT_OUT}. Remove the Save_as: "
            "line; to change a blog post's address, write a Slug: line instead; to change another "
            "page's, rename or move its file.",
        ),
        ("URL: /elsewhere/", '"URL" sets the page\'s own address'),
        (
            "Status: draft\nSlug: ../_headers",
            f'"Slug" is "../_headers", which is not a slug, {LEFT_OUT}.',
        ),
    ],
)
def test_a_header_that_asks_for_an_unsafe_address_leaves_the_page_out(project, extra, message):
    project.write(POST, HEADER.format(extra=extra) + BODY)
    line = HEADER.format(extra=extra).splitlines().index(extra.splitlines()[-1]) + 1
    result = project.build()
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output and "Error" not in result.output
    assert f"{POST}:{line}: {message}" in result.output
    assert result.page("/treatments/microneedling/").is_file()
    assert "sea salt" not in result.page("/treatments/microneedling/").read_text().lower()
    assert (result.out_dir / "_headers").is_file()
    assert not (project.root / "outside").exists()
    assert not (project.root / "outside.html").exists()
    complete(project)
    result = project.publish()
    assert result.returncode == 1, result.output
    assert f"{POST}:{line}: {message}" in result.output
    assert "Traceback" not in result.output
