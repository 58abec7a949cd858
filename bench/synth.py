"""A synthetic clinic site of a chosen size, written with the real content contract.

``generate(root, pages)`` writes ``root/content/`` as staff would: a
``clinic.toml`` with several locations, treatments with the four required
sections and one more, conditions that name treatments, plain pages and blog
posts.  Most pages are treatment pages written like real ones: every section
is four question headings (``## How long does it take?``), each answered by
a paragraph with the clinic's phone number in it, with lists and
``{filename}`` links to the treatment's other sections and to conditions.
Every page has a Summary of 50 to 160 characters and medical pages a recent
``Reviewed:`` date, so the build reports no problems: the benchmark measures
a clean build, as a clinic would run it.  Every treatment overview has a
photo on top (``Image:`` and ``Image-Alt:``), drawn from a pool of photos of
a phone camera's size in ``content/images/`` (``photo()``), and every
location has its page as a file, so plain Pelican builds the same pages.

``hugo_copy(content, site)`` converts the same Markdown for Hugo (YAML front
matter, ``{filename}`` links turned into addresses) with a minimal config
and layouts, so both generators read the same text.

Deterministic: the same size, seed and date give the same files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from dataclasses import dataclass

# -- vocabulary -------------------------------------------------------------

TREATMENTS = [
    "Microneedling",
    "Chemical peel",
    "Laser resurfacing",
    "Microdermabrasion",
    "Hydrafacial",
    "Light therapy",
    "Radiofrequency tightening",
    "Cryotherapy",
    "Dermaplaning",
    "Intense pulsed light",
    "Laser hair removal",
    "Mole check",
    "Skin biopsy",
    "Acne extraction",
    "Platelet-rich plasma",
    "Vitamin infusion facial",
    "Tattoo removal",
    "Scar revision",
    "Wart removal",
    "Patch testing",
]
AREAS = [
    "face",
    "neck",
    "hands",
    "chest",
    "back",
    "arms",
    "legs",
    "scalp",
    "under-eye area",
    "jawline",
    "shoulders",
    "feet",
]
CONDITIONS = [
    "Hyperpigmentation",
    "Acne scars",
    "Melasma",
    "Rosacea",
    "Eczema",
    "Psoriasis",
    "Sun damage",
    "Fine lines",
    "Enlarged pores",
    "Uneven skin texture",
    "Dark circles",
    "Age spots",
    "Stretch marks",
    "Keloids",
    "Warts",
    "Skin tags",
    "Hair loss",
    "Excess hair",
    "Dry skin",
    "Oily skin",
    "Contact dermatitis",
    "Seborrheic keratosis",
    "Vitiligo",
    "Cold sores",
    "Hives",
]
TOPICS = [
    "sunscreen",
    "skin care at home",
    "your first consultation",
    "choosing a treatment",
    "healing after a session",
    "summer skin",
    "winter skin",
    "products that help",
    "myths about skin",
    "what to ask your clinician",
]
EXTRA_SECTIONS = ("preparation", "aftercare", "results", "faq")
PLAIN_PAGES = [
    "about",
    "team",
    "insurance",
    "financing",
    "first-visit",
    "faq",
    "careers",
    "gift-cards",
    "patient-forms",
    "parking",
    "telehealth",
    "referrals",
]
CITIES = [
    ("Port Alder", "FL", "33134", "786-555-0134", 25.72145, -80.26837),  # made up
    ("Miami Beach", "FL", "33139", "305-443-1180", 25.79062, -80.13005),
    ("Kendall", "FL", "33156", "305-661-2207", 25.67928, -80.31728),
    ("Fort Lauderdale", "FL", "33301", "954-522-3391", 26.12231, -80.13731),
    ("West Palm Beach", "FL", "33401", "561-833-4470", 26.71534, -80.05337),
    ("Orlando", "FL", "32801", "407-841-2290", 28.53834, -81.37924),
    ("Tampa", "FL", "33602", "813-253-3312", 27.95058, -82.45718),
    ("Jacksonville", "FL", "32202", "904-630-1175", 30.33218, -81.65565),
]

# More towns for a chain: (name, area code, postal code prefix, latitude, longitude).
MORE_TOWNS = [
    ("Hialeah", "305", "330", 25.85763),
    ("Doral", "305", "331", 25.81954),
    ("Aventura", "305", "331", 25.95648),
    ("Homestead", "786", "330", 25.46872),
    ("Hollywood", "954", "330", 26.01120),
    ("Pembroke Pines", "954", "330", 26.00315),
    ("Coral Springs", "954", "330", 26.27119),
    ("Pompano Beach", "954", "330", 26.23786),
    ("Boca Raton", "561", "334", 26.36831),
    ("Delray Beach", "561", "334", 26.46146),
    ("Boynton Beach", "561", "334", 26.52535),
    ("Jupiter", "561", "334", 26.93422),
    ("Port St. Lucie", "772", "349", 27.27306),
    ("Vero Beach", "772", "329", 27.63864),
    ("Melbourne", "321", "329", 28.08363),
    ("Daytona Beach", "386", "321", 29.21081),
    ("Kissimmee", "407", "347", 28.29196),
    ("Sanford", "407", "327", 28.80055),
    ("Winter Park", "407", "327", 28.59999),
    ("Lakeland", "863", "338", 28.03947),
    ("Clearwater", "727", "337", 27.96585),
    ("St. Petersburg", "727", "337", 27.76758),
    ("Sarasota", "941", "342", 27.33643),
    ("Bradenton", "941", "342", 27.49894),
    ("Fort Myers", "239", "339", 26.64063),
    ("Naples", "239", "341", 26.14204),
    ("Cape Coral", "239", "339", 26.56285),
    ("Gainesville", "352", "326", 29.65163),
    ("Ocala", "352", "344", 29.18720),
    ("Tallahassee", "850", "323", 30.43826),
    ("Pensacola", "850", "325", 30.42131),
    ("Panama City", "850", "324", 30.15881),
    ("St. Augustine", "904", "320", 29.90122),
    ("Palm Coast", "386", "321", 29.58497),
    ("Brandon", "813", "335", 27.93780),
    ("Wesley Chapel", "813", "335", 28.23973),
    ("Key West", "305", "330", 24.55554),
    ("Miramar", "954", "330", 25.98731),
    ("Weston", "954", "333", 26.10037),
    ("Palm Beach Gardens", "561", "334", 26.82339),
    ("Stuart", "772", "349", 27.19755),
    ("Venice", "941", "342", 27.09978),
]


def cities(count: int) -> list[tuple]:
    """``count`` locations (town, state, postal code, phone, latitude, longitude).

    The first eight are written out; a chain gets more Florida towns, with
    phone numbers that libphonenumber accepts as valid US numbers.
    """
    import phonenumbers

    out = list(CITIES[:count])
    for index, (town, area, postal, lat) in enumerate(MORE_TOWNS):
        if len(out) >= count:
            break
        for step in range(20):
            phone = f"{area}-{231 + index * 7 + step:03d}-{1000 + index * 137:04d}"
            if phonenumbers.is_valid_number(phonenumbers.parse(phone, "US")):
                break
        out.append(
            (town, "FL", f"{postal}{10 + index:02d}", phone, lat, round(-80.1 - index * 0.0371, 5))
        )
    if len(out) < count:
        raise ValueError(f"at most {len(CITIES) + len(MORE_TOWNS)} locations")
    return out


SENTENCES = [
    "Our team will talk you through every step before you decide.",
    "Results are different for everyone, and they build up over time.",
    "Most people go back to their normal day soon after a session.",
    "Your skin may feel tight or look a little red for a day or two.",
    "Wear sunscreen every day, even when it is cloudy, because your skin is more sensitive.",
    "Tell us about any medicines you take, including creams you put on your skin.",
    "A consultation helps you and our team decide what suits your skin.",
    "We will check your skin first and explain what we see in plain words.",
    "Bring a list of questions, so you do not forget anything on the day.",
    "It is normal to have questions, and no question is too small.",
    "Drink water and keep your skin moisturized while it heals.",
    "Avoid hot baths, saunas and hard exercise for a day after a session.",
    "Some people notice a change after the first session, and more after each one.",
    "If something does not feel right, you do not need to wait or guess.",
    "This is not a quick fix, and it works best as part of a plan.",
    "Gentle products are best while your skin settles down.",
    "We keep a record of each session, so we can see how your skin responds.",
    "You can stop at any time, and we will help you plan what comes next.",
]
QUESTIONS = [
    "How long does it take?",
    "Does it hurt?",
    "How many sessions will I need?",
    "When will I see results?",
    "What should I do before my appointment?",
    "What should I do afterwards?",
    "Who should not have it?",
    "Is it safe for my skin type?",
    "How much does it cost?",
    "Can I wear makeup afterwards?",
    "What happens at the consultation?",
    "When should I call the clinic?",
]
EFFECTS = [
    "redness",
    "mild swelling",
    "tightness",
    "dryness or flaking",
    "small bruises",
    "itching while the skin heals",
    "a warm feeling, like mild sunburn",
    "sensitivity to the sun",
]
CAUSES = [
    "sun exposure",
    "hormonal changes",
    "your genes",
    "stress",
    "some medicines",
    "aging",
    "skin injuries, such as cuts or acne",
]
THINGS = [
    "a gentle cleanser",
    "a fragrance-free moisturizer",
    "a broad-spectrum sunscreen",
    "a list of your medicines",
    "photos of your skin from before",
    "your questions, written down",
]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _named(bases: list[str], areas: list[str], count: int, joiner: str = "for the"):
    """``count`` unique (title, slug) pairs: each base, then base + area, then numbered."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    rounds = 0
    while len(out) < count:
        for area in [""] + areas:
            for base in bases:
                if len(out) >= count:
                    break
                title = f"{base} {joiner} {area}" if area else base
                if rounds:
                    title = f"{title} ({rounds + 1})"
                slug = slugify(title)
                if slug not in seen:
                    seen.add(slug)
                    out.append((title, slug))
        rounds += 1
    return out


@dataclass(frozen=True)
class Plan:
    """How many of each kind of source a site of ``pages`` pages has."""

    pages: int
    locations: int
    treatments: int  # each has 5 pages
    conditions: int
    articles: int
    plain: int  # pages/ and locations/ files: the 7 fixed ones and the locations' included
    photos: int = 0  # distinct photos under content/images/

    @property
    def total(self) -> int:
        return self.treatments * 5 + self.conditions + self.articles + self.plain


FIXED_PAGES = ("home", "contact", "treatments", "conditions", "404", "privacy", "accessibility")
# Distinct photos the treatments' heroes are drawn from (one per treatment up
# to this many, then reused): each is a 3000x2000 JPEG of about 2 MB, as a
# phone takes it, and the first build encodes each into nine files.
PHOTOS = 12
PHOTO_SIZE = (3000, 2000)


def plan(
    pages: int,
    *,
    locations: int = 4,
    max_treatments: int | None = None,
    photos: int | None = None,
) -> Plan:
    """The shape of a clinic site with ``pages`` sources.

    Four pages in five are treatment pages (five each: the overview and four
    sections), the pages a clinic's site is made of and the ones the plugin
    does most for; ``max_treatments`` caps them (a chain of 40 treatments
    grows by its blog and its plain pages instead).  Conditions: a tenth of
    the pages, at most three per treatment; of the rest, two in seven are
    plain pages (at least the fixed ones and, with several locations, a page
    for each location and their list) and the others blog posts.
    """
    if pages < 20:
        raise ValueError("a synthetic site needs at least 20 pages")
    treatments = max(1, pages * 80 // 100 // 5)
    if max_treatments is not None:
        treatments = min(treatments, max_treatments)
    fewest_plain = len(FIXED_PAGES) + _location_pages(locations)
    # fewer conditions on a small site, so that one blog post still fits
    room = pages - treatments * 5 - fewest_plain - 1
    conditions = max(2, min(pages * 10 // 100, 3 * treatments, room))
    rest = pages - treatments * 5 - conditions
    plain = max(fewest_plain, rest * 2 // 7)
    articles = rest - plain
    if articles < 1:
        raise ValueError(f"{pages} pages leave no blog post beside {treatments} treatments")
    photos = min(treatments, PHOTOS) if photos is None else photos
    return Plan(pages, locations, treatments, conditions, articles, plain, photos)


def _location_pages(locations: int) -> int:
    """Each location's page and their list: the plugin makes them when no file does."""
    return locations + 1 if locations > 1 else 0


# -- writing ------------------------------------------------------------------


class _Writer:
    def __init__(self, content: str, seed: int, today: dt.date):
        self.content = content
        self.rng = random.Random(seed)
        self.today = today

    def write(self, rel: str, header: dict[str, str], body: str) -> None:
        path = os.path.join(self.content, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        lines = [f"{key}: {value}" for key, value in header.items()]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n\n" + body.strip() + "\n")

    def reviewed(self) -> str:
        return (self.today - dt.timedelta(days=self.rng.randint(7, 200))).isoformat()

    def sentences(self, count: int) -> str:
        return " ".join(self.rng.sample(SENTENCES, count))

    def paragraph(self, lead: str, phone: str | None = None) -> str:
        text = f"{lead} {self.sentences(self.rng.randint(2, 3))}"
        if phone:
            text += f" Call us at {phone} if you have a question."
        return text

    def bullets(self, lead: str, items: list[str] = EFFECTS) -> str:
        items = self.rng.sample(items, self.rng.randint(3, 5))
        return lead + "\n\n" + "\n".join(f"- {item}" for item in items)

    def questions(self, count: int, phone: str, link: str) -> str:
        """Question headings with answers; one answer has the phone, one a link."""
        parts = []
        for i, question in enumerate(self.rng.sample(QUESTIONS, count)):
            answer = self.paragraph(
                "It depends on your skin, and we will tell you at your consultation.",
                phone if i == count - 1 else None,
            )
            if i == 0:
                answer += f" You can also read {link}."
            if i == 1:
                answer += "\n\n" + self.bullets("Some people notice:")
            parts.append(f"## {question}\n\n{answer}")
        return "\n\n".join(parts)

    def answers(self, count: int, phone: str, links: list[str]) -> str:
        """Question headings, each answered by a paragraph with the phone number.

        The first answers end with a link each (``links``), the second has a list.
        """
        parts = []
        for i, question in enumerate(self.rng.sample(QUESTIONS, count)):
            answer = self.paragraph(
                "It depends on your skin, and we will tell you at your consultation.", phone
            )
            if i < len(links):
                answer += f" You can also read {links[i]}."
            if i == 1:
                answer += "\n\n" + self.bullets("Some people notice:")
            parts.append(f"## {question}\n\n{answer}")
        return "\n\n".join(parts)


def summary(text: str) -> str:
    """A Summary line between 50 and 160 characters."""
    text = " ".join(text.split())
    if len(text) > 160:
        text = text[:157].rsplit(" ", 1)[0] + "..."
    if len(text) < 50:
        text += " Read what to expect and how our team can help."
    assert 50 <= len(text) <= 160, text
    return text


def generate(
    root: str,
    pages: int,
    *,
    locations: int = 4,
    max_treatments: int | None = None,
    photos: int | None = None,
    seed: int = 1,
    today: dt.date | None = None,
) -> Plan:
    """Write ``root/content/`` with ``pages`` Markdown sources; return the plan.

    ``photos``: how many distinct photos the treatments' heroes share
    (default: one per treatment, at most ``PHOTOS``; 0 for none).
    """
    today = today or dt.date.today()
    p = plan(pages, locations=locations, max_treatments=max_treatments, photos=photos)
    content = os.path.join(root, "content")
    w = _Writer(content, seed, today)
    places = cities(p.locations)
    phones = [city[3] for city in places]
    _write_profile(content, places)
    pictures = [f"images/photo-{n + 1:02d}.jpg" for n in range(p.photos)]
    for n, rel in enumerate(pictures):
        photo(os.path.join(content, rel), seed * 1000 + n)

    treatments = _named(TREATMENTS, AREAS, p.treatments)
    conditions = _named(CONDITIONS, AREAS, p.conditions, "on the")
    # Each treatment names two conditions; every fifth condition names a treatment back.
    for index, (title, slug) in enumerate(treatments):
        named = [conditions[(index * 2 + k) % len(conditions)][1] for k in range(2)]
        extra = EXTRA_SECTIONS[index % len(EXTRA_SECTIONS)]
        picture = pictures[index % len(pictures)] if pictures else None
        _write_treatment(w, title, slug, named, extra, phones[index % len(phones)], picture)
    for index, (title, slug) in enumerate(conditions):
        named = [treatments[(index // 2) % len(treatments)][1]] if index % 5 == 0 else []
        link = treatments[(index // 2) % len(treatments)]
        _write_condition(w, title, slug, named, link, phones[index % len(phones)])
    for index in range(p.articles):
        treatment = treatments[index % len(treatments)]
        condition = conditions[index % len(conditions)]
        _write_article(w, index, treatment, condition, phones[index % len(phones)])
    _write_pages(w, p, places, treatments, conditions)
    return p


def _write_profile(content: str, locations) -> None:
    os.makedirs(content, exist_ok=True)
    lines = [
        "[clinic]",
        'name = "SunCoast Skin"',
        'description = "Skin clinics across Florida offering consultations, medical dermatology '
        'and skin treatments, explained in plain language."',
        'specialty = "Dermatology"',
        'language = "en"',
        # no price_range: with several locations the plugin reports it on the
        # organisation node (see docs/performance.md), and a clean build is wanted
        "",
        "[links]",
        "profiles = []",
        "",
        "[review]",
        "interval_months = 12",
        'reviewer = "Dr. Ana Rivera, MD, board-certified dermatologist"',
    ]
    for city, region, postal, phone, lat, lon in locations:
        # five decimal places, the last not 0, as search engines ask of map positions
        lat, lon = (f"{v:.5f}"[:-1] + (f"{v:.5f}"[-1].replace("0", "1")) for v in (lat, lon))
        lines += [
            "",
            "[[locations]]",
            f'slug = "{slugify(city)}"',
            f'name = "SunCoast Skin {city}"',
            f'phone = "{phone}"',
            "hours = [",
            '  { days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], '
            'opens = "09:00", closes = "17:00" },',
            '  { days = ["Saturday"], opens = "10:00", closes = "14:00" },',
            "]",
            "",
            "[locations.address]",
            f'street = "{100 + len(city) * 7} Main Street"',
            f'locality = "{city}"',
            f'region = "{region}"',
            f'postal_code = "{postal}"',
            'country = "US"',
            "",
            "[locations.geo]",
            f"latitude = {lat}",
            f"longitude = {lon}",
        ]
    with open(os.path.join(content, "clinic.toml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def photo(path: str, seed: int, size: tuple[int, int] = PHOTO_SIZE) -> None:
    """A JPEG that compresses like a photo: smooth colour, some texture and sensor grain.

    Neither flat (which would encode in no time to a few bytes) nor pure
    noise (which no photo is): about 2 MB at 3000x2000, and its 1080 px
    AVIF about 45 KB, as a photo of a face or a room would be.
    """
    from PIL import Image, ImageChops  # only the sites with photos need Pillow

    rng = random.Random(seed)
    width, height = size
    field = Image.frombytes("RGB", (12, 8), rng.randbytes(12 * 8 * 3))
    detail = (width // 24, height // 24)
    texture = Image.frombytes("RGB", detail, rng.randbytes(detail[0] * detail[1] * 3))
    base = Image.blend(
        field.resize(size, Image.Resampling.BICUBIC),
        texture.resize(size, Image.Resampling.BILINEAR),
        0.3,
    )
    grain = Image.frombytes("L", size, rng.randbytes(width * height)).point(lambda v: v // 10)
    picture = ImageChops.add(base, Image.merge("RGB", (grain,) * 3), 1.0, -12)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    picture.save(path, "JPEG", quality=90)


def _write_treatment(
    w: _Writer,
    title: str,
    slug: str,
    conditions: list[str],
    extra: str,
    phone: str,
    picture: str | None = None,
) -> None:
    """An overview and four sections, each four questions answered with the phone number."""
    base = f"treatments/{slug}"
    name = title[0].lower() + title[1:]

    def link(section: str, text: str) -> str:
        return f"[{text}]({{filename}}/{base}/{section}.md)"

    def condition(slug: str) -> str:
        return f"[{slug.replace('-', ' ')}]({{filename}}/conditions/{slug}.md)"

    overview = "\n\n".join(
        [
            w.paragraph(
                f"{title} is a skin treatment we offer at every location. It can help "
                f"with {condition(conditions[0])} and {condition(conditions[1])}."
            ),
            w.answers(
                4,
                phone,
                [
                    link("side-effects", f"the side effects of {name}"),
                    link("candidacy", f"who {name} may suit"),
                ],
            ),
            w.bullets("It helps to have at home:", THINGS),
        ]
    )
    w.write(
        f"{base}/index.md",
        {
            "Title": title,
            "Summary": summary(
                f"{title} helps your skin renew itself. Read how it works, how "
                "many sessions you may need and what to expect."
            ),
            "Reviewed": w.reviewed(),
            "Procedure-Type": ("Noninvasive", "Percutaneous", "Surgical")[len(slug) % 3],
            "Body-Location": "Face",
            "Sessions": "3 to 6",
            "Interval": "4 to 6 weeks",
            "Downtime": "None to 2 days",
            "Results": "Improvement may show after the first session",
            "Device": "A medical-grade device",
            "Conditions": ", ".join(conditions),
            **(
                {"Image": picture, "Image-Alt": f"{title} at one of our clinics"} if picture else {}
            ),
        },
        overview,
    )
    sections = {
        "benefits": (f"Benefits of {name}", "may help with several skin concerns"),
        "side-effects": (
            f"Side effects of {name}",
            "can cause redness or swelling for a short time",
        ),
        "candidacy": (f"Is {name} right for me?", "suits many people, but not everyone"),
        extra: (f"{extra.capitalize()}: {name}", "goes best when you know what to expect"),
    }
    for section, (heading, gist) in sections.items():
        body = "\n\n".join(
            [
                w.paragraph(f"{title} {gist}. Read about {condition(conditions[1])} too."),
                w.answers(
                    4,
                    phone,
                    [
                        f"the {link('index', f'{name} overview')}",
                        f"{link('benefits', 'the possible benefits')}",
                    ],
                ),
            ]
        )
        w.write(
            f"{base}/{section}.md",
            {
                "Title": heading,
                "Summary": summary(
                    f"{title} {gist}. Read the details, with answers to common questions."
                ),
                "Reviewed": w.reviewed(),
            },
            body,
        )


def _write_condition(
    w: _Writer, title: str, slug: str, treatments: list[str], link, phone: str
) -> None:
    header = {
        "Title": title,
        "Summary": summary(
            f"{title}: what it is, what causes it and how treatment at our clinic may help."
        ),
        "Reviewed": w.reviewed(),
    }
    if treatments:
        header["Treatments"] = ", ".join(treatments)
    t_title, t_slug = link
    body = "\n\n".join(
        [
            w.paragraph(f"{title} is a common skin concern, and many people ask us about it."),
            f"## What causes {title.lower()}?",
            w.bullets("Many things can play a part, including:", CAUSES),
            w.questions(
                3, phone, f"about [{t_title.lower()}]({{filename}}/treatments/{t_slug}/index.md)"
            ),
        ]
    )
    w.write(f"conditions/{slug}.md", header, body)


def _write_article(w: _Writer, index: int, treatment, condition, phone: str) -> None:
    topic = TOPICS[index % len(TOPICS)]
    title = f"{topic[0].upper()}{topic[1:]}: notes on {condition[0].lower()} ({index + 1})"
    date = w.today - dt.timedelta(days=3 + index % 700)
    body = "\n\n".join(
        [
            w.paragraph(
                f"This post is about {topic}, and what it means for {condition[0].lower()}."
            ),
            w.questions(
                4,
                phone,
                f"our page on [{condition[0].lower()}]({{filename}}/conditions/{condition[1]}.md)",
            ),
            w.paragraph(
                f"If you are thinking about [{treatment[0].lower()}]({{filename}}/"
                f"treatments/{treatment[1]}/index.md), a consultation is the first step."
            ),
        ]
    )
    w.write(
        f"articles/{slugify(topic)}-{index + 1}.md",
        {
            "Title": title,
            "Date": date.isoformat(),
            "Summary": summary(
                f"A short read on {topic} and {condition[0].lower()}, with "
                "answers to the questions patients ask us most."
            ),
            "Author": "SunCoast Skin team",
        },
        body,
    )


def _write_pages(w: _Writer, p: Plan, locations, treatments, conditions) -> None:
    phone = locations[0][3]
    first_t, first_c = treatments[0], conditions[0]
    intro = {
        "home": (
            "Skin care across Florida",
            "Skin treatments and medical dermatology in "
            "Florida. Every plan starts with a consultation.",
        ),
        "contact": (
            "Contact us",
            f"Call {phone} to ask a question or book a consultation at one of our skin clinics.",
        ),
        "treatments": (
            "Treatments",
            "Skin treatments at our clinics. Read how each one works and what to expect.",
        ),
        "conditions": (
            "Skin conditions",
            "Read about common skin concerns, what causes them and how treatment may help.",
        ),
        "404": (
            "Page not found",
            "Sorry, we could not find that page. It may have moved. "
            "Try the home page or our treatments page.",
        ),
        "privacy": (
            "Privacy",
            "This website sets no cookies and runs no tracking. Here is what that means for you.",
        ),
        "accessibility": (
            "Accessibility",
            "We want everyone to be able to use this website. Here is what we aim for.",
        ),
    }
    if p.locations > 1:
        # The plugin makes these pages when no file does; as files, plain
        # Pelican builds them too, so both builds write the same pages.
        for city, region, _postal, number, _lat, _lon in locations:
            gist = f"Our skin clinic in {city}, {region}: how to find us and when we are open."
            w.write(
                f"locations/{slugify(city)}.md",
                {"Title": f"SunCoast Skin {city}", "Summary": summary(gist)},
                w.paragraph(f"{gist} Parking is free for patients.", number),
            )
        w.write(
            "pages/locations.md",
            {"Title": "Locations", "Summary": summary("Our skin clinics across Florida.")},
            w.paragraph("Choose the clinic nearest to you.", phone),
        )
    names = list(FIXED_PAGES)
    plain = p.plain - _location_pages(p.locations)
    extra = plain - len(FIXED_PAGES)
    titles = {}
    for title, slug in _named(
        [n.replace("-", " ").capitalize() for n in PLAIN_PAGES],
        [c[0] for c in locations],
        max(0, extra),
        "in",
    ):
        names.append(slug)
        titles[slug] = title
    for name in names[:plain]:
        title, gist = intro.get(
            name,
            (
                titles.get(name, name),
                f"{titles.get(name, name)}: "
                "what you need to know before your visit to our "
                "clinics.",
            ),
        )
        body = "\n\n".join(
            [
                w.paragraph(f"{gist}", phone if name in ("contact", "home") else None),
                w.questions(
                    2,
                    phone,
                    f"about [{first_t[0].lower()}]({{filename}}/treatments/"
                    f"{first_t[1]}/index.md) or [{first_c[0].lower()}]"
                    f"({{filename}}/conditions/{first_c[1]}.md)",
                ),
                w.bullets("What to bring:", THINGS),
            ]
        )
        w.write(f"pages/{name}.md", {"Title": title, "Summary": summary(gist)}, body)


# -- the same Markdown for Hugo -------------------------------------------------

_LINK = re.compile(r"\{filename\}/?([^)\s]+)\.md")
_HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "en-us"
title = "SunCoast Skin"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
[markup.goldmark.renderer]
unsafe = false
"""
_HUGO_SINGLE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title><meta name="description" content="{{ .Params.summary }}">
</head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
_HUGO_HOME = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><h1>{{ .Site.Title }}</h1></body></html>
"""


def _hugo_url(rel: str) -> str:
    """The address Hugo gives a converted source (``treatments/x/index`` -> ``/treatments/x/``)."""
    return "/" + (rel[: -len("index")] if rel.endswith("/index") else rel + "/")


def hugo_copy(content: str, site: str) -> int:
    """Write a Hugo site in ``site`` from Pelican Markdown in ``content``; return the page count.

    ``Key: value`` headers become YAML front matter (JSON strings are valid
    YAML).  A treatment's ``index.md`` would make its folder a Hugo bundle
    that hides the other sections, so it is renamed and keeps its address
    through ``url``.
    """
    count = 0
    for folder, name, text in (
        (site, "hugo.toml", _HUGO_CONFIG),
        (os.path.join(site, "layouts", "_default"), "single.html", _HUGO_SINGLE),
        (os.path.join(site, "layouts"), "index.html", _HUGO_HOME),
    ):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    for root, _, files in os.walk(content):
        for name in files:
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(root, name), content).replace(os.sep, "/")
            with open(os.path.join(root, name), encoding="utf-8") as handle:
                header, _, body = handle.read().partition("\n\n")
            meta = {}
            for line in header.splitlines():
                key, _, value = line.partition(":")
                meta[key.strip().lower()] = value.strip()
            stem = rel[:-3]
            target = rel
            if name == "index.md":
                meta["url"] = _hugo_url(stem)
                target = rel[: -len("index.md")] + "overview.md"
            body = _LINK.sub(lambda m: _hugo_url(m.group(1)), body)
            front = "\n".join(
                f"{key}: {json.dumps(value)}" for key, value in meta.items() if key != "date"
            )
            if "date" in meta:
                front += f"\ndate: {meta['date']}"
            path = os.path.join(site, "content", target)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(f"---\n{front}\n---\n\n{body}")
            count += 1
    return count


if __name__ == "__main__":  # python bench/synth.py DIR PAGES
    import sys

    made = generate(sys.argv[1], int(sys.argv[2]))
    print(made, "sources:", made.total)
