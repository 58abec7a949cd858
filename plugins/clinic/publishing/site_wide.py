"""Template blocks that are the same on every page, rendered once a build.

In a template::

    {% call site_wide("footer", SITEURL) %} ... {% endcall %}

The first page renders the block; every later page with the same key gets
that text.  The key names the block and whatever in it may differ between
pages: SITEURL does, with relative URLs.  The header and footer (the
clinic's name, menus, every location with its call link) are a third of a
page's rendering; a new ``SiteWide`` each run keeps ``make serve`` current.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup, escape


class SiteWide:
    def __init__(self) -> None:
        self._rendered: dict[tuple[Hashable, ...], str] = {}
        # the language of the page being written: its blocks are its own
        self.scope = ""

    def __call__(self, *key: Hashable, caller: Callable[[], str]) -> str:
        key = (self.scope, *key)
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = caller()
        return found


def mark_current(header: str, site_url: str, url: object) -> Markup:
    """``header`` with its menu links to the page being written marked ``aria-current="page"``.

    The header is rendered once a build (``SiteWide``), so it cannot know
    the page; marking it afterwards costs a string search a page instead of
    a third of the page's rendering.  Only the menu's own links are marked
    (``<li><a href="...">``, as the theme writes them), in both the phone
    menu and the row of links; a page no menu item names is left as it is.
    """
    text = str(header)  # Markup.replace would escape what it is given
    if isinstance(url, str):
        # escaped as the template's autoescape wrote the href ("&" as "&amp;")
        link = f'<li><a href="{escape(site_url)}/{escape(url)}">'
        text = text.replace(link, f'{link[:-1]} aria-current="page">')
    return Markup(text)
