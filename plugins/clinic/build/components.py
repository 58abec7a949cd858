"""The theme's macros (``templates/components/``), made once per build and given to every template.

A template that imports a macro (``{% from "components/x.html" import y %}``)
pays for the import each time it is rendered: Jinja compares the importer's
globals with the component's (two chained mappings) on every page, about a
tenth of the rendering of a large site.  Made once here and shared as
globals, the components cost nothing per page.  A macro sees what it saw
when imported without context: the environment's globals (``t``, ``href``,
``asset``, ...) and its arguments, so the globals are set first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import jinja2

from ..model.problems import Problem

FOLDER = "components/"


def share_components(env: jinja2.Environment, label: Callable[[str], str]) -> list[Problem]:
    """Make every component once and put its macros into ``env.globals``.

    Two components defining one name, or a macro named like another global,
    would make a page call the wrong one without a word: the second is not
    shared and is a problem of its file.
    A template that imports it by name still gets it.
    """
    problems: list[Problem] = []
    shared: dict[str, tuple[str, Any]] = {}
    names = env.list_templates(filter_func=lambda name: name.startswith(FOLDER))
    for name in sorted(n for n in names if n.endswith(".html")):
        template = env.get_template(name)
        # a file's path as staff see it; a theme held in memory has only names
        filename = template.filename
        source = label(filename) if filename and os.path.isfile(filename) else name
        for macro, value in vars(template.module).items():
            if macro.startswith("_"):
                continue  # Jinja's own (__name__, _body_stream); templates export no _names
            taken = shared[macro][0] if macro in shared else ""
            if taken or macro in env.globals:
                where = f"in {taken} too" if taken else "a global's name already"
                problems.append(
                    Problem(
                        source,
                        None,
                        f"the theme's macro {macro!r} is {where}, so pages would not "
                        "know which one they call",
                        "rename one of them, and the calls to it",
                    )
                )
                continue
            shared[macro] = (source, value)
    env.globals.update({macro: value for macro, (_, value) in shared.items()})
    return problems
