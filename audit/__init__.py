"""`make audit`: the whole-site quality audit (see run.py and docs/quality.md).

The audit serves and drives pages with the project's shared test helpers
(tests/browser.py, tests/headers_server.py, tests/filled_clinic.py): the
folder goes on the import path here, before any module of the audit runs,
so no import in it depends on the order the import sorter gives them.
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1] / "tests")
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
