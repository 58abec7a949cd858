"""``make serve``: build, serve on 127.0.0.1:8000, rebuild on every change, refresh the page.

Pelican's own ``--autoreload`` watches content, theme and settings but not
plugins, and a broken build can leave the browser on stale pages with no
sign of it.  This loop:

- builds in this process (Pelican's content cache keeps rebuilds short) into
  a fresh folder, swapped in only when the build succeeds, so the browser
  always sees a whole build;
- restarts itself when a plugin or settings file changes, so new code loads;
- never stops on a broken edit: the error is printed and written to
  ``output/_live.json``, which the open page polls (development builds only
  carry that small script) and shows, and reloads from when a build succeeds.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from typing import Any

from ..publishing.live import write_live

WATCHED = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py")
RESTART_ON = ("plugins", "pelicanconf.py", "publishconf.py")


def build(settings_file: str, output: str, extra: dict[str, Any]) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    started = time.perf_counter()
    fresh = output.rstrip("/") + ".next"
    try:
        settings = read_settings(
            settings_file,
            override={
                "OUTPUT_PATH": fresh,
                "CLINIC_LIVE_RELOAD": True,
                "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": "generator",
                **extra,
            },
        )
        Pelican(settings).run()
        _swap(fresh, output)
    except SystemExit:
        raise
    except Exception as error:  # a template or plugin error: show it, keep serving
        message = "".join(traceback.format_exception_only(type(error), error)).strip()
        print(
            f"\nThe build failed: {message}\nFix it and save again; the server keeps running.\n",
            file=sys.stderr,
            flush=True,
        )
        write_live(output, error=message, problems=[])
        return
    print(
        f"Built in {time.perf_counter() - started:.2f} s; the open page refreshes itself.",
        flush=True,
    )


def _swap(fresh: str, output: str) -> None:
    """Two renames put the new build in place; the old one is deleted off the critical path."""
    old = f"{output.rstrip('/')}.old-{time.time_ns()}"
    if os.path.islink(output):
        os.unlink(output)  # make publish's link: the published build stays as it is
    elif os.path.isdir(output):
        os.rename(output, old)
    os.rename(fresh, output)
    threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep the terminal for build messages
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # a folder without index.html is "not found" on every static host,
        # never a listing: preview what the host will serve
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.isfile(page):
            with open(page, "rb") as handle:
                body = handle.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(output: str, host: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=os.path.abspath(output))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str]) -> int:
    import watchfiles

    settings_file = argv[0] if argv else "pelicanconf.py"
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    output = os.environ.get("OUTPUT", "output")
    extra = json.loads(os.environ.get("CLINIC_SERVE_SETTINGS", "{}"))
    build(settings_file, output, extra)
    try:
        server = serve(output, host, port)
    except OSError as error:
        print(
            f"Cannot serve on http://{host}:{port}/ ({error.strerror}). Another preview is "
            f"probably running: stop it with Ctrl+C in its window, or use another port: "
            f"make serve PORT=8001",
            file=sys.stderr,
        )
        return 1
    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    watched = [path for path in WATCHED if os.path.exists(path)]
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        # explicitly: a background job of a non-interactive shell starts with
        # SIGINT ignored, and Python's KeyboardInterrupt would never come
        signal.signal(number, lambda *_: stop.set())
    try:
        for changes in watchfiles.watch(
            *watched, debounce=50, step=25, stop_event=stop, raise_interrupt=False
        ):
            paths = sorted({os.path.relpath(path) for _, path in changes})
            print(f"Changed: {', '.join(paths)}", flush=True)
            if any(p.startswith(RESTART_ON) for p in paths):
                print("Code or settings changed: restarting.", flush=True)
                os.execv(sys.executable, [sys.executable, "-m", "clinic.staff.serve", *argv])
            build(settings_file, output, extra)
    finally:
        server.shutdown()
        server.server_close()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
