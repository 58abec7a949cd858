"""Hostile page bodies for property tests: every spelling of "run this" and "load from there".

Each payload, if it ran, would set ``window.__pwned`` (or the parent's, from
a frame); each URL leads to ``evil.example``.  The strategy mixes them into
Markdown the way staff could type them.
"""

from __future__ import annotations

from hypothesis import strategies as st

MARK = "window.__pwned=1"
HOST = "evil.example"

# Every way to write "another host" that a careless check may read as a path.
FOREIGN = [
    "//",
    "&#47;&#47;",
    "&#x2f;&#x2F;",
    "&sol;&sol;",
    "\\\\",
    "/\\",
    "\\/",
    "///",
    "%2f%2f",
    "https://",
    "HtTpS://",
    "http:",
    "https:",
    "https:/\\",
    " \t//",
    "/&#9;/",
    "/\n/",
    "&#x09;//",
    "{static}//",
]
# Every way to write "javascript:".
RUNNING = [
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java&#x09;script:",
    "&#106;avascript:",
    "java&NewLine;script:",
    " javascript:",
    "&#x01;javascript:",
    "javascript&colon;",
    "vbscript:",
    "data:text/html,<script>parent.__pwned=1</script>",
    "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+",
]
EVENTS = [
    "onload",
    "onerror",
    "onclick",
    "onmouseover",
    "onfocus",
    "onanimationstart",
    "ontoggle",
    "onbegin",
    "onpointerenter",
    "onauxclick",
    "onbeforetoggle",
    "onfocusin",
    "onwheel",
    "onscroll",
    "oncontentvisibilityautostatechange",
]
TAGS = [
    "img",
    "a",
    "p",
    "iframe",
    "script",
    "style",
    "object",
    "embed",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "table",
    "td",
    "details",
    "image",
    "body",
    "div",
    "blockquote",
    "frame",
    "track",
]
ATTRIBUTES = [
    "src",
    "href",
    "srcset",
    "poster",
    "data",
    "background",
    "action",
    "formaction",
    "xlink:href",
    "ping",
    "style",
    "srcdoc",
    "cite",
    "content",
    "lowsrc",
    "dynsrc",
    "icon",
    "manifest",
    "codebase",
]
# Forms where parsers disagree, written out.
RAW = [
    f"<scr<script>ipt>{MARK}</scr</script>ipt>",
    f"<svg><script>{MARK}</script></svg>",
    f'<svg onload="{MARK}"></svg>',
    f'<svg><animate onbegin="{MARK}" attributeName="x" dur="1s"/></svg>',
    f'<svg><a><animate attributeName="href" values="javascript:{MARK}"/><text>x</text></a></svg>',
    f'<svg><image href="//{HOST}/i.png"/></svg>',
    f'<svg><filter><feImage href="//{HOST}/f.png"/></filter></svg>',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{MARK}">',
    f'<math href="javascript:{MARK}"><mi>x</mi></math>',
    f'<img src=x onerror="{MARK}"//',
    f'<img src=x onerror="{MARK}" ',
    f'<!--<img src=x onerror="{MARK}">-->',
    f'<!--><img src=x onerror="{MARK}">-->',
    f'<noscript><p title="</noscript><img src=x onerror={MARK}>"></noscript>',
    f'<style><img src=x onerror="{MARK}"></style>',
    f'<textarea></textarea><img src=x onerror="{MARK}">',
    f'<title><img src=x onerror="{MARK}"></title>',
    '<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe>',
    '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe>',
    f'<object data="javascript:{MARK}"></object>',
    f'<embed src="//{HOST}/x.swf">',
    f'<link rel="stylesheet" href="//{HOST}/s.css">',
    f'<link rel="prefetch" href="//{HOST}/p">',
    f'<base href="//{HOST}/">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{MARK}">',
    f'<form><button formaction="javascript:{MARK}">go</button></form>',
    f'<input type="image" src="//{HOST}/x.png">',
    f'<details open ontoggle="{MARK}"><summary>s</summary></details>',
    f'<video><source onerror="{MARK}"></video>',
    f'<img src="/images/a.png" srcset="//{HOST}/a.png 1x" alt="a">',
    f'<p style="background-image:url(//{HOST}/b.png)">b</p>',
    f'<p style="background:u\\72l(//{HOST}/c.png)">c</p>',
    f'<table background="//{HOST}/t.png"><tr><td>t</td></tr></table>',
    f'<img src="&#47;\\{HOST}/x.png" alt="x">',
    f'<a href="/" ping="//{HOST}/p">p</a>',
    f'<a href="jav&#x09;ascript:{MARK}">j</a>',
    f'<div style="width:expression({MARK})">e</div>',
    f'<img src="x" alt="x" ONERROR="{MARK}">',
    f'<IMG SRC="javascript:{MARK}">',
    f'<img """><script>{MARK}</script>">',
    f'<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    f'&#0000112&#0000116&#0000058{MARK}">n</a>',
    f'<![CDATA[><img src=x onerror="{MARK}">]]>',
    f'<plaintext><img src=x onerror="{MARK}">',
    f'<xmp><img src=x onerror="{MARK}"></xmp>',
]


@st.composite
def _url(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(FOREIGN)) + f"{HOST}/x.png"
    return draw(st.sampled_from(RUNNING)) + (MARK if draw(st.booleans()) else "")


@st.composite
def _element(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(TAGS))
    attribute = draw(st.sampled_from(ATTRIBUTES))
    url = draw(_url())
    if attribute == "style":
        value = f"background:url({url})"
    elif attribute == "srcdoc":
        value = "&lt;script&gt;parent.__pwned=1&lt;/script&gt;"
    elif attribute == "content":
        value = f"0;url={url}"
    else:
        value = url
    quote = draw(st.sampled_from(['"', "'"]))
    parts = [f"<{tag} {attribute}={quote}{value.replace(quote, '&quot;')}{quote}"]
    if draw(st.booleans()):
        event = draw(st.sampled_from(EVENTS))
        event = draw(st.sampled_from([event, event.upper(), event.title()]))
        parts.append(f' {event}="{MARK}"')
    if tag == "img" or draw(st.booleans()):
        parts.append(' alt="x"')
    return "".join(parts) + f">x</{tag}>"


def pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        _element(),
        st.sampled_from(RAW),
        _url().map(lambda url: f"[call us]({url})"),
        _url().map(lambda url: f"![a spot]({url})"),
    )


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """A Markdown body: a few hostile pieces, each where staff could put it."""
    places = [
        "{}",
        "Text {} more.",
        "## Heading {}",
        "- item {}",
        "> {}",
        "1. {}",
        "| a |\n|---|\n| {} |",
        "Term\n:   {}",
    ]
    chosen = draw(st.lists(pieces(), min_size=1, max_size=3))
    return "\n\n".join(draw(st.sampled_from(places)).format(piece) for piece in chosen)
