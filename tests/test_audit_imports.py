"""`make audit` and the screenshots start in a fresh interpreter: their modules import there.

The audit's modules use the test helpers in tests/; pytest puts that folder on
the path, a fresh ``python -m audit.run`` does not, so this runs the imports
the way `make audit` does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_audit_module_imports_as_make_audit_runs_it():
    modules = sorted(p.stem for p in (ROOT / "audit").glob("*.py") if p.stem != "__init__")
    assert "run" in modules and "screenshots" in modules
    for name in modules:  # each alone: one module's imports must not lean on another's
        done = subprocess.run(
            [sys.executable, "-c", f"import audit.{name}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (name, done.stderr)
