"""Run axe-core (vendored from npm: tests/browser/vendor/axe.min.js, MPL-2.0) in a page."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """The serious and critical violations axe finds in the page as it is now.

    The script is added through the DevTools protocol (the context has `bypass_csp`), since
    the site's Content-Security-Policy rightly refuses inline scripts.
    """
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in SERIOUS]
