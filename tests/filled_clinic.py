"""A fictional clinic with every optional fact filled in (tests/fixtures/filled-clinic.toml).

The sample clinic, like the fixture clinic that stands in for it in the tests
(tests/kestrel.py), has no opening hours, one location and short names, so a
theme problem that only long or complete facts show (an hours table wider than
a phone) never appears on it.  The browser tests and `make audit` build a copy
of the project (its pages are the fixture clinic's) with this clinic in place of
content/clinic.toml.
"""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "filled-clinic.toml"


def use_filled_clinic(project_root: Path) -> None:
    """Put the fictional clinic in place of the copy's content/clinic.toml."""
    target = project_root / "content" / "clinic.toml"
    target.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")


def filled_project(root: Path) -> Path:
    """A copy of the project's sources at ``root`` with the fictional clinic in it."""
    from conftest import copy_project  # tests/conftest.py: the same copy the tests build

    project = copy_project(root)
    use_filled_clinic(project.root)
    return project.root
