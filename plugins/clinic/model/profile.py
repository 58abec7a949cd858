"""The clinic profile: ``content/clinic.toml`` loaded and validated once.

Pure core: ``parse_profile(text, path)`` returns a ``Profile`` and the list of
problems found.  It never raises on bad input: a broken value is reported
(with key, value and fix) and replaced by an empty default, so a development
build still shows every other page.  Publish builds stop on any problem.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import urllib.parse
from collections.abc import Callable
from typing import Any, NamedTuple

from .clock import END_OF_DAY, is_time
from .colour import DEFAULT as DEFAULT_COLOUR
from .colour import parse_hex, to_hex
from .languages import canonical, day_names, english_name, is_language_code, native_name
from .lines import editor_lines
from .markup import CONTROL, control_codes
from .money import known_currency
from .problems import Problem
from .tomlpos import KeyPath, key_lines, line_of

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# schema.org MedicalSpecialty members: the profile's specialty must be one of
# them because it is emitted as-is in the structured data.
SPECIALTIES = frozenset(
    [
        "Anesthesia",
        "Cardiovascular",
        "CommunityHealth",
        "Dentistry",
        "Dermatology",
        "DietNutrition",
        "Emergency",
        "Endocrine",
        "Gastroenterologic",
        "Genetic",
        "Geriatric",
        "Gynecologic",
        "Hematologic",
        "Infectious",
        "LaboratoryScience",
        "Midwifery",
        "Musculoskeletal",
        "Neurologic",
        "Nursing",
        "Obstetric",
        "Oncologic",
        "Optometric",
        "Otolaryngologic",
        "Pathology",
        "Pediatric",
        "PharmacySpecialty",
        "Physiotherapy",
        "PlasticSurgery",
        "Podiatric",
        "PrimaryCare",
        "Psychiatric",
        "PublicHealth",
        "Pulmonary",
        "Radiography",
        "Renal",
        "RespiratoryTherapy",
        "Rheumatologic",
        "SpeechPathology",
        "Surgical",
        "Toxicologic",
        "Urologic",
    ]
)

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Phone(NamedTuple):
    """A validated phone number, formatted once for every place it appears.

    An extension ("ext. 55") is part of the number: the display shows it, the
    call link dials it (RFC 3966 ``;ext=``) and the structured data gives it.
    """

    e164: str
    display: str
    extension: str = ""

    @property
    def tel(self) -> str:
        return f"tel:{self.e164};ext={self.extension}" if self.extension else f"tel:{self.e164}"

    @property
    def telephone(self) -> str:
        """The number for structured data: E.164, and the extension as people write it."""
        return f"{self.e164} ext. {self.extension}" if self.extension else self.e164


class Address(NamedTuple):
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    @property
    def lines(self) -> list[str]:
        """The address as a visitor reads it, skipping what is not known."""
        town = " ".join(p for p in (self.region, self.postal_code) if p)
        second = ", ".join(p for p in (self.locality, town) if p)
        return [line for line in (self.street, second) if line]


class Hours(NamedTuple):
    days: tuple[str, ...]
    opens: str
    closes: str


class Geo(NamedTuple):
    latitude: float
    longitude: float


class Location(NamedTuple):
    slug: str
    name: str
    phone: Phone | None
    address: Address
    hours: tuple[Hours, ...] = ()
    geo: Geo | None = None
    booking: str = ""  # this location's own online booking address, if any
    hours_note: str = ""  # a line under the hours ("Closed on public holidays")
    # the name and the note in the site's other languages: (language, text)
    name_in: tuple[tuple[str, str], ...] = ()
    hours_note_in: tuple[tuple[str, str], ...] = ()

    def in_language(self, code: str) -> Location:
        """The location with its words in ``code`` where the profile gives them."""
        return self._replace(
            name=dict(self.name_in).get(code, self.name),
            hours_note=dict(self.hours_note_in).get(code, self.hours_note),
        )

    @property
    def directions_url(self) -> str:
        """A map of the location on OpenStreetMap: a link to follow, never an embed."""
        if self.geo:
            lat, lon = self.geo.latitude, self.geo.longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
        if self.address.street:
            query = ", ".join(
                self.address.lines + ([self.address.country] if self.address.country else [])
            )
            return "https://www.openstreetmap.org/search?query=" + urllib.parse.quote(query)
        return ""


class Review(NamedTuple):
    interval_months: int = 12
    reviewer: str = ""


class Brand(NamedTuple):
    """The clinic's logo and colour, as written in ``[brand]``, and where they were written.

    The logo's file is read and checked later (``publishing.brand``); here it is
    a path under ``content/``.  ``colour`` is ``#rrggbb``; the theme's own
    colour when the clinic names none.
    """

    colour: str = DEFAULT_COLOUR
    logo: str = ""
    colour_line: int | None = None
    logo_line: int | None = None


class MenuEntry(NamedTuple):
    """One name in ``[navigation] menu``, with the line it is written on."""

    name: str
    line: int | None = None


class Profile(NamedTuple):
    name: str = ""
    description: str = ""
    specialty: str = ""
    language: str = "en"  # the language of the words; in_language() gives each page's
    languages: tuple[str, ...] = ("en",)  # every language of the site, the default first
    description_in: tuple[tuple[str, str], ...] = ()  # (language, text) for the others
    price_range: str = ""
    currency: str = ""  # ISO 4217, for treatment prices
    booking: str = ""  # the online booking address, site-wide
    profiles: tuple[str, ...] = ()
    review: Review = Review()
    locations: tuple[Location, ...] = ()
    brand: Brand = Brand()
    # ``[navigation] menu`` as written; None when the clinic wrote none (the
    # default menu is used), () for a menu the clinic left empty on purpose
    menu: tuple[MenuEntry, ...] | None = None

    @property
    def main(self) -> Location | None:
        """The location whose phone the header and call bar show."""
        return self.locations[0] if self.locations else None

    @property
    def country(self) -> str:
        return self.main.address.country if self.main else ""

    def in_language(self, code: str) -> Profile:
        """The profile as a page in ``code`` shows it: its description and locations' words.

        Numbers, addresses and phones are written once and stay as they are.
        """
        if code == self.language and not self.description_in:
            return self
        return self._replace(
            language=code,
            description=dict(self.description_in).get(code, self.description),
            locations=tuple(location.in_language(code) for location in self.locations),
        )

    def booking_for(self, location: Location | None) -> str:
        """Where a visitor books online at ``location``: its own address, else the site's."""
        return (location.booking if location else "") or self.booking


# The schema: each table's keys and what they hold.  Kept as data so the
# unknown-key message can list what is allowed.
_CLINIC_KEYS = (
    "name",
    "description",
    "specialty",
    "language",
    "languages",
    "price_range",
    "currency",
)
_TOP_KEYS = ("clinic", "links", "review", "locations", "brand", "navigation")
# "color" is read too (American spelling); writing both is a problem
_BRAND_KEYS = ("logo", "colour", "color")
_LOGO_TYPES = (".svg", ".png")
_NAVIGATION_KEYS = ("menu",)
_LINK_KEYS = ("profiles", "booking")
_REVIEW_KEYS = ("interval_months", "reviewer")
_LOCATION_KEYS = ("slug", "name", "phone", "address", "hours", "hours_note", "geo", "booking")
_ADDRESS_KEYS = ("street", "locality", "region", "postal_code", "country")
_HOURS_KEYS = ("days", "opens", "closes")
_GEO_KEYS = ("latitude", "longitude")

# Facts a clinic must publish; empty in a draft profile they are reported,
# with the reason a visitor or a search engine needs them.
_WHY = {
    "street": "visitors need the street address to find the clinic, and maps and "
    "search engines do not list a clinic without one",
    "postal_code": "the postal code completes the address that maps and search engines show",
    "locality": "visitors and search engines need the town the clinic is in",
    "region": "the state or region completes the address",
    "hours": "visitors need to know when someone will answer the phone, and search "
    "engines show opening hours next to the clinic's name",
    "reviewer": "every medical page names the clinician who checks it, so visitors "
    "can trust what they read",
    "description": "the description is what search engines and link previews show about the clinic",
    "name": "every page shows the clinic's name in its header and title, and search "
    "engines list the clinic by it",
    "phone": "the call buttons on every page and the call bar dial this number; "
    "without it visitors cannot call",
}


# A TOML table as tomllib returns it: its values are what the checks below look at
Table = dict[str, Any]


class _Validator:
    """Walks the parsed TOML and collects problems with their lines."""

    def __init__(self, text: str, path: str):
        self.path = path
        self.text = text
        self.lines = key_lines(text)
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)

    # -- reporting -----------------------------------------------------
    def report(self, keys: KeyPath, message: str, fix: str, stops: bool = False) -> None:
        line = line_of(self.text, keys, self.lines)
        self.problems.append(Problem(self.path, line, message, fix, stops))

    @staticmethod
    def name(keys: KeyPath) -> str:
        out = ""
        for key in keys:
            out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
        return out

    # -- shapes --------------------------------------------------------
    def table(self, data: object, keys: KeyPath, allowed: tuple[str, ...]) -> Table:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.report(
                keys,
                f'"{self.name(keys)}" is {_describe(data)}, but it must be a table',
                f"write it as a [{self.name(keys)}] section with its settings below it",
            )
            return {}
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f'Did you mean "{close[0]}"? ' if close else ""
                self.report(
                    keys + (key,),
                    f'"{self.name(keys + (key,))}" is not a setting the site knows',
                    f"{hint}Settings allowed here: {', '.join(allowed)}",
                )
        return data

    def text_value(self, data: Table, keys: KeyPath, key: str, required: bool = False) -> str:
        value = data.get(key)
        full = keys + (key,)
        if value is None:
            if required:
                self.report(
                    full,
                    f'"{self.name(full)}" is missing',
                    f'add {key} = "..." under [{self.name(keys)}]',
                )
            return ""
        if not isinstance(value, str):
            self.report(
                full,
                f'"{self.name(full)}" is {_describe(value)}, but it must be text',
                f'put the value in double quotes: {key} = "{value}"',
            )
            return ""
        return value.strip()

    def localized_text(
        self, data: Table, keys: KeyPath, key: str, required: bool = False
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """A text fact, written once or once per language.

        ``description = "..."`` serves every language; ``description = { en = "...",
        es = "..." }`` gives each language its own words (the default language's
        is required, a language left out shows the default's).
        """
        value = data.get(key)
        if not isinstance(value, dict):
            return self.text_value(data, keys, key, required), ()
        full = keys + (key,)
        default = self.languages[0]
        others = []
        for code, text in value.items():
            if code not in self.languages:
                self.report(
                    full + (code,),
                    f'"{self.name(full)}" has words for "{code}", which is not one of the '
                    f"site's languages ({', '.join(self.languages)})",
                    f'add "{code}" to languages under [clinic], or remove {code} = "..."',
                )
            elif not isinstance(text, str):
                self.report(
                    full + (code,),
                    f'"{self.name(full)}.{code}" is {_describe(text)}, but it must be text',
                    f'put the value in double quotes: {code} = "{text}"',
                )
            elif code != default and text.strip():
                others.append((code, text.strip()))
        main = value.get(default)
        if not isinstance(main, str):
            if default not in value:
                self.report(
                    full,
                    f'"{self.name(full)}" has no words in the default language "{default}"',
                    f'add {default} = "..." to it: pages in a language it leaves out show these',
                )
            return "", tuple(others)
        return main.strip(), tuple(others)

    def missing_fact(self, keys: KeyPath, key: str, why_key: str | None = None) -> None:
        full = keys + (key,)
        why = _WHY[why_key or key]
        self.report(
            full,
            f'"{self.name(full)}" is empty: {why}',
            f"fill it in in {self.path} before publishing",
        )


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f'"{value}" (text)'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def parse_phone(raw: str, region: str) -> Phone | None:
    """A Phone if ``raw`` is a valid number in ``region``'s numbering plan."""
    # libphonenumber is loaded only when a profile is read anew: a rebuild
    # reuses the profile it read last time (build.session, build.memo)
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    fmt = phonenumbers.PhoneNumberFormat
    same_country = phonenumbers.region_code_for_number(number) == region
    display = phonenumbers.format_number(
        number, fmt.NATIONAL if same_country else fmt.INTERNATIONAL
    )
    return Phone(phonenumbers.format_number(number, fmt.E164), display, number.extension or "")


def load_profile(
    path: str,
    label: str | None = None,
    parse: Callable[[str, str], tuple[Profile, list[Problem]]] | None = None,
) -> tuple[Profile, list[Problem]]:
    """Read and validate the profile file; a missing or unreadable file is a problem.

    ``parse`` reads the text (``parse_profile``); a build passes one that
    reuses what the same text gave last time.
    """
    label = label or path
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return Profile(), [
            Problem(
                label,
                None,
                f"the clinic profile could not be read ({error.strerror})",
                "create it from the example in docs/editing.md",
            )
        ]
    try:
        # "utf-8-sig": Windows editors start UTF-8 files with a byte-order mark,
        # which TOML does not allow; it is not part of the text staff wrote
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Profile(), [
            Problem(label, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor")
        ]
    return (parse or parse_profile)(text, label)


def parse_profile(text: str, path: str) -> tuple[Profile, list[Problem]]:
    """Validate the profile text; return the profile and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return Profile(), [
            Problem(
                path,
                line,
                f"this is not valid TOML ({reason})",
                "check quotes and brackets on that line: text values need double quotes, "
                'for example name = "Your Clinic"',
            )
        ]
    v = _Validator(text, path)
    root = v.table(_visible(v, data, ()), (), _TOP_KEYS)

    clinic = v.table(root.get("clinic"), ("clinic",), _CLINIC_KEYS)
    if "clinic" not in root:
        v.report(("clinic",), '"clinic" is missing', 'add a [clinic] section with name = "..."')
    v.languages = _languages(v, clinic)
    name = v.text_value(clinic, ("clinic",), "name", required="clinic" in root)
    if "name" in clinic and isinstance(clinic["name"], str) and not name:
        v.missing_fact(("clinic",), "name")
    description, description_in = v.localized_text(
        clinic, ("clinic",), "description", required=True
    )
    if "description" in clinic and not description:
        v.missing_fact(("clinic",), "description")
    specialty = v.text_value(clinic, ("clinic",), "specialty", required=True)
    if specialty and specialty not in SPECIALTIES:
        close = difflib.get_close_matches(specialty, SPECIALTIES, n=1)
        v.report(
            ("clinic", "specialty"),
            f'"clinic.specialty" is "{specialty}", which is not a medical specialty '
            "search engines know",
            f'use "{close[0]}"' if close else 'use a schema.org specialty such as "Dermatology"',
        )
        specialty = ""
    language = v.languages[0]

    # optional, as the clinic writes it ("$$", "$150-400"): never guessed
    price_range = v.text_value(clinic, ("clinic",), "price_range")
    currency = _currency(v, clinic)

    links = v.table(root.get("links"), ("links",), _LINK_KEYS)
    profiles = _profiles(v, links)
    booking = _booking(v, links, ("links",))

    review = _review(v, v.table(root.get("review"), ("review",), _REVIEW_KEYS))

    locations = _locations(v, root.get("locations"))
    brand = _brand(v, v.table(root.get("brand"), ("brand",), _BRAND_KEYS))

    navigation = v.table(root.get("navigation"), ("navigation",), _NAVIGATION_KEYS)
    menu = _menu(v, navigation)

    profile = Profile(
        name=name,
        description=description,
        specialty=specialty,
        language=language,
        languages=v.languages,
        description_in=description_in,
        price_range=price_range,
        currency=currency,
        booking=booking,
        profiles=profiles,
        review=review,
        locations=locations,
        brand=brand,
        menu=menu,
    )
    return profile, v.problems


def _brand(v: _Validator, data: dict[str, Any]) -> Brand:
    keys = ("brand",)
    colour_key = "colour"
    if "colour" in data and "color" in data:
        v.report(
            keys + ("color",),
            '"brand.colour" and "brand.color" are both written',
            'keep one of them: colour = "#334155"',
        )
    elif "color" in data:
        colour_key = "color"
    colour = DEFAULT_COLOUR
    written = v.text_value(data, keys, colour_key)
    if written:
        rgb = parse_hex(written)
        if rgb is None:
            v.report(
                keys + (colour_key,),
                f'"brand.{colour_key}" is "{written}", which is not a colour',
                'write it as # and six hexadecimal digits, for example colour = "#334155"',
            )
        else:
            colour = to_hex(rgb)
    logo = v.text_value(data, keys, "logo").replace("\\", "/")
    if logo.startswith("{static}"):
        logo = logo[len("{static}") :]
    logo = logo.lstrip("/")
    if logo and not logo.lower().endswith(_LOGO_TYPES):
        v.report(
            keys + ("logo",),
            f'"brand.logo" is "{logo}", which is not an SVG or PNG file',
            "save the logo as .svg or .png under content/images/ and write its path, "
            'for example logo = "images/brand/logo.svg"',
        )
        logo = ""
    elif logo and (".." in logo.split("/") or ":" in logo):
        v.report(
            keys + ("logo",),
            f'"brand.logo" is "{logo}", which is not a path inside content/',
            'write the path from the content folder, for example logo = "images/brand/logo.svg"',
        )
        logo = ""
    return Brand(
        colour=colour,
        logo=logo,
        colour_line=line_of(v.text, keys + (colour_key,), v.lines),
        logo_line=line_of(v.text, keys + ("logo",), v.lines),
    )


def _menu(v: _Validator, navigation: dict[str, Any]) -> tuple[MenuEntry, ...] | None:
    """``menu``'s names and their lines; what each name points to is checked
    once the site's pages are known (model/navigation.py)."""
    if "menu" not in navigation:
        return None
    value = navigation["menu"]
    keys = ("navigation", "menu")
    if not isinstance(value, list):
        v.report(
            keys,
            f'"navigation.menu" is {_describe(value)}, but it must be a list of names',
            'write it as menu = ["treatments", "team", "contact"]: sections or page '
            "names, in the order the menu shows them",
        )
        return None
    lines = _list_item_lines(v.text, line_of(v.text, keys, v.lines), value)
    entries: list[MenuEntry] = []
    for item, line in zip(value, lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            v.problems.append(
                Problem(
                    v.path,
                    line,
                    f'"navigation.menu" contains {_describe(item)}, which is not a name',
                    'write each entry as text in double quotes, such as "treatments"',
                )
            )
            continue
        name = item.strip().strip("/").lower()
        if any(e.name == name for e in entries):
            v.problems.append(
                Problem(
                    v.path,
                    line,
                    f'"navigation.menu" names "{item}" twice',
                    "remove one of them: each page is in the menu once",
                )
            )
            continue
        entries.append(MenuEntry(name, line))
    return tuple(entries)


def _list_item_lines(text: str, start: int | None, items: list[Any]) -> list[int | None]:
    """The line of each item of a list whose key is on line ``start`` (the list
    may span several lines; tomllib gives no positions): the n-th equal item
    is on the line of the n-th time it is written, else on the key's line."""
    if start is None:
        return [None] * len(items)
    rows = editor_lines(text)[start - 1 :]
    end = next((n for n, row in enumerate(rows) if n and "]" in row.split("#")[0]), len(rows) - 1)
    rows = rows[: end + 1]
    seen: dict[str, int] = {}
    found: list[int | None] = []
    for item in items:
        if isinstance(item, bool):
            written = str(item).lower()
        elif isinstance(item, str):
            written = f'"{item}"'
        else:
            written = str(item)
        seen[written] = seen.get(written, 0) + 1
        count, line = 0, start
        for number, row in enumerate(rows):
            count += row.split("#")[0].count(written)
            if count >= seen[written]:
                line = start + number
                break
        found.append(line)
    return found


def _languages(v: _Validator, clinic: dict[str, Any]) -> tuple[str, ...]:
    """``languages = ["en", "es"]`` (the first is the default), or one ``language``."""
    keys = ("clinic",)
    if "languages" not in clinic:
        language = v.text_value(clinic, keys, "language") or "en"
        if not _LANGUAGE.match(language):
            v.report(
                keys + ("language",),
                f'"clinic.language" is "{language}", which is not a language code',
                'write a code such as "en", "es" or "en-US"',
            )
            language = "en"
        return (language,)
    value = clinic["languages"]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        v.report(
            keys + ("languages",),
            f'"clinic.languages" is {_describe(value)}, but it must be a list of language codes',
            'write it as languages = ["en", "es"]; the first is the language of the home page',
        )
        return ("en",)
    codes: list[str] = []
    for item in value:
        code = item.strip() if isinstance(item, str) else ""
        if not is_language_code(code):
            fixed = canonical(code) if code else ""
            hint = (
                f'write "{fixed}" ({native_name(fixed)})'
                if fixed and fixed != code and is_language_code(fixed)
                else 'write a BCP 47 language code such as "en", "es" or "es-MX"'
            )
            v.report(
                keys + ("languages",),
                f'"clinic.languages" contains {_describe(item)}, which is not a BCP 47 '
                "language code",
                hint,
            )
        elif code in codes:
            v.report(
                keys + ("languages",),
                f'"clinic.languages" lists "{code}" twice',
                "list each language once",
            )
        else:
            codes.append(code)
    if "language" in clinic and codes and clinic["language"] != codes[0]:
        v.report(
            keys + ("language",),
            f'"clinic.language" is {_describe(clinic["language"])}, but languages starts '
            f'with "{codes[0]}"',
            "remove the language line: languages replaces it, and its first code is the default",
        )
    return tuple(codes) or ("en",)


def _profiles(v: _Validator, links: Table) -> tuple[str, ...]:
    value = links.get("profiles", [])
    if not isinstance(value, list):
        v.report(
            ("links", "profiles"),
            f'"links.profiles" is {_describe(value)}, but it must be a list of web addresses',
            'write it as profiles = ["https://..."]',
        )
        return ()
    good = []
    for item in value:
        if isinstance(item, str) and re.match(r"^https://[^\s/]+\.[^\s]+$", item):
            good.append(item)
        else:
            v.report(
                ("links", "profiles"),
                f'"links.profiles" contains {_describe(item)}, which is not a web address',
                'write each as a full address in quotes, starting with "https://"',
            )
    return tuple(good)


def _currency(v: _Validator, clinic: Table) -> str:
    code = v.text_value(clinic, ("clinic",), "currency")
    if code and not known_currency(code):
        close = code.upper() if known_currency(code.upper()) else ""
        v.report(
            ("clinic", "currency"),
            f'"clinic.currency" is "{code}", which is not a currency code',
            f'write "{close}"'
            if close
            else 'write the three-letter ISO 4217 code, for example currency = "EUR"',
        )
        return ""
    return code


def _booking(v: _Validator, data: Table, keys: KeyPath) -> str:
    """An online booking address: a full https address, opened as an ordinary link."""
    address = v.text_value(data, keys, "booking")
    if not address:
        return ""
    problem = booking_address_problem(address)
    if problem:
        full = keys + ("booking",)
        v.report(
            full,
            f'"{v.name(full)}" is "{address}", which {problem}',
            'write the full address of the booking page, starting with "https://"',
        )
        return ""
    return address


def booking_address_problem(address: str) -> str:
    """Why ``address`` cannot be a booking link ('' when it can): the rest of 'which ...'."""
    parts = urllib.parse.urlsplit(address)
    if parts.scheme.lower() != "https":
        return (
            "is not an https address (visitors would send their details unencrypted)"
            if parts.scheme.lower() == "http"
            else "is not a web address"
        )
    host = parts.hostname or ""
    if (
        parts.username
        or parts.password
        or "." not in host
        or any(c.isspace() or ord(c) < 32 for c in address)
    ):
        return "is not a valid web address"
    return ""


def _review(v: _Validator, data: Table) -> Review:
    keys = ("review",)
    interval = data.get("interval_months", 12)
    if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 60:
        v.report(
            keys + ("interval_months",),
            f'"review.interval_months" is {_describe(interval)}, but it must be a whole '
            "number of months from 1 to 60",
            "write it without quotes, for example interval_months = 12",
        )
        interval = 12
    reviewer = v.text_value(data, keys, "reviewer", required=True)
    if "reviewer" in data and not reviewer:
        v.missing_fact(keys, "reviewer")
    return Review(interval_months=interval, reviewer=reviewer)


def _locations(v: _Validator, value: object) -> tuple[Location, ...]:
    if value is None or value == []:
        v.report(
            ("locations",),
            "the profile has no [[locations]]",
            "add one [[locations]] section for each place patients can visit, "
            "with its name, phone and address",
        )
        return ()
    if not isinstance(value, list):
        v.report(
            ("locations",),
            f'"locations" is {_describe(value)}, but it must be one or more [[locations]] sections',
            "write each location as a [[locations]] section (two square brackets)",
        )
        return ()
    result, slugs = [], set()
    for index, item in enumerate(value):
        location = _location(v, item, ("locations", index))
        if location.slug in slugs:
            v.report(
                ("locations", index, "slug"),
                f'two locations have the slug "{location.slug}"',
                "give each location its own slug",
            )
        slugs.add(location.slug)
        result.append(location)
    return tuple(result)


def _location(v: _Validator, item: object, keys: KeyPath) -> Location:
    data = v.table(item, keys, _LOCATION_KEYS)
    name, name_in = v.localized_text(data, keys, "name", required=True)
    hours_note, hours_note_in = v.localized_text(data, keys, "hours_note")
    address = _address(v, v.table(data.get("address"), keys + ("address",), _ADDRESS_KEYS), keys)
    slug = v.text_value(data, keys, "slug") or _slugify(address.locality or name)
    if not _SLUG.match(slug):
        v.report(
            keys + ("slug",),
            f'"{v.name(keys + ("slug",))}" is "{slug}", which cannot be part of a web address',
            f'use lowercase letters, digits and hyphens, for example slug = "{_slugify(slug)}"',
        )
    raw_phone = v.text_value(data, keys, "phone", required=True)
    phone = None
    if isinstance(data.get("phone"), str) and not raw_phone:
        v.missing_fact(keys, "phone")
    if raw_phone:
        phone = parse_phone(raw_phone, address.country)
        if phone is None:
            v.report(
                keys + ("phone",),
                f'"{v.name(keys + ("phone",))}" is "{raw_phone}", which is not a valid '
                f"phone number in {address.country or 'the location’s country'}",
                "write the full number with area code, for example "
                f'phone = "{_example_phone(address.country)}", '
                "or with + and country code for a number abroad",
                stops=True,
            )
    hours = _hours(v, data.get("hours"), keys + ("hours",))
    geo = _geo(v, data.get("geo"), keys + ("geo",))
    return Location(
        slug=slug,
        name=name,
        phone=phone,
        address=address,
        hours=hours,
        geo=geo,
        booking=_booking(v, data, keys),
        hours_note=hours_note,
        name_in=name_in,
        hours_note_in=hours_note_in,
    )


def _address(v: _Validator, data: Table, location_keys: KeyPath) -> Address:
    keys = location_keys + ("address",)
    if not data:
        v.report(
            keys,
            f'"{v.name(keys)}" is missing',
            "add a [locations.address] table below this location with street, "
            "locality, region, postal_code and country",
        )
        return Address()
    values = {key: v.text_value(data, keys, key, required=True) for key in _ADDRESS_KEYS}
    for key in ("street", "locality", "region", "postal_code"):
        if key in data and not values[key]:
            v.missing_fact(keys, key)
    country = values["country"].upper()
    import phonenumbers  # see parse_phone

    if country and phonenumbers.country_code_for_region(country) == 0:
        v.report(
            keys + ("country",),
            f'"{v.name(keys + ("country",))}" is "{values["country"]}", which is not a '
            "two-letter country code",
            'use the ISO code, for example country = "US"',
        )
        country = ""
    values["country"] = country
    return Address(**values)


def _hours(v: _Validator, value: object, keys: KeyPath) -> tuple[Hours, ...]:
    if value is None or value == []:
        v.missing_fact(keys[:-1], "hours")
        return ()
    if not isinstance(value, list):
        v.report(
            keys,
            f'"{v.name(keys)}" is {_describe(value)}, but it must be a list',
            'write it as hours = [ { days = ["Monday"], opens = "09:00", closes = "17:00" } ]',
        )
        return ()
    result = []
    for index, item in enumerate(value):
        entry_keys = keys + (index,)
        data = v.table(item, entry_keys, _HOURS_KEYS)
        days = data.get("days", [])
        if isinstance(days, str):
            days = [days]
        bad_days = [d for d in days if d not in DAYS] if isinstance(days, list) else [days]
        foreign = _foreign_day(bad_days[0], v.languages) if bad_days else None
        if foreign:
            v.report(
                entry_keys + ("days",),
                f'"{v.name(entry_keys + ("days",))}" has "{bad_days[0]}", which is '
                f"{foreign[0]} for {foreign[1]}",
                f'use "{foreign[1]}": days are written by their English names in every '
                "language, and each page shows them in its own",
            )
            continue
        if not days or bad_days:
            v.report(
                entry_keys + ("days",),
                f'"{v.name(entry_keys + ("days",))}" has '
                f"{', '.join(map(str, bad_days)) or 'no days'}",
                f"list days by their English names: {', '.join(DAYS)}",
            )
            continue
        times = {}
        for key in ("opens", "closes"):
            time = v.text_value(data, entry_keys, key, required=True)
            # closing "24:00" is midnight at the end of the day (open all day from "00:00")
            closes = key == "closes"
            if time and not is_time(time, seconds=False, end_of_day=closes):
                example = (
                    f'closes = "17:00" (or "{END_OF_DAY}" for midnight)'
                    if closes
                    else 'opens = "09:00"'
                )
                v.report(
                    entry_keys + (key,),
                    f'"{v.name(entry_keys + (key,))}" is "{time}", which is not a 24-hour time',
                    f"write it as HH:MM, for example {example}",
                )
                time = ""
            times[key] = time
        if times["opens"] and times["closes"]:
            if times["opens"] >= times["closes"]:
                v.report(
                    entry_keys,
                    f'"{v.name(entry_keys)}" closes at {times["closes"]}, not after it opens '
                    f"at {times['opens']}",
                    "check the two times; use 24-hour times such as 17:00",
                )
                continue
            result.append(Hours(tuple(days), times["opens"], times["closes"]))
    return tuple(result)


def _foreign_day(word: object, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """("Spanish", "Monday") when ``word`` is a day's name in another language."""
    if not isinstance(word, str):
        return None
    wanted = word.strip().lower()
    for code in dict.fromkeys(languages + ("es", "fr", "pt", "de", "it")):
        names = day_names(code)
        if wanted in names and code != "en":
            return english_name(code), DAYS[names.index(wanted)]
    return None


def _geo(v: _Validator, value: object, keys: KeyPath) -> Geo | None:
    if value is None:
        return None
    data = v.table(value, keys, _GEO_KEYS)
    coords = {}
    for key, limit, example in (("latitude", 90, "25.12345"), ("longitude", 180, "-80.12345")):
        number = data.get(key)
        # nan and inf are TOML numbers too, but no place on a map (and not JSON)
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, float))
            or not math.isfinite(number)
            or abs(number) > limit
        ):
            v.report(
                keys + (key,),
                f'"{v.name(keys + (key,))}" is '
                f"{_describe(number) if number is not None else 'missing'}, "
                f"but it must be a number from -{limit} to {limit}",
                f"copy it from a map, without quotes and with at least five decimals, for "
                f"example {key} = {example}",
            )
            return None
        coords[key] = float(number)
    return Geo(**coords)


def _visible(v: _Validator, value: Any, keys: KeyPath) -> Any:
    """The parsed TOML with every invisible control character taken out (and reported)."""
    if isinstance(value, dict):
        return {key: _visible(v, item, keys + (key,)) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(v, item, keys + (index,)) for index, item in enumerate(value)]
    if isinstance(value, str) and CONTROL.search(value):
        # TOML lets "\u0000" through; a page or its JSON-LD must never carry one
        v.report(
            keys,
            f'"{v.name(keys)}" holds an invisible control character '
            f"({control_codes(value)}), which would be copied into every page",
            "retype the value, or remove the \\u escape that made it",
        )
        return CONTROL.sub("", value)
    return value


def _example_phone(region: str) -> str:
    """A number of the region's plan to show how one is written (libphonenumber's own example)."""
    import phonenumbers  # see parse_phone

    fmt = phonenumbers.PhoneNumberFormat
    number = phonenumbers.example_number(region) if region else None
    if number is not None:
        return phonenumbers.format_number(number, fmt.NATIONAL)
    # no such country: a whole number with its country code
    abroad = phonenumbers.example_number("US")
    return phonenumbers.format_number(abroad, fmt.INTERNATIONAL) if abroad else "+1 201-555-0123"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "main"
