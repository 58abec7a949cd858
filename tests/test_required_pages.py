"""The pages the theme links to from every page must exist and be published."""

from __future__ import annotations

from clinic.rules.required_pages import linked_addresses, page_source, required_page_problems
from conftest import ROOT


def test_the_theme_links_to_these_pages():
    # the menu's links come from [navigation] menu, each checked when the menu
    # is made (model/navigation.py), so the templates ask for none of them
    assert linked_addresses(str(ROOT / "theme/templates")) == {
        "",
        "contact/",
        "privacy/",
        "accessibility/",
        "404.html",
        "favicon.ico",
    }


def test_a_link_shown_only_when_its_page_exists_asks_for_no_page(tmp_path):
    (tmp_path / "base.html").write_text(
        '<a href="{{ SITEURL }}/contact/">Contact</a>\n'
        '{% if catalog.special.get("team-index") %}<a href="{{ SITEURL }}/team/">Team</a>'
        '{% else %}<a href="{{ SITEURL }}/about/">About</a>{% endif %}\n'
        '{% for x in items %}<a href="{{ SITEURL }}/{{ x.url }}">{{ x }}</a>{% endfor %}\n'
        '{% call site_wide("footer") %}<a href="{{ SITEURL }}/privacy/">P</a>{% endcall %}\n',
        encoding="utf-8",
    )
    assert linked_addresses(str(tmp_path)) == {"contact/", "privacy/", "404.html"}


def test_the_addresses_come_from_the_cache_until_a_template_changes(tmp_path):
    templates, cache = tmp_path / "templates", str(tmp_path / "cache")
    templates.mkdir()
    base = templates / "base.html"
    base.write_text('<a href="{{ SITEURL }}/contact/">Contact</a>\n', encoding="utf-8")
    assert linked_addresses(str(templates), cache) == {"contact/", "404.html"}
    assert linked_addresses(str(templates), cache) == {"contact/", "404.html"}
    base.write_text(
        '<a href="{{ SITEURL }}/contact/">Contact</a><a href="{{ SITEURL }}/privacy/">P</a>\n',
        encoding="utf-8",
    )
    assert linked_addresses(str(templates), cache) == {"contact/", "privacy/", "404.html"}
    base.write_text('{% if x %}<a href="{{ SITEURL }}/contact/">C</a>{% endif %}\n', "utf-8")
    assert linked_addresses(str(templates), cache) == {"404.html"}


def test_an_address_names_its_file():
    assert [page_source(a) for a in ("", "contact/", "404.html", "privacy/", "blog/x/")] == [
        "pages/home.md",
        "pages/contact.md",
        "pages/404.md",
        "pages/privacy.md",
        None,
    ]


def problems(published, drafts=None, on_disk=()):
    return [
        str(p)
        for p in required_page_problems(
            ["", "contact/", "404.html"],
            set(published),
            drafts or {},
            "content",
            lambda rel: rel in on_disk,
            lambda label, key: 4,
        )
    ]


def test_missing_and_draft_pages_are_problems():
    assert problems(["contact/"], {"404.html": "content/pages/404.md"}) == [
        "content/pages/home.md: This page is missing, but every page links to /, so that link "
        'would lead nowhere. Create it with make new-page NAME="Home", then write its text.',
        "content/pages/404.md:4: This page is a draft, but hosts show it for every address "
        "that does not exist. Remove the line Status: draft to publish it.",
    ]


def test_a_file_that_made_no_page_is_left_to_its_own_message():
    assert problems(["contact/", "404.html"], on_disk=["pages/home.md"]) == []
