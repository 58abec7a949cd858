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
