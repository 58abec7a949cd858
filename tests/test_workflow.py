"""Staff workflow end to end: content rules in a real build, make check, make serve."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import kestrel
from conftest import TODAY

BENEFITS = "content/treatments/microneedling/benefits.md"
# the line add_to_benefits puts its text on (the heading moves down)
AT = kestrel.line("treatments/microneedling/benefits.md", "## What can microneedling help with?")
SHORT = kestrel.PHONE[:-1]  # the clinic's number with a digit missing


def add_to_benefits(project, markdown: str):
    project.edit(
        BENEFITS,
        "## What can microneedling help with?",
        markdown + "\n\n## What can microneedling help with?",
    )


CONDITIONS = kestrel.line("treatments/microneedling/index.md", "Conditions:")
RULES = {
    "an image without alt text": (
        lambda p: (
            p.write("content/images/room.png", "x"),
            add_to_benefits(p, "![]({static}/images/room.png)"),
        ),
        "content/treatments/microneedling/benefits.md:7: The image room.png has no alt text, so "
        "people who cannot see it miss what it shows. Describe it in the square brackets: "
        "![What the photo shows]({static}/images/room.png); for a picture that shows nothing of "
        "note, write ![decorative]({static}/images/room.png).",
    ),
    "an image file that is missing": (
        lambda p: add_to_benefits(p, "![A treatment room]({static}/images/gone.jpg)"),
        "content/treatments/microneedling/benefits.md:7: The image {static}/images/gone.jpg is "
        "not there. Put the file in content/images/ and link it as {static}/images/gone.jpg.",
    ),
    "a {filename} link to nothing": (
        lambda p: add_to_benefits(
            p, "See [aftercare]({filename}/treatments/microneedling/aftercare.md)."
        ),
        "content/treatments/microneedling/benefits.md:7: The link to "
        "{filename}/treatments/microneedling/aftercare.md leads nowhere.",
    ),
    "a plain link to nothing": (
        lambda p: add_to_benefits(p, "See [prices](/prices/)."),
        "content/treatments/microneedling/benefits.md:7: The link to /prices/ leads nowhere.",
    ),
    "a skipped heading level": (
        lambda p: add_to_benefits(p, "#### Small print"),
        'content/treatments/microneedling/benefits.md:7: The heading "Small print" (####) skips '
        "a level after #. Use ## here, or add the missing level above it.",
    ),
    "a leftover placeholder": (
        lambda p: add_to_benefits(p, "FILL IN: a sentence about results"),
        'content/treatments/microneedling/benefits.md:7: "FILL IN: a sentence about results" is '
        "still a placeholder. Replace the FILL IN text with the real text.",
    ),
    "a number that looks like a phone but is not one": (
        lambda p: add_to_benefits(p, f"Call {SHORT} today."),
        f'content/treatments/microneedling/benefits.md:{AT}: "{SHORT}" looks like a phone number '
        "but is not a valid one, so it is not a call link. Check the digits; write the full "
        f"number with its area code, such as {kestrel.NATIONAL}.",
    ),
    "an unknown condition": (
        lambda p: p.edit(
            "content/treatments/microneedling/index.md",
            "Conditions: hyperpigmentation",
            "Conditions: hyperpigmentation, melasma",
        ),
        f"content/treatments/microneedling/index.md:{CONDITIONS}: "
        '"Conditions" names the condition '
        '"melasma", but there is no content/conditions/melasma.md.',
    ),
    "a file with the header indented": (
        lambda p: p.write("content/pages/hours.md", "\tTitle: Hours\n\tSummary: x\n\nText\n"),
        "content/pages/hours.md:1: The header lines start with spaces or a tab, so the page has "
        "no title and was left out of the site.",
    ),
    "an empty file": (
        lambda p: p.write("content/pages/blank.md", ""),
        "content/pages/blank.md: This file is empty, so it was left out of the site.",
    ),
    "a folder named with capitals and spaces": (
        lambda p: p.write("content/treatments/Chemical Peel/index.md", "Title: Peel\n\nText\n"),
        "content/treatments/Chemical Peel/index.md: This file is not in a place the site "
        "publishes from",
    ),
    "a Markdown file outside the known folders": (
        lambda p: p.write("content/notes.md", "Title: Notes\n\nText\n"),
        "content/notes.md: This file is not in a place the site publishes from",
    ),
}


@pytest.mark.parametrize("name", RULES)
def test_each_rule_reports_its_broken_example(project, name):
    breaker, message = RULES[name]
    breaker(project)
    result = project.build()
    assert result.returncode == 0, result.output
    assert message in result.output


STUDY = kestrel.line("treatments/microneedling/benefits.md", "A 2018 study found")


def test_uncited_research_is_a_suggestion_not_a_problem(project):
    result = project.build()
    assert (
        f'content/treatments/microneedling/benefits.md:{STUDY}: "A 2018 study found" cites '
        "research without naming its source. Add a citation"
    ) in result.output
    # the suggestion is not counted: the fixture's ten problems only
    assert "10 problems found." in result.output


def test_windows_line_endings_and_lowercase_keys_are_fine(project):
    path = project.file("content/pages/privacy.md")
    text = (
        path.read_text(encoding="utf-8").replace("Title:", "title:").replace("Summary:", "SUMMARY:")
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = project.build()
    assert "privacy.md" not in result.output
    assert result.page("/privacy/").is_file()


def test_a_cited_claim_shows_numbered_sources_and_citation_data(project):
    project.edit(
        BENEFITS,
        "A 2018 study found that microneedling can improve acne scarring",
        "A study found that microneedling can improve acne scarring[^1]",
    )
    path = project.file(BENEFITS)
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[^1]: Example A. A study of "
        "microneedling. Example Journal. <https://doi.org/10.0000/example>\n",
        encoding="utf-8",
    )
    result = project.build()
    assert f'benefits.md:{STUDY}: "A study found"' not in result.output
    html = result.page("/treatments/microneedling/benefits/").read_text(encoding="utf-8")
    assert '<h2 id="sources-title">Sources</h2>' in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    page = next(n for n in data["@graph"] if n["@id"].endswith("#webpage"))
    assert page["citation"] == [
        {
            "@type": "CreativeWork",
            "url": "https://doi.org/10.0000/example",
            "name": "Example A. A study of microneedling. Example Journal. "
            "https://doi.org/10.0000/example",
        }
    ]


def make_check(project):
    venv_bin = os.path.dirname(sys.executable)
    return subprocess.run(
        ["make", "check", f"BIN={venv_bin}", f"VENV={os.path.dirname(venv_bin)}"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, CLINIC_TODAY=TODAY),
    )


def test_make_check_groups_the_report_and_fails_on_problems(project):
    import shutil

    from conftest import ROOT

    shutil.copy(ROOT / "Makefile", project.root / "Makefile")
    shutil.copy(ROOT / "requirements.txt", project.root / "requirements.txt")
    done = make_check(project)
    assert done.returncode != 0
    report = done.stderr
    assert "\n10 problems found.\n" in report
    reviewed = kestrel.line("conditions/hyperpigmentation.md", "Reviewed:")
    # a blank line per file
    assert f"\n\ncontent/conditions/hyperpigmentation.md:{reviewed}: " in report
    from test_bad_input import complete

    complete(project)
    done = make_check(project)
    assert done.returncode == 0, done.stderr
    assert "No problems found." in done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = predicate()
            if value:
                return value
        # not up yet, or a page read while the rebuild rewrote it (Pelican
        # writes pages in place; the open page polls again, and so does this)
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.05)
    raise AssertionError("timed out")


SESSIONS = kestrel.header("treatments/microneedling/index.md", "Sessions")


def test_make_serve_rebuilds_refreshes_and_survives_a_broken_edit(project):
    port = free_port()
    env = dict(
        os.environ,
        PORT=str(port),
        PYTHONPATH=str(project.root / "plugins"),
        CLINIC_SERVE_SETTINGS=json.dumps({"CLINIC_TODAY": TODAY}),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "clinic.staff.serve", "pelicanconf.py"],
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        first = wait_for(lambda: json.loads(get(base + "/_live.json")))
        page = get(base + "/treatments/microneedling/")
        assert 'fetch("/_live.json?' in page  # development pages refresh themselves
        project.edit(
            "content/treatments/microneedling/index.md",
            f"Sessions: {SESSIONS}",
            f"Sessions: {SESSIONS} (live)",
        )
        wait_for(lambda: f"{SESSIONS} (live)" in get(base + "/treatments/microneedling/"))
        project.edit(
            "theme/templates/page.html", "{% block content %}", "{% block content %}{% oops %}"
        )
        broken = wait_for(lambda: json.loads(get(base + "/_live.json")).get("error"))
        assert "oops" in broken
        assert get(base + "/contact/")  # still serving the last good build
        project.edit("theme/templates/page.html", "{% oops %}", "")
        wait_for(lambda: "error" not in json.loads(get(base + "/_live.json")))
        assert first["build"] != json.loads(get(base + "/_live.json"))["build"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_drafts_preview_under_drafts_and_are_never_published(project):
    # a page no template links to: those the header and footer link to must publish
    project.write(
        "content/pages/parking.md",
        "Title: Parking\nStatus: draft\nSummary: Where "
        "to park when you visit, and which streets have free spaces in the morning.\n\n"
        "Soon.\n",
    )
    project.edit(
        "content/articles/treating-dark-spots.md",
        "Reviewed:",
        "Reviewed:\nStatus: draft",
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert not result.page("/parking/").exists()
    assert result.page("/drafts/pages/parking/").is_file()
    assert result.page("/drafts/treating-dark-spots/").is_file()
    from test_bad_input import complete

    complete(project)
    published = project.publish()
    assert published.returncode == 0, published.output
    assert not published.page("/parking/").exists()
    assert not (published.out_dir / "drafts").exists()
    assert not published.page("/blog/treating-dark-spots/").exists()


def test_make_check_also_stops_on_pelican_warnings(project):
    import shutil

    from conftest import ROOT
    from test_bad_input import HOME_TITLE, complete

    shutil.copy(ROOT / "Makefile", project.root / "Makefile")
    shutil.copy(ROOT / "requirements.txt", project.root / "requirements.txt")
    complete(project)
    project.edit(
        "content/pages/home.md",
        f"Title: {HOME_TITLE}",
        f"Title: {HOME_TITLE}\nStatus: published\nStatus: published",
    )
    done = make_check(project)
    assert done.returncode != 0
    assert "pelican: Duplicate definition of `status`" in done.stderr
