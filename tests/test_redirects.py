"""Redirect-From: one literal old address each, never one the site still publishes."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.rules.redirects import MAX_REDIRECTS, redirect_rules

PAGES = [
    ("content/pages/privacy.md", "privacy/", None),
    ("content/pages/contact.md", "contact/", None),
    ("content/pages/404.md", "404.html", None),
]
PUBLISHED = ["/blog/", "/images/team/front-desk.jpg"]
PLAIN = "Write each old address as a plain path starting with /, for example /old-page/."
HIDES = (
    "which is the address of a file the site publishes (the theme, an image, the blog or "
    "a file for the host): the redirect would hide it. Remove it from the list."
)


def rules_for(value: str):
    pages = [("content/pages/privacy.md", "privacy/", value)] + PAGES[1:]
    return redirect_rules(pages, lambda source, key: 2, published=PUBLISHED)


@pytest.mark.parametrize(
    "old, message",
    [
        (
            "/*",
            '"Redirect-From" has "/*", which is not one plain address: "*" stands for any '
            f"address. {PLAIN}",
        ),
        ("/theme/*", '"*" stands for any address.'),
        ("/old/:slug", '":name" stands for any word.'),
        ("/old?id=1", 'the part from "?" is a query, which hosts do not match.'),
        ("/old#top", 'the part from "#" is never sent to the site.'),
        ("/../../etc/passwd", '"." and ".." steps are not part of an address.'),
        ("/old/./page", '"." and ".." steps are not part of an address.'),
        ("/old%2fpage", '"%2f" hides a "/".'),
        ("/old%5Cpage", '"%5C" hides a "\\".'),
        ("/%2e%2e/x", '"%2e" hides a ".".'),
        ("/old\\page", '"\\" is not part of an address.'),
        ("/old%00page", '"%00" is an invisible character.'),
        ("/old\u200bpage", "it holds a space or an invisible character."),
        ("/old\x07page", "it holds a space or an invisible character."),
        ("/sitemap.xml", f'"Redirect-From" has /sitemap.xml, {HIDES}'),
        ("/robots.txt", HIDES),
        ("/_headers", HIDES),
        ("/_redirects", HIDES),
        ("/favicon.ico", HIDES),
        ("/blog/", HIDES),
        ("/blog", HIDES),
        ("/theme/css/site.css", HIDES),
        ("/theme", HIDES),
        ("/images/team/front-desk.jpg", HIDES),
        (
            "/contact",
            '"Redirect-From" has /contact, which is the address of content/pages/contact.md: '
            "visitors could never reach that page.",
        ),
        ("/privacy", "this page's own address: a redirect loop."),
    ],
)
def test_old_addresses_that_are_patterns_or_taken_are_refused(old, message):
    rules, problems = rules_for(old)
    assert rules == []
    assert len(problems) == 1
    assert str(problems[0]).startswith("content/pages/privacy.md:2: ")
    assert message in str(problems[0])


def test_plain_old_addresses_are_kept():
    rules, problems = rules_for("/old-privacy/, /datenschutz.html, /política/, /a/b_c~d")
    assert problems == []
    assert rules == [
        ("/a/b_c~d", "/privacy/"),
        ("/datenschutz.html", "/privacy/"),
        ("/old-privacy/", "/privacy/"),
        ("/política/", "/privacy/"),
    ]


def test_more_redirects_than_the_smallest_host_limit_is_one_problem():
    pages = [
        (f"content/pages/p{n:04}.md", f"p{n:04}/", f"/old-{n}/, /older-{n}/") for n in range(1500)
    ]
    rules, problems = redirect_rules(pages, lambda source, key: 2)
    assert len(rules) == MAX_REDIRECTS == 2000
    assert [str(p) for p in problems] == [
        "content/pages/p1000.md:2: The site has 3,000 old addresses in Redirect-From lines, more "
        "than the 2,000 redirects Cloudflare Pages accepts (the smallest limit of the hosts this "
        "site supports), so the 1,000 from here on were left out. Remove old addresses nobody "
        "visits any more (the host's statistics show which)."
    ]


_LITERAL = re.compile(
    r"/(?:[A-Za-z0-9\-._~!$&'()+,;=@]|%[0-9A-Fa-f]{2}|[^\x00-\x7f/])+"
    r"(?:/(?:[A-Za-z0-9\-._~!$&'()+,;=@]|%[0-9A-Fa-f]{2}|[^\x00-\x7f/])+)*/?"
)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("/ab.%2fFeE5cC0:*?#\\ \t\x00\u2028é-_~@")), max_size=14
    ).map(lambda s: "/" + s)
)
def test_whatever_is_accepted_is_one_literal_address_of_nothing_else(old):
    rules, problems = rules_for(old)
    if not rules:
        assert problems, old
        return
    old = old.strip()  # a header value's own spaces are not part of it
    assert rules == [(old, "/privacy/")]
    assert _LITERAL.fullmatch(old), old
    assert not any(mark in old for mark in "*:?#\\ \t\x00\u2028")
    decoded = urllib.parse.unquote(old)
    assert not {".", ".."} & set(old.split("/")), old
    assert not re.search(r"%(2f|5c|2e)", old, re.I), old
    assert decoded.rstrip("/") not in {
        "/contact",
        "/privacy",
        "/404.html",
        "/blog",
        "",
        "/sitemap.xml",
        "/robots.txt",
        "/_headers",
        "/_redirects",
        "/favicon.ico",
        "/theme",
    }
    assert not old.startswith("/theme/")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z0-9][a-z0-9\-]{0,10}", fullmatch=True), min_size=1, max_size=4),
    st.booleans(),
)
def test_every_plain_path_of_new_words_is_accepted(segments, slash):
    old = "/old/" + "/".join(segments) + ("/" if slash else "")
    rules, problems = rules_for(old)
    assert problems == [] and rules == [(old, "/privacy/")]


def test_a_wildcard_redirect_is_not_written_for_the_host(project):
    project.edit(
        "content/pages/privacy.md",
        "Title: Privacy",
        "Title: Privacy\nRedirect-From: /*, /old-privacy/",
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        'content/pages/privacy.md:2: "Redirect-From" has "/*", which is not one plain '
        f'address: "*" stands for any address. {PLAIN}'
    ) in result.output
    assert (result.out_dir / "_redirects").read_text().splitlines()[1:] == [
        "/old-privacy/ /privacy/ 301"
    ]
