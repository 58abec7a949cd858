"""make publish: one at a time, swapped in whole, nothing left behind when interrupted."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import kestrel
from conftest import ROOT, TODAY, Project
from test_bad_input import complete

SITE = "https://clinic.example.org"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture
def root(tmp_path) -> Path:
    """A complete, publishable copy of the project (its Makefile too)."""
    root = tmp_path / "site"
    shutil.copytree(
        ROOT,
        root,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "output",
            "output.*",
            ".publish",
            ".publish-tmp",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
            "node_modules",
            "cache",
        ),
    )
    kestrel.write_content(root)  # the fictional clinic, whatever content/ holds
    complete(Project(root))
    return root


def make(root: Path, target: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            "make",
            target,
            f"BIN={VENV_BIN}",
            f"VENV={VENV_BIN.parent}",
            f"PELICAN_OPTS=-e CLINIC_TODAY='\"{TODAY}\"'",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"PATH": f"{VENV_BIN}:/usr/bin:/bin", "SITEURL": SITE, "HOME": str(root)},
    )


def run(root: Path, target: str) -> tuple[int, str]:
    process = make(root, target)
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def site_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def test_two_publishes_at_once_leave_one_whole_site(root):
    first = make(root, "publish")
    time.sleep(0.1)
    second_code, second_out = run(root, "publish")
    first_out, _ = first.communicate(timeout=600)
    codes = sorted([first.returncode, second_code])
    assert codes[0] == 0 and codes[1] != 0, first_out + second_out
    assert (
        "Another publish is running in this folder. Wait until it has finished, then run "
        "make publish again."
    ) in first_out + second_out
    output = root / "output"
    assert (output / "index.html").is_file()
    assert (output / "treatments/microneedling/index.html").is_file()
    assert (output / "_headers").is_file() and (output / "index.html.br").is_file()
    count = site_files(output)
    # the same content published alone gives the same files
    assert run(root, "publish")[0] == 0
    assert site_files(root / "output") == count
    # the build just published and the one before it (a deploy may still be reading it)
    assert len([p for p in (root / ".publish").iterdir() if p.name.startswith("site-")]) == 2


def test_a_reader_never_sees_a_partial_site(root):
    assert run(root, "publish")[0] == 0
    whole = site_files(root / "output")
    seen: list[int] = []
    stop = threading.Event()

    def read() -> None:
        # as a deploy would: find where output is, then copy (here: count) that folder
        while not stop.is_set():
            folder = os.path.realpath(root / "output")
            seen.append(
                site_files(Path(folder))
                if os.path.isfile(os.path.join(folder, "index.html"))
                else -1
            )

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(2):
            assert run(root, "publish")[0] == 0
    finally:
        stop.set()
        reader.join()
    assert len(seen) > 10
    assert set(seen) == {whole}, sorted(set(seen))


def test_an_interrupted_publish_leaves_nothing_behind(root):
    assert run(root, "publish")[0] == 0
    published = os.readlink(root / "output")
    # enough pages that Pelican is still writing when the signal comes, whatever
    # the size of the clinic's own content
    for number in range(300):
        Project(root).write(
            f"content/pages/notice-{number}.md",
            f"Title: Notice {number}\nSummary: A made-up notice of the fictional clinic, "
            "here so that a publish takes long enough to be interrupted.\n\nMade-up text.\n",
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "clinic.staff.publish", "-e", f'CLINIC_TODAY="{TODAY}"'],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, SITEURL=SITE, PYTHONPATH="plugins"),
    )
    builds = root / ".publish"
    deadline = time.time() + 60
    while len([p for p in builds.iterdir() if p.name.startswith("site-")]) < 2:
        assert time.time() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)  # Pelican is writing into its folder
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Publish interrupted; output/ was not changed." in output
    assert os.readlink(root / "output") == published
    assert sorted(p.name for p in builds.iterdir()) == sorted(["lock", os.path.basename(published)])
    assert not list(root.glob("output.*"))


def test_make_html_after_publish_and_make_clean(root):
    assert run(root, "publish")[0] == 0
    published = root / "output"
    target = Path(os.path.realpath(published))
    count = site_files(target)
    assert run(root, "html")[0] == 0
    assert published.is_dir() and not published.is_symlink()
    assert site_files(target) == count  # the published build was not written into
    assert run(root, "publish")[0] == 0  # over a development folder: moved aside
    assert published.is_symlink() and (published / "index.html").is_file()
    assert not any(p.name.startswith("development-") for p in (root / ".publish").iterdir())
    assert run(root, "clean")[0] == 0
    assert not os.path.lexists(published) and not (root / ".publish").exists()
