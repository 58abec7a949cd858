"""The plugin's rooms and the direction of its imports (docs/architecture.md).

A room may import the rooms below it, never one above or beside it that is
not listed, so each can be read and tested knowing only what lies beneath.
Only ``plugin.py`` may know Pelican's signals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parent.parent / "plugins" / "clinic"

# What each room may import from the plugin, besides itself.
ALLOWED = {
    "model": set(),
    "phones": {"model"},
    "rules": {"model", "phones"},
    "schema": {"model"},
    "publishing": {"model", "rules"},
    "build": {"model", "phones", "rules", "schema", "publishing"},
    "plugin": {"model", "phones", "rules", "schema", "publishing", "build"},
    "staff": {"model", "rules", "publishing"},
    "__init__": {"plugin"},  # register() only
}


def _room(path: Path) -> str:
    rel = path.relative_to(PLUGIN)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _plugin_imports(path: Path) -> set[str]:
    """The rooms a module imports, from its relative imports at any depth."""
    rel = path.relative_to(PLUGIN)
    package = list(rel.parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.add(target[0])
            else:  # "from . import plugin" in the package's own __init__
                found.update(alias.name for alias in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found.update("clinic:" + n.split(".")[1] for n in names if n.startswith("clinic."))
    return found


MODULES = sorted(p for p in PLUGIN.rglob("*.py") if "data" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PLUGIN)))
def test_imports_point_downwards(path: Path) -> None:
    room = _room(path)
    assert room in ALLOWED, f"{path}: a new room needs a place in docs/architecture.md"
    imported = _plugin_imports(path) - {room}
    assert not any(name.startswith("clinic:") for name in imported), (
        f"{path} imports the plugin by its absolute name; use a relative import"
    )
    assert imported <= ALLOWED[room], f"{path} ({room}) imports {imported - ALLOWED[room]}"


def test_only_the_adapter_knows_pelicans_signals() -> None:
    knowing = sorted(str(p.relative_to(PLUGIN)) for p in MODULES if _imports_signals(p))
    assert knowing == ["plugin.py"]


def _imports_signals(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("pelican")
            and any(a.name == "signals" for a in node.names)
        ):
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            if any(n.startswith("pelican.plugins.signals") for n in names):
                return True
    return False


def test_a_room_that_breaks_the_rule_is_caught(tmp_path: Path) -> None:
    """The walk finds an upward import (so the parametrized test can fail)."""
    global PLUGIN
    saved = PLUGIN
    (tmp_path / "model").mkdir()
    bad = tmp_path / "model" / "bad.py"
    bad.write_text("from ..build.session import Build\nfrom . import problems\n")
    try:
        PLUGIN = tmp_path
        assert _plugin_imports(bad) == {"build", "model"}
    finally:
        PLUGIN = saved
