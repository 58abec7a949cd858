"""Locating metadata lines in Markdown and keys in TOML."""

from hypothesis import given
from hypothesis import strategies as st

from clinic.build.sources import SourceFiles
from clinic.model.header import header_end, scan_header
from clinic.model.lines import line_at
from clinic.model.tomlpos import key_lines, line_of
from clinic.rules.body import PLACEHOLDER, placeholder_lines


def test_header_keys_with_lines_stop_at_the_blank_line():
    text = (
        "\ufeffTitle: Peel\nSummary: A long\n    continued summary\nReviewed:\n\nBody: not meta\n"
    )
    fields = scan_header(text)
    assert {k: (f.value, f.line) for k, f in fields.items()} == {
        "title": ("Peel", 1),
        "summary": ("A long", 2),
        "reviewed": ("", 4),
    }
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


# Characters str.splitlines() breaks at but a file editor shows inside a line
NOT_LINE_BREAKS = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]
words = st.text(alphabet=st.sampled_from(list('ab :=#"') + NOT_LINE_BREAKS), max_size=8)
ends = st.sampled_from(["\n", "\r\n", "\r"])


@given(st.lists(words, max_size=6), st.lists(ends, min_size=6, max_size=6))
def test_line_numbers_count_only_the_breaks_an_editor_shows(before, breaks):
    # header lines, then the line asked for, each ended by any kind of line end
    lines = [f"Key{i}: {w.replace(':', '')}" for i, w in enumerate(before)] + ["Title: x"]
    text = "".join(line + breaks[i % len(breaks)] for i, line in enumerate(lines)) + "\nBody\n"
    number = len(lines)
    assert scan_header(text)["title"].line == number
    assert header_end(text) == number + 1
    toml = (
        "".join(
            f'k{i} = "{w.replace(chr(34), "")}"' + breaks[i % len(breaks)]
            for i, w in enumerate(before)
        )
        + "wanted = 1\n"
    )
    assert key_lines(toml)[("wanted",)] == number
    assert line_at(text, text.index("Title:")) == number
    assert placeholder_lines(text.replace("Title: x", f"Title: {PLACEHOLDER}")) == [
        (number, f"Title: {PLACEHOLDER}")
    ]


def test_find_line_counts_editor_lines(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "page.md").write_bytes(
        "Title: A\u2028B\rSummary: x\n\nCall 305 555 0100\n".encode("utf-8")
    )
    files = SourceFiles(str(content))
    assert files.find_line("content/page.md", "305 555 0100") == 4
    assert files.locate("content/page.md", "summary") == 2
