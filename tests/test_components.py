"""The theme's macros as globals: made once, shared with every template, no name taken twice.

Small themes in memory (fiction): what a page renders, and what a theme that
names two macros alike is told.  A theme on disk is named by its files'
paths: the end-to-end builds use the real one.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from clinic.build.components import share_components


def environment(templates: dict[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    env.globals["t"] = lambda key: {"call": "Call us"}[key]
    return env


def test_a_page_calls_a_component_without_importing_it() -> None:
    env = environment(
        {
            "components/call_link.html": (
                '{% macro call_link(number) %}<a href="tel:{{ number }}">{{ t("call") }}</a>'
                "{% endmacro %}"
            ),
            "components/call_block.html": (
                '{% from "components/call_link.html" import call_link %}'
                "{% macro call_block(number) %}<p>{{ call_link(number) }}</p>{% endmacro %}"
            ),
            "page.html": "{{ call_block(number) }}|{{ call_link(number) }}",
        }
    )
    assert share_components(env, str) == []
    assert env.get_template("page.html").render(number="+13055550100") == (
        '<p><a href="tel:+13055550100">Call us</a></p>|<a href="tel:+13055550100">Call us</a>'
    )


def test_only_the_components_folder_is_shared() -> None:
    env = environment(
        {
            "components/a.html": "{% macro a() %}A{% endmacro %}",
            "partials/b.html": "{% macro b() %}B{% endmacro %}",
            "page.html": "{{ a() }}",
        }
    )
    assert share_components(env, str) == []
    assert "a" in env.globals and "b" not in env.globals


def test_a_name_defined_twice_is_a_problem_of_the_second_file() -> None:
    env = environment(
        {
            "components/cards.html": "{% macro cards() %}first{% endmacro %}",
            "components/more_cards.html": "{% macro cards() %}second{% endmacro %}",
        }
    )
    problems = share_components(env, str)
    assert [(p.path, p.line) for p in problems] == [("components/more_cards.html", None)]
    assert problems[0].message == (
        "the theme's macro 'cards' is in components/cards.html too, "
        "so pages would not know which one they call"
    )
    assert problems[0].fix == "rename one of them, and the calls to it"
    # the first keeps its name; the second is not shared
    assert env.from_string("{{ cards() }}").render() == "first"


def test_a_macro_named_like_a_global_is_a_problem_and_the_global_stays() -> None:
    env = environment({"components/t.html": "{% macro t(key) %}shadow{% endmacro %}"})
    problems = share_components(env, str)
    assert [p.path for p in problems] == ["components/t.html"]
    assert problems[0].message == (
        "the theme's macro 't' is a global's name already, so pages would not know which one "
        "they call"
    )
    assert env.from_string("{{ t('call') }}").render() == "Call us"


def test_a_theme_on_disk_is_named_by_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "theme" / "templates" / "components"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text("{% macro hours() %}9-5{% endmacro %}")
    (folder / "b.html").write_text("{% macro hours() %}24h{% endmacro %}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "theme" / "templates")))
    problems = share_components(env, lambda path: os.path.relpath(path, tmp_path))
    assert [p.path for p in problems] == ["theme/templates/components/b.html"]
    assert "in theme/templates/components/a.html too" in problems[0].message
