"""Static files: kinds a browser runs are refused; SVG pictures are read and refused when unsafe."""

from __future__ import annotations

import pytest

from clinic.rules.static_files import active_type, svg_findings

ADDRESS = "https://birchwood.example.net/images/drawing.svg"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'


@pytest.mark.parametrize(
    "name, refused",
    [
        ("images/page.html", ".html"),
        ("images/PAGE.HTM", ".htm"),
        ("images/a.xhtml", ".xhtml"),
        ("images/a.js", ".js"),
        ("images/a.mjs", ".mjs"),
        ("images/a.svgz", ".svgz"),
        ("images/a.xml", ".xml"),
        ("images/a.swf", ".swf"),
        ("images/a.php", ".php"),
        ("images/.htaccess", ".htaccess"),
        ("images/photo.jpg", None),
        ("images/a.svg", None),
        ("images/a.webp", None),
        ("images/consent.pdf", None),
        ("images/a.html.png", None),
    ],
)
def test_kinds_of_file_a_browser_runs_are_refused(name, refused):
    assert active_type(name) == refused


def findings(body: str) -> list[tuple[int | None, str]]:
    return [(f.line, f.what) for f in svg_findings(SVG.format(body).encode(), ADDRESS)]


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "<script>x()</script>",
            (
                2,
                "<script> in this picture could run a program in the browser of anyone "
                "who opens it",
            ),
        ),
        (
            '<h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script>',
            (
                2,
                "<script> in this picture could run a program in the browser of anyone "
                "who opens it",
            ),
        ),
        (
            "<foreignObject><div/></foreignObject>",
            (
                2,
                "<foreignObject> in this picture could run a program in the browser of anyone who "
                "opens it",
            ),
        ),
        (
            '<rect onclick="x()"/>',
            (
                2,
                "the attribute onclick in this picture could run a program in the browser of "
                "anyone who opens it",
            ),
        ),
        (
            '<a xlink:href="javascript:x()"><text>t</text></a>',
            (2, "the address javascript:x() in this picture runs a program"),
        ),
        (
            '<image href="https://evil.example/i.png"/>',
            (
                2,
                "this picture loads https://evil.example/i.png from another website, which would "
                "tell that site who looks at it",
            ),
        ),
        (
            '<filter><feImage xlink:href="//evil.example/f.png"/></filter>',
            (
                2,
                "this picture loads https://evil.example/f.png from another website, which would "
                "tell that site who looks at it",
            ),
        ),
        (
            '<image href="data:text/html,&lt;script&gt;x()&lt;/script&gt;"/>',
            (2, "a data: address in this picture can hold a program"),
        ),
        (
            "<style>rect { fill: url('https://evil.example/p.svg#g') }</style>",
            (
                2,
                "this picture loads https://evil.example/p.svg#g from another website, which would "
                "tell that site who looks at it",
            ),
        ),
        (
            '<rect style="fill: u\\72l(//evil.example/p)"/>',
            (
                2,
                "this picture loads https://evil.example/p from another website, which would "
                "tell that site who looks at it",
            ),
        ),
        (
            "<style>@import 'x.css';</style>",
            (2, "the style in this picture imports another stylesheet"),
        ),
        (
            '<a href="#x"><set attributeName="href" to="javascript:x()"/></a>',
            (2, "<set> in this picture changes a link, which could run a program"),
        ),
    ],
)
def test_unsafe_pictures_are_refused_with_the_line(body, expected):
    assert findings(body)[:1] == [expected]


def test_entities_are_refused_before_they_expand():
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<svg>&b;</svg>'
    )
    assert [f.what for f in svg_findings(laughs.encode(), ADDRESS)] == [
        "this picture declares its own entities (a DOCTYPE with [...]), which can make it "
        "grow without end"
    ]


def test_a_stylesheet_instruction_is_refused():
    text = '<?xml-stylesheet href="https://evil.example/x.xsl" type="text/xsl"?>\n<svg/>'
    assert [(f.line, f.what) for f in svg_findings(text.encode(), ADDRESS)] == [
        (
            1,
            "the instruction <?xml-stylesheet?> in this picture can make the browser load and "
            "run other files",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        SVG.format('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="2"/>'),
        SVG.format('<use xlink:href="#g"/><image href="data:image/png;base64,AAAA"/>'),
        SVG.format('<image href="/images/photo.png"/><a href="mailto:desk@example.net">m</a>'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"'
        ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"><metadata/></svg>',
    ],
)
def test_plain_pictures_as_design_tools_export_them_pass(text):
    assert svg_findings(text.encode(), ADDRESS) == []


def test_a_file_that_is_not_xml_is_refused():
    assert [f.what for f in svg_findings(b"<svg><rect></svg>", ADDRESS)] == [
        "this picture is not a well-formed SVG file (mismatched tag), so it cannot be checked"
    ]
