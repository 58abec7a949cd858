"""Locating metadata lines in Markdown and keys in TOML."""

from clinic.model.header import header_end, scan_header
from clinic.model.tomlpos import key_lines, line_of


def test_header_keys_with_lines_stop_at_the_blank_line():
    text = "\ufeffTitle: Peel\nSummary: A long\n    continued summary\nReviewed:\n\nBody: not meta\n"
    fields = scan_header(text)
    assert {k: (f.value, f.line) for k, f in fields.items()} == {
        "title": ("Peel", 1), "summary": ("A long", 2), "reviewed": ("", 4)}
    assert header_end(text) == 5


def test_toml_keys_follow_tables_and_arrays_of_tables():
    text = (
        "[clinic]\nname = 'x'\n\n[[locations]]\nname = 'a'\nhours = [\n"
        "  { days = ['Monday'] },\n  { days = ['Friday'] },\n]\n[locations.address]\n"
        "street = ''\n\n[[locations]]\nname = 'b'\n[locations.address]\nstreet = 'c'\n"
    )
    lines = key_lines(text)
    assert lines[("clinic", "name")] == 2
    assert lines[("locations", 0, "hours", 1)] == 8
    assert lines[("locations", 0, "address", "street")] == 11
    assert lines[("locations", 1, "address", "street")] == 16
    # a key that is not written is placed at its parent, where it should be added
    assert line_of(text, ("locations", 1, "address", "postal_code")) == 15
    assert line_of(text, ("review", "reviewer")) is None
