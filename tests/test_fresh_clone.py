"""The README's first command sets everything up on a fresh clone."""

import os
import subprocess

import kestrel
from conftest import ROOT


def test_a_fresh_clone_builds_with_make_html(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    assert not (clone / ".venv").exists()
    # The clinic in the clone is the fictional one: this tests the set-up, and
    # whether the repository's own content/ builds is for make check to say.
    kestrel.write_content(clone)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    done = subprocess.run(
        ["make", "html"], cwd=clone, capture_output=True, text=True, env=env, timeout=900
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (clone / ".venv" / "bin" / "pelican").is_file()
    assert (clone / "output" / "treatments" / "microneedling" / "index.html").is_file()
    # a second run finds the environment up to date and only builds
    again = subprocess.run(
        ["make", "html"], cwd=clone, capture_output=True, text=True, env=env, timeout=300
    )
    assert again.returncode == 0
    assert "pip install" not in again.stdout
