"""Edit-to-refresh under ``make serve``: from saving a file to the new page being served.

For the sample site and a synthetic 1,000-page site, starts the real serve
loop (``python -m clinic.staff.serve``) in a temporary copy of the project, then
several times: appends a sentence to a treatment page and measures the time
until the server returns the page with it.  That is what a member of staff
waits for; the open page then reloads within its 0.3 s poll.

    .venv/bin/python bench/refresh.py [--repeat 5] [--pages 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def prepare(root: Path, pages: int | None) -> tuple[Path, str]:
    """A project copy; returns the file to edit and the URL that shows it."""
    for name in ("theme", "plugins", "pelicanconf.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    if pages is None:
        shutil.copytree(ROOT / "content", root / "content")
        return (
            root / "content/treatments/microneedling/side-effects.md",
            "/treatments/microneedling/side-effects/",
        )
    synth.generate(str(root), pages)
    overview = sorted((root / "content/treatments").glob("*/benefits.md"))[0]
    return overview, f"/treatments/{overview.parent.name}/benefits/"


def measure(label: str, pages: int | None, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as tmp:
        root = Path(tmp)
        edited, url = prepare(root, pages)
        port = free_port()
        env = dict(os.environ, PORT=str(port), PYTHONPATH=str(root / "plugins"))
        server = subprocess.Popen(
            [sys.executable, "-m", "clinic.staff.serve", "pelicanconf.py"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            start = time.perf_counter()
            while fetch(base + "/_live.json") is None:
                if time.perf_counter() - start > 300:
                    raise SystemExit(f"{label}: the server did not start")
                time.sleep(0.05)
            first_build = time.perf_counter() - start
            pages_written = sum(1 for _ in (root / "output").rglob("*.html"))
            times = []
            for index in range(repeat):
                time.sleep(0.5)  # let the watcher settle, as between two real edits
                marker = f"Edit number {index} at {time.time_ns()}."
                with open(edited, "a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                saved = time.perf_counter()
                while marker not in (fetch(base + url) or ""):
                    if time.perf_counter() - saved > 60:
                        raise SystemExit(f"{label}: the edit never appeared")
                    time.sleep(0.01)
                times.append(time.perf_counter() - saved)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {
        "site": label,
        "pages": pages_written,
        "first build s": round(first_build, 2),
        "median s": round(statistics.median(times), 2),
        "min s": round(min(times), 2),
        "max s": round(max(times), 2),
        "runs": len(times),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    rows = [
        measure("sample", None, args.repeat),
        measure(f"synthetic {args.pages}", args.pages, args.repeat),
    ]
    bars = {"sample": 1.0, f"synthetic {args.pages}": 3.0}
    print("| site | pages | first build (s) | edit-to-refresh median (s) | min | max | bar | |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        bar = bars[row["site"]]
        verdict = "PASS" if row["max s"] <= bar else "FAIL"
        print(
            f"| {row['site']} | {row['pages']} | {row['first build s']} | {row['median s']} | "
            f"{row['min s']} | {row['max s']} | ≤ {bar} s | {verdict} |"
        )
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
