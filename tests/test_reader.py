"""The book as its readers see it: every page opened at 1280 px in light mode, then switched to dark mode (as a
reader's system or the theme's switch does), then narrowed to a phone's 390 px and switched back to light mode (the
charts are drawn again at each switch, at the width they then have): in each state every chart drawn offline,
a clean console, nothing asked of another host, no sideways scrolling, every chart within its column. An axe-core
audit of every page at 1280 px (every rule in light mode; in dark mode what the mode changes, the colours'
contrast), and screenshots (light mode, both widths) kept in _build/screenshots/ for a person to look at."""
from __future__ import annotations

import pytest

from conftest import ROOT, toc_files

WIDTHS = [1280, 390]  # a laptop's window (audited, and shown in both modes), a phone's screen
SHOTS = ROOT / "_build" / "screenshots"


def serious_violations(page, rules: list[str] | None = None) -> list:
    """axe-core's serious and critical findings on the open page (of `rules` only, if given): (rule, impact, help,
    first targets)."""
    from axe_playwright_python.sync_playwright import Axe
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    results = Axe().run(page.page, options=options)
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_search_page_has_no_serious_accessibility_violation(served_book, visit, dark):
    """The one page outside the table of contents (the chapters are audited below)."""
    page = visit(f"{served_book}/search.html", dark=dark)
    errors = [text for kind, text in page.console if kind == "error"] + page.errors
    assert not errors and not page.blocked, f"search: console errors {errors}, requests {page.blocked}"
    serious = serious_violations(page)
    assert not serious, f"search ({'dark' if dark else 'light'}): {serious}"


def check_drawn_and_fitting(page, file: str, width: int, mode: str, drawn: list[str]) -> None:
    """Every chart drawn offline, as SVG, with a clean console and nothing asked of another host; the page in the
    mode asked for; no sideways scrolling; every chart within the column and not shrunk to nothing."""
    where = f"{file} at {width}px, {mode}"
    assert all(d == "true" for d in drawn), f"{where}: charts not drawn: {drawn}"
    svgs = page.page.eval_on_selector_all(".td-chart-vis", "els => els.map(e => !!e.querySelector('svg, canvas'))")
    assert all(svgs), f"{where}: a chart has no SVG or canvas"
    errors = [text for kind, text in page.console if kind == "error"] + page.errors
    assert not errors, f"{where}: console errors {errors}"
    assert not page.blocked, f"{where}: {len(page.blocked)} request(s) tried to leave localhost: {page.blocked}"
    assert page.page.evaluate("document.documentElement.dataset.theme") == mode, where
    overflow = page.page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{where}: the page scrolls sideways by {overflow}px"
    widths = page.page.evaluate("""() => {
        const column = document.querySelector('main .bd-article, main article, main');
        const limit = column.getBoundingClientRect().width;
        return [...document.querySelectorAll('.td-chart-vis svg')].map(svg => [svg.getBoundingClientRect().width, limit]);
    }""")
    for chart_width, column_width in widths:
        assert chart_width <= column_width + 1, f"{where}: a chart ({chart_width}px) is wider than the column " \
                                                f"({column_width}px)"
        assert chart_width >= min(column_width, 300) * 0.5, f"{where}: a chart is only {chart_width}px"


@pytest.mark.parametrize("file", toc_files())
def test_page_fits_the_screen_charts_fit_the_column_and_axe_finds_nothing_serious(served_book, visit, file):
    wide, phone = WIDTHS
    page = visit(f"{served_book}/{file}.html", width=wide)
    check_drawn_and_fitting(page, file, wide, "light", page.wait_for_charts())
    serious = serious_violations(page)
    assert not serious, f"{file} (light): {serious}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / file.replace("/", "_")
    page.page.screenshot(path=f"{shot}-{wide}.png", full_page=True)
    page.switch_to("dark")
    check_drawn_and_fitting(page, file, wide, "dark", page.wait_for_charts(redrawn=True))
    serious = serious_violations(page, ["color-contrast"])
    assert not serious, f"{file} (dark): {serious}"
    page.switch_to("light", width=phone)
    check_drawn_and_fitting(page, file, phone, "light", page.wait_for_charts(redrawn=True))
    page.page.screenshot(path=f"{shot}-{phone}.png", full_page=True)
