"""The Markdown reader: one Markdown for every file, and what each file gets is its own.

Pelican's own reader, which makes a new Markdown for every file, is the
expectation: the same files read one after another must give the same
bodies and header values, and nothing of one file may reach the next.
"""

from __future__ import annotations

import logging

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from clinic.build.readers import GuardedMarkdownReader

# Fictional pages, each with something Markdown remembers while it reads a
# document: abbreviations, footnotes, reference links, header values.
PAGES = {
    "first.md": """Title: First page
Summary: A *short* summary, with a [link](https://example.org/).
Tags: one, two
Date: 2026-01-02 10:20

The HTML spec and a note.[^1] See [the guide][guide].

*[HTML]: Hyper Text Markup Language

[^1]: The note itself.

[guide]: https://example.org/guide
""",
    "second.md": """Title: Second page
Date: 2026-02-03

HTML again, with no abbreviation here, a note[^1] of its own and
[the guide][guide] left undefined.

[^1]: Another note.
""",
    "third.md": """Title: Third page
Summary: Line one
    continued on a second line.
Authors: Ana; Ben
Tags: three

| Treatment | Sessions |
|-----------|----------|
| Peel      | 3        |

```
code 305-555-0142
```
""",
    "fourth.md": """Just a body, with no header at all, and "quotes" -- smartened.
""",
}


@pytest.fixture
def pages(tmp_path):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in PAGES]


def read_all(reader_class, paths):
    settings = read_settings(
        override={
            "MARKDOWN": {
                "extension_configs": {
                    "markdown.extensions.extra": {},
                    "markdown.extensions.meta": {},
                    "markdown.extensions.smarty": {},
                },
                "output_format": "html5",
            },
        }
    )
    reader = reader_class(settings)
    # each file twice, in turn, so that every file follows another
    return [reader.read(path) for path in paths + paths]


def test_every_file_reads_as_pelicans_own_reader_reads_it(pages):
    ours = read_all(GuardedMarkdownReader, pages)
    pelicans = read_all(MarkdownReader, pages)
    assert [content for content, _ in ours] == [content for content, _ in pelicans]
    assert [metadata for _, metadata in ours] == [metadata for _, metadata in pelicans]


def test_nothing_of_one_file_reaches_the_next(pages):
    results = read_all(GuardedMarkdownReader, pages)
    second, second_header = results[1]
    assert "<abbr" not in second  # the first page's abbreviation
    assert "The note itself" not in second and "Another note" in second
    assert "https://example.org/guide" not in second  # the first page's reference
    assert "summary" not in second_header and "tags" not in second_header
    fourth, fourth_header = results[3]
    assert fourth_header == {}
    assert "&ldquo;quotes&rdquo; &ndash; smartened" in fourth
    # the first page read again, after the others, is what it was
    assert results[4] == results[0]


def test_a_summary_is_formatted_and_never_read_as_a_header(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("Title: A page\nSummary: Status: draft\n\nBody.\n", encoding="utf-8")
    settings = read_settings(override={})
    content, header = GuardedMarkdownReader(settings).read(str(path))
    assert header["summary"] == "<p>Status: draft</p>"
    assert "status" not in header
    assert content == "<p>Body.</p>"


def test_a_value_given_twice_is_pelicans_warning(tmp_path, caplog):
    path = tmp_path / "page.md"
    path.write_text("Title: A page\nStatus: published\nStatus: draft\n\nBody.\n", encoding="utf-8")
    settings = read_settings(override={})
    with caplog.at_level(logging.WARNING):
        _, header = GuardedMarkdownReader(settings).read(str(path))
    assert header["status"] == "published"
    # a publish refuses Pelican's own warnings (test_bad_input), by their logger
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("pelican.readers", f"Duplicate definition of `status` for {path}. Using first one.")
    ]
