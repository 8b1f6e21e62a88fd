"""Printing the print document in Debian's Chromium through Playwright, offline (served from localhost, every
other request refused), once every chart is drawn (as SVG: the charts stay vector graphics with selectable
text), with page numbers, a running title, bookmarks and tags.

One browser. The document is printed once; the bookmarks of that print say on which page each heading falls;
the numbers are then written into the contents of the same document in a second page (loaded while the first
prints) and that is printed: the numbers fit on the lines laid out without them, so nothing moves (checked).
A page already printed is not printed again: Chromium lays out a page's second print differently from its
first (a heading falls a page earlier), where every fresh page prints alike.
"""
from __future__ import annotations

from pathlib import Path

from .document import _squeeze, page_numbers
from .localhost import serve

HEADER = ('<div style="font-size:7.5pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;">'
          '<span class="title"></span></div>')
FOOTER = ('<div style="font-size:7.5pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;'
          'text-align:right;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')
FILL_CONTENTS = """pages => document.querySelectorAll('nav.td-print-toc a').forEach((link, i) => {
    if (pages[i] === null) return;
    const number = document.createElement('span');
    number.className = 'td-toc-page';
    number.textContent = pages[i];
    link.appendChild(number);
})"""


def heading_pages(pdf: Path) -> list[tuple[str, int]]:
    """Every bookmark (heading) of a printed PDF in order: its title without spaces, and its page."""
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((_squeeze(item.title), reader.get_destination_page_number(item) + 1))
    walk(reader.outline)
    return found


def opened(context, url: str):
    """A page loading the print document (goto returns once the response starts arriving)."""
    page = context.new_page()
    page.emulate_media(media="print", color_scheme="light")
    page.goto(url, wait_until="commit")
    return page


def printed(page, output: Path, timeout_ms: int, pages: list[int | None] | None = None) -> list[tuple[str, int]]:
    """Print the page once every chart is drawn and the fonts are ready, with `pages` (each contents link's page
    number, in order) in its contents; return the print's bookmarks."""
    page.wait_for_load_state("load")
    if pages:
        page.evaluate(FILL_CONTENTS, pages)
    page.wait_for_function("() => [...document.querySelectorAll('.td-chart-vis')]"
                           ".every(e => e.dataset.drawn)", timeout=timeout_ms)
    failed = page.eval_on_selector_all(".td-chart-vis", "els => els.filter(e => e.dataset.drawn !== 'true')"
                                       ".map(e => e.getAttribute('aria-label').slice(0, 80))")
    if failed:
        raise RuntimeError(f"{len(failed)} chart(s) could not be drawn for the PDF: {failed}")
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(output), format="A4", print_background=True, display_header_footer=True,
             header_template=HEADER, footer_template=FOOTER, outline=True, tagged=True,
             margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
    return heading_pages(output)


def print_pdf(document: Path, entries: list[tuple[str, str]], output: Path, chromium: str,
              timeout_ms: int = 60_000) -> Path:
    from playwright.sync_api import sync_playwright
    output.parent.mkdir(parents=True, exist_ok=True)
    root = document.parent
    with serve(root) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-gpu"])
        try:
            # the viewport is the printed column (A4 less the margins), so charts are drawn at print width
            context = browser.new_context(viewport={"width": 680, "height": 960}, color_scheme="light")
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            url = f"{base}/{document.relative_to(root).as_posix()}"
            first, second = (opened(context, url) for _ in range(2))
            pages = page_numbers(entries, printed(first, output, timeout_ms))
            numbered = page_numbers(entries, printed(second, output, timeout_ms, pages))
            moved = [(title, a, b) for (_, title), a, b in zip(entries, pages, numbered) if a != b]
            if moved:
                raise RuntimeError(f"the contents' page numbers moved between the two prints: {moved[:5]}")
        finally:
            browser.close()
    return output
