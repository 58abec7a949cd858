"""Blocks rendered once a build: the same text for the same key, a new one for another."""

import jinja2

from clinic.publishing.site_wide import SiteWide

TEMPLATE = (
    '{% call site_wide("footer", SITEURL) %}{{ count() }}<a href="{{ SITEURL }}/">'
    "{{ name }}</a>{% endcall %}|{{ page }}"
)


def render_pages(site_wide, pages, renders=None):
    env = jinja2.Environment(autoescape=True)
    env.globals["site_wide"] = site_wide
    env.globals["count"] = lambda: (renders if renders is not None else []).append(1) or ""
    template = env.from_string(TEMPLATE)
    return [template.render(**page) for page in pages]


def test_the_block_is_rendered_once_and_the_rest_of_the_page_every_time():
    renders = []
    pages = [{"SITEURL": "", "name": "A & B", "page": n} for n in range(3)]
    assert render_pages(SiteWide(), pages, renders) == [
        f'<a href="/">A &amp; B</a>|{n}' for n in range(3)
    ]
    assert len(renders) == 1


def test_a_different_key_renders_again():
    pages = [{"SITEURL": "..", "name": "A", "page": 1}, {"SITEURL": ".", "name": "A", "page": 2}]
    assert render_pages(SiteWide(), pages) == ['<a href="../">A</a>|1', '<a href="./">A</a>|2']


def test_each_build_starts_afresh():
    first = render_pages(SiteWide(), [{"SITEURL": "", "name": "Old", "page": 1}])
    second = render_pages(SiteWide(), [{"SITEURL": "", "name": "New", "page": 1}])
    assert (first, second) == (['<a href="/">Old</a>|1'], ['<a href="/">New</a>|1'])
