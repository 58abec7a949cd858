"""`make audit`: build the sample site and a fictional clinic with every fact filled in,
serve each, and hold every page to the theme's bars.

    .venv/bin/python -m audit.run [--skip-lighthouse] [--markdown FILE]

Then publish a fictional clinic and scan it with the MDN HTTP Observatory
(observatory.py; needs root).  Prints the tables (Markdown) and exits 1 on any
shortfall.  A tool that did not run is a shortfall too: --skip-lighthouse gives
a quicker look during theme work, never a pass.  See docs/quality.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from filled_clinic import FIXTURE, filled_project

from . import tools
from .browser_checks import AXE_VIEWS, REFLOW_WIDTHS, TEXT_200_WIDTHS, check_site
from .lighthouse import CATEGORIES, run_lighthouse
from .nu import check_folder
from .observatory import HOST, PASSING_GRADE, ObservatoryError, observe, require_root
from .photo import PHONE, PHONE_DPR, PHONE_PHOTO_BYTES, phone_photo
from .site import PAGE_TYPES, served_site
from .tools import ROOT
from .weight import FIRST_SCREEN_GZIP, page_weight


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def table(head: list[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def every_page(
    site, paths: list[str], found, nu_errors: dict, weights: dict, label: str
) -> tuple[list[str], list[str]]:
    """The table of every page (axe, reflow, text size, contrast, Nu, first screen) and its
    shortfalls."""
    shortfalls: list[str] = []
    views = [f"{w} {s}" for w, s in AXE_VIEWS]
    head = (
        ["page"]
        + [f"axe {v}" for v in views]
        + [f"reflow {w}" for w in REFLOW_WIDTHS]
        + [f"text 200% {w}" for w in TEXT_200_WIDTHS]
        + ["text contrast light", "dark", "Nu errors", "HTML+CSS gzip KB"]
    )
    rows = []
    for path in paths:
        page = found.pages[path]
        where = f"{label}{path}"
        row: list[object] = [path]
        for view in views:
            violations = page.axe.get(view, [])
            row.append(len(violations))
            shortfalls += [
                f"axe {view} {where}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes'][:3]}"
                for v in violations
            ]
        for width in REFLOW_WIDTHS:
            problems = page.reflow.get(width, [])
            row.append("pass" if not problems else "FAIL")
            shortfalls += [f"reflow {width} {where}: {p}" for p in problems]
        for width in TEXT_200_WIDTHS:
            problems = page.text_200.get(width, [])
            row.append("pass" if not problems else "FAIL")
            shortfalls += [f"text 200% at {width} {where}: {p}" for p in problems]
        for scheme in ("light", "dark"):
            worst = page.contrast.get(scheme)
            if worst is None:
                # Every page is held to the bar: no text to measure is a failure.
                row.append("FAIL (no text)")
                shortfalls.append(
                    f"contrast {scheme} {where}: no visible text in <main> to measure"
                )
                continue
            row.append(f"{worst['ratio']:.1f}:1 (bar {worst['required']:g}:1)")
            if worst["ratio"] < worst["required"]:
                shortfalls.append(
                    f"contrast {scheme} {where}: {worst['element']} "
                    f"{worst['text']!r} is {worst['ratio']:.2f}:1 "
                    f"({worst['color']}), below {worst['required']:g}:1"
                )
        file = site.file(path).relative_to(site.folder).as_posix()
        errors = sum(n for f, n in nu_errors.items() if f.lstrip("/") == file)
        row.append(errors)
        weight = weights[path]
        row.append(kb(weight.first_screen_gz))
        if weight.first_screen_gz > FIRST_SCREEN_GZIP:
            shortfalls.append(
                f"first screen {where}: HTML + CSS is {kb(weight.first_screen_gz)}"
                f" KB gzip, over {kb(FIRST_SCREEN_GZIP)} KB"
            )
        rows.append(row)
    return table(head, rows), shortfalls


def whole_site(found, nu_lines: list[str], label: str) -> tuple[list[str], list[str]]:
    """The checks over the whole site, as a table, and their shortfalls."""
    checks = [
        ("requests to other origins", found.other_origins),
        ("console errors", found.console_errors),
        ("cookies", found.cookies),
        ("a treatment page printed (phone, address, no screen furniture)", found.print_check),
    ]
    rows = [
        [name, "pass" if not problems else f"FAIL ({len(problems)})"] for name, problems in checks
    ]
    rows.append(
        ["Nu HTML checker, whole site", "pass" if not nu_lines else f"FAIL ({len(nu_lines)})"]
    )
    shortfalls = [f"{label}{name}: {p}" for name, problems in checks for p in problems]
    shortfalls += [f"{label}Nu: {line}" for line in nu_lines]
    return table(["check", "result"], rows), shortfalls


def top_photo(base: str, path: str) -> tuple[list[str], list[str]]:
    """The bytes a phone downloads for the photo at the top of ``path``, and the shortfall."""
    width, dpr = PHONE["width"], PHONE_DPR
    photo = phone_photo(base, path)
    head = ["page", "phone", "file chosen", "type", "shown at", "bytes", "bar"]
    title = "### The top photo on a phone (Chromium, 375 CSS px at 3x device pixels)"
    if photo is None:
        return [title, ""] + table(head, [[path, "", "none", "", "", "", ""]]), [
            f"top photo {path}: the page has no photo at the top (Image: in its header)"
        ]
    row = [
        path,
        f"{width} CSS px, {dpr}x",
        photo.url.removeprefix(base),
        photo.mime,
        f"{photo.rendered} CSS px",
        f"{photo.bytes:,} ({kb(photo.bytes)} KB)",
        f"{kb(PHONE_PHOTO_BYTES)} KB",
    ]
    problems = []
    if photo.bytes > PHONE_PHOTO_BYTES:
        problems.append(
            f"top photo {path}: a {width} px phone at {dpr}x downloads {kb(photo.bytes)} KB "
            f"({photo.url.removeprefix(base)}), over {kb(PHONE_PHOTO_BYTES)} KB"
        )
    return [title, ""] + table(head, [row]), problems


def _observatory() -> tuple[list, list[str]]:
    """(table row, shortfalls) for the Observatory scan of the fixture clinic."""
    from fixture_clinics import publish_fixture_clinic  # tests/, see tools.py

    with tempfile.TemporaryDirectory(prefix="clinic-audit-publish-") as tmp:
        built = publish_fixture_clinic(Path(tmp) / "site")
        if built.returncode != 0:
            return (
                ["error", "", "", ""],
                [f"Observatory: the fixture clinic did not publish:\n{built.output[-2000:]}"],
            )
        try:
            result = observe(built.out_dir)
        except ObservatoryError as error:
            return ["error", "", "", ""], [f"Observatory: {error}"]
    row = [
        result.grade,
        result.score,
        f"{result.tests_passed}/{result.tests_quantity}",
        "; ".join(result.failed) or "none",
    ]
    shortfalls = [f"Observatory: {line}" for line in result.failed]
    if result.grade != PASSING_GRADE:
        shortfalls.append(
            f"Observatory: grade {result.grade} (score {result.score}), below {PASSING_GRADE}"
        )
    return row, shortfalls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--skip-lighthouse",
        action="store_true",
        help="faster, for theme work; the audit then fails (a shortfall)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        require_root()  # fail at once rather than after the long part
    except ObservatoryError as error:
        print(f"make audit: {error}", file=sys.stderr)
        return 1
    tools.ensure_npm_packages()
    shortfalls: list[str] = []
    out: list[str] = []
    pages = 0

    with tempfile.TemporaryDirectory(prefix="clinic-audit-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "sample").mkdir()
        with served_site(tmp / "sample") as site:
            paths = site.pages()
            pages += len(paths)
            print(f"Auditing the sample site: {len(paths)} pages at {site.base}", flush=True)
            print("  browser checks and axe...", flush=True)
            found = check_site(site, paths)
            print("  Nu HTML checker...", flush=True)
            nu_errors, nu_lines = check_folder(site.folder)
            lighthouse = {}
            if not args.skip_lighthouse:
                for kind, path in PAGE_TYPES.items():
                    print(f"  Lighthouse {kind}...", flush=True)
                    lighthouse[kind] = run_lighthouse(site.base + path)
            weights = {path: page_weight(site, path, found.pages[path].requests) for path in paths}

            # Every page: axe, reflow, text size, contrast, Nu, first screen.
            lines, problems = every_page(site, paths, found, nu_errors, weights, "")
            out += ["### Every page", ""] + lines
            shortfalls += problems

            # One page of each type: Lighthouse and weight.
            head = (
                ["page type", "URL"]
                + [f"LH {c}" for c in CATEGORIES]
                + ["HTML bytes", "gzip", "CSS bytes", "gzip", "total bytes", "gzip"]
            )
            rows = []
            for kind, path in PAGE_TYPES.items():
                row: list[object] = [kind, path]
                scores = lighthouse.get(kind)
                if scores is None:
                    row += ["SKIPPED"] * len(CATEGORIES)
                    shortfalls.append(
                        f"Lighthouse {kind} {path}: not run (--skip-lighthouse); "
                        "the audit passes only when every tool ran"
                    )
                elif "error" in scores:
                    row += ["error"] * len(CATEGORIES)
                    shortfalls.append(f"Lighthouse {kind}: {scores['error']}")
                else:
                    runs = f" ({scores['runs']} runs)" if scores["runs"] > 1 else ""
                    row += [f"{scores[c]}{runs if c == 'performance' else ''}" for c in CATEGORIES]
                    if any(scores[c] != 100 for c in CATEGORIES):
                        shortfalls += [
                            f"Lighthouse {kind} {path}: {line}" for line in scores["failed"]
                        ]
                        shortfalls += [
                            f"Lighthouse {kind} {path}: {c} {scores[c]}"
                            for c in CATEGORIES
                            if scores[c] != 100
                        ]
                w = weights[path]
                row += [w.html, w.html_gz, w.css, w.css_gz, w.total, w.total_gz]
                rows.append(row)
            out += ["### One page of each type: Lighthouse (mobile) and page weight", ""] + table(
                head, rows
            )

            # The heaviest download on a phone: the treatment page's top photo.
            lines, problems = top_photo(site.base, PAGE_TYPES["treatment-overview"])
            out += lines
            shortfalls += problems

            # The whole site.
            lines, problems = whole_site(found, nu_lines, "")
            out += ["### The whole site", ""] + lines
            shortfalls += problems

        # The same browser checks and Nu on a fictional clinic with every fact
        # filled in (opening hours, long names and addresses, three locations):
        # what the sample, with no hours yet, cannot show.  No Lighthouse: the
        # pages are the sample's, with more facts on them.
        project = filled_project(tmp / "filled-project")
        (tmp / "filled").mkdir()
        with served_site(tmp / "filled", project) as site:
            paths = site.pages()
            pages += len(paths)
            print(
                f"Auditing the filled fictional clinic ({FIXTURE.relative_to(ROOT)}): "
                f"{len(paths)} pages at {site.base}",
                flush=True,
            )
            print("  browser checks and axe...", flush=True)
            found = check_site(site, paths)
            print("  Nu HTML checker...", flush=True)
            nu_errors, nu_lines = check_folder(site.folder)
            weights = {path: page_weight(site, path, found.pages[path].requests) for path in paths}
            label = "filled clinic "
            lines, problems = every_page(site, paths, found, nu_errors, weights, label)
            out += ["### The filled fictional clinic: every page", ""] + lines
            shortfalls += problems
            lines, problems = whole_site(found, nu_lines, label)
            out += ["### The filled fictional clinic: the whole site", ""] + lines
            shortfalls += problems

    # Security headers: the real MDN HTTP Observatory on a publish build.  The
    # sample does not publish until its missing facts are filled in, so the
    # scan uses a fictional clinic (same theme, plugin and _headers code).
    print(f"  MDN HTTP Observatory (fictional fixture clinic at https://{HOST})...", flush=True)
    observatory, observatory_shortfalls = _observatory()
    shortfalls += observatory_shortfalls
    out += ["### Security headers: MDN HTTP Observatory, fixture clinic's publish build", ""]
    out += table(["grade", "score", "tests passed", "failed tests"], [observatory])

    out += ["### Tools", ""] + table(
        ["tool", "version"], [list(i) for i in tools.versions().items()]
    )
    elapsed = time.monotonic() - started
    out += [f"{pages} pages (two sites); {len(shortfalls)} shortfalls; {elapsed:.0f} s.", ""]
    if shortfalls:
        out += ["### Shortfalls", ""] + [f"- {s}" for s in shortfalls] + [""]
    report = "\n".join(out)
    print("\n" + report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    return 1 if shortfalls else 0


if __name__ == "__main__":
    sys.exit(main())
