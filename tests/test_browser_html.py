"""Hostile bodies in a real Chromium: no script runs and no request leaves 127.0.0.1.

Twenty bodies from the hostile strategy become pages of a fictional clinic,
built in development mode (the preview, which writes pages even when they
have problems).  The site is served without its ``_headers`` file, so no
Content-Security-Policy helps: this is the allow-list alone.
"""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import Phase, given, settings

import hostile
from fixture_clinic import fixture_clinic, plain_page
from headers_server import serve_with_headers

SAMPLES = 20


def sample_bodies() -> list[str]:
    """The same twenty hostile bodies on every run."""
    found: list[str] = []

    @settings(
        max_examples=SAMPLES,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
    )
    @given(hostile.bodies())
    def collect(body: str) -> None:
        found.append(body)

    collect()
    return found[:SAMPLES]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    bodies = sample_bodies()
    pages = {
        f"pages/hostile-{n}.md": plain_page(f"Hostile {n}", body) for n, body in enumerate(bodies)
    }
    project = fixture_clinic(tmp_path_factory.mktemp("browser-html") / "site", pages)
    result = project.build()
    assert result.returncode == 0, result.output
    (result.out_dir / "_headers").unlink()
    with serve_with_headers(result.out_dir) as base:
        yield base, bodies


def test_no_hostile_body_runs_a_script_or_reaches_another_host(browser, site):
    base, bodies = site
    context = browser.new_context()
    requests: list[str] = []

    def record(route):
        url = route.request.url
        requests.append(url)
        if urllib.parse.urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    try:
        for n, body in enumerate(bodies):
            page = context.new_page()
            dialogs: list[str] = []
            page.on(
                "dialog",
                lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()),
            )
            page.goto(f"{base}/hostile-{n}/", wait_until="load")
            page.mouse.move(200, 300)  # hover handlers, if any were left
            page.keyboard.press("Tab")
            page.wait_for_timeout(150)  # animations and timers that would fire at once
            assert page.evaluate("() => window.__pwned") is None, body
            assert dialogs == [], body
            handlers = page.evaluate(
                "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
            )
            assert handlers == [], body
            frames = page.evaluate(
                "() => document.querySelectorAll('iframe, frame, object, embed').length"
            )
            assert frames == 0, body
            page.close()
    finally:
        context.close()
    assert requests, "the pages were loaded"
    assert [url for url in requests if urllib.parse.urlsplit(url).hostname != "127.0.0.1"] == []
