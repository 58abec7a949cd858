"""Phone numbers in page text become tel: links; everything else stays byte for byte."""

import html as html_module
import re

import phonenumbers
import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency

import clinic.phones.linker as telephone
from clinic.phones.linker import link_phones, tel_uri
from clinic.phones.results import LinkResult, Suspect

TEL = '<a href="tel:+17865550134">'


def link(html, region="US"):
    return link_phones(html, region).html


def unlink(html):
    """The fragment without the links link_phones inserts."""
    return re.sub(r'<a href="tel:[^"]*">(.*?)</a>', r"\1", html, flags=re.S)


LINKED = [
    # every way a US number is written
    ("<p>Call (786) 555-0134.</p>", f"<p>Call {TEL}(786) 555-0134</a>.</p>"),
    ("<p>786.555.0134</p>", f"<p>{TEL}786.555.0134</a></p>"),
    ("<p>786 555 0134</p>", f"<p>{TEL}786 555 0134</a></p>"),
    ("<p>786-555-0134</p>", f"<p>{TEL}786-555-0134</a></p>"),
    ("<p>+1 786-555-0134</p>", f"<p>{TEL}+1 786-555-0134</a></p>"),
    ("<p>1-786-555-0134</p>", f"<p>{TEL}1-786-555-0134</a></p>"),
    ("<p>+1 (786) 555-0134</p>", f"<p>{TEL}+1 (786) 555-0134</a></p>"),
    # an extension is dialled too (RFC 3966), so it is part of the link
    (
        "<p>786-555-0134 ext. 12</p>",
        '<p><a href="tel:+17865550134;ext=12">786-555-0134 ext. 12</a></p>',
    ),
    # numbers abroad
    (
        "<p>Madrid: +34 912 345 678</p>",
        '<p>Madrid: <a href="tel:+34912345678">+34 912 345 678</a></p>',
    ),
    (
        "<p>London +44 20 7946 0958</p>",
        '<p>London <a href="tel:+442079460958">+44 20 7946 0958</a></p>',
    ),
    # punctuation around the number stays outside the link
    ("<p>call 786-555-0134.</p>", f"<p>call {TEL}786-555-0134</a>.</p>"),
    ("<p>(786-555-0134)</p>", f"<p>({TEL}786-555-0134</a>)</p>"),
    ("<p>786-555-0134, or</p>", f"<p>{TEL}786-555-0134</a>, or</p>"),
    # wherever text is
    ("<h2>Call 786-555-0134</h2>", f"<h2>Call {TEL}786-555-0134</a></h2>"),
    (
        "<table><tr><td>786-555-0134</td></tr></table>",
        f"<table><tr><td>{TEL}786-555-0134</a></td></tr></table>",
    ),
    (
        "<ul>\n<li>Main: 786-555-0134</li>\n</ul>",
        f"<ul>\n<li>Main: {TEL}786-555-0134</a></li>\n</ul>",
    ),
    ("<p><strong>786-555-0134</strong></p>", f"<p><strong>{TEL}786-555-0134</a></strong></p>"),
    # a line break inside the number stays inside the link
    ("<p>786-555-\n0134</p>", f"<p>{TEL}786-555-\n0134</a></p>"),
    ("<p>(786)\n555-0134</p>", f"<p>{TEL}(786)\n555-0134</a></p>"),
    # entities are kept as written
    (
        "<p>786&nbsp;555&#8209;0134 &amp; more</p>",
        f"<p>{TEL}786&nbsp;555&#8209;0134</a> &amp; more</p>",
    ),
    ("<p>A&amp;B: 786-555-0134</p>", f"<p>A&amp;B: {TEL}786-555-0134</a></p>"),
    ("<p>786&nbsp;555&nbsp;0134</p>", f"<p>{TEL}786&nbsp;555&nbsp;0134</a></p>"),
    # two numbers, and a number right after a link already there
    (
        "<p>786-555-0134 or 305-555-0100</p>",
        f'<p>{TEL}786-555-0134</a> or <a href="tel:+13055550100">305-555-0100</a></p>',
    ),
    (
        '<p><a href="/contact">Contact</a> 786-555-0134</p>',
        f'<p><a href="/contact">Contact</a> {TEL}786-555-0134</a></p>',
    ),
    # the second number touches the first; once the first is a link, it stands alone
    (
        "<p>786-555-0134/(305) 555-0100</p>",
        f'<p>{TEL}786-555-0134</a>/<a href="tel:+13055550100">(305) 555-0100</a></p>',
    ),
    # "<" inside a script is code, not broken markup
    (
        "<script>if (a < b) {}</script><p>786-555-0134</p>",
        f"<script>if (a < b) {{}}</script><p>{TEL}786-555-0134</a></p>",
    ),
    # the text after a closed code element is text again
    ("<p><code>x</code> 786-555-0134</p>", f"<p><code>x</code> {TEL}786-555-0134</a></p>"),
    # attributes are copied as written, whatever their quoting
    (
        "<p class=lead id='x' title=\"786-555-0134\">786-555-0134</p>",
        f"<p class=lead id='x' title=\"786-555-0134\">{TEL}786-555-0134</a></p>",
    ),
    # an icon drawn with a self-closed <svg/> does not hide the number after it
    (
        '<p><svg class="icon"/> 786-555-0134</p>',
        f'<p><svg class="icon"/> {TEL}786-555-0134</a></p>',
    ),
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
    "We are in Port Alder, FL 33134.",
    "A course costs $1,200 or $250.00 a session.",
    "It fades 50% of spots.",
    "Open 09:00 to 17:00, Monday to Friday.",
    "Reference 2018/786-555-0134.",  # part of a longer number
    "Version 786-555-0134.5 of the form.",
    "Order #7865550134",
    "Invalid: 786-555-013",
    "Glued to an entity: &amp786-555-0134",  # the number starts inside "&amp786"
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_numbers_that_are_not_phones_are_left_alone(text):
    html = f"<p>{text}</p>"
    assert link(html) == html


SKIPPED = [
    '<a href="/contact">786-555-0134</a>',
    '<a href="/contact"><strong>Call 786-555-0134</strong></a>',
    "<pre>786-555-0134</pre>",
    "<p><code>786-555-0134</code></p>",
    "<script>var phone = '786-555-0134';</script>",
    "<style>/* 786-555-0134 */</style>",
    "<textarea>786-555-0134</textarea>",
    "<title>786-555-0134</title>",
    "<button>786-555-0134</button>",
    '<img alt="call 786-555-0134" src="x.png">',
    '<a title="786-555-0134" href="/x">Call us</a>',
    '<p data-phone="786-555-0134">Call us</p>',
    "<!-- 786-555-0134 -->",
    "<p><a/>786-555-0134</p>",  # browsers ignore the slash: the link is open
    "<p><code/>786-555-0134</p>",
    "<p>",  # not even a candidate
]


@pytest.mark.parametrize("html", SKIPPED)
def test_no_link_where_a_link_does_not_belong(html):
    assert link(html) == html


def test_the_result_is_the_input_with_only_links_added():
    html = (
        "<h1 class='x'>Clinic</h1>\n<p>Call&nbsp;us: 786-555-0134 &mdash; or write.</p>\n"
        "<!-- note -->\n<p>Madrid: +34 912 345 678</p>\n"
    )
    result = link(html)
    assert result.count("<a href=") == 2
    assert unlink(result) == html


def test_tel_uri_is_e164_with_an_rfc3966_extension():
    number = phonenumbers.parse("786-555-0134 ext. 12", "US")
    assert tel_uri(number) == "tel:+17865550134;ext=12"
    assert tel_uri(phonenumbers.parse("+44 20 7946 0958", None)) == "tel:+442079460958"


def test_national_numbers_are_read_in_the_clinics_country():
    assert link("<p>912 345 678</p>", "ES") == '<p><a href="tel:+34912345678">912 345 678</a></p>'
    assert link("<p>912 345 678</p>", "US") == "<p>912 345 678</p>"
    # Without a known country only numbers with + can be read.
    assert link("<p>786-555-0134</p>", "") == "<p>786-555-0134</p>"
    assert link("<p>+1 786-555-0134</p>", "") == f"<p>{TEL}+1 786-555-0134</a></p>"


# -- suspects -------------------------------------------------------------


@pytest.mark.parametrize(
    "html, suspects",
    [
        ("<p>Call 786-555-013.</p>", [Suspect("786-555-013", 1)]),
        (
            "<h1>Us</h1>\n<p>Intro.</p>\n<p>Call (123) 456-7890 today.</p>",
            [Suspect("(123) 456-7890", 3)],
        ),
        ("<p>Main (555) 010-0000</p>", [Suspect("(555) 010-0000", 1)]),
        ("<p>One 786-555-0134\nand one\n786-555-01.</p>", [Suspect("786-555-01", 3)]),
        ("<p>+1 786-555-013</p>", [Suspect("+1 786-555-013", 1)]),
    ],
)
def test_phone_shaped_text_that_is_not_a_number_is_reported(html, suspects):
    result = link_phones(html, "US")
    assert list(result.suspects) == suspects


@pytest.mark.parametrize(
    "text",
    [t for t in NOT_PHONES if not t.startswith("Invalid")]
    + [
        "Call 786-555-0134.",
        "Call 786-555-0134 24 hours a day.",  # linked, so not a typo
        "1 200 000 visits",
        "SSN 123-45-6789",
        "ISBN 978-3-16-148410-0",
    ],
)
def test_valid_numbers_and_other_figures_are_not_reported(text):
    assert link_phones(f"<p>{text}</p>", "US").suspects == ()


# Written as staff type them: numbers patients can call, and typing mistakes
VALID_WRITTEN = ["786-555-0134", "(305) 443-1180", "+1 786 555 0134"]
TYPOS = ["786-555-013", "(555) 010-0000", "786-555-01", "+1 786-555-013"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VALID_WRITTEN + TYPOS + ["Call", "today"])))
def test_every_typo_beside_valid_numbers_is_reported(words):
    # (two numbers with only a space between them may be read as one)
    result = link_phones(f"<p>{' then '.join(words)}</p>", "US")
    assert [s.text for s in result.suspects] == [w for w in words if w in TYPOS]
    assert result.html.count('href="tel:') == sum(w in VALID_WRITTEN for w in words)


def test_suspects_in_code_are_not_reported():
    assert link_phones("<pre>\n786-555-013</pre>", "US").suspects == ()


# -- malformed markup -------------------------------------------------------

MALFORMED = [
    "",
    "<p>Call 786-555-0134",
    "</a><p>Call 786-555-0134</p></a>",
    "<p>1 < 2 and 786-555-0134 > 3</p>",
    "<p>&#; &#xZZ; &amp &nbsp 786-555-0134 &#99999999999;</p>",
    "<p>786-555-0134 &",
    "786-555-0134 &#",
    "<p title='786-555-0134>Call 786-555-0134</p>",
    "<div><p><em>786-555-0134</div>",
    "<![foo[ 786-555-0134 ]]>",
    "<!DOCTYPE html <p>786-555-0134",
    "<p>786-555-0134</p><!-- unclosed 786-555-0134",
    "<p>786-555-0134 <b",
    "<p>786-555-0134</p><script>786-555-0134",
    "</><<>><p>786-555-0134</p>",
    "<a/>786-555-0134",
    "\x00<p>\x00786-555-0134\x00</p>",
]


@pytest.mark.parametrize("html", MALFORMED)
def test_malformed_markup_never_raises_and_loses_nothing(html):
    result = link_phones(html, "US")
    assert isinstance(result, LinkResult)
    assert unlink(result.html) == html
    assert link(result.html) == result.html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/x">Contact</p><p>786-555-0134</p>',  # the link is never closed
        "<p><code>x</p><p>786-555-0134</p>",
        "<p>Call <a href='x'>us 786-555-0134",
        "<p>Broken <!-- comment 786-555-0134",
        "<p>Broken <b 786-555-0134",
        "<p>Broken <b title='x 786-555-0134",
        "&# <p><code>786-555-0134</code></p>",  # a stray "&#" does not hide the code
    ],
)
def test_after_unbalanced_markup_nothing_is_linked(html):
    assert link(html) == html


# -- markup read as browsers read it -----------------------------------------------
#
# Where html.parser and the HTML standard differ, the linker follows the
# standard: it links what a browser shows as text, and only that.


@pytest.mark.parametrize(
    "before, after",
    [
        # "&#" without a number is text, and what follows is read as usual
        (
            "<p>Why&# is there? Call 786-555-0134.</p>",
            f"<p>Why&# is there? Call {TEL}786-555-0134</a>.</p>",
        ),
        ("<p>&#; 786-555-0134</p>", f"<p>&#; {TEL}786-555-0134</a></p>"),
        # a textarea or title holds text up to its own end tag, markup or not
        (
            "<textarea><textarea>x</textarea>786-555-0134",
            f"<textarea><textarea>x</textarea>{TEL}786-555-0134</a>",
        ),
        ("<title><b>x</title> 786-555-0134", f"<title><b>x</title> {TEL}786-555-0134</a>"),
        # as does a script, even written "<script/>" (the slash means nothing on it)
        (
            "<script/>786-555-0134</script> 786-555-0134",
            f"<script/>786-555-0134</script> {TEL}786-555-0134</a>",
        ),
        (
            "<style>p::after { content: '<p>786-555-0134' }</style>",
            "<style>p::after { content: '<p>786-555-0134' }</style>",
        ),
        # "</ a>" is not an end tag (a bogus comment): the link stays open
        ('<a href="/x">Call </ a>786-555-0134', '<a href="/x">Call </ a>786-555-0134'),
        # a numeric reference is read even at the very end: 786-555-01347 is no number
        ("<p>Call 786-555-0134&#55", "<p>Call 786-555-0134&#55"),
        # "</>" is dropped by browsers: the text on either side is one text
        ("<p>786-55</>5-0134</p>", f"<p>{TEL}786-55</>5-0134</a></p>"),
        # an unquoted value takes the slash: this svg is open, and its text is not HTML
        ("<svg a=b/>786-555-0134</svg>", "<svg a=b/>786-555-0134</svg>"),
        # a ">" in a quoted value does not end the tag
        ('<p title="a>b">786-555-0134</p>', f'<p title="a>b">{TEL}786-555-0134</a></p>'),
        # comments, "<!-->" (an empty one), declarations and processing instructions
        ("<p><!--> 786-555-0134 --></p>", f"<p><!--> {TEL}786-555-0134</a> --></p>"),
        (
            "<p><!-- 786-555-0134 --!> 305-555-0100</p>",
            '<p><!-- 786-555-0134 --!> <a href="tel:+13055550100">305-555-0100</a></p>',
        ),
        ("<!DOCTYPE html><p>786-555-0134</p>", f"<!DOCTYPE html><p>{TEL}786-555-0134</a></p>"),
        ("<p><![CDATA[x]]>786-555-0134</p>", f"<p><![CDATA[x]]>{TEL}786-555-0134</a></p>"),
        ("<p><?php echo 1 ?>786-555-0134</p>", f"<p><?php echo 1 ?>{TEL}786-555-0134</a></p>"),
        # a "<" that starts no tag is text
        ("<p>1 < 2: 786-555-0134</p>", f"<p>1 < 2: {TEL}786-555-0134</a></p>"),
        ("<p\vclass=x>786-555-0134</p>", f"<p\vclass=x>{TEL}786-555-0134</a></p>"),
    ],
)
def test_markup_is_read_as_browsers_read_it(before, after):
    assert link(before) == after
    assert link(after) == after


@pytest.mark.parametrize(
    "before, after",
    [
        # character references may be digits and gaps
        ("<p>786&#45;555&#x2d;0134</p>", f"<p>{TEL}786&#45;555&#x2d;0134</a></p>"),
        ("<p>786&nbsp;555&nbsp;0134</p>", f"<p>{TEL}786&nbsp;555&nbsp;0134</a></p>"),
        ("<p>786&nbsp555&nbsp0134</p>", f"<p>{TEL}786&nbsp555&nbsp0134</a></p>"),
        # a reference after the number is not part of the link
        ("<p>786-555-0134&nbsp;or</p>", f"<p>{TEL}786-555-0134</a>&nbsp;or</p>"),
        ("<p>786-555-0134 &amp</p>", f"<p>{TEL}786-555-0134</a> &amp</p>"),
        # a named reference with a digit after its name is one reference: the
        # number starts inside it, so it is not linked
        ("<p>&nbsp786-555-0134</p>", "<p>&nbsp786-555-0134</p>"),
    ],
)
def test_references_are_read_as_the_text_they_stand_for(before, after):
    assert link(before) == after


@pytest.mark.parametrize(
    "html",
    [
        "<p>Call 786-555-0134 <b title='x",  # a tag cut off by the end
        "<p>Call 786-555-0134 <!-- unclosed",
        "<p>Call 786-555-0134 <![CDATA[",
    ],
)
def test_markup_cut_off_by_the_end_swallows_the_rest_only(html):
    # A browser reads the rest as part of the tag or comment; the text before it is text.
    assert link(html) == html.replace("786-555-0134", f"{TEL}786-555-0134</a>")


# -- cheap when there is nothing to do --------------------------------------------

PARAGRAPH = (
    "<p>Microneedling uses tiny needles to help your skin renew itself. Since 2018 "
    "our clinicians have done it 4 to 6 times a year for each patient, and a "
    "session costs $250.00.</p>\n"
)


@pytest.mark.parametrize(
    "html",
    [
        PARAGRAPH * 20,
        "<h2>Call us</h2><p>Call&nbsp;us &amp; ask.</p>",
        "<p>Open 9&ndash;5 since 2018&nbsp;&mdash; call&#x20;us.</p>",
    ],
)
def test_a_fragment_without_a_candidate_is_returned_unread(monkeypatch, html):
    def no_reading(*args):
        raise AssertionError("read a fragment with no candidate")

    monkeypatch.setattr(telephone, "_runs", no_reading)
    result = link_phones(html, "US")
    assert result.html is html
    assert result.suspects == ()


def test_a_fragment_with_a_candidate_but_no_phone_is_returned_as_it_came():
    html = "<p>Order 1,500,000,000 sheets and 2018-2019 forms.</p>"
    assert telephone._linker("US").candidate.search(html)  # it is read...
    assert link_phones(html, "US").html is html  # ...and left as the same object


# The shortest valid numbers anywhere, with a country code: the quick check
# for a run of digits must let them through.
@pytest.mark.parametrize(
    "number, e164",
    [
        ("+43 1110", "+431110"),  # Austria
        ("+49 1640", "+491640"),  # Germany
        ("+290 8000", "+2908000"),  # Saint Helena
    ],
)
def test_the_shortest_valid_numbers_are_not_skipped_by_the_quick_check(number, e164):
    html = f"<p>Call {number} abroad.</p>"
    assert link(html) == f'<p>Call <a href="tel:{e164}">{number}</a> abroad.</p>'


def example_numbers():
    """Every country's example numbers, as phonenumbers publishes them."""
    types = [phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in types:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                yield region, number
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            yield "ZZ", number


INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL
NATIONAL = phonenumbers.PhoneNumberFormat.NATIONAL


def test_every_countrys_example_numbers_are_linked():
    missed = []
    for region, number in example_numbers():
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        written = [(phonenumbers.format_number(number, INTERNATIONAL), "US")]
        if region != "ZZ":
            written.append((phonenumbers.format_number(number, NATIONAL), region))
        for text, read_as in written:
            if f'href="tel:{e164}"' not in link(f"<p>Call {text} today.</p>", read_as):
                missed.append((region, text))
    assert missed == []


# phonenumbers' punctuation between digit groups, as libphonenumber documents
# it: dashes, spaces, dots, slashes, brackets, tildes and "x"; and some others.
PUNCTUATION = (
    "-x\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\uff0e\uff0f "
    "\u00a0\u00ad\u200b\u2060\u3000()\uff08\uff09\uff3b\uff3d.[]/~\u2053\u223c\uff5e"
    ",;:*#'\"!?_&%$\u00b7\u2022|\\"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text("0123456789", min_size=1, max_size=5),
            st.text(PUNCTUATION + "+\uff0b", max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["US", "ES", "GB", "DE", "AT"]),
)
def test_the_quick_check_never_skips_a_number_phonenumbers_would_find(groups, region):
    text = "".join(digits + gap for digits, gap in groups)
    if not telephone._linker(region).candidate.search(text):
        assert not list(phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID))


# -- properties -------------------------------------------------------------

PHONES = [
    "(786) 555-0134",
    "786.555.0134",
    "+1 786-555-0134",
    "+44 20 7946 0958",
    "786-555-0134 ext. 12",
    "305-555-0100",
    "786-555-\n0134",
    "786&nbsp;555&nbsp;0134",
]
NOISE = [
    "2018",
    "10-14",
    "$1,200",
    "50%",
    "09:00",
    "33134",
    "786-555-013",
    "2026-11-20",
    "&amp;",
    "&lt;",
    "&#8209;",
    "\n",
    "(",
    ")",
    ".",
    "/",
    "-",
    "+",
]
words = st.text("abc xyz.,:;()-/#$%\n0123456789", max_size=12)
texts = st.lists(st.one_of(words, st.sampled_from(PHONES), st.sampled_from(NOISE)), max_size=8).map(
    "".join
)
TAGS = ["p", "b", "em", "h2", "li", "td", "code", "pre", "a", "span", "textarea"]
OPEN = {"a": 'a href="/x" title="786-555-0134"', "span": "span class='tel'"}


@st.composite
def fragments(draw, depth=3, in_link=False):
    """Well-formed HTML: text and phone numbers in nested elements, no link in a link."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth and draw(st.booleans()):
            tag = draw(st.sampled_from([t for t in TAGS if not (in_link and t == "a")]))
            # a textarea holds text only: a browser reads "<a ...>" in it as
            # letters, and its first "</textarea>" ends it, whatever came first
            inner = (
                draw(texts)
                if tag == "textarea"
                else draw(fragments(depth - 1, in_link or tag == "a"))
            )
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
@given(
    st.lists(
        st.one_of(
            texts,
            st.sampled_from(
                [
                    "<",
                    ">",
                    "&",
                    "&#",
                    ";",
                    "</a>",
                    "<a href='x'>",
                    "<a",
                    "<!--",
                    "-->",
                    "<code>",
                    "</code>",
                    "<b>",
                    "</b",
                    "'",
                    '"',
                    "<![",
                    "<?",
                    "<!",
                    "<p title='",
                ]
            ),
        ),
        max_size=12,
    ).map("".join)
)
def test_any_text_at_all_is_linked_safely_and_idempotently(html):
    out = link(html)
    assert unlink(out) == html
    assert link(out) == out


WORDS = [
    "Call",
    " ",
    "us",
    "\n",
    "\t",
    ".",
    ",",
    "(",
    ")",
    "/",
    "-",
    "x",
    "+",
    ">",
    "'",
    '"',
    "=",
    "2018",
    "10-14",
    "786-555-013",
    "2026-11-20",
    "09:00",
    "$1,200",
    "\u0aed\u0aee\u0aec-\u0aed\u0aea\u0aed-\u0aea\u0aef\u0aee\u0aed",  # Gujarati digits
    "\u00e9t\u00e9",
] + PHONES
# What Markdown writes...
REFERENCES = [
    "&nbsp;",
    "&nbsp",
    "&amp;",
    "&amp",
    "&lt;",
    "&gt;",
    "&rsquo;",
    "&#55;",
    "&#55",
    "&#x37;",
    "&#xaea;",
    "&#8209;",
    "& ",
    "&nbsp5;",
    "&b=2",
    "&amp.5",
]
NAMES = [
    "a",
    "A",
    "code",
    "pre",
    "svg",
    "SVG",
    "math",
    "button",
    "p",
    "b",
    "em",
    "span",
    "li",
    "h2",
    "td",
    "my-el",
    "svg:rect",
    "abbr",
    "pre2",
    "a.b",
]
ATTRIBUTES = [
    " x=1",
    ' title="786-555-0134"',
    " title='a > 2'",
    " data-n=786-555-0134",
    ' href="/x?a=1&b=2"',
    " checked",
    "\n class=lead",
    " a=b/",
    "\tx = 'y'",
]
# ...and what it does not, but a page may hold all the same.
ODD_REFERENCES = ["&#;", "&#x;", "&", "&#", "&#12ab;"]
ODD_NAMES = ["script", "style", "textarea", "title", "xmp"]
ODD_ATTRIBUTES = [' title="<b>"', " x==1", ' x="1"y=2', "\v x=1", "\xa0x=1", " =x", " / x"]
BROKEN = [
    "<",
    "</",
    "</>",
    "<3",
    "<!-- 786-555-0134 -->",
    "<!--",
    "<!DOCTYPE html>",
    "<?php ?>",
    "<![CDATA[786-555-0134]]>",
    "<b",
    "<p title='",
    "< p>",
    "</ a>",
    "<a/ >",
    "\x00",
]


_NAMES, _ATTRIBUTES = st.sampled_from(NAMES), st.sampled_from(ATTRIBUTES)


@st.composite
def tags(draw, names=_NAMES, attributes=_ATTRIBUTES):
    name = draw(names)
    if draw(st.booleans()):
        return f"</{name}{draw(st.sampled_from(['', ' ', chr(10)]))}>"
    attributes = "".join(draw(st.lists(attributes, max_size=3)))
    return f"<{name}{attributes}{draw(st.sampled_from(['', ' ', '/', ' /']))}>"


tokens = st.one_of(st.sampled_from(WORDS), tags(), st.sampled_from(REFERENCES))
odd_tokens = st.one_of(
    tokens,
    st.sampled_from(ODD_REFERENCES + BROKEN),
    tags(st.sampled_from(NAMES + ODD_NAMES), st.sampled_from(ATTRIBUTES + ODD_ATTRIBUTES)),
)
html_ish = st.one_of(st.lists(tokens, max_size=16), st.lists(odd_tokens, max_size=16)).map("".join)


MARKDOWN = [
    # what Markdown writes: paragraphs, headings, emphasis, lists, tables, code, images
    (PARAGRAPH, PARAGRAPH),
    (
        "<h2>Call us</h2>\n<p>Call <strong>786-555-0134</strong> or <em>(305) 555-0100</em>.</p>\n"
        '<ul>\n<li>Main: 786-555-0134</li>\n<li><a href="/contact/">Contact</a></li>\n</ul>',
        f"<h2>Call us</h2>\n<p>Call <strong>{TEL}786-555-0134</a></strong> or "
        '<em><a href="tel:+13055550100">(305) 555-0100</a></em>.</p>\n'
        f"<ul>\n<li>Main: {TEL}786-555-0134</a></li>\n"
        '<li><a href="/contact/">Contact</a></li>\n</ul>',
    ),
    (
        "<p>We&rsquo;re open 9&ndash;5: 786&nbsp;555&nbsp;0134 &amp; 305-555-0100.</p>",
        f"<p>We&rsquo;re open 9&ndash;5: {TEL}786&nbsp;555&nbsp;0134</a> &amp; "
        '<a href="tel:+13055550100">305-555-0100</a>.</p>',
    ),
    (
        '<p><img alt="Map" src="/img/2018-05-01.png" /> <a href="tel:+17865550134" '
        "title='786-555-0134 > call'>call</a> 786-555-0134</p>",
        '<p><img alt="Map" src="/img/2018-05-01.png" /> <a href="tel:+17865550134" '
        f"title='786-555-0134 > call'>call</a> {TEL}786-555-0134</a></p>",
    ),
    (
        "<pre><code>786-555-0134\n</code></pre>\n<p>786-555-0134</p>",
        f"<pre><code>786-555-0134\n</code></pre>\n<p>{TEL}786-555-0134</a></p>",
    ),
    (
        '<table>\n<thead>\n<tr>\n<th align="left">Clinic</th>\n</tr>\n</thead>\n<tbody>\n'
        "<tr>\n<td>786-555-0134</td>\n</tr>\n</tbody>\n</table>",
        '<table>\n<thead>\n<tr>\n<th align="left">Clinic</th>\n</tr>\n</thead>\n<tbody>\n'
        f"<tr>\n<td>{TEL}786-555-0134</a></td>\n</tr>\n</tbody>\n</table>",
    ),
    (
        '<p><svg class="icon"/> <SVG><text>786-555-0134</text></SVG> 786-555-0134</p>',
        f'<p><svg class="icon"/> <SVG><text>786-555-0134</text></SVG> {TEL}786-555-0134</a></p>',
    ),
    ("<!-- note --><p>786-555-0134</p>", f"<!-- note --><p>{TEL}786-555-0134</a></p>"),
    (
        "<script>var a = 1;</script><p>786-555-0134</p>",
        f"<script>var a = 1;</script><p>{TEL}786-555-0134</a></p>",
    ),
    ("<p title='<b>'>786-555-0134</p>", f"<p title='<b>'>{TEL}786-555-0134</a></p>"),
]
MARKDOWN_SAMPLES = [before for before, _ in MARKDOWN]


@pytest.mark.parametrize("before, after", MARKDOWN)
def test_what_markdown_writes(before, after):
    assert link(before) == after


def test_a_number_written_in_character_references_is_found():
    # Gujarati 7, 8, 6, 4 and 9 are &#xaed; &#xaee; &#xaec; &#xaea; &#xaef;: no digit in the source.
    number = "".join(f"&#x{0xAE6 + int(c):x};" if c.isdigit() else c for c in "786-747-4987")
    html = f"<p>We&rsquo;re on {number} today</p>"
    assert link(html) == f'<p>We&rsquo;re on <a href="tel:+17867474987">{number}</a> today</p>'


def test_no_named_reference_stands_for_a_digit():
    # The quick check and the reading look at text with a reference only if a
    # digit or "#" follows the "&".
    from html.entities import html5

    assert not [name for name, text in html5.items() if any(c.isdecimal() for c in text)]


SKIP_ELEMENT = re.compile(
    rf"<({'|'.join(sorted(telephone.SKIP - {'svg', 'math'}))})\b[^>]*>.*?</\1>", re.S | re.I
)


def tel_links(html):
    """The links link_phones inserted: (tel: address, the text inside as the reader sees it)."""
    return [
        (m.group(1), html_module.unescape(m.group(2)))
        for m in re.finditer(r'<a href="(tel:[^"]*)">(.*?)</a>', html, flags=re.S)
    ]


def assert_linked_safely(html, region):
    result = link_phones(html, region)
    out = result.html
    # Only <a href="tel:..."> and </a> inserted, and linking again changes nothing.
    assert unlink(out) == html
    assert link_phones(out, region).html == out
    # Each address is the E.164 form of a valid number that phonenumbers
    # itself finds in the text of the link.
    for address, text in tel_links(out):
        found = [
            telephone.tel_uri(m.number)
            for m in phonenumbers.PhoneNumberMatcher(
                re.sub(r"\s", " ", text), region, leniency=Leniency.VALID
            )
        ]
        assert found == [address], (text, address)
        assert phonenumbers.is_valid_number(phonenumbers.parse(address[4:].split(";")[0]))
    return out


@settings(max_examples=1000, deadline=None)
@given(html_ish, st.sampled_from(["US", "ES"]))
# the matcher ended the first number on the "x" before the second; the link
# text must be a number by itself, as a second run reads it
@example("(786) 555-0134x(786) 555-0134", "US")
@example("(305) 555-0142x(", "US")
def test_any_markup_is_linked_safely(html, region):
    assert_linked_safely(html, region)


@settings(max_examples=300, deadline=None)
@given(fragments())
@example("(xx2012000000")  # letters the matcher read after an unclosed "("
def test_in_well_formed_fragments_elements_where_links_do_not_belong_are_untouched(html):
    out = assert_linked_safely(html, "US")
    assert nested_links(out) == []
    skipped = [m.span() for m in SKIP_ELEMENT.finditer(html)]
    assert [at for at in inserted_at(out) if any(start < at < end for start, end in skipped)] == []


def inserted_at(out):
    """Where in the input each inserted link starts and ends (the input has no tel: links)."""
    places, removed = [], 0
    for m in re.finditer(r'(<a href="tel:[^"]*">)[^<]*(</a>)', out):
        places.append(m.start() - removed)
        removed += len(m.group(1))
        places.append(m.start(2) - removed)
        removed += len(m.group(2))
    return places


@pytest.mark.parametrize("html", MARKDOWN_SAMPLES)
def test_what_markdown_writes_is_linked_safely(html):
    assert_linked_safely(html, "US")


# -- remembering what numbers parsed to --------------------------------------------


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            WORDS
            + [
                "a",
                "%",
                "€",
                "1",
                "ext. 12",
                "+34 912 345 678",
                "X",
                "912 345 678",
                "20 7946 0958",
                "12:30",
                "[",
                "\uff08",
                "book",
                "Call us",
                " ext ",
                "anexo",
                " int ",
                ";ext=",
                "#",
                "~",
                "b",
                "z",
                "Q",
                "é",
            ]
        ),
        max_size=10,
    ).map("".join),
    st.sampled_from(["US", "ES", "GB"]),
)
def test_numbers_are_found_window_by_window_as_in_the_whole_text(text, region):
    def found(matches):
        return [(start, end, raw, uri) for start, end, raw, uri in matches]

    expected = [
        (m.start, m.end, m.raw_string, telephone.tel_uri(m.number))
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID)
    ]
    assert found(telephone._matches(text, region)) == expected
    assert found(telephone._matches(text, region)) == expected  # remembered
