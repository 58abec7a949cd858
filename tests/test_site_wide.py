"""Blocks rendered once a build: the same text for the same key, a new one for another;
the menu's link to the page being written marked afterwards."""

import jinja2
from markupsafe import Markup

from clinic.publishing.site_wide import SiteWide, mark_current

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


def test_mark_current_marks_the_menu_links_to_the_page_alone():
    header = Markup(
        '<a class="name" href="../contact/">Clinic</a>'
        '<ul><li><a href="../contact/">Contact</a></li><li><a href="../contact/x/">X</a></li>'
        '<li><a href="../contact">Y</a></li></ul>'
    )
    marked = mark_current(header, "..", "contact/")
    assert isinstance(marked, Markup)  # printed as it is, not escaped again
    assert str(marked) == (
        '<a class="name" href="../contact/">Clinic</a>'
        '<ul><li><a href="../contact/" aria-current="page">Contact</a></li>'
        '<li><a href="../contact/x/">X</a></li><li><a href="../contact">Y</a></li></ul>'
    )


def test_mark_current_leaves_a_header_without_a_page_address_as_it_is():
    header = '<li><a href="/">Home</a></li>'
    assert mark_current(header, "", None) == header
    assert mark_current(header, "", "other/") == header


def test_mark_current_finds_an_address_as_the_template_escaped_it():
    env = jinja2.Environment(autoescape=True)
    template = env.from_string('<li><a href="{{ s }}/{{ u }}">{{ u }}</a></li>')
    for site_url, url in [("", "a&b/"), ("https://x.test/?q=1&r=2", "it's/"), ("..", "é/")]:
        header = Markup(template.render(s=site_url, u=url))
        assert mark_current(header, site_url, url).count('aria-current="page"') == 1, url
