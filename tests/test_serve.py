"""make serve: what the host would serve, a broken clinic.toml mid-edit, stopping on signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import TODAY
from test_bad_input import FICTIONAL_PROFILE
from test_workflow import free_port, get, wait_for

PROFILE = FICTIONAL_PROFILE.replace('language = "en"', 'language = "es"')


def start(project, port: int, *, sigint_ignored: bool) -> subprocess.Popen:
    """``make serve`` as a background job of a script starts it: SIGINT ignored."""
    env = dict(
        os.environ,
        PORT=str(port),
        PYTHONPATH=str(project.root / "plugins"),
        CLINIC_SERVE_SETTINGS=json.dumps({"CLINIC_TODAY": TODAY}),
    )
    command = [sys.executable, "-m", "clinic.staff.serve", "pelicanconf.py"]
    if sigint_ignored:  # what a shell does to a background job; exec keeps it ignored
        command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
    return subprocess.Popen(
        command,
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_keeps_the_last_good_profile_lists_no_folder_and_stops_on_sigint(project):
    project.write("content/clinic.toml", PROFILE)
    port = free_port()
    server = start(project, port, sigint_ignored=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: json.loads(get(base + "/_live.json")), timeout=120)
        for url in ("/theme/", "/theme/css/", "/no-such-page/"):
            code, body = status(base + url)
            assert code == 404, url
            assert "Directory listing" not in body and '<html lang="es"' in body, url
        project.edit(
            "content/clinic.toml", 'name = "Harbour Skin Studio"\n', 'name = "Harbour Skin Studio\n'
        )
        wait_for(
            lambda: any(
                "content/clinic.toml:2: This is not valid TOML" in p
                for p in json.loads(get(base + "/_live.json")).get("problems", [])
            ),
            timeout=120,
        )
        page = get(base + "/contact/")
        assert '<html lang="es"' in page and "Harbour Skin Studio" in page
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=5) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert "Stopped." in server.stdout.read()


@pytest.mark.parametrize("number", [signal.SIGTERM])
def test_serve_stops_cleanly_on_sigterm(project, number):
    project.write("content/clinic.toml", PROFILE)
    port = free_port()
    server = start(project, port, sigint_ignored=True)
    try:
        wait_for(lambda: json.loads(get(f"http://127.0.0.1:{port}/_live.json")), timeout=120)
        started = time.monotonic()
        server.send_signal(number)
        assert server.wait(timeout=5) == 0
        assert time.monotonic() - started < 5
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    with pytest.raises(OSError):
        get(f"http://127.0.0.1:{port}/")  # the port is closed
