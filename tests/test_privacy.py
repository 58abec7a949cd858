"""Nothing may load from another website; ordinary links stay allowed."""

import pytest

from clinic.rules.privacy import third_party_references


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            '<script src="https://cdn.example.com/a.js"></script>',
            [("script", "https://cdn.example.com/a.js", 1)],
        ),
        (
            '<p>x</p>\n<iframe src="//video.example.com/embed/1"></iframe>',
            [("iframe", "//video.example.com/embed/1", 2)],
        ),
        (
            "<img src='http://img.example.com/a.png' alt='a'>",
            [("img", "http://img.example.com/a.png", 1)],
        ),
        (
            '<img srcset="/a.png 1x, https://x.example.com/b.png 2x" alt="">',
            [("img", "https://x.example.com/b.png", 1)],
        ),
        (
            '<link rel="stylesheet" href="https://fonts.example.com/css">',
            [("link", "https://fonts.example.com/css", 1)],
        ),
        (
            '<form action="https://forms.example.com/submit"></form>',
            [("form", "https://forms.example.com/submit", 1)],
        ),
        (
            '<p style="background: url(https://x.example.com/bg.png)">x</p>',
            [("style", "https://x.example.com/bg.png", 1)],
        ),
        (
            '<style>@import "https://x.example.com/a.css";</style>',
            [("style", "https://x.example.com/a.css", 1)],
        ),
        (
            '<VIDEO POSTER="https://x.example.com/p.jpg"></VIDEO>',
            [("video", "https://x.example.com/p.jpg", 1)],
        ),
    ],
)
def test_resources_from_other_sites_are_found(html, expected):
    found = [(r.tag, r.url, r.line) for r in third_party_references(html)]
    assert found == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://www.example.com/">an ordinary link</a>',
        '<link rel="canonical" href="https://clinic.example.org/x/">',
        '<img src="/images/a.png" alt="a">',
        '<img src="https://clinic.example.org/images/a.png" alt="own site">',
        "<p>See https://example.com/ for more</p>",
        "<p>no links at all</p>",
    ],
)
def test_links_and_own_files_are_allowed(html):
    assert third_party_references(html, "https://clinic.example.org") == []
