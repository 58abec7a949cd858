"""Results kept between builds (build/memo.py): reused for the same input, made anew otherwise."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from clinic.build import memo
from clinic.build.bodies import allowed, phone_links
from clinic.build.memo import Memo
from clinic.phones.results import PhoneLinks
from fixture_clinic import fixture_clinic


def _double(text: str) -> str:
    _double.calls += 1  # type: ignore[attr-defined]
    return text * 2


def test_a_result_is_reused_by_the_next_build_and_old_ones_are_dropped(tmp_path):
    _double.calls = 0  # type: ignore[attr-defined]
    first = Memo(str(tmp_path), "site")
    for text in "abcd":
        assert first.call(_double, text) == text * 2
    assert first.call(_double, "a") == "aa"
    assert _double.calls == 4
    first.save()

    second = Memo(str(tmp_path), "site")
    assert second.call(_double, "a") == "aa"
    assert _double.calls == 4  # read from the first build's file
    assert second.call(_double, "e") == "ee"
    assert _double.calls == 5
    second.save()

    with open(tmp_path / "site.pickle", "rb") as handle:
        pickle.load(handle)  # the version
        kept = pickle.load(handle)
    # what the second build used, and as many of the first build's others
    assert len(kept) == 4
    third = Memo(str(tmp_path), "site")
    assert [third.call(_double, text) for text in "ae"] == ["aa", "ee"]
    assert _double.calls == 5


def test_other_code_or_a_broken_file_starts_afresh(tmp_path, monkeypatch):
    _double.calls = 0  # type: ignore[attr-defined]
    first = Memo(str(tmp_path), "site")
    first.call(_double, "a")
    first.save()
    monkeypatch.setattr(memo, "code_version", lambda: "another version of the plugin")
    assert Memo(str(tmp_path), "site").call(_double, "a") == "aa"
    assert _double.calls == 2

    (tmp_path / "site.pickle").write_bytes(b"not a pickle")
    assert Memo(str(tmp_path), "site").call(_double, "a") == "aa"
    assert _double.calls == 3


def test_without_a_folder_nothing_is_written(tmp_path):
    kept = Memo(None, "site")
    assert kept.call(_double, "x") == "xx"
    kept.save()
    assert os.listdir(tmp_path) == []


def test_the_key_says_which_step_ran(tmp_path):
    kept = Memo(str(tmp_path), "site")
    assert kept.call(str.upper, "a") == "A"
    assert kept.call(str.lower, "A") == "a"
    assert kept.reuse(("a step", "A"), lambda: "made") == "made"
    assert kept.reuse(("a step", "A"), lambda: "never made") == "made"


KEYS = st.recursive(
    # few letters, among them those a key's encoding itself writes
    st.one_of(st.text("as1t:2", max_size=4), st.integers(-3, 3), st.none()),
    lambda inner: st.lists(inner, max_size=3).map(tuple),
    max_leaves=8,
)


@given(KEYS, KEYS)
@example(("a", "sb"), ("as", "b"))
@example("1", 1)
@example((("a",), "b"), (("a", "b"),))
def test_two_keys_share_a_result_only_when_they_are_equal(first, second):
    # ("ab", "c") and ("a", "bc"), "1" and 1, ("x",) and "x" are other inputs
    kept = Memo(None, "site")
    assert kept.reuse(first, lambda: "first") == "first"
    expected = "first" if first == second and type(first) is type(second) else "second"
    assert kept.reuse(second, lambda: "second") == expected


def test_a_file_others_may_write_is_never_read(tmp_path):
    """A pickle runs code when read: one another user could have written is skipped."""
    _double.calls = 0  # type: ignore[attr-defined]
    first = Memo(str(tmp_path), "site")
    first.call(_double, "a")
    first.save()
    os.chmod(tmp_path / "site.pickle", 0o666)
    assert Memo(str(tmp_path), "site").call(_double, "a") == "aa"
    assert _double.calls == 2
    os.chmod(tmp_path / "site.pickle", 0o644)
    os.chmod(tmp_path, 0o777)
    assert Memo(str(tmp_path), "site").call(_double, "a") == "aa"
    assert _double.calls == 3
    os.chmod(tmp_path, 0o755)
    assert Memo(str(tmp_path), "site").call(_double, "a") == "aa"
    assert _double.calls == 3  # its own, safe file again: read


def test_results_of_other_code_are_never_unpickled(tmp_path, monkeypatch):
    """Only the version is read from another version's file: its classes may be gone."""
    with open(tmp_path / "site.pickle", "wb") as handle:
        pickle.dump("an older version", handle)
        handle.write(b"\x80\x04this would not unpickle")
    os.chmod(tmp_path / "site.pickle", 0o644)
    assert Memo(str(tmp_path), "site").call(str.upper, "a") == "A"


def test_what_a_build_writes_only_its_user_may_change(tmp_path):
    old = os.umask(0o002)  # a shared-group umask, common on staff machines
    try:
        kept = Memo(str(tmp_path / "results"), "site")
        kept.call(str.upper, "a")
        kept.save()
    finally:
        os.umask(old)
    assert (tmp_path / "results" / "site.pickle").stat().st_mode & 0o022 == 0
    assert (tmp_path / "results").stat().st_mode & 0o022 == 0


def test_what_a_body_keeps_is_where_its_links_go_not_a_second_copy() -> None:
    # fiction: a made-up number in the 555-01xx range
    body = '<p>Call <em>305-555-0142</em> today, or write to <a href="/contact/">us</a>.</p>'
    found = phone_links(body, "US")
    assert found == PhoneLinks(((12, 24, "tel:+13055550142"),))
    assert found.apply(body).html == (
        '<p>Call <em><a href="tel:+13055550142">305-555-0142</a></em> today, or write to '
        '<a href="/contact/">us</a>.</p>'
    )
    # Markdown's own HTML passes the allow-list as it is: nothing is kept but "unchanged"
    assert allowed(body, "https://clinic.example.org/x/") == (None, [])
    html, refusals = allowed('<p onclick="x()">Hi</p>', "https://clinic.example.org/x/")
    assert html == "<p>Hi</p>" and len(refusals) == 1


def test_a_rebuild_shows_each_edit_of_the_profile_and_of_a_page(tmp_path: Path) -> None:
    """Kept results never stand in for an edited file: each build shows what the files say now."""
    site = fixture_clinic(tmp_path / "site")
    site.edit("content/pages/home.md", "Title: Birchwood Skin Studio", "Title: Welcome")

    def home() -> str:
        result = site.build()
        assert result.returncode == 0, result.output
        return result.page("/").read_text(encoding="utf-8")

    first = home()
    assert "Birchwood Skin Studio" in first and 'href="tel:+15035550147"' in first
    site.edit("content/clinic.toml", 'name = "Birchwood Skin Studio"', 'name = "Fernhill Skin"')
    site.edit("content/clinic.toml", 'phone = "503-555-0147"', 'phone = "503-555-0188"')
    site.edit("content/pages/home.md", "Call us to book a visit.", "Call 503-555-0199 to book.")
    second = home()
    # the old name is left only in the location's own name
    old = second.count("Birchwood Skin Studio")
    assert "Fernhill Skin" in second and old == second.count("Birchwood Skin Studio Portland")
    assert 'href="tel:+15035550188"' in second and 'href="tel:+15035550147"' not in second
    assert '<a href="tel:+15035550199">503-555-0199</a>' in second
    # and back: what the first build kept is right again
    site.edit("content/clinic.toml", 'name = "Fernhill Skin"', 'name = "Birchwood Skin Studio"')
    site.edit("content/clinic.toml", 'phone = "503-555-0188"', 'phone = "503-555-0147"')
    site.edit("content/pages/home.md", "Call 503-555-0199 to book.", "Call us to book a visit.")
    assert home() == first
