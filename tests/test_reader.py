"""The book as its readers see it: an axe-core audit of every page in light and dark mode,
and every page at 1280 px and 390 px, light and dark, with screenshots kept in
_build/screenshots/ for a person to look at."""
from __future__ import annotations

import pytest

from conftest import ROOT, toc_files

SCREENS = [(1280, False), (1280, True), (390, False), (390, True)]
SHOTS = ROOT / "_build" / "screenshots"


def _pages():
    return [f for f in toc_files()] + ["search"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("file", _pages())
def test_no_serious_accessibility_violation(served_book, visit, file, dark):
    from axe_playwright_python.sync_playwright import Axe
    page = visit(f"{served_book}/{file}.html", dark=dark)
    page.wait_for_charts()
    results = Axe().run(page.page)
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"{file} ({'dark' if dark else 'light'}): {serious}"


@pytest.mark.parametrize("width, dark", SCREENS, ids=[f"{w}px-{'dark' if d else 'light'}" for w, d in SCREENS])
@pytest.mark.parametrize("file", toc_files())
def test_page_fits_the_screen_and_charts_fit_the_column(served_book, visit, file, width, dark):
    page = visit(f"{served_book}/{file}.html", width=width, dark=dark)
    page.wait_for_charts()
    theme = page.page.evaluate("document.documentElement.dataset.theme")
    assert theme == ("dark" if dark else "light")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"{file.replace('/', '_')}-{width}-{'dark' if dark else 'light'}.png"),
                         full_page=True)
    overflow = page.page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{file} at {width}px scrolls sideways by {overflow}px"
    widths = page.page.evaluate("""() => {
        const column = document.querySelector('main .bd-article, main article, main');
        const limit = column.getBoundingClientRect().width;
        return [...document.querySelectorAll('.td-chart-vis svg')].map(svg => [svg.getBoundingClientRect().width, limit]);
    }""")
    for chart_width, column_width in widths:
        assert chart_width <= column_width + 1, f"{file} at {width}px: a chart ({chart_width}px) is wider than " \
                                                f"the column ({column_width}px)"
        assert chart_width >= min(column_width, 300) * 0.5, f"{file} at {width}px: a chart is only {chart_width}px"
