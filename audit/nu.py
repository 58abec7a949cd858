"""The Nu HTML checker (vnu.jar) over the whole built site."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

from .tools import VNU_JAR


def check_folder(folder: Path) -> tuple[Counter, list[str]]:
    """(errors per page file, error messages); --errors-only, HTML files only."""
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr; exit status 1 means errors were found.
    try:
        messages = json.loads(done.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise SystemExit(f"vnu.jar failed ({done.returncode}):\n{done.stderr}") from None
    per_file: Counter = Counter()
    lines = []
    for message in messages:
        url = message.get("url", "")
        rel = url.split(str(folder.resolve()), 1)[-1] or url
        per_file[rel] += 1
        lines.append(f"{rel}:{message.get('lastLine', '?')}: {message.get('message')}")
    if done.returncode not in (0, 1) or (done.returncode == 1 and not messages):
        raise SystemExit(f"vnu.jar failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return per_file, lines
