"""`make pdf`: the book as a printed report, from the same sources and data as the HTML book.

Route: Jupyter Book's `singlehtml` builder writes the whole book, in `_toc.yml` order, as one page
(internal references, figure numbers and citations then point inside that page). This module
turns that page into a print document (a title page, a table of contents, the chapters; no
navigation, toggles or collapsed data tables), opens it in Debian's Chromium through Playwright,
waits until every chart is drawn (as SVG, so the charts stay vector graphics with selectable text),
and prints it with page numbers, a running title, bookmarks and tags. Offline: the page is served
from localhost and every other request is refused.

    python -m troops_debate pdf [--single DIR] [--output FILE]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ..paths import ROOT
from ..html import escape
from .localhost import serve
from .stamp import Stamp
from .toc import parts as toc_parts

SINGLE = ROOT / "_build" / "singlehtml"
PDF_NAME = "european-troops-for-ukraine.pdf"
OUTPUT = ROOT / "_build" / "pdf" / PDF_NAME
PRINT_PAGE = "td-print.html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBTITLE = "Two opinion articles on sending European troops to Ukraine, set beside the record"
ABOUT = ("A reproducible report on the 2024\u20132026 debate over a European force in Ukraine: two opinion "
         "articles that take opposite sides, summarised and compared, and a coded, sourced record of who "
         "stood where and of Russia's declared red lines. The book lays out the disagreement; it does not "
         "take a side.")
# Removed from the print: interactive or screen-only parts of the page.
SCREEN_ONLY = ("details", ".cell_input", "button", ".headerlink", ".td-screen-only", "script[src*='search']")


def _book_title() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _data_date() -> str:
    """The day of the newest statement or event in the record dated to the day: what the data covers up to."""
    from ..data.dates import period as parse_partial_date
    from ..data.load import load_red_lines, load_stances
    from ..data.dates import human as human_date
    stances, red_lines = load_stances(), load_red_lines()
    days = [parse_partial_date(v)[1] for v, p in zip(stances["date"], stances["date_precision"]) if p == "day"]
    days += [parse_partial_date(v)[1] for col in ("warning_date", "step_date", "response_date")
             for v in red_lines[col] if len(v) == 10]
    return human_date(max(days).isoformat())


def _chapter(article, file: str):
    """The section of a chapter in the single page: Sphinx marks where each document starts."""
    marker = article.find(id=f"document-{file}")
    return marker.find_next_sibling("section") if marker is not None else None


def _title(section, level: str) -> str:
    heading = section.find(level)
    return heading.get_text(" ", strip=True) if heading else ""


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _entry(anchor: str, title: str, pages: list[tuple[str, int]]) -> str:
    """A line of the contents: the title linking to its place, and its page once the first print is known.
    `pages` lists the bookmarks in order; entries come in the same order, so each takes the next bookmark
    with its title (titles such as "The thesis" recur in several chapters)."""
    key = _squeeze(title)
    page = None
    while pages:
        heading, number = pages.pop(0)
        if heading.startswith(key):
            page = number
            break
    number = f'<span class="td-toc-page">{page}</span>' if page else ""
    return f'<a href="#{escape(anchor)}"><span class="td-toc-title">{escape(title)}</span>{number}</a>'


def _parts(article, parts: list[dict], pages: list[tuple[str, int]]) -> str:
    """Insert a heading for each part of the book before its first chapter; return the contents list."""
    lines = []
    for number, part in enumerate(parts, start=1):
        chapters = [(c["file"], _chapter(article, c["file"])) for c in part.get("chapters", [])]
        chapters = [(f, s) for f, s in chapters if s is not None]
        if not chapters:
            continue
        caption = part.get("caption", "")
        marker = article.find(id=f"document-{chapters[0][0]}")
        heading = BeautifulSoup(f'<h1 class="td-print-part" id="td-part-{number}">{escape(caption)}</h1>',
                                "html.parser").h1
        marker.insert_before(heading)
        # entries in document order (part, chapter, its sections): each takes the next matching bookmark
        part_entry = _entry(f"td-part-{number}", caption, pages)
        items = []
        for _, section in chapters:
            chapter_entry = _entry(section["id"], _title(section, "h2"), pages)
            subs = [s for s in section.find_all("section", recursive=False) if s.find("h3", recursive=False)]
            inner = "".join(f'<li>{_entry(s["id"], _title(s, "h3"), pages)}</li>' for s in subs)
            items.append(f'<li class="td-toc-chapter">{chapter_entry}{"<ol>" + inner + "</ol>" if inner else ""}</li>')
        lines.append(f'<li class="td-toc-part">{part_entry}<ol>{"".join(items)}</ol></li>')
    return ('<nav class="td-print-toc" aria-label="Contents"><h1>Contents</h1><ol>' + "".join(lines)
            + "</ol></nav>")


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


def print_document(single: Path, pages: list[tuple[str, int]] | None = None) -> Path:
    """Write the print page beside the single-page build and return its path; with `pages` (from a
    first print), the contents give each entry's page."""
    page = single / "book" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    title, parts = _book_title(), toc_parts()
    for selector in SCREEN_ONLY:
        for element in article.select(selector):
            element.decompose()
    for link in article.find_all("a", href=True):
        if link["href"].startswith(("book/index.html#", "index.html#")):
            link["href"] = "#" + link["href"].split("#", 1)[1]
        elif link.has_attr("download") or not link["href"].startswith(("#", "http://", "https://", "mailto:")):
            link.unwrap()  # a download or a file of the HTML edition: named as text, not a dead link
    contents = _parts(article, parts, list(pages or []))
    cover = (f'<section class="td-print-cover"><p class="td-print-title">{escape(title)}</p>'
             f'<p class="td-print-subtitle">{escape(SUBTITLE)}</p><p class="td-print-about">{escape(ABOUT)}</p>'
             f'<dl class="td-print-facts"><dt>Data up to</dt><dd>{escape(_data_date())}</dd>'
             f'<dt>Built from commit</dt><dd>{escape(_commit())}</dd>'
             f'<dt>Printed</dt><dd>{escape(date.today().isoformat())}</dd></dl>'
             '<p class="td-print-note">Every chart\'s data can be downloaded from the HTML edition of the book '
             '(each chart\'s source line names its file).</p></section>')
    html = soup.find("html")
    html["data-theme"] = "light"
    html["data-mode"] = "light"
    html["class"] = html.get("class", []) + ["td-print-document"]
    body = soup.find("body")
    body.clear()
    body.append(BeautifulSoup(cover + contents + '<main class="td-print-main">'
                              + article.decode_contents() + "</main>", "html.parser"))
    # Sphinx writes the single page's asset links relative to the build's root, so the print page sits there
    out = single / PRINT_PAGE
    out.write_text(str(soup), encoding="utf-8")
    return out


HEADER = ('<div style="font-size:7.5pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;">'
          '<span class="title"></span></div>')
FOOTER = ('<div style="font-size:7.5pt;width:100%;padding:0 16mm;color:#555;font-family:sans-serif;'
          'text-align:right;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def print_pdf(document: Path, output: Path, timeout_ms: int = 60_000) -> Path:
    from playwright.sync_api import sync_playwright
    output.parent.mkdir(parents=True, exist_ok=True)
    root = document.parent
    with serve(root) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-gpu"])
        try:
            # the viewport is the printed column (A4 less the margins), so charts are drawn at print width
            context = browser.new_context(viewport={"width": 680, "height": 960}, color_scheme="light")
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            page = context.new_page()
            page.emulate_media(media="print", color_scheme="light")
            page.goto(f"{base}/{document.relative_to(root).as_posix()}", wait_until="load")
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
        finally:
            browser.close()
    return output


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m troops_debate pdf")
    parser.add_argument("--single", type=Path, default=SINGLE, help="the singlehtml build to print")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    # two passes: the first print tells on which page each heading falls, the second prints the contents
    # with those pages (the numbers fit on the lines the first pass laid out, so nothing moves)
    first = print_document(args.single)
    stamp = Stamp(args.output, [first, args.single / "_static"])  # printed again only when the page changed
    pdf, made = args.output, not stamp.fresh()
    if made:
        pdf = print_pdf(first, args.output)
        pages = heading_pages(pdf)
        pdf = print_pdf(print_document(args.single, pages), args.output)
        moved = [a for a, b in zip(pages, heading_pages(pdf)) if a != b]
        if moved:
            raise RuntimeError(f"the contents' page numbers moved between the two passes: {moved[:5]}")
        stamp.write()
    html = args.single.parent / "html"
    if html.is_dir():  # the HTML book links to the PDF from its opening page
        shutil.copy(pdf, html / PDF_NAME)
    print(f"pdf: {'wrote' if made else 'kept, the print page being unchanged,'} "
          f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf} "
          f"({pdf.stat().st_size / 1e6:.1f} MB)")
    return 0
