"""The home page of a fictional clinic: what it does, its actions and a picture first.

Built for real from tests/fixture_clinics.py (Clínica Solana, with booking and
a treatment photo); the home page's own ``Image:`` replaces the treatment's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import copy_project
from fixture_clinics import photo, write_clinic


def home(result) -> BeautifulSoup:
    return BeautifulSoup(result.page("/").read_text(encoding="utf-8"), "html.parser")


def test_the_home_page_leads_with_its_summary_both_actions_and_the_treatment_photo(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    result = project.build()
    assert result.returncode == 0, result.output
    intro = home(result).select_one("main .cl-intro")
    assert intro.h1.get_text() == "Welcome to a fictional clinic"
    assert "fictional clinic used in tests" in intro.select_one(".cl-lead").get_text()
    actions = [a["href"] for a in intro.select(".cl-intro__actions a")]
    assert actions == ["tel:+13055550142", "https://booking.solana.example/clinica"]
    picture = intro.select_one(".cl-intro__picture img")
    assert picture["alt"] == "A made-up picture: orange and grey stripes"
    # not shown twice: the peel's card has no picture, as it leads the page
    cards = home(result).select("#home-treatments ~ .cl-cards__list .cl-card")
    assert [bool(card.select("picture")) for card in cards] == [False, False, False]
    # on the treatments page, the peel's card shows its photo (decorative there)
    treatments = BeautifulSoup(result.page("/treatments/").read_text("utf-8"), "html.parser")
    pictured = [c.a.get_text() for c in treatments.select(".cl-card") if c.select("picture")]
    assert pictured == ["Fictional peel"]
    assert treatments.select_one(".cl-card picture img")["alt"] == ""


def test_the_home_page_may_have_its_own_picture(tmp_path):
    project = copy_project(tmp_path / "site")
    write_clinic(project.root)
    photo(project.root / "content" / "images" / "reception.jpg", (1600, 1200), (90, 140, 160))
    project.edit(
        "content/pages/home.md",
        "Summary:",
        "Image: images/reception.jpg\nImage-Alt: A made-up reception desk in blue\nSummary:",
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert "home.md" not in result.output  # the header is one the home page takes
    soup = home(result)
    img = soup.select_one(".cl-intro__picture img")
    assert img["alt"] == "A made-up reception desk in blue" and "reception" in img["src"]
    # the peel's card keeps its photo now
    cards = soup.select("#home-treatments ~ .cl-cards__list .cl-card")
    assert [bool(card.select("picture")) for card in cards] == [False, False, True]
