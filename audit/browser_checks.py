"""Every page in Chromium: axe, other origins, console errors, cookies, reflow, text size, contrast.

One pass per (width, colour scheme).  Findings are plain data; run.py judges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from browser import launch, set_text_size

from .axe import run_axe

AXE_VIEWS = [(320, "light"), (375, "light"), (1280, "light"), (375, "dark")]
REFLOW_WIDTHS = [320, 375]
TEXT_200_WIDTHS = [320, 375, 1280]
# WCAG 1.4.6 (AAA): 7:1 for text, 4.5:1 for large text (24 px, or 18.66 px bold).
BODY_TEXT_CONTRAST = 7.0
LARGE_TEXT_CONTRAST = 4.5

# Anything that sticks out of the screen sideways, or is cut off by its own box,
# outside a box that scrolls on purpose (a wide table's wrapper).
LAYOUT_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '');
  if (document.documentElement.scrollWidth > vw)
    problems.push(`page is ${document.documentElement.scrollWidth}px wide, screen ${vw}px`);
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; }
    return false; };
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0) continue;  // r.right <= 0: off-screen on purpose
    if (r.width <= 1 && r.height <= 1) continue;  // visually hidden text for screen readers
    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el))
      problems.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
    if (['hidden', 'clip'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${name(el)} cuts off its content sideways`);
    if (['hidden', 'clip'].includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1)
      problems.push(`${name(el)} cuts off its content at the bottom`);
  }
  return problems.slice(0, 5);
}"""

# The contrast of the page's text against what is really behind it: every
# visible element in <main> (the whole body if there is none) with text of its
# own -- paragraphs, list items, headings, links, table cells, the review box --
# so a page without prose paragraphs is measured too.  Returns the element
# furthest below (or closest to) its bar; null only when there is no text at
# all, which run.py reports as a shortfall.
CONTRAST_JS = """([normal, large]) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] === 1) break; } }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour; };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const name = el => el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const root = document.querySelector('main') || document.body;
  const elements = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (node.textContent.trim() && node.parentElement) elements.add(node.parentElement);
  let worst = null;
  let measured = 0;
  for (const el of elements) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // visually hidden text for screen readers
    measured += 1;
    const bg = background(el); const fg = over(parse(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const cs = getComputedStyle(el); const size = parseFloat(cs.fontSize);
    const required = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700) ? large : normal;
    if (!worst || ratio / required < worst.ratio / worst.required)
      worst = {ratio, required, color: cs.color, element: name(el),
               text: el.textContent.trim().slice(0, 40)};
  }
  return worst && Object.assign(worst, {measured});
}"""


@dataclass
class PageFindings:
    path: str
    axe: dict = field(default_factory=dict)  # "320 light" -> violations
    reflow: dict = field(default_factory=dict)  # width -> problems (normal text size)
    text_200: dict = field(default_factory=dict)  # width -> problems
    contrast: dict = field(default_factory=dict)  # scheme -> worst text (None: no text found)
    requests: set = field(default_factory=set)  # same-origin URL paths the page loaded


@dataclass
class Findings:
    pages: dict = field(default_factory=dict)  # path -> PageFindings
    other_origins: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    cookies: list = field(default_factory=list)
    print_check: list = field(default_factory=list)  # problems printing a treatment page


def check_site(site, paths: list[str]) -> Findings:
    from playwright.sync_api import sync_playwright

    found = Findings(pages={path: PageFindings(path) for path in paths})
    origin = urlsplit(site.base)[:2]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width, scheme in AXE_VIEWS:
            context = browser.new_context(
                viewport={"width": width, "height": 740}, color_scheme=scheme
            )
            current = {"path": ""}

            def route(route, _request, current=current):
                url = route.request.url
                if urlsplit(url)[:2] == origin:
                    found.pages[current["path"]].requests.add(urlsplit(url).path)
                    route.continue_()
                elif url.startswith("data:"):
                    route.continue_()
                else:
                    found.other_origins.append(f"{current['path']} -> {url}")
                    route.abort()

            context.route("**/*", route)
            for path in paths:
                current["path"] = path
                findings = found.pages[path]
                page = context.new_page()

                def console(m, p=path):
                    if m.type == "error":
                        found.console_errors.append(f"{p}: {m.text}")

                page.on("console", console)
                page.on("pageerror", lambda e, p=path: found.console_errors.append(f"{p}: {e}"))
                page.goto(site.base + path, wait_until="load")
                if width in REFLOW_WIDTHS and scheme == "light":
                    findings.reflow[width] = page.evaluate(LAYOUT_JS)
                if width == 1280 or (width == 375 and scheme == "dark"):
                    findings.contrast[scheme] = page.evaluate(
                        CONTRAST_JS, [BODY_TEXT_CONTRAST, LARGE_TEXT_CONTRAST]
                    )
                findings.axe[f"{width} {scheme}"] = run_axe(page)
                if width in TEXT_200_WIDTHS and scheme == "light":
                    set_text_size(page, 200)
                    findings.text_200[width] = page.evaluate(LAYOUT_JS)
                page.close()
            found.cookies += [f"{c['name']} ({c['domain']})" for c in context.cookies()]
            context.close()
        found.print_check = _print_check(browser, site)
        browser.close()
    return found


def _print_check(browser, site) -> list[str]:
    """A treatment page printed: the clinic's phone and address on paper, no screen furniture."""
    page = browser.new_page(viewport={"width": 1280, "height": 740})
    page.goto(site.base + "/treatments/microneedling/")
    phone = page.locator(".cl-header__call .cl-call__number").inner_text()
    address = page.locator(".cl-footer address").first.inner_text()
    page.emulate_media(media="print")
    problems = []
    text = page.locator("body").inner_text()
    for what, value in (("phone", phone), ("address", address)):
        if value not in text:
            problems.append(f"the {what} ({value!r}) is not printed")
    for selector in (".cl-call-bar", ".cl-nav", ".cl-skip-link", ".cl-sections"):
        shown = page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        if shown != "none":
            problems.append(f"{selector} is printed")
    if len(page.pdf(format="A4")) < 1000:
        problems.append("the PDF is empty")
    page.close()
    return problems
