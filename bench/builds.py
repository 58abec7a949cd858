"""Settings files and single builds: time, peak memory, and a profile.

Every build runs ``python -m pelican`` in a fresh subprocess, so each one pays
start-up and imports as ``make html`` does.  Wall time is measured around the
subprocess; CPU time (user + system) comes from ``os.wait4``, which reports
that one child and the processes it waited for.  Peak memory is the build's
maximum resident set size, from ``/usr/bin/time -v`` where it exists and from
``os.wait4`` otherwise.
"""

from __future__ import annotations

import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pelican

PROJECT = Path(__file__).resolve().parent.parent
PLUGIN_DIR = PROJECT / "plugins" / "clinic"
SIMPLE_THEME = Path(pelican.__file__).parent / "themes" / "simple"
TIME_BIN = "/usr/bin/time"

# The plugin's signal handlers (the entry points Pelican calls); any other
# handler connected in plugins/clinic/plugin.py is added by ``handlers()``.
# Pelican's own work that the plugin's handlers set off (see _TIMED)
PELICAN_IN_HANDLERS = "pelican resolving links"
HANDLERS = ("start_build", "share_profile", "place_content", "build_catalog", "finish_build")

_OURS = """\
# Made by bench/builds.py: the project's settings, with absolute paths.
import sys
sys.path.insert(0, {project!r})
from pelicanconf import *  # noqa: F401,F403

PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
"""
_CACHE = """
# Pelican's content cache (reader layer, the default): the first build fills it.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""
_NO_LINKER = """
# The phone linker switched off, to measure what it costs: Pelican reuses a
# plugin module that is already imported, so this patched one is the one used.
sys.path.insert(0, {plugins!r})
import clinic.build.bodies as _clinic_bodies  # noqa: E402
from clinic.phones.results import PhoneLinks as _PhoneLinks  # noqa: E402
_clinic_bodies.phone_links = lambda html, region: _PhoneLinks()
"""
_TIMED = """
# The plugin's handlers timed inside this same build (CPU seconds, no
# profiler): each one is wrapped before the plugin's register() connects it,
# and the totals are written to a file when the process exits.
sys.path.insert(0, {plugins!r})
import atexit as _atexit  # noqa: E402
import json as _json  # noqa: E402
import time as _time  # noqa: E402
import clinic.plugin as _clinic_plugin  # noqa: E402
from pelican.contents import Content as _Content  # noqa: E402
_handler_cpu = {{}}
_inside = [0]  # handlers running (a handler may be nested in a signal)


def _timed(name, handler):
    def run(*args, **kwargs):
        start = _time.process_time()
        _inside[0] += 1
        try:
            return handler(*args, **kwargs)
        finally:
            _inside[0] -= 1
            _handler_cpu[name] = _handler_cpu.get(name, 0.0) + _time.process_time() - start
    return run


for _name in {handlers!r}:
    setattr(_clinic_plugin, _name, _timed(_name, getattr(_clinic_plugin, _name)))

# Pelican resolves a page's {{filename}} links the first time anything reads
# its body, and keeps the result; the plugin reads bodies before Pelican's
# templates do.  That work is timed apart, with how often it ran inside the
# plugin's handlers and in the whole build.
_memo = _Content.__dict__["get_content"]
_resolve = _memo.func
_PELICAN = {pelican_key!r}


def _timed_resolve(*args):
    start = _time.process_time()
    try:
        return _resolve(*args)
    finally:
        spent = _time.process_time() - start
        _handler_cpu.setdefault(_PELICAN, {{"inside": 0.0, "calls_inside": 0, "calls": 0}})
        _handler_cpu[_PELICAN]["calls"] += 1
        if _inside[0]:
            _handler_cpu[_PELICAN]["inside"] += spent
            _handler_cpu[_PELICAN]["calls_inside"] += 1


_memo.func = _timed_resolve


def _write_handler_cpu():
    with open({timing!r}, "w") as _out:
        _json.dump(_handler_cpu, _out)


_atexit.register(_write_handler_cpu)
"""
_COUNTED = """
# How often Pelican resolves a page's links in this build (untimed builds only).
import atexit as _atexit  # noqa: E402
from pelican.contents import Content as _Content  # noqa: E402
_memo = _Content.__dict__["get_content"]
_resolve = _memo.func
_calls = [0]


def _counted(*args):
    _calls[0] += 1
    return _resolve(*args)


_memo.func = _counted
_atexit.register(lambda: open({count!r}, "w").write(str(_calls[0])))
"""
_PLAIN = """\
# Made by bench/builds.py: plain Pelican on the same Markdown.  The project's
# content settings (paths, ignored files, Markdown extensions, no category or
# tag pages), Pelican's built-in "simple" theme, no plugins.
import sys
sys.path.insert(0, {project!r})
from pelicanconf import *  # noqa: F401,F403

PATH = {content!r}
THEME = {theme!r}
PLUGINS = []
PLUGIN_PATHS = []
# Pelican's own Jinja defaults: the simple theme prints bodies unescaped.
JINJA_ENVIRONMENT = {{"trim_blocks": True, "lstrip_blocks": True, "extensions": []}}
# Without the plugin every file would be named by its basename (benefits.md in
# each treatment); the path as the slug keeps one page per source, as ours.
PATH_METADATA = r"(?P<slug>.*)\\.md"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
ARTICLE_URL = "{{slug}}/"
ARTICLE_SAVE_AS = "{{slug}}/index.html"
# The simple theme lists every page in the menu of every page; with thousands
# of pages that makes the baseline quadratic, so it is off (our theme's menu
# has four fixed links).
DISPLAY_PAGES_ON_MENU = False
"""


def write_settings(
    path: Path,
    kind: str,
    content: Path,
    *,
    cache: Path | None = None,
    linker: bool = True,
    kept_in: Path | None = None,
    timing: Path | None = None,
    count: Path | None = None,
) -> Path:
    """``kind``: ``ours`` (optionally with ``cache``, without the linker, keeping its
    work in ``kept_in`` rather than beside the content, or with its handlers timed
    into the JSON file ``timing``) or ``plain`` (optionally counting
    Pelican's link resolutions into the file ``count``)."""
    values = dict(project=str(PROJECT), content=str(content), plugins=str(PROJECT / "plugins"))
    if kind == "plain":
        text = _PLAIN.format(theme=str(SIMPLE_THEME), **values)
        if count is not None:
            text += _COUNTED.format(count=str(count))
    else:
        text = _OURS.format(theme=str(PROJECT / "theme"), **values)
        if cache is not None:
            text += _CACHE.format(cache=str(cache))
        if kept_in is not None:
            text += f"CLINIC_CACHE = {str(kept_in)!r}\n"
        if not linker:
            text += _NO_LINKER.format(**values)
        if timing is not None:
            text += _TIMED.format(
                handlers=handlers(), timing=str(timing), pelican_key=PELICAN_IN_HANDLERS, **values
            )
    path.write_text(text, encoding="utf-8")
    return path


def scratch_root() -> str | None:
    """Where builds write: tmpfs when the machine has it, so disks do not add noise."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


# Compiled modules of every build, filled by the untimed first builds (run.py
# puts them in its scratch folder).
PYCACHE = os.path.join(scratch_root() or tempfile.gettempdir(), "clinic-bench-pycache")


@dataclass
class Result:
    seconds: float  # wall time
    cpu: float  # user + system CPU seconds of the build (and anything it started)
    peak_kb: int
    status: int
    log: str  # stderr and stdout of the build


def pelican_command(settings: Path, content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]


def run(command: list[str], *, cwd: Path, output: Path | None = None) -> Result:
    """Run one build in a fresh process; wall time and peak resident memory."""
    if output is not None:
        shutil.rmtree(output, ignore_errors=True)
    memfile = cwd / ".peak"
    use_time = os.access(TIME_BIN, os.X_OK)
    if use_time:
        command = [TIME_BIN, "-v", "-o", str(memfile)] + command
    logfile = cwd / ".log"
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200", PYTHONPYCACHEPREFIX=PYCACHE)
    # Python keeps each module compiled, as on any machine that builds the site
    # (it would otherwise compile the plugin's fifty modules again every build);
    # every build, plain Pelican's too, reads its compiled modules from PYCACHE.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with open(logfile, "w+b") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime  # wait4 counts the child's own children too
    if use_time:
        found = re.search(
            r"Maximum resident set size \(kbytes\): (\d+)", memfile.read_text(errors="replace")
        )
        peak = int(found.group(1)) if found else peak
    return Result(seconds, cpu, peak, proc.returncode, text)


def handler_cpu(timing: Path) -> dict:
    """CPU seconds per handler, as the last build with ``timing`` wrote them, and
    under ``PELICAN_IN_HANDLERS`` Pelican's own link resolution: CPU seconds
    inside the handlers, and how often it ran there and in the whole build."""
    return json.loads(timing.read_text(encoding="utf-8"))


def html_files(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


# -- profiling ----------------------------------------------------------------


def handlers() -> tuple[str, ...]:
    """The plugin's signal handlers: the known five and any other connected one."""
    adapter = (PLUGIN_DIR / "plugin.py").read_text(encoding="utf-8")
    connected = re.findall(r"\.connect\(\s*(\w+)\)", adapter)
    return tuple(dict.fromkeys(HANDLERS + tuple(connected)))


@dataclass
class Profile:
    total: float  # seconds of profiled time (the whole build, start-up included)
    plugin: float  # cumulative time in the plugin's signal handlers
    by_handler: dict[str, float]
    functions: list[tuple[str, int, float, float]]  # (name, calls, tottime, cumtime)

    def cumulative(self, name: str) -> float:
        """Cumulative seconds of a plugin function (``linker.find_links``)."""
        return sum(cum for label, _, _, cum in self.functions if label.endswith(name))

    def calls(self, name: str) -> int:
        return sum(n for label, n, _, _ in self.functions if label.endswith(name))


def profile(command: list[str], *, cwd: Path, output: Path) -> Profile:
    """One build under cProfile in a subprocess; the plugin's part of it.

    ``output`` is the folder ``command`` writes to (emptied first).
    """
    prof = cwd / ".prof"
    result = run(
        [command[0], "-m", "cProfile", "-o", str(prof)] + command[1:], cwd=cwd, output=output
    )
    if result.status != 0:
        raise RuntimeError(f"profiled build failed:\n{result.log[-3000:]}")
    stats = pstats.Stats(str(prof))
    plugin_dir = str(PLUGIN_DIR) + os.sep
    entry = handlers()
    by_handler: dict[str, float] = {}
    functions = []
    # pstats keeps its table in attributes typeshed does not declare
    table = stats.stats.items()  # type: ignore[attr-defined]
    for (filename, _line, name), (_, calls, tottime, cumtime, _) in table:
        if not filename.startswith(plugin_dir):
            continue
        module = Path(filename).stem
        functions.append((f"{module}.{name}", calls, tottime, cumtime))
        if module == "plugin" and name in entry:
            by_handler[name] = by_handler.get(name, 0.0) + cumtime
    functions.sort(key=lambda f: -f[3])
    total = stats.total_tt  # type: ignore[attr-defined]  # (as above)
    return Profile(total, sum(by_handler.values()), by_handler, functions)
