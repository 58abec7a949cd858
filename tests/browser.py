"""Chromium for the browser tests: the system's (CI installs Debian's) or Playwright's own."""

from __future__ import annotations

import os
import shutil

# the theme's system fonts drawn as on a phone, whatever the machine's default
FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts.conf")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# "200 % text" as the tests and the audit simulate it: the root font size, so
# everything the theme sizes in rem grows, as when a visitor raises the text
# size in their browser's settings, while px sizes (the 44 px minimum target)
# stay.  Unlike that setting it leaves media queries alone; the theme's
# container query on body (site.css) follows it either way.
def set_text_size(page, percent: int) -> None:
    page.evaluate("p => { document.documentElement.style.fontSize = p + '%'; }", percent)


def chromium_path() -> str | None:
    """CHROMIUM from the environment, else a Chromium on PATH; None means Playwright's own."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch(playwright):
    """A headless Chromium; fails with a message that says how to install one."""
    try:
        return playwright.chromium.launch(
            executable_path=chromium_path(),
            args=LAUNCH_ARGS,
            env=dict(os.environ, FONTCONFIG_FILE=FONTS),
        )
    except Exception as error:  # Playwright raises its own Error types
        raise RuntimeError(
            "No Chromium for the browser tests. Install one: `sudo apt-get install chromium` "
            "(Debian, Ubuntu), or `.venv/bin/python -m playwright install chromium`; or set "
            f"CHROMIUM to its path. ({error})"
        ) from error
