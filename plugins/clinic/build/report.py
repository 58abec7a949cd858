"""The end of a run: the list of problems, and whether the command fails.

Development builds print the list and still succeed (except for what stops
every build); ``make check`` prints it and fails on any problem; a strict
build (``make publish``) also counts every warning Pelican itself logged,
and fails before anything is compressed for the host.
"""

from __future__ import annotations

import logging
import sys

from ..model.problems import Problem, report
from .session import Build

logger = logging.getLogger(__name__)

# Pelican warnings that the content rules report better (with file, line, fix)
COVERED_PELICAN_WARNINGS = (
    "Unable to find ",
    "Empty alt attribute for image",
    "There are ",
    "Cannot get modification stamp for",
)


class ClinicBuildError(SystemExit):
    """Ends a build with exit status 1.

    A SystemExit, not an Exception: Pelican logs any Exception with a full
    traceback, and a content problem is not a crash.  The list of problems has
    already been printed; this adds the one-line verdict.
    """


def pelican_problems(messages: list[str], dropped: list[Problem]) -> list[Problem]:
    """Pelican's own warnings as problems, less those the plugin reports better."""
    dropped_paths = {p.path.split("/", 1)[-1] for p in dropped}
    return [
        Problem("pelican", None, message)
        for message in dict.fromkeys(messages)
        if not any(path in message for path in dropped_paths)
        and not message.startswith(COVERED_PELICAN_WARNINGS)
    ]


def finish(build: Build, pelican_messages: list[Problem]) -> bool:
    """Print what was found; raise ``ClinicBuildError`` when the command must fail.

    Returns True when the output may be published (a strict build with no problem).
    """
    problems = build.problems.sorted()
    if build.advice:
        print(
            "\nSuggestions (optional; they never stop a publish):\n"
            + "\n".join(sorted(build.advice)),
            file=sys.stderr,
        )
    if not build.strict and not build.settings["CLINIC_CHECK"]:
        if problems:
            print_list(
                "Content problems (the site was still built; make publish refuses "
                "until they are fixed):",
                problems,
            )
            logger.warning("%s, listed above", report(problems).splitlines()[-1][:-1])
        stopping = [p for p in problems if p.stops]
        if stopping and not build.settings["CLINIC_LIVE_RELOAD"]:
            # the pages are written, but the command fails: this must be fixed first
            raise ClinicBuildError(f"The build stopped: {stopping[0]}")
        return False
    everything = problems + pelican_messages
    if build.settings["CLINIC_CHECK"]:
        if everything:
            print_list("Problems (make publish refuses until they are fixed):", everything)
            raise ClinicBuildError(1)
        print("\nNo problems found.", file=sys.stderr)
        return False
    if everything:
        print_list("Publish stopped. Fix these problems, then run make publish again:", everything)
        raise ClinicBuildError(
            f"Publish stopped: {report(everything).splitlines()[-1][:-1]}; nothing was published."
        )
    return True


def print_list(heading: str, problems: list[Problem]) -> None:
    """The whole list as plain lines (log handlers would wrap paths mid-word)."""
    print(f"\n{heading}\n{report(problems)}\n", file=sys.stderr, flush=True)
