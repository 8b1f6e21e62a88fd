"""The print document: the single-page build turned into a report (a title page, a table of contents, the
parts and chapters in _toc.yml order; no navigation, toggles or collapsed data tables; download links named
as text). The contents list every part, chapter and section; their page numbers are filled in once the first
print has shown where each heading falls (printing.py)."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ..paths import ROOT
from ..html import escape
from ..toc import parts as toc_parts

PRINT_PAGE = "td-print.html"
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


def _entry(anchor: str, title: str, entries: list[tuple[str, str]]) -> str:
    """A line of the contents: the title linking to its place (its page number is added after the first print)."""
    entries.append((anchor, title))
    return f'<a href="#{escape(anchor)}"><span class="td-toc-title">{escape(title)}</span></a>'


def _parts(article, parts: list[dict], entries: list[tuple[str, str]]) -> str:
    """Insert a heading for each part of the book before its first chapter; return the contents list, whose
    entries (anchor, title) are appended to `entries` in document order (part, chapter, its sections)."""
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
        part_entry = _entry(f"td-part-{number}", caption, entries)
        items = []
        for _, section in chapters:
            chapter_entry = _entry(section["id"], _title(section, "h2"), entries)
            subs = [s for s in section.find_all("section", recursive=False) if s.find("h3", recursive=False)]
            inner = "".join(f'<li>{_entry(s["id"], _title(s, "h3"), entries)}</li>' for s in subs)
            items.append(f'<li class="td-toc-chapter">{chapter_entry}{"<ol>" + inner + "</ol>" if inner else ""}</li>')
        lines.append(f'<li class="td-toc-part">{part_entry}<ol>{"".join(items)}</ol></li>')
    return ('<nav class="td-print-toc" aria-label="Contents"><h1>Contents</h1><ol>' + "".join(lines)
            + "</ol></nav>")


def page_numbers(entries: list[tuple[str, str]], bookmarks: list[tuple[str, int]]) -> list[int | None]:
    """Each contents entry's page, in the entries' order (that of the contents' links): entries and bookmarks
    (title without spaces, page) come in the same order, so each entry takes the next bookmark that starts
    with its title (titles such as "The thesis" recur, and so do their anchors in the single page)."""
    pages, left = [], list(bookmarks)
    for _, title in entries:
        key, found = _squeeze(title), None
        while left:
            heading, number = left.pop(0)
            if heading.startswith(key):
                found = number
                break
        pages.append(found)
    return pages


def print_document(single: Path) -> tuple[Path, list[tuple[str, str]]]:
    """Write the print page beside the single-page build; return its path and the contents' entries."""
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
    entries: list[tuple[str, str]] = []
    contents = _parts(article, parts, entries)
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
    return out, entries
