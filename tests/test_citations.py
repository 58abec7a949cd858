"""Footnotes become a titled list of sources and citation data."""

from clinic.model.citations import Citation, extract, label_sources, without_sources

BODY = (
    '<p>A study found this.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a>'
    '</sup></p>\n<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n<p>Smith J. Title. '
    '<em>Journal</em>. 2018. <a href="https://doi.org/10.1000/xyz">https://doi.org/10.1000/'
    'xyz</a>&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back">&#8617;</a>'
    "</p>\n</li>\n</ol>\n</div>"
)


def test_extract_reads_each_source_and_its_address():
    assert extract(BODY) == [
        Citation(
            "Smith J. Title. Journal. 2018. https://doi.org/10.1000/xyz",
            "https://doi.org/10.1000/xyz",
        )
    ]
    assert extract("<p>none</p>") == []


def test_the_list_gets_a_heading_and_survives_extraction():
    html = label_sources(BODY)
    assert '<section class="cl-sources" aria-labelledby="sources-title">' in html
    assert '<h2 id="sources-title">Sources</h2>' in html
    assert "<hr>" not in html
    assert extract(html) == extract(BODY)
    assert without_sources(html) == html[: html.index("<section")]
