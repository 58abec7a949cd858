"""``make publish``: one strict build at a time, swapped in whole.

Usage: ``python -m clinic.staff.publish [pelican options]`` from the project
folder (the Makefile passes ``PELICAN_OPTS``).

- A lock (``flock`` on ``.publish/lock``) lets one publish run at a time; a
  second one says so and exits with status 1 at once rather than queueing
  behind a build that may fail.
- Each publish builds into its own folder, ``.publish/site-<time>-<pid>``.
  Only when the strict build succeeded does ``output`` become a symbolic link
  to it, by renaming a new link over the old one: ``rename`` is atomic, so
  whoever reads ``output`` finds the whole previous site or the whole new one.
- The previous build is kept (a deploy that started copying it finishes with
  the same site); older ones are deleted.  A failed or interrupted
  (Ctrl-C, SIGTERM) publish deletes its own folder and changes nothing else.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from types import FrameType

OUTPUT = "output"
BUILDS = ".publish"
PREFIX = "site-"


class Interrupted(Exception):
    """SIGTERM, turned into an exception so that cleanup runs as for Ctrl-C."""


def main(argv: list[str]) -> int:
    output = os.environ.get("OUTPUT", OUTPUT)
    builds = os.environ.get("PUBLISH_BUILDS", BUILDS)
    os.makedirs(builds, exist_ok=True)
    with open(os.path.join(builds, "lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "Another publish is running in this folder. Wait until it has finished, "
                "then run make publish again.",
                file=sys.stderr,
            )
            return 1
        # the lock goes with the process: a killed publish never leaves it held
        return _publish(argv, output, builds)


def _publish(argv: list[str], output: str, builds: str) -> int:
    fresh = os.path.join(builds, f"{PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    link = f"{output}.link-{os.getpid()}"
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    process: subprocess.Popen[bytes] | None = None
    done = False
    replaced = ""
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", fresh, *argv]
        )
        if process.wait() != 0:
            return 1
        os.symlink(os.path.relpath(fresh, os.path.dirname(os.path.abspath(output))), link)
        replaced = swap(link, output, builds)
        done = True
    except (KeyboardInterrupt, Interrupted):
        print("\nPublish interrupted; output/ was not changed.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()
        if os.path.lexists(link):
            os.unlink(link)
        if not done:
            shutil.rmtree(fresh, ignore_errors=True)
    # the build output pointed to until now stays for a deploy still reading it
    prune(builds, keep={os.path.basename(fresh), os.path.basename(replaced.rstrip("/"))})
    return 0


def swap(link: str, output: str, builds: str) -> str:
    """Put the new link in ``output``'s place in one rename; return where it pointed before.

    A real folder there (``make html`` and ``make serve`` write one) cannot be
    replaced by a link in one step: it is moved into ``builds`` first, and
    for that moment alone there is no ``output``.
    """
    old_target = link_target(output)
    if os.path.isdir(output) and not os.path.islink(output):
        os.rename(output, os.path.join(builds, f"development-{time.time_ns()}"))
    os.replace(link, output)
    return old_target


def link_target(output: str) -> str:
    """Where ``output`` points now ("" when it is not a link)."""
    return os.readlink(output) if os.path.islink(output) else ""


def prune(builds: str, keep: set[str]) -> None:
    """Delete every build but the current and the previous one, and old development folders."""
    for name in os.listdir(builds):
        if name.startswith((PREFIX, "development-")) and name not in keep:
            shutil.rmtree(os.path.join(builds, name), ignore_errors=True)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
