"""The PDF edition (`make pdf`): printed once per session from the single-page build of the session's book, then
read back with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm, pdftohtml), as a reader's PDF viewer would."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import session_book, toc_files
from troops_debate import pdf as pdf_edition

PAGES = range(25, 121)          # a report of this length: more means something is split badly or duplicated
MAX_BYTES = 6 * 1024 * 1024
UI_TEXT = re.compile(r"Show code cell|Hide code cell|\bSearch\b|\bToggle\b|Ctrl\+K")
POPPLER = ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm", "pdftohtml")


@pytest.fixture(scope="session")
def edition(book_output):
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    missing += [] if os.access(pdf_edition.CHROMIUM, os.X_OK) else [pdf_edition.CHROMIUM]
    if missing:
        message = (f"Chromium and poppler-utils are needed for the PDF tests (missing {', '.join(missing)}): "
                   "apt-get install chromium poppler-utils")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # the single-page build shares the session book's execution and pages; the print runs as `make pdf`
    # runs it, in its own process (conftest.SessionBook, started in the background when tests are collected)
    book = session_book()
    built = book.single().result()
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    printed = book.pdf().result()
    assert printed.returncode == 0, printed.stdout[-3000:] + printed.stderr[-3000:]
    single, path = book.out / "_build" / "singlehtml", book.pdf_path
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return {"path": path, "single": single, "text": text, "pages": text.split("\f")}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def single_page(edition) -> BeautifulSoup:
    soup = BeautifulSoup((edition["single"] / "book" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in soup.select(".headerlink"):  # the '#' after headings and captions: screen only
        link.decompose()
    return soup


def chapter_titles(edition) -> list[str]:
    soup = single_page(edition)
    titles = []
    for file in toc_files()[1:]:
        marker = soup.find(id=f"document-{file}")
        titles.append(marker.find_next_sibling("section").find("h2").get_text(" ", strip=True).rstrip("#").strip())
    return titles


def info(edition) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(edition["path"])], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in `haystack` in the given order (each searched after the previous one)."""
    missing, at = [], 0
    for needle in needles:
        found = haystack.find(needle, at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(needle)
    return missing


def test_every_chapter_title_is_in_the_text_in_order(edition):
    titles = [flat(t)[:60] for t in chapter_titles(edition)]
    assert len(titles) == len(toc_files()) - 1
    # the body starts after the table of contents (which lists the titles too): at the opening page's title
    opening = flat(single_page(edition).select_one("article.bd-article h1").get_text(" ")).rstrip("#").strip()
    start = next(i for i, page in enumerate(edition["pages"]) if i > 1 and flat(page).startswith(opening[:30]))
    body = flat(" ".join(edition["pages"][start:]))
    missing = in_order(titles, body)
    assert not missing, missing


def test_every_figure_caption_is_in_the_text_in_order(edition):
    captions = [flat(c.get_text(" "))[:70] for c in single_page(edition).select("figcaption")]
    assert captions, "no figure captions in the book"
    missing = in_order(captions, flat(edition["text"]))
    assert not missing, missing


def test_the_title_page_says_what_the_book_is_and_what_it_was_built_from(edition):
    first = flat(edition["pages"][0])
    assert pdf_edition.ABOUT[:60] in first
    assert "Built from commit" in first and "Data up to" in first
    assert "Contents" in flat(edition["pages"][1])


def test_fonts_are_embedded(edition):
    out = subprocess.run(["pdffonts", str(edition["path"])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts at all"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_page_count_size_and_metadata(edition):
    meta = info(edition)
    assert int(meta["Pages"]) in PAGES, meta["Pages"]
    assert edition["path"].stat().st_size < MAX_BYTES
    assert "European troops" in meta["Title"]
    assert meta["Tagged"].strip() == "yes"
    assert "A4" in meta["Page size"]


def test_the_pdf_declares_its_language(edition):
    raw = edition["path"].read_bytes()
    assert re.search(rb"/Lang\s*\((en|\xfe\xff\x00e\x00n)", raw), "no /Lang (en) in the document catalogue"


def test_bookmarks_exist_for_every_chapter(edition):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(edition["path"])],
                         capture_output=True, text=True, check=True).stdout
    outline = xml[xml.find("<outline>"):]
    items = [flat(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<item[^>]*>(.*?)</item>", outline, re.S)]
    assert items, "the PDF has no bookmarks"
    squeezed = [re.sub(r"\s+", "", item) for item in items]  # bookmark text loses the spaces at line breaks
    for title in chapter_titles(edition):
        needle = re.sub(r"\s+", "", title)[:35]
        assert any(needle in item for item in squeezed), f"no bookmark for {title!r}"


DPI = 72
MM = 72 / 25.4  # points per millimetre


def coloured_share(path, page: int, top: float, bottom: float) -> float:
    """The share of clearly coloured pixels (chart marks; text and links print black) in a band of
    the page, from `top` to `bottom` in points from the top edge."""
    data = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), str(path)],
                          capture_output=True, check=True).stdout
    magic, width, height, _, pixels = data.split(maxsplit=4)
    assert magic == b"P6"
    width, height = int(width), int(height)
    first, last = (max(0, min(height, round(y * DPI / 72))) for y in (top, bottom))
    band = pixels[first * width * 3: last * width * 3]
    coloured = sum(1 for i in range(0, len(band), 3) if max(band[i:i + 3]) - min(band[i:i + 3]) > 60)
    return coloured / max(1, len(band) // 3)


def caption_top(path, page: int, number: str) -> float | None:
    """Where the caption 'Fig. <number>' starts on the page, in points from the top."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.search(r'yMin="([\d.]+)"[^>]*>Fig\.</word>\s*<word[^>]*>' + re.escape(number) + "</word>", xml)
    return float(found.group(1)) if found else None


def test_every_chart_is_drawn_above_its_caption(edition):
    """A chart and its caption share a page; the band above the caption (the chart, not its source line)
    holds coloured marks: the chart was drawn, not left blank."""
    figures = [f for f in single_page(edition).select("figure") if f.select_one(".td-chart") and f.find("figcaption")]
    assert figures, "no charts in the book"
    for figure in figures:
        caption = flat(figure.find("figcaption").get_text(" "))
        number = re.match(r"Fig\. (\d+)", caption).group(1)
        pages = [i for i, page in enumerate(edition["pages"], start=1) if caption[:60] in flat(page)]
        assert pages, f"the figure {caption[:60]!r} is not in the PDF's text"
        top = caption_top(edition["path"], pages[-1], number)
        assert top is not None, f"Fig. {number}: caption not found on page {pages[-1]}"
        share = coloured_share(edition["path"], pages[-1], top - 80 * MM, top - 12 * MM)
        assert share > 0.0005, f"Fig. {number} (page {pages[-1]}): nothing drawn above its caption ({share:.4f})"


def test_no_screen_only_text(edition):
    found = UI_TEXT.search(edition["text"])
    assert not found, found.group(0)


def test_links_are_live_and_internal_references_stay_inside(edition):
    xml = subprocess.run(["pdfinfo", "-dests", str(edition["path"])], capture_output=True, text=True).stdout
    assert xml.count("\n") > 20, "too few named destinations: internal links would not work"


PDF_LINK = re.compile(r'<a href="([^"]+\.pdf)">Download the book as a PDF</a>')


def test_the_html_book_offers_the_pdf_from_its_opening_page_where_it_can_be_printed(built_book):
    page = built_book / "book" / "index.html"
    links = PDF_LINK.findall(page.read_text(encoding="utf-8"))
    if not pdf_edition.can_print():
        assert not links, "the opening page offers a PDF that cannot be made here"
        return
    assert len(links) == 1, links
    assert (page.parent / links[0]).resolve() == (built_book / pdf_edition.PDF_NAME).resolve()


def test_the_contents_give_each_chapter_the_page_it_starts_on(edition):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(edition["path"])],
                         capture_output=True, text=True, check=True).stdout
    outline = xml[xml.find("<outline>"):]
    bookmarks = [(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text)), int(page))
                 for page, text in re.findall(r'<item page="(\d+)">(.*?)</item>', outline, re.S)]
    contents = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "3", str(edition["path"]), "-"],
                              capture_output=True, text=True, check=True).stdout
    lines = {re.sub(r"\s+", "", m.group(1)): int(m.group(2))
             for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", contents, re.M)}
    for title in chapter_titles(edition):
        key = re.sub(r"\s+", "", title)
        listed = next((n for line, n in lines.items() if key.startswith(line[:30]) or line.startswith(key[:30])), None)
        assert listed is not None, f"{title!r} has no page number in the contents"
        page = next(n for mark, n in bookmarks if mark.startswith(key[:30]))
        assert listed == page, f"{title!r}: the contents say page {listed}, it starts on page {page}"
