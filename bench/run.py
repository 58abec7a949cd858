"""Benchmarks: build cost, scaling and page weight, measured side by side.

    python bench/run.py            # what `make bench` runs (about 12 minutes on 2 quiet cores)
    python bench/run.py --quick    # fewer repetitions, for a first look

For each size (100, 1,000 and 5,000 pages) a synthetic clinic site is
written (bench/synth.py) and built, interleaved, several times each:

  ours     the project's settings, plugin and theme, a fresh process each time,
           with the results the plugin kept from the build before (cache/results/)
  plain    plain Pelican on the same Markdown: its "simple" theme, no plugins
  warm     ours with Pelican's content cache filled by an earlier build
  nolinker ours with nothing kept and the phone linker switched off (1,000 pages only)
  first    ours with nothing kept: the kept results removed before each build
  hugo     the same Markdown built by Hugo, when ``hugo`` is installed

with the plugin's signal handlers timed inside each "ours" build (its share
of the build), then twice more under cProfile (ours, and with nothing kept), for
where its time goes.  The sample site is built as ours, with nothing kept, with the
linker off and as plain Pelican, a 1,000-page chain with 50
locations next to plain Pelican, and page weight is measured on the sample
site in content/.  Every figure is printed as Markdown tables; bars are
judged on CPU time (wall time is shown beside it) and marked PASS or FAIL.
The exit status is 0 either way: this is a measurement, not a test.

Every treatment overview has a hero photo; "ours" builds run with the picture
cache their untimed first build filled.  The picture pipeline itself is timed
apart on 100 pages with 50 photos: cold (empty cache) and warm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import builds
import synth
import weight

SIZES = (100, 1000, 5000)
BAR_SIZES = (1000, 5000)  # where the build's own work, not start-up, dominates
LINKER_SIZE = 1000
# Builds that start with the plugin's kept results removed (cache/results/): what
# a site's first build costs, and the linker measured where it does its work.
NOTHING_KEPT = ("nolinker", "first")
# The build-time tables' columns after the first (CPU and wall seconds alike)
BUILD_COLUMNS = (
    "ours",
    "plain Pelican",
    "ours / plain",
    "ours, nothing kept",
    "nothing kept / plain",
    "warm cache",
    "warm / cold",
)
CHAIN = dict(pages=1000, locations=50, max_treatments=40)


# -- small helpers -------------------------------------------------------------


def median(values):
    return statistics.median(values) if values else float("nan")


def spread(values, fmt="{:.2f}") -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}"


def fmt_s(values) -> str:
    return f"{median(values):.2f} s ({spread(values)})"


def fmt_mb(kb_values) -> str:
    return f"{median(kb_values) / 1024:.0f} MB"


def ratio(a, b) -> float:
    return a / b if b else float("nan")


def bar(ok: bool | None) -> str:
    return "not measured" if ok is None else ("PASS" if ok else "**FAIL**")


def handler_seconds(timed: dict) -> dict[str, float]:
    """CPU seconds per handler, from one timed build."""
    return {k: v for k, v in timed.items() if k != builds.PELICAN_IN_HANDLERS}


def pelican_inside(timed: dict) -> float:
    """CPU seconds of Pelican's own link resolution that ran inside the handlers."""
    return timed.get(builds.PELICAN_IN_HANDLERS, {}).get("inside", 0.0)


def plugin_own(timed: dict) -> float:
    return sum(handler_seconds(timed).values()) - pelican_inside(timed)


def plugin_shares(size: dict) -> list[float]:
    """The plugin's own CPU over the whole build's CPU, one per timed build."""
    return [plugin_own(h) / c for h, c in zip(size["handlers"], size["cpu"]["ours"], strict=True)]


def table(headers: list[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the machine -----------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    hugo = shutil.which("hugo")
    hugo_version = ""
    if hugo:
        hugo_version = (
            subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split(" ")[1]
            if hugo
            else ""
        )
    from importlib.metadata import version

    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "memory": memory,
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "hugo": hugo_version,
        "load": os.getloadavg() if hasattr(os, "getloadavg") else (),
    }


# -- one size ----------------------------------------------------------------------


def check_clean(result: builds.Result, output: Path, expected_html: int, what: str) -> None:
    """A benchmark of a broken build means nothing: stop with its log."""
    found = builds.html_files(output)
    if (
        result.status != 0
        or found != expected_html
        or "problem found" in result.log
        or "problems found" in result.log
    ):
        raise SystemExit(
            f"{what}: exit status {result.status}, {found} HTML files "
            f"(expected {expected_html}); the build log ends:\n{result.log[-4000:]}"
        )


def pelican_warnings(text: str) -> list[str]:
    """The first line of each warning Pelican logged, without the logger's file:line."""
    return [
        re.sub(r"\s+\S+\.py:\d+$", "", line.split("WARNING", 1)[1].strip())
        for line in text.splitlines()
        if " WARNING " in line
    ]


def measure_size(pages: int, reps: int, scratch: Path, *, hugo: bool, nolinker: bool) -> dict:
    site = scratch / f"site-{pages}"
    plan = synth.generate(str(site), pages)
    content = site / "content"
    cache = site / "cache"
    timing = site / ".handlers.json"
    settings = {
        "ours": builds.write_settings(site / "ours.py", "ours", content, timing=timing),
        "plain": builds.write_settings(site / "plain.py", "plain", content),
        "warm": builds.write_settings(site / "warm.py", "ours", content, cache=cache),
    }
    if nolinker:
        settings["nolinker"] = builds.write_settings(
            site / "nolinker.py", "ours", content, linker=False
        )
    # last, so that the next round's "ours" reads the results it kept in full
    settings["first"] = builds.write_settings(site / "first.py", "ours", content)
    kept = site / "cache" / "results"  # the plugin's kept results (build/memo.py)
    commands = {
        name: builds.pelican_command(path, content, site / f"out-{name}")
        for name, path in settings.items()
    }
    hugo_html = None
    if hugo:
        hugo_site = site / "hugo"
        synth.hugo_copy(str(content), str(hugo_site))
        commands["hugo"] = [
            shutil.which("hugo") or "hugo",  # found, or measure_size is not asked for it
            "--source",
            str(hugo_site),
            "--destination",
            str(site / "out-hugo"),
            "--quiet",
        ]

    # Untimed first builds: check that each one is clean and fill the cache.
    log(f"{pages} pages: {plan}")
    counted = site / ".resolutions"
    builds.run(
        builds.pelican_command(
            builds.write_settings(site / "plain-counted.py", "plain", content, count=counted),
            content,
            site / "out-counted",
        ),
        cwd=site,
        output=site / "out-counted",
    )
    plain_resolutions = int(counted.read_text())
    shutil.rmtree(site / "out-counted", ignore_errors=True)
    first = {}
    for name, command in list(commands.items()):
        out = site / f"out-{name}"
        if name in NOTHING_KEPT:
            shutil.rmtree(kept, ignore_errors=True)
        result = builds.run(command, cwd=site, output=out)
        if name == "hugo":
            hugo_html = builds.html_files(out)
            if result.status != 0:  # Hugo is only a point of comparison: go on without it
                log(f"hugo failed, left out:\n{result.log[-2000:]}")
                del commands["hugo"]
        else:
            check_clean(result, out, pages + 1, f"{name} build of {pages} pages")
        first[name] = result

    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    handlers: list[dict[str, float]] = []  # the plugin's handlers in each timed "ours" build
    load = [os.getloadavg()[0]]
    for rep in range(reps):
        for name, command in commands.items():  # interleaved: A B C A B C ...
            if name in NOTHING_KEPT:
                shutil.rmtree(kept, ignore_errors=True)
            result = builds.run(command, cwd=site, output=site / f"out-{name}")
            if result.status != 0:
                raise SystemExit(f"{name} build failed:\n{result.log[-3000:]}")
            times[name].append(result.seconds)
            cpu[name].append(result.cpu)
            peaks[name].append(result.peak_kb)
            if name == "ours":
                handlers.append(builds.handler_cpu(timing))
        load.append(os.getloadavg()[0])
        log(
            f"{pages} pages, round {rep + 1}/{reps}: "
            + ", ".join(
                f"{name} {times[name][-1]:.2f} s ({cpu[name][-1]:.2f} s CPU)" for name in commands
            )
            + f"; load {load[-1]:.2f}"
        )

    log(f"{pages} pages: two more builds under cProfile, with and without kept results")
    prof = builds.profile(commands["ours"], cwd=site, output=site / "out-ours")
    shutil.rmtree(kept, ignore_errors=True)
    prof_first = builds.profile(commands["first"], cwd=site, output=site / "out-first")
    for name in list(commands):
        shutil.rmtree(site / f"out-{name}", ignore_errors=True)
    return {
        "pages": pages,
        "plan": plan.__dict__,
        "html_files": pages + 1,
        "hugo_html_files": hugo_html,
        "times": times,
        "cpu": cpu,
        "peaks_kb": peaks,
        "handlers": handlers,
        "plain_resolutions": plain_resolutions,
        "load": load,
        "pelican_warnings": pelican_warnings(first["ours"].log),
        "profile": profile_summary(prof),
        "profile_first": profile_summary(prof_first),
    }


def profile_summary(prof: builds.Profile) -> dict:
    return {
        "total": prof.total,
        "plugin": prof.plugin,
        "by_handler": prof.by_handler,
        "link_phones": prof.cumulative("linker.find_links"),
        "link_phones_calls": prof.calls("linker.find_links"),
        "top": [f for f in prof.functions if not f[0].endswith("<module>")][:25],
    }


def measure_linker_sample(reps: int, scratch: Path) -> dict:
    """The real sample site, interleaved: ours, plain Pelican, and ours with nothing
    kept, with the phone linker on and off."""
    site = scratch / "sample-linker"
    site.mkdir(parents=True, exist_ok=True)
    content = builds.PROJECT / "content"
    kept = site / "cache"  # not the project's own cache/: its results are cleared here
    settings = {
        "ours": builds.write_settings(site / "ours.py", "ours", content, kept_in=kept),
        "plain": builds.write_settings(site / "plain.py", "plain", content),
        "nolinker": builds.write_settings(
            site / "nolinker.py", "ours", content, linker=False, kept_in=kept
        ),
        "first": builds.write_settings(site / "first.py", "ours", content, kept_in=kept),
    }
    commands = {
        name: builds.pelican_command(path, content, site / f"out-{name}")
        for name, path in settings.items()
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}

    def build(name: str) -> builds.Result:
        if name in NOTHING_KEPT:
            shutil.rmtree(kept / "results", ignore_errors=True)
        return builds.run(commands[name], cwd=site, output=site / f"out-{name}")

    for name in commands:  # untimed first build
        build(name)
    for _ in range(reps):
        for name in commands:
            result = build(name)
            times[name].append(result.seconds)
            cpu[name].append(result.cpu)
    shutil.rmtree(kept / "results", ignore_errors=True)
    prof = builds.profile(commands["first"], cwd=site, output=site / "out-first")
    pages = builds.html_files(site / "out-ours")
    return {
        "times": times,
        "cpu": cpu,
        "pages": pages,
        "profile_total": prof.total,
        "link_phones": prof.cumulative("linker.find_links"),
        "link_phones_calls": prof.calls("linker.find_links"),
        "plugin": prof.plugin,
    }


def measure_chain(reps: int, scratch: Path) -> dict:
    """The same 1,000 pages for a chain: 50 locations, 40 treatments."""
    site = scratch / "site-chain"
    plan = synth.generate(
        str(site),
        CHAIN["pages"],
        locations=CHAIN["locations"],
        max_treatments=CHAIN["max_treatments"],
    )
    content = site / "content"
    commands = {
        "ours": builds.pelican_command(
            builds.write_settings(site / "ours.py", "ours", content), content, site / "out-ours"
        ),
        "plain": builds.pelican_command(
            builds.write_settings(site / "plain.py", "plain", content), content, site / "out-plain"
        ),
    }
    log(f"chain: {plan}")
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    for name, command in commands.items():
        result = builds.run(command, cwd=site, output=site / f"out-{name}")
        check_clean(result, site / f"out-{name}", plan.pages + 1, f"chain {name} build")
    page = site / "out-ours" / "treatments" / synth.slugify(synth.TREATMENTS[0]) / "index.html"
    page_weight = weight.page_weight(site / "out-ours", str(page.relative_to(site / "out-ours")))
    for _ in range(reps):
        for name, command in commands.items():
            result = builds.run(command, cwd=site, output=site / f"out-{name}")
            times[name].append(result.seconds)
            cpu[name].append(result.cpu)
            peaks[name].append(result.peak_kb)
    return {
        "plan": plan.__dict__,
        "times": times,
        "cpu": cpu,
        "peaks_kb": peaks,
        "treatment_page_html": page_weight.html.__dict__,
        "treatment_page_json_ld": page_weight.json_ld,
    }


def measure_pictures(photos: int, reps: int, scratch: Path) -> dict:
    """The picture pipeline on a site with ``photos`` photos: cold, warm and without them.

    Three builds of the same 100 pages, interleaved: without photos, with
    ``photos`` photos of 3000x2000 (about 2 MB each) and an empty picture
    cache (cold: every photo decoded, cleaned and encoded into its AVIF and
    JPEG sizes), and again with the cache that build filled (warm: each photo
    hashed and its files copied).  The differences are the pipeline's cost.
    """
    sites = {"none": scratch / "site-nophotos", "photos": scratch / "site-photos"}
    synth.generate(str(sites["none"]), 100, photos=0)
    made = synth.generate(str(sites["photos"]), 100, photos=photos)
    commands = {
        name: builds.pelican_command(
            builds.write_settings(site / "ours.py", "ours", site / "content"),
            site / "content",
            site / "out",
        )
        for name, site in sites.items()
    }
    cache = sites["photos"] / "cache" / "pictures"  # the plugin's default, beside content/
    log(f"pictures: {photos} photos of {synth.PHOTO_SIZE[0]}x{synth.PHOTO_SIZE[1]}, {made}")
    for name, site in sites.items():  # untimed: clean, and the compiled modules in place
        result = builds.run(commands[name], cwd=site, output=site / "out")
        check_clean(result, site / "out", made.pages + 1, f"pictures: {name} build")
    runs = {"none": "none", "cold": "photos", "warm": "photos"}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for rep in range(reps):
        for name, site_name in runs.items():
            site = sites[site_name]
            if name == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            result = builds.run(commands[site_name], cwd=site, output=site / "out")
            if result.status != 0:
                raise SystemExit(f"pictures: {name} build failed:\n{result.log[-3000:]}")
            cpu[name].append(result.cpu)
            times[name].append(result.seconds)
        log(
            f"pictures, round {rep + 1}/{reps}: "
            + ", ".join(f"{n} {times[n][-1]:.2f} s ({cpu[n][-1]:.2f} s CPU)" for n in runs)
        )
    images = sites["photos"] / "out" / "images"
    files = [f for f in images.rglob("*") if f.is_file()]
    return {
        "photos": photos,
        "size": synth.PHOTO_SIZE,
        "source_bytes": sum(f.stat().st_size for f in (sites["photos"] / "content").rglob("*.jpg")),
        "files": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "cpu": cpu,
        "times": times,
    }


def measure_weight(scratch: Path) -> dict:
    """Page weight of the real sample site: ours and plain Pelican's simple theme."""
    site = scratch / "sample-weight"
    site.mkdir(parents=True, exist_ok=True)
    content = builds.PROJECT / "content"
    rows = weight.sample_pages(content)
    outputs = {}
    for kind in ("ours", "plain"):
        settings = builds.write_settings(site / f"{kind}.py", kind, content)
        out = site / f"out-{kind}"
        result = builds.run(builds.pelican_command(settings, content, out), cwd=site, output=out)
        if result.status != 0:
            raise SystemExit(f"sample site ({kind}) failed:\n{result.log[-3000:]}")
        outputs[kind] = out
    table_rows = []
    for kind, ours_path, plain_path in rows:
        ours = weight.page_weight(outputs["ours"], ours_path)
        plain = weight.page_weight(outputs["plain"], plain_path)
        table_rows.append(
            {
                "kind": kind,
                "ours_file": ours_path,
                "plain_file": plain_path,
                "ours": _weight_dict(ours),
                "plain": _weight_dict(plain),
            }
        )
    return {"rows": table_rows}


def _weight_dict(w: weight.Weight) -> dict:
    return {
        "html": w.html.__dict__,
        "css": w.css.__dict__,
        "total": w.total.__dict__,
        "json_ld": w.json_ld,
    }


# -- the report -------------------------------------------------------------------


def report(results: dict) -> tuple[str, list[tuple[str, bool | None, str]]]:
    m = results["machine"]
    sizes = results["sizes"]
    loads = [x for s in sizes.values() for x in s.get("load", [])]
    lines = [
        "# Benchmark results",
        "",
        f"{m['date']} · {m['nproc']} CPUs ({m['cpu']}) · {m['memory']} · Python {m['python']}"
        f" · Pelican {m['pelican']}"
        + (f" · Hugo {m['hugo']}" if m["hugo"] else " · hugo not installed")
        + f" · commit {results.get('commit', '?')}",
        "",
        "Every build is a fresh process (start-up included); builds are interleaved; "
        f"output on {results['scratch_fs']}. Figures are the median of the repetitions, with "
        "min–max in brackets. **CPU time** (user + system of the build process) is what the "
        "bars are judged on: it does not count time spent waiting for a core that other "
        "work holds. Wall time is shown too; on an idle machine the two are nearly equal "
        "for Pelican, which uses one core."
        + (
            f" The 1-minute load average during the runs was {min(loads):.1f}–"
            f"{max(loads):.1f} on {m['nproc']} CPUs."
            if loads
            else ""
        ),
        "",
    ]
    has_hugo = any("hugo" in s["times"] for s in sizes.values())

    def cpu_ratio(s, a, b):
        return ratio(median(s["cpu"][a]), median(s["cpu"][b]))

    def wall_ratio(s, a, b):
        return ratio(median(s["times"][a]), median(s["times"][b]))

    rows: list[Sequence[object]] = []  # table rows, reused for each table below
    for pages, s in sizes.items():
        c = s["cpu"]
        paired = [a / b for a, b in zip(c["ours"], c["plain"], strict=True)]
        rows.append(
            [
                f"{pages:,}",
                len(c["ours"]),
                fmt_s(c["ours"]),
                fmt_s(c["plain"]),
                f"{cpu_ratio(s, 'ours', 'plain'):.2f}× (paired {spread(paired)})",
                fmt_s(c["first"]),
                f"{cpu_ratio(s, 'first', 'plain'):.2f}×",
                fmt_s(c["warm"]),
                f"{cpu_ratio(s, 'warm', 'ours'):.2f}×",
            ]
            + ([fmt_s(c["hugo"]) if "hugo" in c else "–"] if has_hugo else [])
        )
    lines += [
        "## Build time: CPU seconds",
        "",
        table(
            ["pages", "reps", *BUILD_COLUMNS] + (["Hugo (all cores)"] if has_hugo else []),
            rows,
        ),
        "",
        "**ours** is a build as `make html` runs it after the first: a fresh output "
        "folder, Pelican's content cache off, the plugin's kept results "
        "(`cache/results/`, the pure steps' answers for inputs it has seen) from the "
        "build before. **nothing kept** is the same build with those results removed "
        "first, as in a new clone: every body's allow-list check and call links and every "
        "page's structured-data check are worked out again. Both reuse the pictures and "
        "compiled templates their untimed first build made. **warm cache** adds "
        "Pelican's content cache to ours.",
        "",
    ]
    rows = []
    for pages, s in sizes.items():
        t = s["times"]
        rows.append(
            [
                f"{pages:,}",
                fmt_s(t["ours"]),
                fmt_s(t["plain"]),
                f"{wall_ratio(s, 'ours', 'plain'):.2f}×",
                fmt_s(t["first"]),
                f"{wall_ratio(s, 'first', 'plain'):.2f}×",
                fmt_s(t["warm"]),
                f"{wall_ratio(s, 'warm', 'ours'):.2f}×",
            ]
            + (
                [
                    fmt_s(t["hugo"]) if "hugo" in t else "–",
                    f"{wall_ratio(s, 'ours', 'hugo'):.0f}×" if "hugo" in t else "–",
                ]
                if has_hugo
                else []
            )
        )
    lines += [
        "## Build time: wall seconds",
        "",
        table(
            ["pages", *BUILD_COLUMNS] + (["Hugo", "ours / Hugo"] if has_hugo else []),
            rows,
        ),
        "",
    ]
    if has_hugo:
        lines += [
            "Hugo builds the converted Markdown with minimal layouts (no theme, no "
            "structured data, no checks) on every core; it writes "
            + ", ".join(
                f"{s['hugo_html_files']:,}" for s in sizes.values() if s.get("hugo_html_files")
            )
            + " HTML files (one per page plus its home page).",
            "",
        ]

    # time per page
    per_page = {p: median(s["cpu"]["ours"]) / p for p, s in sizes.items()}
    rows = [
        [
            f"{p:,}",
            f"{per_page[p] * 1000:.1f} ms",
            f"{median(s['cpu']['plain']) / p * 1000:.1f} ms",
            f"{median(s['times']['ours']) / p * 1000:.1f} ms",
        ]
        for p, s in sizes.items()
    ]
    lines += [
        "## Time per page",
        "",
        table(["pages", "ours (CPU)", "plain Pelican (CPU)", "ours (wall)"], rows),
        "",
    ]
    if 1000 in sizes and 5000 in sizes:
        t1, t5 = median(sizes[1000]["cpu"]["ours"]), median(sizes[5000]["cpu"]["ours"])
        slope = (t5 - t1) / 4000
        lines += [
            f"From 1,000 to 5,000 pages each more page costs {slope * 1000:.1f} ms of CPU; "
            f"the line meets 0 pages at {t1 - slope * 1000:.2f} s, the fixed cost of a "
            "build (start-up, imports, theme, generated images)."
        ]
    if 100 in sizes:
        lines += [
            f"The 100-page figure is dominated by that start-up: "
            f"{median(sizes[100]['cpu']['ours']):.2f} s of CPU for the whole build."
        ]
    if 100 in sizes and 5000 in sizes:
        lines += [f"Per page, 5,000 vs 100 pages: {ratio(per_page[5000], per_page[100]):.2f}×."]
    if 1000 in sizes and 5000 in sizes:
        lines += [f"Per page, 5,000 vs 1,000 pages: {ratio(per_page[5000], per_page[1000]):.2f}×."]
    lines += [""]

    # memory
    rows = []
    for pages, s in sizes.items():
        pk = s["peaks_kb"]
        rows.append(
            [
                f"{pages:,}",
                fmt_mb(pk["ours"]),
                fmt_mb(pk["plain"]),
                f"{ratio(median(pk['ours']), median(pk['plain'])):.2f}×",
                fmt_mb(pk["warm"]),
            ]
            + ([fmt_mb(pk["hugo"]) if "hugo" in pk else "–"] if has_hugo else [])
        )
    lines += [
        "## Peak memory (maximum resident set size)",
        "",
        table(
            ["pages", "ours", "plain Pelican", "ours / plain", "warm cache"]
            + (["Hugo"] if has_hugo else []),
            rows,
        ),
        "",
    ]

    # plugin share, timed inside the builds above
    rows = []
    for pages, s in sizes.items():
        timed = s["handlers"]
        shares = plugin_shares(s)
        spent = [sum(handler_seconds(h).values()) for h in timed]
        pelican = [pelican_inside(h) for h in timed]
        resolved = timed[-1].get(builds.PELICAN_IN_HANDLERS, {})
        by_handler = {
            name: median([handler_seconds(h).get(name, 0.0) for h in timed])
            for name in handler_seconds(timed[0])
        }
        handlers = ", ".join(
            f"{k} {v:.2f} s"
            for k, v in sorted(by_handler.items(), key=lambda kv: -kv[1])
            if v >= 0.005
        )
        p = s["profile"]
        rows.append(
            [
                f"{pages:,}",
                fmt_s(s["cpu"]["ours"]),
                fmt_s(spent),
                f"{fmt_s(pelican)} ({resolved.get('calls_inside', 0):,} of "
                f"{resolved.get('calls', 0):,}; plain {s['plain_resolutions']:,})",
                f"{100 * median(shares):.1f} % ({spread([100 * x for x in shares], '{:.1f}')})",
                handlers,
                f"{100 * p['plugin'] / p['total']:.1f} %",
                f"{100 * s['profile_first']['plugin'] / s['profile_first']['total']:.1f} %",
            ]
        )
    lines += [
        "## The plugin's share",
        "",
        "CPU time inside the plugin's signal handlers, timed in each of the builds above "
        "(a wrapper around each handler, no profiler). Part of it is Pelican's own work: "
        "Pelican resolves a page's `{filename}` links the first time anything reads its "
        "body and keeps the result, and the plugin reads bodies (for the questions and "
        "answers in the structured data) before Pelican's templates do. That part is "
        "timed apart, with how many of the build's resolutions ran inside the handlers "
        "and how many plain Pelican does on the same site. The plugin's own "
        "share is the handlers' time without it, over the CPU time of the whole build, "
        "start-up included. The last two columns are the handlers' whole share in two more "
        "builds under cProfile, ours and one with nothing kept; cProfile slows code that "
        "makes many small calls more than code that makes few.",
        "",
        table(
            [
                "pages",
                "build (CPU)",
                "plugin handlers (CPU)",
                "of which Pelican resolving links (resolutions)",
                "plugin's own share",
                "by handler",
                "handlers under cProfile",
                "nothing kept, under cProfile",
            ],
            rows,
        ),
        "",
    ]
    if sizes:
        biggest = max(sizes)
        top = sizes[biggest]["profile_first"]["top"]
        rows = [
            [name, f"{calls:,}", f"{tottime:.3f}", f"{cum:.3f}", f"{1e6 * cum / biggest:.0f} µs"]
            for name, calls, tottime, cum in top[:15]
        ]
        lines += [
            f"Where the plugin's time goes at {biggest:,} pages with nothing kept, every "
            "check and link worked out (cumulative, under cProfile; a build with kept "
            "results skips most of it):",
            "",
            table(["function", "calls", "own s", "cumulative s", "per page"], rows),
            "",
        ]

    # phone linker
    lines += [
        "## The phone linker",
        "",
        "Measured on builds with nothing kept, where it does its work (a build with kept "
        "results reuses where every body's links go): on and off, interleaved, and "
        "find_links's own time in one more such build under cProfile.",
        "",
    ]
    rows = []

    def linker_row(label, c, t, link, calls, total):
        return [
            label,
            fmt_s(c["first"]),
            fmt_s(c["nolinker"]),
            f"{median(c['first']) - median(c['nolinker']):+.3f} s",
            f"{median(t['first']) - median(t['nolinker']):+.3f} s",
            f"{link:.3f} s in {calls:,} calls",
            f"{100 * link / total:.1f} %",
        ]

    sample = results.get("linker_sample")
    if sample:
        rows.append(
            linker_row(
                f"sample site ({sample['pages']} HTML files)",
                sample["cpu"],
                sample["times"],
                sample["link_phones"],
                sample["link_phones_calls"],
                sample["profile_total"],
            )
        )
    if LINKER_SIZE in sizes and "nolinker" in sizes[LINKER_SIZE]["cpu"]:
        s = sizes[LINKER_SIZE]
        p = s["profile_first"]
        rows.append(
            linker_row(
                f"synthetic, {LINKER_SIZE:,} pages",
                s["cpu"],
                s["times"],
                p["link_phones"],
                p["link_phones_calls"],
                p["total"],
            )
        )
    lines += [
        table(
            [
                "site",
                "linker on (CPU)",
                "linker off (CPU)",
                "CPU difference",
                "wall difference",
                "find_links under cProfile",
                "share of profiled build",
            ],
            rows,
        ),
        "",
        "A difference of medians smaller than the spread of the repetitions is noise; "
        "the cProfile figure is the direct measure.",
        "",
    ]
    if sample and "plain" in sample["cpu"]:
        c, t = sample["cpu"], sample["times"]
        paired = [a / b for a, b in zip(c["ours"], c["plain"], strict=True)]
        lines += [
            "## The sample site next to plain Pelican",
            "",
            table(
                [
                    "site",
                    "reps",
                    "ours (CPU)",
                    "plain Pelican (CPU)",
                    "ours / plain",
                    "ours / plain (wall)",
                    "ours, nothing kept (CPU)",
                    "nothing kept / plain",
                ],
                [
                    [
                        f"sample site ({sample['pages']} HTML files)",
                        len(c["ours"]),
                        fmt_s(c["ours"]),
                        fmt_s(c["plain"]),
                        f"{ratio(median(c['ours']), median(c['plain'])):.2f}× "
                        f"(paired {spread(paired)})",
                        f"{ratio(median(t['ours']), median(t['plain'])):.2f}×",
                        fmt_s(c["first"]),
                        f"{ratio(median(c['first']), median(c['plain'])):.2f}×",
                    ]
                ],
            ),
            "",
        ]

    chain = results.get("chain")
    if chain:
        c, pk = chain["cpu"], chain["peaks_kb"]
        plan = chain["plan"]
        lines += [
            "## A chain: 50 locations",
            "",
            f"The 1,000-page shape with {plan['locations']} locations and "
            f"{plan['treatments']} treatments (the sites above have "
            f"{next(iter(sizes.values()))['plan']['locations'] if sizes else 4}):",
            "",
            table(
                ["", "ours", "plain Pelican", "ours / plain"],
                [
                    [
                        "build (CPU)",
                        fmt_s(c["ours"]),
                        fmt_s(c["plain"]),
                        f"{ratio(median(c['ours']), median(c['plain'])):.2f}×",
                    ],
                    [
                        "build (wall)",
                        fmt_s(chain["times"]["ours"]),
                        fmt_s(chain["times"]["plain"]),
                        format(
                            ratio(median(chain["times"]["ours"]), median(chain["times"]["plain"])),
                            ".2f",
                        )
                        + "×",
                    ],
                    [
                        "peak memory",
                        fmt_mb(pk["ours"]),
                        fmt_mb(pk["plain"]),
                        f"{ratio(median(pk['ours']), median(pk['plain'])):.2f}×",
                    ],
                ],
            ),
            "",
            f"A treatment page is {chain['treatment_page_html']['raw']:,} bytes of HTML "
            f"({chain['treatment_page_html']['br']:,} brotli), of which "
            f"{chain['treatment_page_json_ld']:,} are structured data.",
            "",
        ]

    w = results.get("weight")
    if w:
        rows = []
        for r in w["rows"]:
            o, p = r["ours"], r["plain"]
            rows.append(
                [
                    r["kind"],
                    f"{o['html']['raw']:,} / {o['html']['gz']:,} / {o['html']['br']:,}",
                    f"{o['json_ld']:,}",
                    f"{o['css']['raw']:,} / {o['css']['gz']:,} / {o['css']['br']:,}",
                    f"{o['total']['br']:,}",
                    f"{p['html']['raw']:,} / {p['html']['gz']:,} / {p['html']['br']:,}",
                    f"{p['css']['raw']:,}" if p["css"]["raw"] else "none",
                    f"{ratio(o['total']['br'], p['total']['br']):.1f}×",
                ]
            )
        lines += [
            "## Page weight (the sample site in content/)",
            "",
            "Bytes raw / gzip -9 / brotli 11, the levels `make publish` precompresses "
            "with. Plain Pelican's simple theme links no stylesheet, so its page is "
            "its HTML.",
            "",
            table(
                [
                    "page",
                    "ours HTML",
                    "of which JSON-LD (raw)",
                    "ours CSS",
                    "ours HTML + CSS, brotli",
                    "simple HTML",
                    "simple CSS",
                    "ours / simple (brotli)",
                ],
                rows,
            ),
            "",
        ]

    pictures = results.get("pictures")
    if pictures:
        c, t, n = pictures["cpu"], pictures["times"], pictures["photos"]

        def extra(values, key):
            return (median(values[key]) - median(values["none"])) / n

        lines += [
            "## Pictures",
            "",
            f"The picture pipeline on a site of 100 pages with {n} photos of "
            f"{pictures['size'][0]}x{pictures['size'][1]} "
            f"({pictures['source_bytes'] / n / 1024 / 1024:.1f} MB each on average), built "
            "three ways, interleaved: without the photos; with them and an empty picture "
            "cache (cold: each photo decoded, cleaned and encoded into every AVIF and JPEG "
            "size); with the cache the cold build filled (warm: each photo hashed and its "
            "files copied, as every rebuild does). Encoding runs on two threads, so the "
            "cold build's wall time can be below its CPU time. The builds of the "
            "synthetic sites above all have a warm cache (their untimed first build fills "
            "it); plain Pelican copies each photo once.",
            "",
            table(
                ["build", "CPU", "wall", "CPU per photo, over the build without photos"],
                [
                    ["without photos", fmt_s(c["none"]), fmt_s(t["none"]), "–"],
                    [
                        f"{n} photos, cold cache",
                        fmt_s(c["cold"]),
                        fmt_s(t["cold"]),
                        f"{extra(c, 'cold'):.3f} s ({extra(t, 'cold'):.3f} s wall)",
                    ],
                    [
                        f"{n} photos, warm cache",
                        fmt_s(c["warm"]),
                        fmt_s(t["warm"]),
                        f"{1000 * extra(c, 'warm'):.1f} ms ({1000 * extra(t, 'warm'):.1f} ms wall)",
                    ],
                ],
            ),
            "",
            f"The build writes {pictures['files']:,} picture files, "
            f"{pictures['bytes'] / 1024 / 1024:.1f} MB in all "
            f"(the {n} sources: {pictures['source_bytes'] / 1024 / 1024:.1f} MB).",
            "",
        ]

    # bars, judged on CPU time
    bars: list[tuple[str, bool | None, str]] = []
    at = [p for p in BAR_SIZES if p in sizes]

    def judge(name, check, detail):
        if not at:
            bars.append((name, None, ""))
            return
        bars.append(
            (
                name,
                all(check(sizes[p]) for p in at),
                "; ".join(f"{p:,}: {detail(sizes[p])}" for p in at),
            )
        )

    judge(
        "full build ≤ 1.25× plain Pelican (1,000 and 5,000 pages)",
        lambda s: cpu_ratio(s, "ours", "plain") <= 1.25,
        lambda s: (
            f"{cpu_ratio(s, 'ours', 'plain'):.2f}× CPU ({wall_ratio(s, 'ours', 'plain'):.2f}× wall)"
        ),
    )
    judge(
        "first build, nothing kept, ≤ 1.25× plain Pelican (1,000 and 5,000 pages)",
        lambda s: cpu_ratio(s, "first", "plain") <= 1.25,
        lambda s: (
            f"{cpu_ratio(s, 'first', 'plain'):.2f}× CPU "
            f"({wall_ratio(s, 'first', 'plain'):.2f}× wall)"
        ),
    )
    judge(
        "plugin share ≤ 10 % (1,000 and 5,000 pages)",
        lambda s: median(plugin_shares(s)) <= 0.10,
        lambda s: (
            f"{100 * median(plugin_shares(s)):.1f} % "
            f"(cProfile {100 * s['profile']['plugin'] / s['profile']['total']:.1f} %)"
        ),
    )
    if 1000 in sizes and 5000 in sizes:
        flat = per_page[5000] / per_page[1000]
        wall_flat = (median(sizes[5000]["times"]["ours"]) / 5000) / (
            median(sizes[1000]["times"]["ours"]) / 1000
        )
        bars.append(
            (
                "time per page flat: at 5,000 ≤ 1.2× at 1,000",
                flat <= 1.2,
                f"{flat:.2f}× CPU ({wall_flat:.2f}× wall)",
            )
        )
    else:
        bars.append(("time per page flat: at 5,000 ≤ 1.2× at 1,000", None, ""))
    judge(
        "peak memory ≤ 2× plain Pelican (1,000 and 5,000 pages)",
        lambda s: median(s["peaks_kb"]["ours"]) <= 2 * median(s["peaks_kb"]["plain"]),
        lambda s: f"{ratio(median(s['peaks_kb']['ours']), median(s['peaks_kb']['plain'])):.2f}×",
    )
    judge(
        "warm rebuild ≤ 0.6× cold (1,000 and 5,000 pages)",
        lambda s: cpu_ratio(s, "warm", "ours") <= 0.6,
        lambda s: (
            f"{cpu_ratio(s, 'warm', 'ours'):.2f}× CPU ({wall_ratio(s, 'warm', 'ours'):.2f}× wall)"
        ),
    )
    if sample and "plain" in sample["cpu"]:
        for variant, name in (
            ("ours", "sample site ≤ 1.3× plain Pelican"),
            ("first", "sample site, nothing kept, ≤ 1.3× plain Pelican"),
        ):
            cpu = ratio(median(sample["cpu"][variant]), median(sample["cpu"]["plain"]))
            wall = ratio(median(sample["times"][variant]), median(sample["times"]["plain"]))
            bars.append((name, cpu <= 1.3, f"{cpu:.2f}× CPU ({wall:.2f}× wall)"))
    else:
        bars.append(("sample site ≤ 1.3× plain Pelican", None, ""))
    lines += [
        "## Bars",
        "",
        table(["bar", "result", "measured"], [[b, bar(ok), d] for b, ok, d in bars]),
        "",
    ]
    warnings = sorted({w for s in sizes.values() for w in s["pelican_warnings"]})
    if warnings:
        lines += [
            f"Pelican logged {len(warnings)} distinct warnings during our builds, for "
            f"example: {warnings[0]}",
            "",
        ]
    return "\n".join(lines), bars


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (2, 2 and 1) and no chain build"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="comma-separated page counts (default 100,1000,5000)",
    )
    parser.add_argument("--reps", type=int, help="repetitions for every size")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--no-chain", action="store_true", help="skip the 50-location build")
    parser.add_argument(
        "--photos",
        type=int,
        default=50,
        help="photos for the picture pipeline's cold and warm builds (0 skips it; default 50)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    default_reps = {100: 5, 1000: 5, 5000: 3} if not args.quick else {100: 2, 1000: 2, 5000: 1}
    hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not args.no_hugo and not hugo:
        print("hugo not installed", file=sys.stderr)

    scratch = Path(tempfile.mkdtemp(prefix="clinic-bench-", dir=builds.scratch_root()))
    builds.PYCACHE = str(scratch / "pycache")  # removed with the scratch folder
    try:
        commit = subprocess.run(
            ["git", "-C", str(builds.PROJECT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        commit = ""
    results: dict = {
        "machine": machine(),
        "sizes": {},
        "commit": commit or "?",
        "scratch_fs": "tmpfs (/dev/shm)"
        if str(scratch).startswith("/dev/shm")
        else f"disk ({scratch.parent})",
    }
    started = time.perf_counter()

    def stage(key, what, function, *arguments, **keywords):
        """Run one part; a failure is reported and the other parts still run."""
        try:
            value = function(*arguments, **keywords)
        except (Exception, SystemExit) as error:
            log(f"{what} failed: {error}")
            results.setdefault("errors", []).append(f"{what}: {str(error)[-2000:]}")
            return None
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        return value

    try:
        for pages in sizes:
            reps = args.reps or default_reps.get(pages, 3)
            measured = stage(
                "size",
                f"{pages} pages",
                measure_size,
                pages,
                reps,
                scratch,
                hugo=hugo,
                nolinker=pages == LINKER_SIZE,
            )
            if measured:
                results["sizes"][pages] = measured
            shutil.rmtree(scratch / f"site-{pages}", ignore_errors=True)
        if args.photos:
            results["pictures"] = stage(
                "pictures",
                "the picture pipeline",
                measure_pictures,
                args.photos,
                args.reps or (1 if args.quick else 2),
                scratch,
            )
            for name in ("site-photos", "site-nophotos"):
                shutil.rmtree(scratch / name, ignore_errors=True)
        log("the sample site: phone linker on and off, and plain Pelican")
        results["linker_sample"] = stage(
            "linker",
            "the sample site with and without the linker",
            measure_linker_sample,
            args.reps or (2 if args.quick else 5),
            scratch,
        )
        if not args.quick and not args.no_chain:
            results["chain"] = stage(
                "chain", "the 50-location chain", measure_chain, args.reps or 2, scratch
            )
            shutil.rmtree(scratch / "site-chain", ignore_errors=True)
        log("page weight of the sample site")
        results["weight"] = stage("weight", "page weight", measure_weight, scratch)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    results["load_end"] = os.getloadavg() if hasattr(os, "getloadavg") else ()
    results["minutes"] = (time.perf_counter() - started) / 60
    text, bars = report(results)
    print(text)
    for error in results.get("errors", []):
        print(f"Not measured, because it failed: {error}\n")
    failed = [name for name, ok, _ in bars if ok is False]
    passed = [name for name, ok, _ in bars if ok]
    print(
        f"Summary: {len(passed)} bars pass, {len(failed)} fail"
        + (": " + "; ".join(failed) if failed else "")
        + f". Took {results['minutes']:.1f} "
        "minutes. Exit status 0: this is a measurement."
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
