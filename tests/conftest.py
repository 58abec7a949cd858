"""Shared helpers: build a copy of the project with the real Pelican.

Every copy gets the fictional Kestrel Skin Clinic (tests/kestrel.py) as its
content, never the repository's content/: the tests check the generator, so
they pass whatever clinic content/ holds.  The real content is checked by
``make check`` and ``make publish``.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
# Review dates are checked against "today"; tests pin it so they never age.
TODAY = "2026-11-26"
# What a copy of the project takes from the repository: everything but content/.
PROJECT_FILES = ("theme", "plugins", "pelicanconf.py", "publishconf.py")
# Every test build shares one cache (keyed by content, so sharing is safe):
# each fixture photo is encoded, each brand picture drawn and the theme
# scanned once per machine, not once per build.
SHARED_CACHE = Path(tempfile.gettempdir()) / f"clinic-test-cache-{os.getuid()}"
os.environ.setdefault("CLINIC_CACHE", str(SHARED_CACHE))


# Property tests draw new examples on every run on a staff machine, where a
# failure it finds is kept in .hypothesis/ and tried first next time; in CI
# (CI=true) the examples follow from each test's name, so a run that passed
# passes again on the same code, and a failure can be run again as it was.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@dataclass
class Result:
    returncode: int
    output: str  # stdout and stderr together, as staff see them
    out_dir: Path

    def page(self, url: str) -> Path:
        """The file served for a site URL such as /treatments/microneedling/."""
        path = self.out_dir / url.lstrip("/")
        return path / "index.html" if url.endswith("/") else path


def pelican_arguments(out_dir: Path, settings: str) -> list[str]:
    """What ``make html`` passes to Pelican, with "today" pinned."""
    return ["content", "-s", settings, "-o", str(out_dir), "-e", f'CLINIC_TODAY="{TODAY}"']


def run_pelican(
    project: Path, out_dir: Path, settings: str = "pelicanconf.py", env: dict | None = None
) -> Result:
    """``pelican content -s settings`` in a copy of this test process (``os.fork``).

    The copy runs Pelican's command line (``pelican.main``) with the modules
    this process has already imported, so a build skips the interpreter's
    start-up and the imports of Pelican, Markdown, Pillow and phonenumbers
    (more than half of a small build).  Pelican keeps state for the life of a
    process (which warnings it has already logged, the settings modules it
    loaded), so each build still runs in a process of its own, with its own
    exit status and output, as on the command line.  The command line itself
    is tested with ``run_pelican_command``.
    """
    import pelican
    import phonenumbers

    import clinic.plugin  # noqa: F401 - imported once here, not in every copy

    # libphonenumber reads a region's rules on first use; read once here too
    phonenumbers.PhoneMetadata.metadata_for_region("US")

    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the copy: never returns into pytest
            status = 1
            try:
                status = _child_build(pelican.main, project, out_dir, settings, env, out, err)
            finally:
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        output = out.read() + err.read()
    return Result(os.waitstatus_to_exitcode(wait_status), output, out_dir)


def _child_build(
    main: Callable[[list[str]], None],
    project: Path,
    out_dir: Path,
    settings: str,
    env: dict | None,
    out: IO[str],
    err: IO[str],
) -> int:
    """Run Pelican's command line as ``python -m pelican`` would, in the forked copy."""
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    # the copy's own stdout and stderr until os._exit: never closed
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    os.environ.update(COLUMNS="200", **(env or {}))
    os.chdir(project)
    sys.path.insert(0, str(project))  # as python -m puts the working folder first
    for name in ("pelicanconf", "publishconf"):
        sys.modules.pop(name, None)
    from pelican.log import console

    console.width = 200  # as COLUMNS=200 gives a new process
    # pytest's log capture is on the root logger; Pelican sets up its own
    # console handler only on a logger without any, as in a new process
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    try:
        main(pelican_arguments(out_dir, settings))
        status = 0
    except SystemExit as stop:  # as the interpreter ends on SystemExit
        if stop.code is None or isinstance(stop.code, int):
            status = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def run_pelican_command(
    project: Path, out_dir: Path, settings: str = "pelicanconf.py", env: dict | None = None
) -> Result:
    """``python -m pelican`` in a new process: the command line as staff run it."""
    command = [sys.executable, "-m", "pelican", *pelican_arguments(out_dir, settings)]
    environment = dict(os.environ, COLUMNS="200", **(env or {}))
    done = subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=environment, timeout=300
    )
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

    def build_command(self, settings: str = "pelicanconf.py", env: dict | None = None) -> Result:
        """The same build through ``python -m pelican`` in a new process."""
        return run_pelican_command(self.root, self.root / "output", settings, env)

    def publish(self) -> Result:
        return self.build("publishconf.py", {"SITEURL": "https://clinic.example.org"})


def copy_project(root: Path) -> Project:
    """The project's code and theme copied to ``root``, with the fictional clinic as content."""
    from kestrel import write_content

    root.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    write_content(root)
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
    """The fictional clinic's site (in the sample's role), built once in development mode."""
    project = copy_project(tmp_path_factory.mktemp("sample") / "site")
    result = run_pelican(project.root, tmp_path_factory.mktemp("output"))
    assert result.returncode == 0, result.output
    return result
