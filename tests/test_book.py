"""The built book: every chapter present, nothing loaded from outside, data downloadable;
and the same book opened in headless Chromium with every request off localhost blocked."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, toc_files


class AssetParser(HTMLParser):
    """Collects the addresses of scripts, stylesheets, images, frames and other loaded assets."""

    def __init__(self):
        super().__init__()
        self.assets: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append((tag, attrs["src"]))
        elif tag == "link" and attrs.get("href") and (attrs.get("rel") or "") in (
                "stylesheet", "preload", "modulepreload", "icon", "shortcut icon", "manifest"):
            self.assets.append((tag, attrs["href"]))
        elif tag in ("img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.assets.append((tag, attrs["src"]))


def html_pages(built_book):
    return sorted(built_book.rglob("*.html"))


def test_every_toc_chapter_is_built(built_book):
    for file in toc_files():
        assert (built_book / f"{file}.html").exists(), f"{file} was not built"


def test_no_page_loads_anything_from_another_host(built_book):
    for page in html_pages(built_book):
        parser = AssetParser()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [(tag, url) for tag, url in parser.assets if urlsplit(url).scheme or url.startswith("//")]
        assert not external, f"{page.relative_to(built_book)} loads {external}"


def test_no_cdn_address_in_any_page_script(built_book):
    cdn = re.compile(r"(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|googleapis\.com)")
    for page in html_pages(built_book):
        scripts = re.findall(r"<script(?![^>]*type=\"text/x-thebe-config\")[^>]*>(.*?)</script>",
                             page.read_text(encoding="utf-8"), re.S)
        hits = [m.group(0) for s in scripts for m in [cdn.search(s)] if m]
        assert not hits, f"{page.relative_to(built_book)} names a CDN in a script: {hits}"


def test_vega_bundle_is_served_locally_once(built_book):
    bundle = built_book / "_static" / "vega" / "vega-bundle.js"
    assert bundle.stat().st_size > 100_000
    assert "window.vegaEmbed" in bundle.read_text(encoding="utf-8")[-2000:]
    with_charts = 0
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert text.count("vega-bundle.js") <= 1 and "window.vegaEmbed=" not in text
        # loaded where a chart is drawn, and only there
        charted = "td-chart-spec" in text
        assert charted == ("vega-bundle.js" in text) == ("td-charts.js" in text), page.relative_to(built_book)
        with_charts += charted
    assert with_charts, "no page loads the vega bundle"


def test_every_data_file_is_offered_for_download(built_book):
    for csv in (ROOT / "data").glob("*.csv"):
        assert (built_book / "_static" / "download" / csv.name).exists(), csv.name


def test_book_has_language_and_title(built_book):
    text = (built_book / "book" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in text
    assert re.search(r"<title>[^<]*European troops", text)


def test_the_chapters_hold_charts_to_draw(built_book):
    """Every page's charts are drawn offline with a clean console (test_reader.py, on the same visit as its screen
    check); here, that the analysis chapters hold charts to draw, each with its spec."""
    for chapter in ("stances", "red_lines", "debate"):
        assert 'class="td-chart-spec"' in (built_book / "book" / "analysis" / f"{chapter}.html").read_text(encoding="utf-8")


def test_search_works_offline(served_book, visit):
    page = visit(f"{served_book}/search.html?q=ceasefire")
    page.page.wait_for_selector("#search-results li, .search-summary", timeout=15000)
    assert page.page.locator("#search-results li").count() > 0
    assert not page.blocked


def test_pages_carry_link_preview_metadata(built_book):
    for file in toc_files():
        text = (built_book / f"{file}.html").read_text(encoding="utf-8")
        assert '<meta property="og:title" content="' in text and '<meta name="description"' in text, file


def test_download_source_buttons_lead_to_files(built_book):
    for file in toc_files():
        page = built_book / f"{file}.html"
        links = re.findall(r'href="([^"]*_sources/[^"]*)"', page.read_text(encoding="utf-8"))
        assert links, f"{file} has no download-source button"
        for link in links:
            assert (page.parent / link).resolve().exists(), f"{file}: {link} is missing"


def test_pages_with_charts_number_their_figures(built_book):
    # (that every chapter opens with its findings is checked in test_reading.py)
    for file in toc_files()[1:]:
        text = (built_book / f"{file}.html").read_text(encoding="utf-8")
        if 'class="td-chart"' in text:
            assert re.search(r'<span class="caption-number">Fig\. \d+ </span>', text), f"{file}: unnumbered figures"


def test_every_table_and_chart_links_to_the_data_behind_it(built_book):
    for file in toc_files():
        text = (built_book / f"{file}.html").read_text(encoding="utf-8")
        # a book table ends "</table></div>"; inside a chart it is followed by "</details>" (the chart's own
        # download link sits in its source line), otherwise by its download line
        orphans = re.findall(r'<caption>([^<]*)</caption>(?:(?!<caption>).)*?</table></div>'
                             r'(?!<p class="td-table-download">|</details>)', text, re.S)
        orphans = [c for c in orphans if c != "The data files"]
        assert not orphans, f"{file}: tables without a link to their data: {orphans}"
        assert text.count('class="td-chart"') == len(re.findall(r'class="td-chart-source">.*?download>', text)), file
        for link in re.findall(r'href="([^"]*_static/download/[^"]+)"', text):
            assert ((built_book / file).parent / link).resolve().exists(), f"{file}: {link} is missing"
