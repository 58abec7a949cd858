"""Phone numbers in page text become tel: links; everything else stays byte for byte."""

import inspect
import re
from unittest import mock

import phonenumbers
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st
from phonenumbers import Leniency

import clinic.phones.linker as telephone
from clinic.phones.linker import LinkResult, Suspect, link_phones, tel_uri

TEL = '<a href="tel:+17862104234">'


def link(html, region="US"):
    return link_phones(html, region).html


def unlink(html):
    """The fragment without the links link_phones inserts."""
    return re.sub(r'<a href="tel:[^"]*">(.*?)</a>', r"\1", html, flags=re.S)


LINKED = [
    # every way a US number is written
    ("<p>Call (786) 210-4234.</p>", f"<p>Call {TEL}(786) 210-4234</a>.</p>"),
    ("<p>786.210.4234</p>", f"<p>{TEL}786.210.4234</a></p>"),
    ("<p>786 210 4234</p>", f"<p>{TEL}786 210 4234</a></p>"),
    ("<p>786-210-4234</p>", f"<p>{TEL}786-210-4234</a></p>"),
    ("<p>+1 786-210-4234</p>", f"<p>{TEL}+1 786-210-4234</a></p>"),
    ("<p>1-786-210-4234</p>", f"<p>{TEL}1-786-210-4234</a></p>"),
    ("<p>+1 (786) 210-4234</p>", f"<p>{TEL}+1 (786) 210-4234</a></p>"),
    # an extension is dialled too (RFC 3966), so it is part of the link
    ("<p>786-210-4234 ext. 12</p>",
     '<p><a href="tel:+17862104234;ext=12">786-210-4234 ext. 12</a></p>'),
    # numbers abroad
    ("<p>Madrid: +34 912 345 678</p>",
     '<p>Madrid: <a href="tel:+34912345678">+34 912 345 678</a></p>'),
    ("<p>London +44 20 7946 0958</p>",
     '<p>London <a href="tel:+442079460958">+44 20 7946 0958</a></p>'),
    # punctuation around the number stays outside the link
    ("<p>call 786-210-4234.</p>", f"<p>call {TEL}786-210-4234</a>.</p>"),
    ("<p>(786-210-4234)</p>", f"<p>({TEL}786-210-4234</a>)</p>"),
    ("<p>786-210-4234, or</p>", f"<p>{TEL}786-210-4234</a>, or</p>"),
    # wherever text is
    ("<h2>Call 786-210-4234</h2>", f"<h2>Call {TEL}786-210-4234</a></h2>"),
    ("<table><tr><td>786-210-4234</td></tr></table>",
     f"<table><tr><td>{TEL}786-210-4234</a></td></tr></table>"),
    ("<ul>\n<li>Main: 786-210-4234</li>\n</ul>",
     f"<ul>\n<li>Main: {TEL}786-210-4234</a></li>\n</ul>"),
    ("<p><strong>786-210-4234</strong></p>", f"<p><strong>{TEL}786-210-4234</a></strong></p>"),
    # a line break inside the number stays inside the link
    ("<p>786-210-\n4234</p>", f"<p>{TEL}786-210-\n4234</a></p>"),
    ("<p>(786)\n210-4234</p>", f"<p>{TEL}(786)\n210-4234</a></p>"),
    # entities are kept as written
    ("<p>786&nbsp;210&#8209;4234 &amp; more</p>",
     f"<p>{TEL}786&nbsp;210&#8209;4234</a> &amp; more</p>"),
    ("<p>A&amp;B: 786-210-4234</p>", f"<p>A&amp;B: {TEL}786-210-4234</a></p>"),
    ("<p>786&nbsp;210&nbsp;4234</p>", f"<p>{TEL}786&nbsp;210&nbsp;4234</a></p>"),
    # two numbers, and a number right after a link already there
    ("<p>786-210-4234 or 305-555-0100</p>",
     f'<p>{TEL}786-210-4234</a> or <a href="tel:+13055550100">305-555-0100</a></p>'),
    ('<p><a href="/contact">Contact</a> 786-210-4234</p>',
     f'<p><a href="/contact">Contact</a> {TEL}786-210-4234</a></p>'),
    # the second number touches the first; once the first is a link, it stands alone
    ("<p>786-210-4234/(305) 555-0100</p>",
     f'<p>{TEL}786-210-4234</a>/<a href="tel:+13055550100">(305) 555-0100</a></p>'),
    # "<" inside a script is code, not broken markup
    ("<script>if (a < b) {}</script><p>786-210-4234</p>",
     f"<script>if (a < b) {{}}</script><p>{TEL}786-210-4234</a></p>"),
    # the text after a closed code element is text again
    ("<p><code>x</code> 786-210-4234</p>", f"<p><code>x</code> {TEL}786-210-4234</a></p>"),
    # attributes are copied as written, whatever their quoting
    ("<p class=lead id='x' title=\"786-210-4234\">786-210-4234</p>",
     f"<p class=lead id='x' title=\"786-210-4234\">{TEL}786-210-4234</a></p>"),
    # an icon drawn with a self-closed <svg/> does not hide the number after it
    ('<p><svg class="icon"/> 786-210-4234</p>',
     f'<p><svg class="icon"/> {TEL}786-210-4234</a></p>'),
]


@pytest.mark.parametrize("before, after", LINKED)
def test_a_phone_number_becomes_a_tel_link(before, after):
    assert link(before) == after


@pytest.mark.parametrize("before, after", LINKED)
def test_linking_twice_changes_nothing(before, after):
    assert link(after) == after


NOT_PHONES = [
    "Since 2018 we have treated 1,500 patients.",
    "Your next visit is on 2026-11-20.",
    "Your next visit is on 11/20/2026.",
    "Most people need 4 to 6 sessions.",
    "Redness lasts 10-14 days.",
    "Results show after 4-8 weeks.",
    "We are in Coral Gables, FL 33134.",
    "A course costs $1,200 or $250.00 a session.",
    "It fades 50% of spots.",
    "Open 09:00 to 17:00, Monday to Friday.",
    "Reference 2018/786-210-4234.",  # part of a longer number
    "Version 786-210-4234.5 of the form.",
    "Order #7862104234",
    "Invalid: 786-210-423",
    "Glued to an entity: &amp786-210-4234",  # the number starts inside "&amp786"
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_numbers_that_are_not_phones_are_left_alone(text):
    html = f"<p>{text}</p>"
    assert link(html) == html


SKIPPED = [
    '<a href="/contact">786-210-4234</a>',
    '<a href="/contact"><strong>Call 786-210-4234</strong></a>',
    "<pre>786-210-4234</pre>",
    "<p><code>786-210-4234</code></p>",
    "<script>var phone = '786-210-4234';</script>",
    "<style>/* 786-210-4234 */</style>",
    "<textarea>786-210-4234</textarea>",
    "<title>786-210-4234</title>",
    "<button>786-210-4234</button>",
    '<img alt="call 786-210-4234" src="x.png">',
    '<a title="786-210-4234" href="/x">Call us</a>',
    '<p data-phone="786-210-4234">Call us</p>',
    "<!-- 786-210-4234 -->",
    "<p><a/>786-210-4234</p>",  # browsers ignore the slash: the link is open
    "<p><code/>786-210-4234</p>",
    "<p>",  # not even a candidate
]


@pytest.mark.parametrize("html", SKIPPED)
def test_no_link_where_a_link_does_not_belong(html):
    assert link(html) == html


def test_the_result_is_the_input_with_only_links_added():
    html = ("<h1 class='x'>Clinic</h1>\n<p>Call&nbsp;us: 786-210-4234 &mdash; or write.</p>\n"
            "<!-- note -->\n<p>Madrid: +34 912 345 678</p>\n")
    result = link(html)
    assert result.count("<a href=") == 2
    assert unlink(result) == html


def test_tel_uri_is_e164_with_an_rfc3966_extension():
    number = phonenumbers.parse("786-210-4234 ext. 12", "US")
    assert tel_uri(number) == "tel:+17862104234;ext=12"
    assert tel_uri(phonenumbers.parse("+44 20 7946 0958", None)) == "tel:+442079460958"


def test_national_numbers_are_read_in_the_clinics_country():
    assert link("<p>912 345 678</p>", "ES") == '<p><a href="tel:+34912345678">912 345 678</a></p>'
    assert link("<p>912 345 678</p>", "US") == "<p>912 345 678</p>"
    # Without a known country only numbers with + can be read.
    assert link("<p>786-210-4234</p>", "") == "<p>786-210-4234</p>"
    assert link("<p>+1 786-210-4234</p>", "") == f"<p>{TEL}+1 786-210-4234</a></p>"


# -- suspects -------------------------------------------------------------


@pytest.mark.parametrize("html, suspects", [
    ("<p>Call 786-210-423.</p>", [Suspect("786-210-423", 1)]),
    ("<h1>Us</h1>\n<p>Intro.</p>\n<p>Call (123) 456-7890 today.</p>",
     [Suspect("(123) 456-7890", 3)]),
    ("<p>Main (555) 010-0000</p>", [Suspect("(555) 010-0000", 1)]),
    ("<p>One 786-210-4234\nand one\n786-210-42.</p>", [Suspect("786-210-42", 3)]),
    ("<p>+1 786-210-423</p>", [Suspect("+1 786-210-423", 1)]),
])
def test_phone_shaped_text_that_is_not_a_number_is_reported(html, suspects):
    result = link_phones(html, "US")
    assert list(result.suspects) == suspects


@pytest.mark.parametrize("text", [t for t in NOT_PHONES if not t.startswith("Invalid")] + [
    "Call 786-210-4234.",
    "Call 786-210-4234 24 hours a day.",  # linked, so not a typo
    "1 200 000 visits",
    "SSN 123-45-6789",
    "ISBN 978-3-16-148410-0",
])
def test_valid_numbers_and_other_figures_are_not_reported(text):
    assert link_phones(f"<p>{text}</p>", "US").suspects == ()


def test_suspects_in_code_are_not_reported():
    assert link_phones("<pre>\n786-210-423</pre>", "US").suspects == ()


# -- malformed markup -------------------------------------------------------

MALFORMED = [
    "",
    "<p>Call 786-210-4234",
    "</a><p>Call 786-210-4234</p></a>",
    "<p>1 < 2 and 786-210-4234 > 3</p>",
    "<p>&#; &#xZZ; &amp &nbsp 786-210-4234 &#99999999999;</p>",
    "<p>786-210-4234 &",
    "786-210-4234 &#",
    "<p title='786-210-4234>Call 786-210-4234</p>",
    "<div><p><em>786-210-4234</div>",
    "<![foo[ 786-210-4234 ]]>",
    "<!DOCTYPE html <p>786-210-4234",
    "<p>786-210-4234</p><!-- unclosed 786-210-4234",
    "<p>786-210-4234 <b",
    "<p>786-210-4234</p><script>786-210-4234",
    "</><<>><p>786-210-4234</p>",
    "<a/>786-210-4234",
    "\x00<p>\x00786-210-4234\x00</p>",
]


@pytest.mark.parametrize("html", MALFORMED)
def test_malformed_markup_never_raises_and_loses_nothing(html):
    result = link_phones(html, "US")
    assert isinstance(result, LinkResult)
    assert unlink(result.html) == html
    assert link(result.html) == result.html


@pytest.mark.parametrize("html", [
    '<p><a href="/x">Contact</p><p>786-210-4234</p>',  # the link is never closed
    "<p><code>x</p><p>786-210-4234</p>",
    "<p>Call <a href='x'>us 786-210-4234",
    "<p>Broken <!-- comment 786-210-4234",
    "<p>Broken <b 786-210-4234",
    "<p>Broken <b title='x 786-210-4234",
    "&# <p><code>786-210-4234</code></p>",  # the parser reads the rest as one text
])
def test_after_unbalanced_markup_nothing_is_linked(html):
    assert link(html) == html


def test_if_the_parser_loses_its_place_nothing_is_linked(monkeypatch):
    # A future parser whose positions disagree with the source must not garble the page.
    here = telephone._Scanner._here
    monkeypatch.setattr(telephone._Scanner, "_here", lambda self: here(self) + 1)
    html = "<p>Call 786-210-4234 &amp; 305-555-0100</p>"
    assert link(html) == html


# -- cheap when there is nothing to do --------------------------------------------

PARAGRAPH = ("<p>Microneedling uses tiny needles to help your skin renew itself. Since 2018 "
             "our clinicians have done it 4 to 6 times a year for each patient, and a "
             "session costs $250.00.</p>\n")


def test_a_fragment_without_a_candidate_is_returned_unparsed(monkeypatch):
    def no_parsing(source):
        raise AssertionError("parsed a fragment with no candidate")

    monkeypatch.setattr(telephone, "_Scanner", no_parsing)
    html = PARAGRAPH * 20
    result = link_phones(html, "US")
    assert result.html is html
    assert result.suspects == ()


def test_a_fragment_with_digits_but_no_phone_is_returned_as_it_came():
    html = "<p>We treated 1,500,000 patients in 2018.</p>"
    assert telephone._linker("US")._candidate.search(html)  # it is parsed...
    assert link_phones(html, "US").html is html  # ...and left as the same object


def test_the_shortest_international_number_matches_phonenumbers_metadata():
    shortest = []
    for region in phonenumbers.SUPPORTED_REGIONS:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        lengths = [n for n in metadata.general_desc.possible_length if n > 0]
        shortest.append(len(str(metadata.country_code)) + min(lengths))
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        metadata = phonenumbers.PhoneMetadata.metadata_for_nongeo_region(code)
        lengths = [n for n in metadata.general_desc.possible_length if n > 0]
        shortest.append(len(str(code)) + min(lengths))
    assert min(shortest) == telephone.SHORTEST_INTERNATIONAL


@pytest.mark.parametrize("number, e164", [
    ("+43 1110", "+431110"),  # Austria: the shortest valid numbers anywhere
    ("+49 1640", "+491640"),
    ("+290 8000", "+2908000"),
])
def test_the_shortest_valid_numbers_are_not_skipped_by_the_quick_check(number, e164):
    html = f"<p>Call {number} abroad.</p>"
    assert link(html) == f'<p>Call <a href="tel:{e164}">{number}</a> abroad.</p>'


# phonenumbers' own punctuation, the characters it accepts between digit groups.
PUNCTUATION = "".join(chr(c) for c in range(0x10000)
                      if re.fullmatch("[%s]" % phonenumbers.phonenumberutil._VALID_PUNCTUATION,
                                      chr(c)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text("0123456789", min_size=1, max_size=5),
                          st.text(PUNCTUATION + "+", max_size=4)), min_size=1, max_size=6),
       st.sampled_from(["US", "ES", "GB", "DE", "AT"]))
def test_the_quick_check_never_skips_a_number_phonenumbers_would_find(groups, region):
    text = "".join(digits + gap for digits, gap in groups)
    if not telephone._linker(region)._candidate.search(text):
        assert not list(phonenumbers.PhoneNumberMatcher(text, region))


# -- properties -------------------------------------------------------------

PHONES = ["(786) 210-4234", "786.210.4234", "+1 786-210-4234", "+44 20 7946 0958",
          "786-210-4234 ext. 12", "305-555-0100", "786-210-\n4234", "786&nbsp;210&nbsp;4234"]
NOISE = ["2018", "10-14", "$1,200", "50%", "09:00", "33134", "786-210-423", "2026-11-20",
         "&amp;", "&lt;", "&#8209;", "\n", "(", ")", ".", "/", "-", "+"]
words = st.text("abc xyz.,:;()-/#$%\n0123456789", max_size=12)
texts = st.lists(st.one_of(words, st.sampled_from(PHONES), st.sampled_from(NOISE)),
                 max_size=8).map("".join)
TAGS = ["p", "b", "em", "h2", "li", "td", "code", "pre", "a", "span", "textarea"]
OPEN = {"a": 'a href="/x" title="786-210-4234"', "span": "span class='tel'"}


@st.composite
def fragments(draw, depth=3, in_link=False):
    """Well-formed HTML: text and phone numbers in nested elements, no link in a link."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth and draw(st.booleans()):
            tag = draw(st.sampled_from([t for t in TAGS if not (in_link and t == "a")]))
            inner = draw(fragments(depth - 1, in_link or tag == "a"))
            parts.append(f"<{OPEN.get(tag, tag)}>{inner}</{tag}>")
        else:
            parts.append(draw(texts))
    return "".join(parts)


def visible_text(html):
    # bs4 shortens a text node made only of spaces to one space, and a new
    # link can leave one behind: compare runs of whitespace as one space.
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text())


def nested_links(html):
    return [a for a in BeautifulSoup(html, "html.parser").find_all("a") if a.find_parent("a")]


@settings(max_examples=200, deadline=None)
@given(fragments())
def test_well_formed_fragments_keep_their_text_and_never_nest_links(html):
    out = link(html)
    assert link(out) == out
    assert unlink(out) == html
    assert nested_links(out) == []
    assert visible_text(out) == visible_text(html)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(texts, st.sampled_from(
    ["<", ">", "&", "&#", ";", "</a>", "<a href='x'>", "<a", "<!--", "-->", "<code>", "</code>",
     "<b>", "</b", "'", '"', "<![", "<?", "<!", "<p title='"])), max_size=12).map("".join))
def test_any_text_at_all_is_linked_safely_and_idempotently(html):
    out = link(html)
    assert unlink(out) == html
    assert link(out) == out


# -- the quick walk and the parser agree ----------------------------------------
#
# link_phones finds text nodes with a quick walk over the markup Markdown
# writes, and hands anything else to HTMLParser.  Both must give the same
# result for every fragment; these tests compare them.

def parsed(html, region="US"):
    """link_phones with HTMLParser reading every fragment (no quick walk)."""
    with mock.patch.object(telephone, "_walk", return_value=None):
        return link_phones(html, region)


def walked_runs(html, region="US"):
    """The runs the quick walk reports, or None where it leaves the fragment to the parser."""
    return telephone._walk(html, telephone._linker(region)._step)


MARKDOWN = [
    PARAGRAPH,
    "<h2>Call us</h2>\n<p>Call <strong>786-210-4234</strong> or <em>(305) 555-0100</em>.</p>\n"
    "<ul>\n<li>Main: 786-210-4234</li>\n<li><a href=\"/contact/\">Contact</a></li>\n</ul>",
    "<p>We&rsquo;re open 9&ndash;5: 786&nbsp;210&nbsp;4234 &amp; 305-555-0100.</p>",
    '<p><img alt="Map" src="/img/2018-05-01.png" /> <a href="tel:+17862104234" '
    "title='786-210-4234 > call'>call</a> 786-210-4234</p>",
    "<pre><code>786-210-4234\n</code></pre>\n<p>786-210-4234</p>",
    '<table>\n<thead>\n<tr>\n<th align="left">Clinic</th>\n</tr>\n</thead>\n<tbody>\n'
    "<tr>\n<td>786-210-4234</td>\n</tr>\n</tbody>\n</table>",
    '<p><svg class="icon"/> <SVG><text>786-210-4234</text></SVG> 786-210-4234</p>',
]
NOT_WALKED = [
    "<!-- note --><p>786-210-4234</p>",
    "<script>var a = 1;</script><p>786-210-4234</p>",
    "<p><title>x</title>786-210-4234</p>",
    "<p>1 < 2: 786-210-4234</p>",
    "<p>786-210-4234 &#; more</p>",
    "<p title='<b>'>786-210-4234</p>",  # a "<" in an attribute value
    "<p\vclass=x>786-210-4234</p>",  # html.parser reads "p\vclass=x" as the tag name
    "<!DOCTYPE html><p>786-210-4234</p>",
    "<p>786-210-4234 &amp",
]


@pytest.mark.parametrize("html", MARKDOWN)
def test_the_quick_walk_reads_what_markdown_writes(html):
    assert walked_runs(html) is not None
    assert link_phones(html, "US") == parsed(html)


@pytest.mark.parametrize("html", NOT_WALKED)
def test_other_markup_is_left_to_the_parser(html):
    assert walked_runs(html) is None
    assert link_phones(html, "US") == parsed(html)


@pytest.mark.parametrize("name", ["charref", "entityref", "incomplete"])
def test_the_walk_reads_references_with_html_parsers_own_patterns(name):
    import html.parser

    assert getattr(telephone, "_" + name.upper()).pattern == getattr(html.parser, name).pattern


def test_a_number_written_in_character_references_is_found():
    # Gujarati 7, 8, 6, 4 and 9 are &#xaed; &#xaee; &#xaec; &#xaea; &#xaef;: no digit in the source.
    number = "".join(f"&#x{0xae6 + int(c):x};" if c.isdigit() else c for c in "786-747-4987")
    html = f"<p>We&rsquo;re on {number} today</p>"
    assert link(html) == f'<p>We&rsquo;re on <a href="tel:+17867474987">{number}</a> today</p>'
    assert walked_runs(html) is not None


def test_no_named_reference_stands_for_a_digit():
    # The walk looks at a text node with a reference only if a digit or "#" follows the "&".
    from html.entities import html5

    assert not [name for name, text in html5.items() if any(c.isdecimal() for c in text)]


WORDS = ["Call", " ", "us", "\n", "\t", ".", ",", "(", ")", "/", "-", "x", "+", ">", "'", '"', "=",
         "2018", "10-14", "786-210-423", "2026-11-20", "09:00", "$1,200",
         "\u0aed\u0aee\u0aec-\u0aed\u0aea\u0aed-\u0aea\u0aef\u0aee\u0aed",  # Gujarati digits
         "\u00e9t\u00e9"] + PHONES
# What Markdown writes, which the quick walk reads...
REFERENCES = ["&nbsp;", "&nbsp", "&amp;", "&amp", "&lt;", "&gt;", "&rsquo;", "&#55;", "&#55",
              "&#x37;", "&#xaea;", "&#8209;", "& ", "&nbsp5;", "&b=2", "&amp.5"]
NAMES = ["a", "A", "code", "pre", "svg", "SVG", "math", "button", "p", "b", "em", "span", "li",
         "h2", "td", "my-el", "svg:rect", "abbr", "pre2", "a.b"]
ATTRIBUTES = [" x=1", ' title="786-210-4234"', " title='a > 2'", " data-n=786-210-4234",
              ' href="/x?a=1&b=2"', " checked", "\n class=lead", " a=b/", "\tx = 'y'"]
# ...and what it leaves to the parser.
ODD_REFERENCES = ["&#;", "&#x;", "&", "&#", "&#12ab;"]
ODD_NAMES = ["script", "style", "textarea", "title", "xmp"]
ODD_ATTRIBUTES = [' title="<b>"', " x==1", ' x="1"y=2', "\v x=1", "\xa0x=1", " =x", " / x"]
BROKEN = ["<", "</", "</>", "<3", "<!-- 786-210-4234 -->", "<!--", "<!DOCTYPE html>", "<?php ?>",
          "<![CDATA[786-210-4234]]>", "<b", "<p title='", "< p>", "</ a>", "<a/ >", "\x00"]


@st.composite
def tags(draw, names=st.sampled_from(NAMES), attributes=st.sampled_from(ATTRIBUTES)):
    name = draw(names)
    if draw(st.booleans()):
        return f"</{name}{draw(st.sampled_from(['', ' ', chr(10)]))}>"
    attributes = "".join(draw(st.lists(attributes, max_size=3)))
    return f"<{name}{attributes}{draw(st.sampled_from(['', ' ', '/', ' /']))}>"


tokens = st.one_of(st.sampled_from(WORDS), tags(), st.sampled_from(REFERENCES))
odd_tokens = st.one_of(
    tokens, st.sampled_from(ODD_REFERENCES + BROKEN),
    tags(st.sampled_from(NAMES + ODD_NAMES), st.sampled_from(ATTRIBUTES + ODD_ATTRIBUTES)))
html_ish = st.one_of(st.lists(tokens, max_size=16),
                     st.lists(odd_tokens, max_size=16)).map("".join)


@settings(max_examples=1500, deadline=None)
@given(html_ish, st.sampled_from(["US", "ES"]))
def test_the_quick_walk_and_the_parser_link_alike(html, region):
    assert link_phones(html, region) == parsed(html, region)
    runs = walked_runs(html, region)
    if runs is not None:
        # The walk may leave out runs without a candidate; the rest are the parser's,
        # piece for piece.
        candidate = telephone._linker(region)._candidate

        def with_candidate(runs):
            return [run for run in runs if candidate.search("".join(piece[2] for piece in run))]

        assert with_candidate(runs) == with_candidate(telephone._parsed_runs(html))


@settings(max_examples=300, deadline=None)
@given(fragments())
def test_well_formed_fragments_are_walked_and_linked_as_the_parser_would(html):
    assert walked_runs(html) is not None or "textarea" in html
    assert link_phones(html, "US") == parsed(html)


# -- remembering what numbers parsed to --------------------------------------------

REMEMBERED = {region: {} for region in ["US", "ES", "GB"]}  # shared, as in a build


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["a", "%", "€", "1", "ext. 12", "+34 912 345 678", "X",
                                         "912 345 678", "20 7946 0958", "12:30", "[", "\uff08"]),
                max_size=10).map("".join),
       st.sampled_from(["US", "ES", "GB"]))
def test_remembered_parses_find_what_phonenumbers_finds(text, region):
    def found(matcher):
        return [(m.start, m.end, m.raw_string, m.number) for m in matcher]

    expected = found(phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID))
    assert found(telephone._Matcher(text, region, REMEMBERED[region])) == expected
    assert found(telephone._Matcher(text, region, REMEMBERED[region])) == expected  # remembered


def test_the_matchers_shortcuts_still_fit_phonenumbers():
    # _Matcher replaces this method and sets where the search starts; a
    # phonenumbers update that renamed them would silently stop the shortcuts.
    parameters = inspect.signature(phonenumbers.PhoneNumberMatcher._parse_and_verify).parameters
    assert list(parameters) == ["self", "candidate", "offset"]
    assert phonenumbers.PhoneNumberMatcher("", "US")._search_index == 0
    # Before its first digit, a match has only these (its pattern ignores case).
    from phonenumbers import phonenumbermatcher

    before_digits = re.compile("[%s%s]" % (phonenumbers.phonenumberutil._VALID_PUNCTUATION,
                                           phonenumbermatcher._LEAD_CLASS_CHARS), re.I)
    leading = [chr(c) for c in range(0x10000) if before_digits.fullmatch(chr(c))]
    assert "X" in leading
    assert [c for c in leading if not telephone._LEADING.fullmatch(c)] == []
