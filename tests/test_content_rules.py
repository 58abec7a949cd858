"""Content rules on rendered bodies, each with a broken example and its exact message."""

import pytest

from clinic.rules.body import (
    LEADS_NOWHERE,
    citation_findings,
    heading_findings,
    image_findings,
    link_findings,
    other_phone_findings,
    placeholder_lines,
)


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3><h4>E</h4>", []),
        (
            "<h2>Why?</h2><h4>Details</h4>",
            [
                (
                    "#### Details",
                    'the heading "Details" (####) skips a level after ##',
                    "use ### here, or add the missing level above it",
                )
            ],
        ),
        (
            "<h3>Starts low</h3>",
            [
                (
                    "### Starts low",
                    'the heading "Starts low" (###) skips a level after #',
                    "use ## here, or add the missing level above it",
                )
            ],
        ),
        (
            "<h1>Again the title</h1>",
            [
                (
                    "# Again the title",
                    'the heading "Again the title" is a page title (#)',
                    "the title is already the main heading: start headings with ##",
                )
            ],
        ),
        ("<p>no headings</p>", []),
    ],
)
def test_headings(html, expected):
    assert heading_findings(html) == expected


def test_images_need_alt_text_and_a_file():
    html = (
        '<img alt="A calm waiting room" src="{static}/images/room.jpg">'
        '<img alt="" src="{static}/images/missing.png">'
    )
    found = image_findings(html, lambda src: "room" in src)
    assert found == [
        (
            "missing.png",
            "the image missing.png has no alt text, so people who cannot see it miss what it shows",
            "describe it in the square brackets: "
            "![What the photo shows]({static}/images/missing.png); for a picture that shows "
            "nothing of note, write ![decorative]({static}/images/missing.png)",
        ),
        (
            "missing.png",
            "the image {static}/images/missing.png is not there",
            "put the file in content/images/ and link it as {static}/images/missing.png",
        ),
    ]


@pytest.mark.parametrize(
    "href, checked",
    [
        ("{filename}/pages/nowhere.md", True),
        ("/nowhere/", True),
        ("side-effects/", True),
        ("https://www.example.com/", False),
        ("//cdn.example.com/x", False),
        ("tel:+13055550142", False),
        ("mailto:a@example.com", False),
        ("#section", False),
    ],
)
def test_links_inside_the_site_must_lead_somewhere(href, checked):
    found = link_findings(f'<p><a href="{href}">x</a></p>', lambda target: LEADS_NOWHERE)
    assert bool(found) == checked
    if checked:
        assert found[0][1] == f"the link to {href} leads nowhere"


def test_placeholders_are_found_with_their_lines():
    text = "Title: Peel\nSummary: FILL IN: a summary\n\nFILL IN: the text\n"
    assert placeholder_lines(text) == [(2, "Summary: FILL IN: a summary"), (4, "FILL IN: the text")]
    assert placeholder_lines("Title: Done\n") == []


@pytest.mark.parametrize(
    "html, claims",
    [
        ("<p>A 2018 study found that it helps.</p>", ["A 2018 study found"]),
        ("<li>Recent research shows a benefit.</li>", ["Recent research shows"]),
        ('<p>A study found it helps.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>', []),
        ('<p>A study found it (<a href="https://doi.org/10.1/x">source</a>).</p>', []),
        ('<p>A study found it (<a href="/blog/x/">our post</a>).</p>', ["A study found"]),
        ("<p>We study your skin first.</p>", []),
    ],
)
def test_uncited_research_is_flagged(html, claims):
    assert [needle for needle, _, _ in citation_findings(html)] == claims


CLINIC_PHONES = {"+13055550147", "+34912345678"}
NOT_OURS = (
    "none of the clinic's phone numbers in content/clinic.toml",
    "if this is an old number, change it to the clinic's number; if it is another "
    "number on purpose, leave it",
)


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            '<p>Call <a href="tel:+13055550147">(305) 555-0147</a> or '
            '<a href="tel:+34912345678">912 34 56 78</a>.</p>',
            [],
        ),
        ('<p>Call <a href="tel:+13055550147;ext=12">(305) 555-0147 ext. 12</a>.</p>', []),
        (
            '<p>Call <a href="tel:+13055550198">305-555-0198</a>.</p>',
            [("305-555-0198", f'"305-555-0198" is {NOT_OURS[0]}', NOT_OURS[1])],
        ),
        (
            '<li>Call <a class="x" href="tel:+17865550100">us &amp; <b>now</b></a></li>',
            [("us & now", f'"us & now" (+17865550100) is {NOT_OURS[0]}', NOT_OURS[1])],
        ),
        ("<p>No numbers here.</p>", []),
    ],
)
def test_call_links_to_a_number_that_is_not_the_clinics_are_named(html, expected):
    assert other_phone_findings(html, CLINIC_PHONES, "content/clinic.toml") == expected
