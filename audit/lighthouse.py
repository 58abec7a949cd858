"""Lighthouse (mobile) on one page of each type."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from browser import LAUNCH_ARGS, chromium_path

from .tools import LIGHTHOUSE

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Performance is measured, so it varies with the machine's load (Lighthouse's own
# advice: run it more than once).  A page below 100, or a run that Lighthouse
# itself gives up on (a trace without a navigation start, on a busy machine),
# gets up to two more runs and keeps its best; the other categories do not vary.
RUNS = 3


def run_lighthouse(url: str) -> dict:
    """Like ``run_once``, repeated while performance is below 100; adds "runs"."""
    best: dict = {}
    for run in range(1, RUNS + 1):
        scores = run_once(url)
        if (
            not best
            or "error" in best
            or ("error" not in scores and scores["performance"] > best["performance"])
        ):
            best = scores
        best["runs"] = run
        if best.get("performance") == 100:
            break
    return best


def run_once(url: str) -> dict:
    """{category: score 0-100, "failed": [audit titles below 1]} for one URL."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            f"--chrome-flags={' '.join(LAUNCH_ARGS)}",
        ]
        env = dict(os.environ, CHROME_PATH=chromium_path() or "")
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if done.returncode != 0 or not report.is_file():
            return {"error": (done.stderr or done.stdout).strip()[-500:]}
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        return {"error": data["runtimeError"].get("message", "runtime error")}
    scores = {}
    failed = []
    for name in CATEGORIES:
        category = data["categories"][name]
        scores[name] = None if category["score"] is None else round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{name}: {audit['title']} ({audit['score']})")
    scores["failed"] = failed
    return scores
