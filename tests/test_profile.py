"""The clinic profile: parsed values, and a message with key, value and fix for bad input."""

from __future__ import annotations

import pytest

import kestrel
from clinic.model.profile import Address, Hours, load_profile, parse_phone, parse_profile

GOOD = """
[clinic]
name = "Clínica Piel"
description = "A skin clinic."
specialty = "Dermatology"
language = "es"

[links]
profiles = ["https://social.example.org/clinic"]

[review]
interval_months = 6
reviewer = "A. Reviewer, MD"

[[locations]]
slug = "north"
name = "Clínica Piel North"
phone = "(305) 555-0100"
hours = [
  { days = ["Monday", "Tuesday"], opens = "09:00", closes = "17:30" },
  { days = ["Saturday"], opens = "10:00", closes = "14:00" },
]
[locations.address]
street = "1 Example Street"
locality = "Miami"
region = "FL"
postal_code = "33101"
country = "US"
[locations.geo]
latitude = 25.76
longitude = -80.19

[[locations]]
name = "Clínica Piel Madrid"
phone = "+34 912 345 678"
hours = [ { days = ["Friday"], opens = "08:00", closes = "15:00" } ]
[locations.address]
street = "Calle Ejemplo 1"
locality = "Madrid"
region = "Madrid"
postal_code = "28001"
country = "ES"
"""


def parse(text):
    return parse_profile(text, "content/clinic.toml")


def messages(text):
    return [str(p) for p in parse(text)[1]]


def test_a_complete_profile_with_two_locations_has_no_problems():
    profile, problems = parse(GOOD)
    assert problems == []
    assert profile.name == "Clínica Piel"
    assert profile.language == "es"
    assert profile.review.interval_months == 6
    assert profile.profiles == ("https://social.example.org/clinic",)
    north, madrid = profile.locations
    assert profile.main is north
    assert north.phone.e164 == "+13055550100"
    assert north.phone.display == "(305) 555-0100"
    assert north.phone.tel == "tel:+13055550100"
    assert north.hours[0].days == ("Monday", "Tuesday")
    assert north.hours[1].opens == "10:00"
    assert north.geo.latitude == 25.76
    assert north.address.lines == ["1 Example Street", "Miami, FL 33101"]
    assert madrid.slug == "madrid"  # from the locality when not written
    assert madrid.phone.e164 == "+34912345678"
    assert madrid.phone.display == "912 34 56 78"  # national form in its own country
    assert madrid.geo is None


def test_a_new_clinics_profile_parses_and_lists_only_missing_facts():
    profile, problems = parse(kestrel.text("clinic.toml"))
    assert profile.name == kestrel.NAME
    assert profile.main.phone.e164 == kestrel.E164
    assert [p.message.split(" is empty")[0] for p in problems] == [
        '"review.reviewer"',
        '"locations[0].address.street"',
        '"locations[0].address.postal_code"',
        '"locations[0].hours"',
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'name = "Clínica Piel"\n',
            'name = "Clínica Piel\n',
            "content/clinic.toml:3: This is not valid TOML (Illegal character '\\n'). Check quotes "
            "and brackets on that line: text values need double quotes, for example "
            'name = "Your Clinic".',
        ),
        (
            'language = "es"',
            'langauge = "es"',
            'content/clinic.toml:6: "clinic.langauge" is not a setting the site knows. Did you '
            'mean "language"? Settings allowed here: name, description, specialty, language, '
            "languages, price_range, currency.",
        ),
        (
            "interval_months = 6",
            'interval_months = "6"',
            'content/clinic.toml:12: "review.interval_months" is "6" (text), but it must be a '
            "whole number of months from 1 to 60. Write it without quotes, for example "
            "interval_months = 12.",
        ),
        (
            'specialty = "Dermatology"',
            'specialty = "Dermatolgy"',
            'content/clinic.toml:5: "clinic.specialty" is "Dermatolgy", which is not a medical '
            'specialty search engines know. Use "Dermatology".',
        ),
        (
            'phone = "(305) 555-0100"',
            'phone = "555-0100"',
            'content/clinic.toml:18: "locations[0].phone" is "555-0100", which is not a valid '
            "phone number in US. Write the full number with area code, for example "
            # libphonenumber's example number of the location's country
            'phone = "(201) 555-0123", or with + and country code for a number abroad.',
        ),
        (
            'phone = "+34 912 345 678"',
            'phone = "912 345"',
            'content/clinic.toml:35: "locations[1].phone" is "912 345", which is not a valid phone '
            "number in ES. Write the full number with area code, for example "
            'phone = "810 12 34 56"',  # the example of the location's own country
        ),
        (
            'opens = "10:00"',
            'opens = "10am"',
            'content/clinic.toml:21: "locations[0].hours[1].opens" is "10am", which is not a '
            '24-hour time. Write it as HH:MM, for example opens = "09:00".',
        ),
        (
            'days = ["Saturday"]',
            'days = ["Sat"]',
            'content/clinic.toml:21: "locations[0].hours[1].days" has Sat. List days by their '
            "English names: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday.",
        ),
        (
            'closes = "14:00"',
            'closes = "09:00"',
            'content/clinic.toml:21: "locations[0].hours[1]" closes at 09:00, not after it opens '
            "at 10:00. Check the two times",
        ),
        (
            "latitude = 25.76",
            'latitude = "25.76"',
            'content/clinic.toml:30: "locations[0].geo.latitude" is "25.76" (text), but it must be '
            "a number from -90 to 90.",
        ),
        (
            "latitude = 25.76",
            "latitude = nan",
            'content/clinic.toml:30: "locations[0].geo.latitude" is nan (a number), but it must be '
            "a number from -90 to 90.",
        ),
        (
            "longitude = -80.19",
            "longitude = -inf",
            'content/clinic.toml:31: "locations[0].geo.longitude" is -inf (a number), but it must '
            "be a number from -180 to 180.",
        ),
        (
            'locality = "Miami"',
            'locality = "Mia\\u0000mi\\u0007"',
            'content/clinic.toml:25: "locations[0].address.locality" holds an invisible control '
            "character (U+0000, U+0007), which would be copied into every page. Retype the "
            "value, or remove the \\u escape that made it.",
        ),
        (
            'profiles = ["https://social.example.org/clinic"]',
            'profiles = ["https://social.example.org/clinic\\u001b"]',
            'content/clinic.toml:9: "links.profiles[0]" holds an invisible control character '
            "(U+001B)",
        ),
        (
            'country = "ES"',
            'country = "XX"',
            'content/clinic.toml:42: "locations[1].address.country" is "XX", which is not a '
            'two-letter country code. Use the ISO code, for example country = "US".',
        ),
        (
            'profiles = ["https://social.example.org/clinic"]',
            'profiles = ["social.example.org"]',
            'content/clinic.toml:9: "links.profiles" contains "social.example.org" (text), which '
            "is not a web address.",
        ),
        (
            'slug = "north"',
            'slug = "North Side"',
            'content/clinic.toml:16: "locations[0].slug" is "North Side", which cannot be part of '
            "a web address. Use lowercase letters, digits and hyphens, for example "
            'slug = "north-side".',  # the clinic's own words, made into a slug
        ),
        (
            '[[locations]]\nname = "Clínica Piel Madrid"',
            '[[locations]]\nslug = "north"\nname = "x"',
            'content/clinic.toml:34: Two locations have the slug "north". Give each location its '
            "own slug.",
        ),
    ],
)
def test_bad_values_name_the_line_the_key_the_value_and_the_fix(old, new, expected):
    assert old in GOOD
    found = messages(GOOD.replace(old, new, 1))
    assert any(m.startswith(expected) for m in found), found


def test_no_control_character_is_kept_in_the_profile():
    profile, _ = parse(GOOD.replace('locality = "Miami"', 'locality = "Mia\\u0000mi"'))
    assert profile.locations[0].address.locality == "Miami"


def test_a_bad_value_falls_back_and_keeps_the_rest():
    profile, problems = parse(GOOD.replace('phone = "(305) 555-0100"', "phone = 3055550100"))
    assert len(problems) == 1
    assert profile.locations[0].phone is None
    assert profile.locations[0].name == "Clínica Piel North"
    assert profile.locations[1].phone.e164 == "+34912345678"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", 'content/clinic.toml: "clinic" is missing. Add a [clinic] section with name = "...".'),
        (
            '[clinic]\nname = "X"\ndescription = "Y"\nspecialty = "Dermatology"\n',
            "content/clinic.toml: The profile has no [[locations]].",
        ),
        (
            '[clinic]\nname = "X"\ndescription = "Y"\nspecialty = "Dermatology"\n'
            '[[locations]]\nname = "A"\nphone = "786-555-0134"\n',
            'content/clinic.toml:5: "locations[0].address" is missing. '
            "Add a [locations.address] table",
        ),
    ],
)
def test_missing_parts_are_named(text, expected):
    found = messages(text)
    assert any(m.startswith(expected) for m in found), found


def test_empty_facts_say_why_they_matter():
    text = GOOD.replace('street = "1 Example Street"', 'street = ""')
    assert messages(text) == [
        'content/clinic.toml:24: "locations[0].address.street" is empty: visitors need the '
        "street address to find the clinic, and maps and search engines do not list a clinic "
        "without one. Fill it in in content/clinic.toml before publishing."
    ]


@pytest.mark.parametrize(
    "raw, region, e164",
    [
        ("786-555-0134", "US", "+17865550134"),
        ("(786) 555-0134", "US", "+17865550134"),
        ("+1 786 555 0134", "US", "+17865550134"),
        ("+34 912 345 678", "US", "+34912345678"),
        ("786-555-013", "US", None),
        ("hello", "US", None),
    ],
)
def test_parse_phone(raw, region, e164):
    phone = parse_phone(raw, region)
    assert (phone.e164 if phone else None) == e164


def test_address_lines_skip_unknown_parts():
    assert Address(locality="Port Alder", region="FL").lines == ["Port Alder, FL"]
    assert Address().lines == []


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'name = "Clínica Piel"',
            'name = "  "',
            'content/clinic.toml:3: "clinic.name" is empty: every page shows the clinic\'s name in '
            "its header and title, and search engines list the clinic by it. Fill it in in "
            "content/clinic.toml before publishing.",
        ),
        (
            'phone = "(305) 555-0100"',
            'phone = ""',
            'content/clinic.toml:18: "locations[0].phone" is empty: the call buttons on every page '
            "and the call bar dial this number; without it visitors cannot call. Fill it in in "
            "content/clinic.toml before publishing.",
        ),
    ],
)
def test_an_empty_name_or_phone_is_a_problem_at_its_line(old, new, expected):
    assert messages(GOOD.replace(old, new, 1)) == [expected]


@pytest.mark.parametrize(
    "raw, display, tel, telephone",
    [
        (
            "305-555-0100 ext. 55",
            "(305) 555-0100 ext. 55",
            "tel:+13055550100;ext=55",
            "+13055550100 ext. 55",
        ),
        (
            "(305) 555-0100 x7",
            "(305) 555-0100 ext. 7",
            "tel:+13055550100;ext=7",
            "+13055550100 ext. 7",
        ),
        ("305-555-0100", "(305) 555-0100", "tel:+13055550100", "+13055550100"),
    ],
)
def test_an_extension_is_shown_dialled_and_published(raw, display, tel, telephone):
    phone = parse_phone(raw, "US")
    assert (phone.display, phone.tel, phone.telephone) == (display, tel, telephone)


def test_a_byte_order_mark_at_the_start_is_not_a_problem(tmp_path):
    # Windows editors (Notepad) save UTF-8 with a byte-order mark
    path = tmp_path / "clinic.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    profile, problems = load_profile(str(path), "content/clinic.toml")
    assert problems == []
    assert profile.name == "Clínica Piel"
    bad = GOOD.replace('opens = "10:00"', 'opens = "10am"')
    path.write_bytes(b"\xef\xbb\xbf" + bad.encode("utf-8"))
    assert [p.line for p in load_profile(str(path), "content/clinic.toml")[1]] == [21]


@pytest.mark.parametrize("opens, closes", [("18:00", "24:00"), ("00:00", "24:00")])
def test_closing_at_midnight_is_the_end_of_the_day(opens, closes):
    text = GOOD.replace(
        'opens = "10:00", closes = "14:00"', f'opens = "{opens}", closes = "{closes}"'
    )
    profile, problems = parse(text)
    assert problems == []
    assert profile.locations[0].hours[1] == Hours(("Saturday",), opens, closes)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'opens = "10:00"',
            'opens = "24:00"',
            'content/clinic.toml:21: "locations[0].hours[1].opens" is "24:00", which is not a '
            '24-hour time. Write it as HH:MM, for example opens = "09:00".',
        ),
        (
            'closes = "14:00"',
            'closes = "5pm"',
            'content/clinic.toml:21: "locations[0].hours[1].closes" is "5pm", which is not a '
            '24-hour time. Write it as HH:MM, for example closes = "17:00" (or "24:00" for '
            "midnight).",
        ),
        (
            'closes = "14:00"',
            'closes = "24:30"',
            'content/clinic.toml:21: "locations[0].hours[1].closes" is "24:30", which is not a '
            '24-hour time. Write it as HH:MM, for example closes = "17:00" (or "24:00" for '
            "midnight).",
        ),
    ],
)
def test_opening_hours_say_how_to_write_a_time(old, new, expected):
    assert expected in messages(GOOD.replace(old, new, 1))
