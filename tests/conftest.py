"""Shared helpers: build a copy of the sample site with the real Pelican."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Review dates are checked against "today"; tests pin it so they never age.
TODAY = "2026-11-26"
PROJECT_FILES = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py")
# Every test build shares one picture cache (keyed by content, so sharing is
# safe): each fixture photo is encoded once per machine, not once per build.
PICTURE_CACHE = Path(tempfile.gettempdir()) / f"clinic-test-pictures-{os.getuid()}"
os.environ.setdefault("CLINIC_PICTURE_CACHE", str(PICTURE_CACHE))


@dataclass
class Result:
    returncode: int
    output: str  # stdout and stderr together, as staff see them
    out_dir: Path

    def page(self, url: str) -> Path:
        """The file served for a site URL such as /treatments/microneedling/."""
        path = self.out_dir / url.lstrip("/")
        return path / "index.html" if url.endswith("/") else path


def run_pelican(project: Path, out_dir: Path, settings: str = "pelicanconf.py",
                env: dict | None = None) -> Result:
    command = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(out_dir),
               "-e", f'CLINIC_TODAY="{TODAY}"']
    environment = dict(os.environ, COLUMNS="200", **(env or {}))
    done = subprocess.run(command, cwd=project, capture_output=True, text=True,
                          env=environment, timeout=300)
    return Result(done.returncode, done.stdout + done.stderr, out_dir)


class Project:
    """A throwaway copy of the project that a test may break."""

    def __init__(self, root: Path):
        self.root = root

    def file(self, rel: str) -> Path:
        return self.root / rel

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.file(rel)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.file(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def build(self, settings: str = "pelicanconf.py", env: dict | None = None) -> Result:
        return run_pelican(self.root, self.root / "output", settings, env)

    def publish(self) -> Result:
        return self.build("publishconf.py", {"SITEURL": "https://clinic.example.org"})


def copy_project(root: Path) -> Project:
    """The project's sources (not its build or environment) copied to ``root``."""
    root.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    return Project(root)


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path / "site")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test."""
    from playwright.sync_api import sync_playwright

    from browser import launch
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Result:
    """The real sample site, built once in development mode."""
    result = run_pelican(ROOT, tmp_path_factory.mktemp("output"))
    assert result.returncode == 0, result.output
    return result
