"""axe-core in a Playwright page: the audit's and the browser tests' accessibility rules."""

from __future__ import annotations

from .tools import axe_source

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
_source: str | None = None


def run_axe(page) -> list[dict]:
    """The violations axe finds in the page as it is now: [{id, impact, help, nodes}]."""
    global _source
    if _source is None:
        _source = axe_source()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source)  # evaluated by the DevTools protocol: the page's CSP does not apply
    result = page.evaluate(
        """tags => axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


def describe(violations: list[dict]) -> str:
    """One line per violation, for assertion messages and the report."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][:3]}" for v in violations
    )
