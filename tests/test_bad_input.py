"""Bad input: each names the file, the line or key, and the fix.

Development builds still build every other page; publish stops with exit
status 1 and the whole list.
"""

from __future__ import annotations

import pytest

import kestrel
from conftest import ROOT

ALWAYS_BUILT = ["/", "/contact/", "/privacy/", "/blog/treating-dark-spots/"]


def line_of(rel: str, text: str) -> int:
    """The line of the project's file ``rel`` where ``text`` first appears.

    A file under content/ is the fixture clinic's (tests/kestrel.py), as in every copy.
    """
    if rel.startswith("content/"):
        return kestrel.line(rel.removeprefix("content/"), text)
    source = (ROOT / rel).read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


NAME = f'name = "{kestrel.NAME}"'
PHONE = f'phone = "{kestrel.PHONE}"'
DIGITS = "".join(c for c in kestrel.PHONE if c.isdigit())
SHORT = kestrel.PHONE[:-1]  # a digit missing
TOML = "content/clinic.toml"


def break_toml(project):
    project.edit(TOML, NAME, NAME.removesuffix('"'))


def mistype_key(project):
    project.edit(TOML, 'specialty = "Dermatology"', 'specialtty = "Dermatology"')


def number_phone(project):
    project.edit(TOML, PHONE, f"phone = {DIGITS}")


def invalid_phone(project):
    project.edit(TOML, PHONE, f'phone = "{SHORT}"')


def missing_name(project):
    project.edit(TOML, NAME + "\n", "")


def drop_section(project):
    project.file("content/treatments/microneedling/side-effects.md").unlink()


def bad_reviewed(project):
    project.edit(
        "content/treatments/microneedling/benefits.md", "Reviewed:", "Reviewed: 2026-13-01"
    )


def no_title(project):
    project.edit("content/pages/privacy.md", "Title: Privacy\n", "")


def unknown_treatment(project):
    project.edit(
        "content/conditions/hyperpigmentation.md",
        "Reviewed:",
        "Treatments: chemical-peel\nReviewed:",
    )


def empty_name(project):
    project.edit(TOML, NAME, 'name = ""')


def empty_phone(project):
    project.edit(TOML, PHONE, 'phone = ""')


def blank_title(project):
    project.edit("content/pages/privacy.md", "Title: Privacy\n", "Title:   \n")


def future_post(project):
    project.edit("content/articles/treating-dark-spots.md", "Date: 2026-11-20", "Date: 2030-01-01")


def no_home_page(project):
    project.file("content/pages/home.md").unlink()


def draft_accessibility(project):
    project.edit(
        "content/pages/accessibility.md",
        "Title: Accessibility\n",
        "Title: Accessibility\nStatus: draft\n",
    )


def not_utf8(project):
    path = project.file("content/pages/accessibility.md")
    text = path.read_text(encoding="utf-8").replace("screen readers", "lectores de pantalla, señal")
    path.write_bytes(text.encode("latin-1"))


CASES = {
    "malformed TOML": (
        break_toml,
        f"content/clinic.toml:{line_of(TOML, NAME)}: This is not valid TOML (Illegal character "
        "'\\n'). Check quotes and brackets on that line",
        [],
    ),
    "mistyped profile key": (
        mistype_key,
        f"content/clinic.toml:{line_of(TOML, 'specialty = ')}: "
        '"clinic.specialtty" is not a setting the site knows. '
        'Did you mean "specialty"? Settings allowed here: name, description, specialty, language, '
        "languages, price_range, currency.",
        [],
    ),
    "profile phone written as a number": (
        number_phone,
        f'content/clinic.toml:{line_of(TOML, PHONE)}: "locations[0].phone" is {DIGITS} (a '
        f'number), but it must be text. Put the value in double quotes: phone = "{DIGITS}".',
        [],
    ),
    "profile phone that is not a valid number": (
        invalid_phone,
        f'content/clinic.toml:{line_of(TOML, PHONE)}: "locations[0].phone" is "{SHORT}", which '
        "is not a valid phone number in US. Write the full number with area code, for example "
        'phone = "(201) 555-0123"',  # libphonenumber's example number for the US
        [],
    ),
    "missing profile field": (
        missing_name,
        f'content/clinic.toml:{line_of(TOML, "[clinic]")}: "clinic.name" is missing. '
        'Add name = "..." under [clinic].',
        [],
    ),
    "treatment without a required section": (
        drop_section,
        "content/treatments/microneedling/: This treatment has no side-effects.md, and every "
        "treatment needs benefits, side effects and candidacy pages. Add "
        "content/treatments/microneedling/side-effects.md with Title, Summary and Reviewed.",
        [],
    ),
    "invalid Reviewed date": (
        bad_reviewed,
        'content/treatments/microneedling/benefits.md:3: "Reviewed" is "2026-13-01", which is '
        "not a date. Write it as YYYY-MM-DD, for example Reviewed: 2026-03-31.",
        [],
    ),
    "page with no title": (
        no_title,
        "content/pages/privacy.md:1: This page has no title, so it was left out of the site. "
        "Add a first line such as Title: Side effects of microneedling.",
        ["/privacy/"],
    ),
    "condition naming an unknown treatment": (
        unknown_treatment,
        'content/conditions/hyperpigmentation.md:3: "Treatments" names the treatment '
        '"chemical-peel", but there is no content/treatments/chemical-peel/. Use the '
        "treatment's file name (microneedling), or add the treatment first.",
        [],
    ),
    "empty clinic name": (
        empty_name,
        f'content/clinic.toml:{line_of(TOML, NAME)}: "clinic.name" is empty: every page shows '
        "the clinic's name in "
        "its header and title, and search engines list the clinic by it. Fill it in in "
        "content/clinic.toml before publishing.",
        [],
    ),
    "location with an empty phone": (
        empty_phone,
        f'content/clinic.toml:{line_of(TOML, PHONE)}: "locations[0].phone" is empty: the call '
        "buttons on every page "
        "and the call bar dial this number; without it visitors cannot call. Fill it in in "
        "content/clinic.toml before publishing.",
        [],
    ),
    "title of only spaces": (
        blank_title,
        'content/pages/privacy.md:1: "Title" is empty, so the page has no name in its browser '
        "tab, in search results or in the trail of links above it. Write the page's title "
        "after Title:, for example Title: Side effects of microneedling.",
        [],
    ),
    "blog post dated in the future": (
        future_post,
        'content/articles/treating-dark-spots.md:2: "Date" is 2030-01-01, which is in the '
        "future. Write the date the post was published; to publish it later, keep "
        "Status: draft until that day.",
        [],
    ),
    "no home page": (
        no_home_page,
        "content/pages/home.md: This page is missing, but every page links to /, so that link "
        'would lead nowhere. Create it with make new-page NAME="Home", then write its text.',
        ["/"],
    ),
    "footer page kept as a draft": (
        draft_accessibility,
        "content/pages/accessibility.md:2: This page is a draft, but every page links to "
        "/accessibility/, so that link would lead nowhere. Remove the line Status: draft to "
        "publish it.",
        ["/accessibility/"],
    ),
    "file that is not UTF-8": (
        not_utf8,
        # the first line not_utf8 turns into Latin-1
        "content/pages/accessibility.md:"
        f"{line_of('content/pages/accessibility.md', 'screen readers')}"
        ": This file is not UTF-8 text, so it was left out of the site. Open it in your editor "
        "and save it with the encoding UTF-8.",
        ["/accessibility/"],
    ),
}


# An invalid clinic number would make every call button wrong: even a
# development build fails (after writing the pages, so nothing is lost).
STOPS_EVERY_BUILD = {"profile phone that is not a valid number"}


@pytest.mark.parametrize("name", CASES)
def test_development_build_reports_it_and_builds_everything_else(project, name):
    breaker, message, missing = CASES[name]
    breaker(project)
    # the exit status that stops every build, through the command line itself
    result = project.build_command() if name in STOPS_EVERY_BUILD else project.build()
    assert result.returncode == (1 if name in STOPS_EVERY_BUILD else 0), result.output
    assert message in result.output
    for url in ALWAYS_BUILT:
        if url not in missing:
            assert result.page(url).is_file(), url
    for url in missing:
        assert not result.page(url).exists(), url


@pytest.mark.parametrize("name", CASES)
def test_publish_stops_and_lists_it(project, name):
    breaker, message, _ = CASES[name]
    breaker(project)
    result = project.publish()
    assert result.returncode == 1, result.output
    assert message in result.output
    assert "Publish stopped: " in result.output
    assert "nothing was published." in result.output


@pytest.mark.parametrize(
    "breaker, source, needle",
    [
        (empty_name, "content/clinic.toml", '"clinic.name" is empty'),
        (blank_title, "content/pages/privacy.md", '"Title" is empty'),
    ],
)
def test_an_empty_name_is_reported_once_not_again_as_structured_data(
    project, breaker, source, needle
):
    breaker(project)
    result = project.build()
    assert result.returncode == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith(source)]
    assert sum(needle in line for line in lines) == 1, lines
    assert not any('"name" is missing' in line for line in lines), lines


def test_not_utf8_message_names_the_line_and_the_fix(project):
    not_utf8(project)
    result = project.build()
    line = next(
        text
        for text in result.output.splitlines()
        if text.startswith("content/pages/accessibility.md:")
    )
    number = int(line.split(":")[1])
    source = project.file("content/pages/accessibility.md").read_bytes().split(b"\n")
    assert b"se\xf1al" in source[number - 1]
    assert line.endswith(
        "This file is not UTF-8 text, so it was left out of the site. "
        "Open it in your editor and save it with the encoding UTF-8."
    )


def test_publish_of_the_sample_lists_every_missing_fact_at_once(project):
    result = project.publish()
    assert result.returncode == 1
    for text in (
        'content/clinic.toml:23: "review.reviewer" is empty',
        'content/clinic.toml:32: "locations[0].hours" is empty',
        'content/clinic.toml:35: "locations[0].address.street" is empty',
        'content/clinic.toml:38: "locations[0].address.postal_code" is empty',
        "content/treatments/microneedling/index.md:3: This medical page has not been reviewed",
    ):
        assert text in result.output
    assert "Publish stopped: 10 problems found; nothing was published." in result.output


@pytest.mark.parametrize(
    "siteurl, message",
    [
        ("", "publishconf.py: SITEURL is empty, but a published site needs its full address."),
        (
            "clinic.example.org",
            'publishconf.py: SITEURL is "clinic.example.org", which has no '
            '"https://" at the start. Write SITEURL = "https://clinic.example.org".',
        ),
        (
            "http://clinic.example.org",
            'publishconf.py: SITEURL is "http://clinic.example.org", '
            "which is not a secure (https) address: browsers mark such a site as not secure and "
            'search engines prefer https. Write SITEURL = "https://clinic.example.org".',
        ),
    ],
)
def test_publish_with_a_bad_siteurl_says_how_to_write_it(project, siteurl, message):
    complete(project)
    result = project.build("publishconf.py", {"SITEURL": siteurl})
    assert result.returncode == 1
    assert message in result.output
    assert "Publish stopped: 1 problem found" in result.output


def test_a_trailing_slash_on_siteurl_is_removed_not_doubled(project):
    complete(project)
    result = project.build("publishconf.py", {"SITEURL": "https://clinic.example.org/"})
    assert result.returncode == 0, result.output
    html = result.page("/treatments/microneedling/").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://clinic.example.org/treatments/microneedling/">' in html
    )
    assert "example.org//" not in html


def test_publish_of_complete_content_succeeds(project):
    complete(project)
    result = project.publish()
    assert result.returncode == 0, result.output
    assert "problem" not in result.output
    assert result.page("/treatments/microneedling/").is_file()


def test_publish_stops_on_pelican_own_warnings(project):
    complete(project)
    project.edit(
        "content/pages/home.md",
        f"Title: {HOME_TITLE}",
        f"Title: {HOME_TITLE}\nStatus: published\nStatus: published",
    )
    result = project.publish()
    assert result.returncode == 1
    assert "pelican: Duplicate definition of `status` for " in result.output


HOME_TITLE = kestrel.header("pages/home.md", "Title")


def complete(project):
    """Fill in every fact the sample leaves empty, as a clinic would before publishing."""
    project.edit("content/clinic.toml", 'reviewer = ""', 'reviewer = "A. Reviewer, MD"')
    project.edit("content/clinic.toml", 'street = ""', 'street = "1 Example Street"')
    project.edit("content/clinic.toml", 'postal_code = ""', 'postal_code = "00000"')
    project.edit(
        "content/clinic.toml",
        "hours = []",
        'hours = [ { days = ["Monday"], opens = "09:00", closes = "17:00" } ]',
    )
    project.edit(
        "content/clinic.toml",
        "# [locations.geo]\n# latitude = 0.0\n# longitude = 0.0",
        "[locations.geo]\nlatitude = 25.12345\nlongitude = -80.12345",
    )
    project.edit(
        "content/clinic.toml",
        'specialty = "Dermatology"',
        'specialty = "Dermatology"\nprice_range = "$$"',
    )
    for path in project.root.joinpath("content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Reviewed:\n", "Reviewed: 2026-11-01\n"), encoding="utf-8")


def embed_script(project):
    project.edit(
        "content/pages/privacy.md",
        "\n\n",
        '\n\n<script src="https://tracker.example.com/t.js"></script>\n\n',
    )


def embed_iframe(project):
    project.edit(
        "content/conditions/hyperpigmentation.md",
        "## What causes hyperpigmentation?",
        '<iframe src="https://video.example.com/embed/1" title="video"></iframe>\n\n'
        "## What causes hyperpigmentation?",
    )


def same_url(project):
    text = project.file("content/articles/treating-dark-spots.md").read_text(encoding="utf-8")
    project.write("content/articles/more/treating-dark-spots.md", text)


def redirect_loop(project):
    project.edit(
        "content/pages/contact.md",
        "Title: Contact us",
        "Title: Contact us\nRedirect-From: /contact/",
    )


def third_party_template(project):
    project.edit(
        "theme/templates/base.html",
        "</head>",
        '<link rel="stylesheet" href="https://fonts.example.com/css"></head>',
    )


def link_to_profile(project):
    project.edit(
        "content/pages/privacy.md", "\n\n", "\n\nSee [the facts]({filename}/clinic.toml).\n\n"
    )


def link_to_draft(project):
    project.write(
        "content/pages/parking.md",
        "Title: Parking\nStatus: draft\nSummary: Where to "
        "park when you visit, and which streets have free spaces in the morning.\n\n"
        "Soon.\n",
    )
    project.edit("content/pages/privacy.md", "\n\n", "\n\nSee [parking]({filename}parking.md).\n\n")


def post_sets_url(project):
    project.edit(
        "content/articles/treating-dark-spots.md",
        "Date: 2026-11-20",
        "Date: 2026-11-20\nURL: https://evil.example/login",
    )


PUBLISHING_CASES = {
    "a link to a file that is not a page": (
        link_to_profile,
        "content/pages/privacy.md:4: The link to {filename}/clinic.toml names a file that is not "
        "a page or a picture of the site. Link to a page's .md file with {filename}, or to a "
        "file in content/images/ with {static}.",
    ),
    "a link to a draft": (
        link_to_draft,
        "content/pages/privacy.md:4: The link to {filename}parking.md leads to a draft, which "
        "is never published. Publish that page first (remove its Status: draft line), or "
        "remove the link.",
    ),
    "a blog post that sets its own URL": (
        post_sets_url,
        'content/articles/treating-dark-spots.md:3: "URL" sets the page\'s own address, but '
        "every address follows from where the file is, and this one would break links to the "
        "page; so the page was left out of the site. Remove the URL: line; to change a blog "
        "post's address, write a Slug: line instead; to change another page's, rename or move "
        "its file.",
    ),
    "a page that embeds a third-party script": (
        embed_script,
        "content/pages/privacy.md:4: A <script> loads https://tracker.example.com/t.js from "
        "another website, which would tell that site who reads this page. Serve the file from "
        "this site",
    ),
    "a page that embeds a third-party iframe": (
        embed_iframe,
        "content/conditions/hyperpigmentation.md:7: A <iframe> loads "
        "https://video.example.com/embed/1 from another website",
    ),
    "a template that loads a web font": (
        third_party_template,
        # the line of </head>, where third_party_template puts the <link>
        f"theme/templates/base.html:{line_of('theme/templates/base.html', '</head>')}: A <link> "
        "loads https://fonts.example.com/css from another website, which would tell that site "
        "who reads this page. Serve the file from this site (content/images/), or make it an "
        "ordinary link that visitors can choose to follow.",
    ),
    "two pages that claim the same URL": (
        same_url,
        "content/articles/treating-dark-spots.md: This page has the same address as "
        "content/articles/more/treating-dark-spots.md (/blog/treating-dark-spots/), so it was "
        "left out of the site.",
    ),
    "a redirect loop": (
        redirect_loop,
        'content/pages/contact.md:2: "Redirect-From" has /contact/, this page\'s own '
        "address: a redirect loop. Remove it from the list.",
    ),
}


@pytest.mark.parametrize("name", PUBLISHING_CASES)
def test_publishing_bad_input_is_a_problem_in_both_modes(project, name):
    breaker, message = PUBLISHING_CASES[name]
    breaker(project)
    result = project.build()
    assert result.returncode == 0, result.output
    assert message in result.output
    assert result.page("/treatments/microneedling/").is_file()
    complete(project)
    result = project.publish()
    assert result.returncode == 1
    assert message in result.output


def test_redirects_are_written_for_the_host(project):
    project.edit(
        "content/treatments/microneedling/index.md",
        "Title: Microneedling",
        "Title: Microneedling\nRedirect-From: /microneedling.html, /services/microneedling/",
    )
    result = project.build()
    assert (result.out_dir / "_redirects").read_text().splitlines()[1:] == [
        "/microneedling.html /treatments/microneedling/ 301",
        "/services/microneedling/ /treatments/microneedling/ 301",
    ]


def test_unsafe_characters_in_titles_and_profile_survive_in_structured_data(project):
    nasty = 'Peel </script><!-- "quoted" \\ back \u2028 🙂'
    project.edit("content/pages/privacy.md", "Title: Privacy", f"Title: {nasty}")
    project.edit(
        "content/clinic.toml",
        NAME,
        'name = "Derma </script> \\"Clinic\\" \\u2028 🙂"',  # a name of nasty characters
    )
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("/privacy/").read_text(encoding="utf-8")
    import json

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    graph = json.loads(scripts[0].string)["@graph"]
    page = next(n for n in graph if n["@id"].endswith("#webpage"))
    assert page["name"] == nasty
    assert graph[0]["name"] == 'Derma </script> "Clinic" \u2028 🙂'
    assert soup.h1.get_text() == nasty


def test_several_treatments_publish_without_slug_clashes(project):
    """Every treatment has a benefits.md; Pelican must not take them for translations."""
    from clinic.staff.scaffold import create

    for name in ("Chemical peel", "Laser resurfacing"):
        create("treatment", name, project.root)
        for path in (project.root / "content/treatments").glob(f"{name.lower().split()[0]}*/*.md"):
            text = path.read_text(encoding="utf-8").replace(
                "Summary: FILL IN: one or two plain sentences, 50 to 160 characters.",
                "Summary: A plain summary of this page that is long enough for search results.",
            )
            text = "\n".join(
                line.split("FILL IN: ")[-1] if "FILL IN" in line else line
                for line in text.splitlines()
            )
            path.write_text(
                text.replace(
                    "Procedure-Type: Noninvasive, Percutaneous or Surgical",
                    "Procedure-Type: Noninvasive",
                ),
                encoding="utf-8",
            )
    complete(project)
    result = project.publish()
    assert result.returncode == 0, result.output
    assert "There are " not in result.output
    assert result.page("/treatments/laser-resurfacing/benefits/").is_file()


def test_a_required_section_kept_as_a_draft_is_named_as_a_draft(project):
    from clinic.staff.scaffold import create

    create("treatment", "Cold plasma", project.root)
    project.edit(
        "content/treatments/cold-plasma/benefits.md", "Reviewed:\n", "Reviewed:\nStatus: draft\n"
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        "content/treatments/cold-plasma/benefits.md:4: This page is a draft (Status: "
        "draft), so the treatment has no published benefits page, and every treatment "
        "needs benefits, side effects and candidacy pages. Remove the line Status: draft "
        "to publish it."
    ) in result.output
    assert "This treatment has no benefits.md" not in result.output


def test_a_missing_address_or_hours_is_said_once_with_its_line(project):
    project.write("content/clinic.toml", FICTIONAL_PROFILE)
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        'content/clinic.toml:12: "locations[0].hours" is empty: visitors need to know when '
        "someone will answer the phone"
    ) in result.output
    assert 'content/clinic.toml:15: "locations[0].address.street" is empty' in result.output
    assert 'content/clinic.toml:18: "locations[0].address.postal_code" is empty' in result.output
    # Google's advice on the same facts would repeat them without a line
    assert '"streetAddress" is missing' not in result.output
    assert '"postalCode" is missing' not in result.output
    assert '"openingHoursSpecification" is missing' not in result.output
    assert '"geo" is missing. Google recommends' in result.output  # the profile has no rule


FICTIONAL_PROFILE = """[clinic]
name = "Harbour Skin Studio"
description = "A fictional skin studio by the harbour, for tests."
specialty = "Dermatology"
language = "en"
[review]
reviewer = "B. Example, MD"
[[locations]]
slug = "harbour"
name = "Harbour Skin Studio"
phone = "(305) 555-0147"
hours = []
[locations.address]
locality = "Harbourtown"
street = ""
region = "FL"
country = "US"
postal_code = ""
"""


def test_a_page_too_large_or_nested_too_deep_is_refused_and_explained(project):
    import time

    project.write(
        "content/pages/price-list.md",
        "Title: Price list\nSummary: Prices.\n\n" + "| Service | Price |\n" * 400_000,
    )
    project.write(
        "content/pages/outline.md",
        "Title: Outline\nSummary: Deep.\n\n"
        + "\n".join("\t" * i + "- step" for i in range(1000))
        + "\n",
    )
    started = time.monotonic()
    result = project.build()
    assert time.monotonic() - started < 60
    assert result.returncode == 0, result.output
    assert (
        "content/pages/price-list.md: This file is 8 MB, more than the 1 MB a page may "
        "be, so it was left out of the site."
    ) in result.output
    assert (
        "content/pages/outline.md:54: Lists or quotes on this page are nested 1000 levels "
        "deep, more than the 50 the site reads, so it was left out of the site."
    ) in result.output
    assert "check the header lines" not in result.output
    assert not result.page("/price-list/").exists()


def test_an_old_phone_number_left_in_a_page_is_advice_with_its_line(project):
    project.write(
        "content/clinic.toml",
        FICTIONAL_PROFILE.replace('street = ""', 'street = "2 Quay Lane"').replace(
            'postal_code = ""', 'postal_code = "33199"'
        ),
    )
    project.write(
        "content/pages/parking.md",
        "Title: Parking\nSummary: Where to park.\n\n"
        "Park on the quay.\n\nCall (305) 555-0147 to book, or 305-555-0198 for\n"
        "the old line.\n",
    )
    result = project.build()
    assert result.returncode == 0, result.output
    advice = result.output.split("Suggestions (optional; they never stop a publish):")[1]
    assert (
        'content/pages/parking.md:6: "305-555-0198" is none of the clinic\'s phone numbers '
        "in content/clinic.toml. If this is an old number, change it to the clinic's "
        "number; if it is another number on purpose, leave it."
    ) in advice
    assert "(305) 555-0147" not in result.output
