"""Where the audit's tools live, installing the npm ones when they are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
OBSERVATORY_SCAN = NODE_MODULES / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"

# The project's shared browser helpers and test server (tests/browser.py,
# tests/headers_server.py): the audit serves and drives pages the same way.
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))


def ensure_npm_packages() -> None:
    """`npm ci --ignore-scripts` when node_modules is missing or older than the lock file.

    --ignore-scripts: vnu-jar's postinstall downloads a Java runtime (the system's
    Java is used instead) and the Observatory's downloads its HSTS preload and TLD
    lists (observatory.py writes the one list the scan reads).
    """
    lock = ROOT / "package-lock.json"
    stamp = NODE_MODULES / ".package-lock.json"  # written by npm
    fresh = stamp.is_file() and stamp.stat().st_mtime >= lock.stat().st_mtime
    if fresh and all(p.exists() for p in (AXE_JS, VNU_JAR, LIGHTHOUSE, OBSERVATORY_SCAN)):
        return
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("The audit needs Node.js 20 and npm (Debian: apt-get install nodejs npm).")
    print("Installing the audit's npm packages (npm ci --ignore-scripts)...", flush=True)
    subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        check=True,
    )


def axe_source() -> str:
    ensure_npm_packages()
    return AXE_JS.read_text(encoding="utf-8")


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def versions() -> dict[str, str]:
    """The versions the audit ran with, for the report."""
    import json
    import platform

    from browser import chromium_path

    def package(name: str) -> str:
        try:
            return json.loads((NODE_MODULES / name / "package.json").read_text())["version"]
        except OSError:
            return "not installed"

    java = subprocess.run(["java", "-version"], capture_output=True, text=True)
    from importlib.metadata import version

    return {
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "playwright (Python)": version("playwright"),
        "chromium": _first_line([chromium_path() or "chromium", "--version"]),
        "node": _first_line(["node", "--version"]),
        "java": (java.stderr or java.stdout).splitlines()[0]
        if java.returncode == 0
        else "not found",
        "axe-core": package("axe-core"),
        "vnu-jar": package("vnu-jar"),
        "lighthouse": package("lighthouse"),
        "MDN HTTP Observatory": package("@mdn/mdn-http-observatory"),
    }
