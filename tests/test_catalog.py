"""The catalog links treatments, their sections and conditions, and finds gaps."""

from types import SimpleNamespace

from clinic.model.catalog import Entry, breadcrumbs, build_catalog
from clinic.model.routes import route_for


def page(source, title, **metadata):
    route = route_for(source)
    return Entry(
        f"content/{source}", route, SimpleNamespace(title=title, url=route.url, metadata=metadata)
    )


def no_line(source, key):
    return 7


def peel(**overview_meta):
    return [
        page("treatments/peel/index.md", "Chemical peel", **overview_meta),
        page("treatments/peel/aftercare.md", "Aftercare"),
        page("treatments/peel/candidacy.md", "Who it suits"),
        page("treatments/peel/side-effects.md", "Side effects"),
        page("treatments/peel/recovery-time.md", "Recovery"),
        page("treatments/peel/benefits.md", "Benefits"),
    ]


def test_sections_follow_reading_order_then_file_name():
    catalog, problems = build_catalog(peel(), no_line)
    assert problems == []
    treatment = catalog.treatment("peel")
    assert [s.slug for s in treatment.sections] == [
        "overview",
        "benefits",
        "side-effects",
        "candidacy",
        "aftercare",
        "recovery-time",
    ]
    assert [s.label for s in treatment.sections][-1] == "Recovery time"
    first, second = treatment.sections[:2]
    assert treatment.neighbours(first) == (None, second)


def test_links_run_both_ways_from_either_side():
    entries = peel(conditions="Acne-Scars") + [
        page("conditions/acne-scars.md", "Acne scars"),
        page("conditions/melasma.md", "Melasma", treatments="peel"),
    ]
    catalog, problems = build_catalog(entries, no_line)
    assert problems == []
    treatment = catalog.treatment("peel")
    assert [c.slug for c in treatment.conditions] == ["acne-scars", "melasma"]
    assert [t.slug for t in catalog.condition("melasma").treatments] == ["peel"]
    assert [t.slug for t in catalog.condition("acne-scars").treatments] == ["peel"]


def test_unknown_references_are_named_with_the_known_choices():
    entries = peel(conditions="rosacea") + [
        page("conditions/melasma.md", "Melasma", treatments="laser")
    ]
    _, problems = build_catalog(entries, no_line)
    assert [str(p) for p in problems] == [
        'content/treatments/peel/index.md:7: "Conditions" names the condition "rosacea", but '
        "there is no content/conditions/rosacea.md. Use the condition's file name (melasma), "
        "or add the condition first.",
        'content/conditions/melasma.md:7: "Treatments" names the treatment "laser", but there '
        "is no content/treatments/laser/. Use the treatment's file name (peel), or add the "
        "treatment first.",
    ]


def test_missing_overview_and_sections_are_reported_per_treatment():
    entries = [page("treatments/laser/benefits.md", "Benefits")]
    _, problems = build_catalog(entries, no_line)
    assert [str(p) for p in problems] == [
        "content/treatments/laser/: This treatment has no overview page (index.md). Add "
        "content/treatments/laser/index.md with Title, Summary and the treatment's facts.",
        "content/treatments/laser/: This treatment has no side-effects.md, and every treatment "
        "needs benefits, side effects and candidacy pages. Add "
        "content/treatments/laser/side-effects.md with Title, Summary and Reviewed.",
        "content/treatments/laser/: This treatment has no candidacy.md, and every treatment "
        "needs benefits, side effects and candidacy pages. Add "
        "content/treatments/laser/candidacy.md with Title, Summary and Reviewed.",
    ]


def test_procedure_type_must_be_one_search_engines_know():
    _, problems = build_catalog(peel(**{"procedure-type": "Laser"}), no_line)
    assert [str(p) for p in problems] == [
        'content/treatments/peel/index.md:7: "Procedure-Type" is "Laser", which is not a '
        "procedure type search engines know. Write one of: Noninvasive, Percutaneous, Surgical."
    ]


def test_facts_keep_their_order_and_skip_empty_ones():
    catalog, _ = build_catalog(peel(sessions="3", downtime="", interval="2 weeks"), no_line)
    assert catalog.treatment("peel").facts == [
        ("sessions", "Sessions", "3"),
        ("interval", "Time between sessions", "2 weeks"),
    ]


def test_breadcrumbs_follow_the_site_structure():
    entries = peel() + [
        page("pages/treatments.md", "Our treatments"),
        page("pages/home.md", "Welcome"),
    ]
    catalog, _ = build_catalog(entries, no_line)
    aftercare = entries[1]
    assert breadcrumbs(aftercare.route, aftercare.page, catalog) == [
        ("Home", ""),
        ("Our treatments", "treatments/"),
        ("Chemical peel", "treatments/peel/"),
        ("Aftercare", "treatments/peel/aftercare/"),
    ]
    home = entries[-1]
    assert breadcrumbs(home.route, home.page, catalog) == []


def test_a_required_page_kept_as_a_draft_is_named_as_a_draft():
    entries = [e for e in peel() if not e.source.endswith(("benefits.md", "index.md"))]
    drafts = {"content/treatments/peel/benefits.md", "content/treatments/peel/index.md"}
    _, problems = build_catalog(entries, no_line, drafts)
    assert [str(p) for p in problems] == [
        "content/treatments/peel/index.md:7: This page is a draft (Status: draft), so the "
        "treatment has no published overview page. Remove the line Status: draft to "
        "publish it.",
        "content/treatments/peel/benefits.md:7: This page is a draft (Status: draft), so the "
        "treatment has no published benefits page, and every treatment needs benefits, side "
        "effects and candidacy pages. Remove the line Status: draft to publish it.",
    ]
