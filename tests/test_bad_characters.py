"""Invisible control characters in a page: reported on their line, never copied into the HTML."""

from __future__ import annotations

import re

from clinic.rules.body import control_lines
from test_bad_input import complete

PAGE = "content/pages/opening-times.md"
SOURCE = (
    "Title: Opening\x07 times\nSummary: When the front desk answers the phone, and when the "
    "clinic is closed for holidays.\n\nWe answer\x00 the phone on weekdays.\n\n"
    "Tabs\tand line ends\r\nare fine.\n"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_control_lines_name_each_line_and_character():
    assert control_lines(SOURCE) == [(1, "U+0007"), (4, "U+0000")]
    assert control_lines("a\tb\r\nc\n") == []
    assert control_lines("x\x1b[31my\x85\n") == [(1, "U+001B, U+0085")]


def test_a_control_character_is_a_problem_and_stays_out_of_the_page(project):
    project.write(PAGE, SOURCE)
    result = project.build()
    assert result.returncode == 0, result.output
    for line, codes in ((1, "U+0007"), (4, "U+0000")):
        assert (
            f"{PAGE}:{line}: This line holds an invisible control character ({codes}), "
            "which would be copied into the page. Retype the line, or delete the character "
            "(an editor may show it as a box, ^@ or nothing at all)."
        ) in result.output
    html = result.page("/opening-times/").read_text(encoding="utf-8")
    assert "We answer the phone on weekdays." in html
    assert "<title>Opening times" in html
    assert not CONTROL.search(html)
    complete(project)
    result = project.publish()
    assert result.returncode == 1, result.output
    assert f"{PAGE}:4: This line holds an invisible control character (U+0000)" in result.output
