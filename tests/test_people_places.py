"""Team members, reviewers and location pages on a fictional clinic, built for real.

The clinic (tests/fixture_clinics.py) has two locations and three team
members; one of them reviews the medical pages.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project
from fixture_clinics import PEOPLE, TOML, write_clinic
from headers_server import serve_with_headers

SITE = "https://clinic.example.org"
NORTH, SOUTH = "tel:+13055550142", "tel:+13055550199"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("people") / "site")
    write_clinic(project.root)
    result = project.publish()
    assert result.returncode == 0, result.output
    return result


def _soup(result, url: str) -> BeautifulSoup:
    return BeautifulSoup(result.page(url).read_text(encoding="utf-8"), "html.parser")


def _graph(soup: BeautifulSoup) -> list[dict]:
    script = soup.find("script", type="application/ld+json")
    assert script is not None and script.string is not None, "the page has no JSON-LD"
    return json.loads(script.string)["@graph"]


def _nodes(graph: list[dict]) -> dict[str, dict]:
    return {n["@id"]: n for n in graph if "@id" in n}


def test_every_person_and_place_has_a_page_and_a_list(published):
    for url in (
        "/team/",
        "/team/alex-example/",
        "/team/sam-sample/",
        "/team/robin-test/",
        "/locations/",
        "/locations/north/",
        "/locations/south/",
    ):
        assert published.page(url).is_file(), url
    team = _soup(published, "/team/")
    assert [a.get_text() for a in team.select(".cl-card__link")] == [
        "Alex Example",
        "Robin Test",
        "Sam Sample",
    ]
    menu = [a.get_text() for a in _soup(published, "/").select(".cl-nav__list a")]
    assert "Our team" in menu and "Locations" in menu


def test_the_right_number_in_the_right_place(published):
    """A location's page, and its team's pages, call that location; others the main one."""
    for url, number in (
        ("/locations/north/", NORTH),
        ("/locations/south/", SOUTH),
        ("/team/sam-sample/", SOUTH),
        ("/team/alex-example/", NORTH),
        ("/treatments/peel/", NORTH),
        ("/", NORTH),
    ):
        page = _soup(published, url)
        assert page.select_one(".cl-header__call")["href"] == number, url
        assert page.select_one(".cl-call-bar a")["href"] == number, url
    south = _soup(published, "/locations/south/")
    assert south.select_one("main a.cl-call")["href"] == SOUTH
    # the page's name is its h1, so the location's parts are h2 (no level skipped)
    assert [h.name for h in south.select("main h1, main h2, main h3")][:3] == ["h1", "h2", "h2"]
    assert [a.get_text() for a in south.select("main .cl-card__link")] == [
        "Robin Test",
        "Sam Sample",
    ]
    assert south.select_one("main .cl-book")["href"] == "https://booking.solana.example/south"


def test_the_reviewer_is_a_linked_person_with_separate_credentials(published):
    page = _soup(published, "/treatments/peel/benefits/")
    link = page.select_one(".cl-review a[href='/team/alex-example/']")
    assert link.get_text() == "Alex Example"
    reviewed = next(n for n in _graph(page) if "reviewedBy" in n)["reviewedBy"]
    assert reviewed == {
        "@type": "Person",
        "@id": f"{SITE}/team/alex-example/#person",
        "name": "Alex Example",
        "url": f"{SITE}/team/alex-example/",
        "honorificSuffix": "MD",
    }


def test_people_are_persons_who_work_at_their_locations(published):
    nodes = _nodes(_graph(_soup(published, "/team/alex-example/")))
    alex = nodes[f"{SITE}/team/alex-example/#person"]
    assert alex["@type"] == "Person"
    assert alex["jobTitle"] == "Dermatologist"
    assert alex["knowsLanguage"] == ["English", "Spanish"]
    assert alex["worksFor"] == [{"@id": f"{SITE}/#location-north"}]
    assert alex["image"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/images/alex.png",
        "width": 300,
        "height": 400,
    }
    photo = _soup(published, "/team/alex-example/").select_one(".cl-person__photo img")
    assert (photo["width"], photo["height"], photo["alt"]) == (
        "300",
        "400",
        "A made-up portrait: a grey square",
    )


def test_each_location_has_its_own_page_address(published):
    nodes = _nodes(_graph(_soup(published, "/locations/south/")))
    assert nodes[f"{SITE}/#location-south"]["url"] == f"{SITE}/locations/south/"
    assert nodes[f"{SITE}/#location-north"]["url"] == f"{SITE}/locations/north/"
    assert nodes[f"{SITE}/#location-south"]["telephone"] == "+13055550199"


def _references(value, found: list[str]) -> list[str]:
    """Every {"@id": ...} that stands alone, anywhere in a value (written for the test)."""
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            found.append(value["@id"])
        for key, item in value.items():
            if key != "@id":
                _references(item, found)
    elif isinstance(value, list):
        for item in value:
            _references(item, found)
    return found


def _described(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        if "@id" in value and len(value) > 1:
            found.add(value["@id"])
        for item in value.values():
            _described(item, found)
    elif isinstance(value, list):
        for item in value:
            _described(item, found)
    return found


def test_every_reference_resolves_on_the_page_that_makes_it(published):
    pages = sorted(published.out_dir.rglob("*.html"))
    assert len(pages) >= 20
    for path in pages:
        graph = _graph(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        missing = set(_references(graph, [])) - _described(graph, set())
        assert not missing, (path.relative_to(published.out_dir), missing)
        named = [n for n in graph if n.get("@id") == f"{SITE}/#clinic"]
        assert named and named[0]["name"] == "Clínica Solana", path


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The same clinic as a development build: links without the site's domain."""
    project = copy_project(tmp_path_factory.mktemp("people-dev") / "site")
    write_clinic(project.root)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


def test_the_browser_reaches_each_location_and_dials_it(browser, preview):
    with serve_with_headers(preview.out_dir) as base:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        response = page.goto(base + "/locations/")
        assert response.status == 200
        for name, number in (("Clínica Solana North", NORTH), ("Clínica Solana South", SOUTH)):
            page.goto(base + "/locations/")
            page.get_by_role("link", name=name, exact=True).first.click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text() == name
            assert page.locator("a[href^='tel:']").first.get_attribute("href") == number
            assert page.locator("main a.cl-call").first.get_attribute("href") == number
        page.close()


def _dev_output(tmp_path, *, toml: str = TOML, people=PEOPLE, extra=None) -> str:
    project = copy_project(tmp_path / "site")
    write_clinic(project.root, toml=toml, people=people)
    if extra:
        extra(project)
    return project.build().output


def test_a_reviewer_that_names_no_team_member(tmp_path):
    output = _dev_output(
        tmp_path, toml=TOML.replace('reviewer = "alex-example"', 'reviewer = "ana-example"')
    )
    assert (
        'content/clinic.toml:15: The reviewer "ana-example" names no team member (there '
        "is no content/team/ana-example.md). Use a team member's file name (alex-example, "
        "robin-test, sam-sample)."
    ) in output


def test_a_reviewer_as_free_text_still_works_with_advice(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(
        project.root,
        toml=TOML.replace('reviewer = "alex-example"', 'reviewer = "Dr. Free Text, MD"'),
    )
    result = project.build()
    assert (
        'content/clinic.toml:15: The reviewer "Dr. Free Text, MD" is written as text; '
        "with a team page"
    ) in result.output
    review = (
        BeautifulSoup(result.page("/treatments/peel/").read_text(encoding="utf-8"), "html.parser")
        .select_one(".cl-review p")
        .get_text(" ", strip=True)
    )
    assert "by Dr. Free Text, MD" in review


def test_a_page_may_name_its_own_reviewer(tmp_path):
    def own(project):
        project.edit(
            "content/treatments/peel/side-effects.md",
            "Reviewed:",
            "Reviewer: sam-sample\nReviewed:",
        )

    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    own(project)
    result = project.build()
    assert result.returncode == 0, result.output
    page = BeautifulSoup(
        result.page("/treatments/peel/side-effects/").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select_one(".cl-review a")["href"] == "/team/sam-sample/"


@pytest.mark.parametrize(
    ("people", "message"),
    [
        (
            (("sam-sample", "Sam Sample", {"Locations": "south"}),),
            'content/team/sam-sample.md:4: "Role" is missing: visitors want to know what Sam '
            "Sample does. Add a line such as Role: Dermatologist to the header.",
        ),
        (
            (("sam-sample", "Sam Sample", {"Role": "Nurse", "Locations": "west"}),),
            'content/team/sam-sample.md:4: "Locations" names "west", which is not a location in '
            "clinic.toml. Use the slug of a [[locations]] section (north, south).",
        ),
        (
            (
                (
                    "sam-sample",
                    "Sam Sample",
                    {"Role": "Nurse", "Photo": "images/none.jpg", "Photo_Alt": "x"},
                ),
            ),
            'content/team/sam-sample.md:4: "Photo" is "images/none.jpg", but there is no '
            "content/images/none.jpg.",
        ),
    ],
)
def test_team_member_problems_name_the_file_and_line(tmp_path, people, message):
    toml = TOML.replace('reviewer = "alex-example"', 'reviewer = "sam-sample"')
    assert message in _dev_output(tmp_path, toml=toml, people=people)


def test_a_location_page_for_a_location_clinic_toml_does_not_have(tmp_path):
    def extra(project):
        project.write(
            "content/locations/west.md",
            "Title: West\nSummary: A made-up location page that names no location "
            "in clinic.toml at all.\n\nText.\n",
        )

    output = _dev_output(tmp_path, extra=extra)
    assert (
        'content/locations/west.md: There is no location "west" in clinic.toml for this '
        "page. Rename the file after a location's slug (north, south), or add the location "
        "to clinic.toml."
    ) in output


def test_one_location_keeps_the_contact_page_and_gets_no_list(tmp_path):
    toml = TOML.split('[[locations]]\nslug = "south"')[0]
    project = copy_project(tmp_path / "site")
    write_clinic(
        project.root,
        toml=toml,
        people=(("alex-example", "Alex Example", {"Role": "Dermatologist", "Locations": "north"}),),
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert not result.page("/locations/").exists()
    assert not result.page("/locations/north/").exists()
    assert result.page("/team/alex-example/").is_file()
