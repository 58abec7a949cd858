"""Files Pelican skipped are explained, with the line and the fix."""

from clinic.rules.sources import dropped_problems, find_sources


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
        "pages/dated.md", "pages/later.md", "pages/ok.md", "pages/typo.md", "stray.md"]
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
