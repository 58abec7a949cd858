"""Titles as written: the theme shows a page's title exactly, escaped once.

The theme's own templates are rendered with a small context, so any title
can be tried; an end-to-end build checks the same in real pages.
"""

from __future__ import annotations

import datetime as dt
import functools
from types import SimpleNamespace

import jinja2
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.build.components import share_components
from clinic.model.profile import Profile
from clinic.model.strings import load_strings
from clinic.publishing.site_wide import SiteWide, mark_current
from conftest import ROOT

TRICKY = [
    "Results in <2 weeks & lasting >6 months",
    'Tom & Jerry\'s "peel"',
    "&amp; written &lt;b&gt; as entities",
    "<b>not bold</b> & <i>",
    "a  <  b > c",
]
TITLES = st.one_of(
    st.sampled_from(TRICKY),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'; #"), min_size=1
    ).filter(lambda s: s.strip() == s and s.strip()),
)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme/templates")), autoescape=True
    )
    env.globals.update(
        asset=lambda rel: rel,
        t=load_strings(str(ROOT / "theme"), "en"),
        href=lambda url: url,
        og_locale=lambda code: code,
    )
    env.filters["long_date"] = lambda day: day.isoformat()
    env.filters["mark_current"] = mark_current
    env.globals["site_wide"] = SiteWide()
    assert share_components(env, str) == []
    return env


def render(template: str, title: str, clinic_name: str = "Clinica & Co") -> BeautifulSoup:
    env = environment()
    env.globals["site_wide"] = SiteWide()
    doc = SimpleNamespace(
        title=title,
        summary="",
        structured_data="",
        content="",
        canonical_url="https://clinic.example.org/x/",
        review=None,
        breadcrumbs=[("Home", ""), (title, "x/")],
        clinic_route=None,
        author="Staff",
        date=dt.date(2026, 1, 1),
    )
    context = {
        "clinic": Profile(name=clinic_name),
        "SITEURL": "https://clinic.example.org",
        "catalog": None,
        template.split(".")[0]: doc,
    }
    return BeautifulSoup(env.get_template(template).render(**context), "html.parser")


@settings(max_examples=40, deadline=None)
@given(title=TITLES)
def test_every_title_shows_exactly_what_was_written(title):
    for template in ("page.html", "article.html"):
        page = render(template, title)
        shown = f"{title} | Clinica & Co"
        assert page.title.get_text() == shown
        assert page.find("meta", property="og:title")["content"] == shown
        assert page.h1.get_text() == title
        assert page.find(attrs={"aria-current": "page"}).get_text() == title


def test_a_title_is_escaped_once_in_the_markup():
    assert str(render("page.html", TRICKY[0]).title) == (
        "<title>Results in &lt;2 weeks &amp; lasting &gt;6 months | Clinica &amp; Co</title>"
    )
    assert str(render("page.html", "&amp;").title) == "<title>&amp;amp; | Clinica &amp; Co</title>"
