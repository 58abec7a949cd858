"""Files Pelican skipped are explained, with the line and the fix."""

import pytest

from clinic.rules.sources import diagnose, dropped_problems, find_sources


def test_dropped_files_are_explained(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "ok.md").write_text("Title: Fine\n\nText\n")
    (content / "pages" / "dated.md").write_text("Title: Dated\nDate: 2026-13-01\n\nText\n")
    (content / "pages" / "later.md").write_text("Title: Later\nStatus: skip\n\nText\n")
    (content / "pages" / "typo.md").write_text("Title: Typo\nStatus: publshed\n\nText\n")
    (content / "stray.md").write_text("Title: Stray\n\nText\n")
    (content / ".hidden.md").write_text("x")
    assert find_sources(str(content)) == [
        "pages/dated.md",
        "pages/later.md",
        "pages/ok.md",
        "pages/typo.md",
        "stray.md",
    ]
    # Status: skip leaves a page out on purpose: not a problem
    problems = dropped_problems(str(content), "content", {"pages/ok.md"})
    assert [str(p) for p in problems] == [
        'content/pages/dated.md:2: "Date" is "2026-13-01", which is not a date, so the page was '
        "left out of the site. Write it as YYYY-MM-DD, for example Date: 2026-03-31.",
        'content/pages/typo.md:2: "Status" is "publshed", so the page was left out of the '
        "site. Write Status: draft to keep a page off the published site (previews show it "
        "under /drafts/), or remove the line to publish it.",
        "content/stray.md: This file is not in a place the site publishes from, so it is not "
        "on the site. Move it to content/pages/, content/treatments/<treatment>/, "
        "content/conditions/ or content/articles/, and name it in lowercase letters, digits "
        "and hyphens (for example side-effects.md).",
    ]


def test_a_page_too_large_to_build_names_its_size_and_the_limit(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text("Title: Huge\nSummary: Long.\n\n" + "A plain sentence. " * 300_000)
    assert str(diagnose(str(path), "content/pages/huge.md")) == (
        "content/pages/huge.md: This file is 5.4 MB, more than the 1 MB a page may be, so it "
        "was left out of the site. Split it into several pages; a page about one treatment "
        "or condition is rarely more than 50 KB."
    )


@pytest.mark.parametrize(
    "make_line, levels",
    [
        (lambda i: "    " * i + "- item", 300),
        (lambda i: "\t" * i + "1. item", 1000),
        (lambda i: ">" * (i + 1) + " quoted", 1000),
    ],
)
def test_lists_nested_too_deep_name_the_depth_and_the_line(tmp_path, make_line, levels):
    path = tmp_path / "deep.md"
    path.write_text(
        "Title: Deep\nSummary: Nested.\n\nIntro\n\n"
        + "\n".join(make_line(i) for i in range(levels))
        + "\n"
    )
    assert str(diagnose(str(path), "content/pages/deep.md")) == (
        f"content/pages/deep.md:56: Lists or quotes on this page are nested {levels} levels "
        "deep, more than the 50 the site reads, so it was left out of the site. Nest them a few "
        "levels at most: each line indented 4 spaces (or one >) more than the one above "
        "starts a new level."
    )
