"""What an open page polls under ``make serve``: a build id, and problems or an error.

Written by every development build with live reload on, and by the serve
loop when a build fails; the page's small script reads it and refreshes.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

LIVE_FILE = "_live.json"


def write_live(output: str, **state: Any) -> None:
    """What the open page polls: a build id, and the problems or the error to show."""
    os.makedirs(output, exist_ok=True)
    state["build"] = time.time_ns()
    # Written beside it, then renamed over it in one step: the open page (and
    # the server sending it) polls while builds run, and must never read a
    # half-written file.
    path = os.path.join(output, LIVE_FILE)
    part = f"{path}.{os.getpid()}.part"
    with open(part, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    os.replace(part, path)
