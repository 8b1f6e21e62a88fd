"""A modified copy of the book, built once for two checks that each need a full build of other data:

A third article (tests/fixtures/third_article/), added as CONTRIBUTING.md says: its data, its text and its chapter.
- With the fixture's data alone, the pages that count or compare the articles fail, each naming the sentence a
  third article makes false (the book was written for two): executed page by page, as the build would, past
  each failing cell, so that every such sentence is named.
- With the fixture's prose edits (prose_edits.yml, beside the fixture), the book builds, and the new article
  appears on every page that lists the articles.

Untrusted text (test_integrity.poison: markup, script, Markdown and MyST appended to every free-text field of the
data): the same build shows it as text on every page, and no page holds it as live markup.

No dead link: the same build runs where Chromium is not (CHROMIUM names no program), so the PDF edition cannot be
made, and the opening page does not offer it."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_book, toc_files
from pages import run, sentences, validated
from test_integrity import PAYLOAD, poison
from test_pdf import PDF_LINK
from third_article import ARTICLE_ID, add_prose_edits, add_to_book, add_to_data
from troops_debate import pdf as pdf_edition

OUTLET = "Fixture Review"
# the pages that list the articles (their tables, charts or the bibliography), and those whose prose counts them
LISTING = ["book/index", f"book/articles/{ARTICLE_ID}", "book/analysis/stances", "book/analysis/red_lines",
           "book/analysis/debate", "book/record/claims", "book/record/stances", "book/method/method",
           "book/method/references"]
COUNTING = {"book/index": "index", "book/analysis/stances": "stances", "book/method/method": "method"}


def _copy(tmp) -> tuple:
    source, data = tmp / "src", tmp / "data"
    source.mkdir()
    shutil.copytree(ROOT / "book", source / "book")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "data", data)
    add_to_data(data)
    toc = add_to_book(source)
    return source, data, toc


def test_with_the_data_alone_the_sentences_a_third_article_falsifies_are_named(tmp_path):
    source, data, _ = _copy(tmp_path)
    validated(data)
    pages = [*COUNTING, f"book/articles/{ARTICLE_ID}", "book/analysis/debate"]  # those that count, and the new one
    found = run(pages, data, root=source)
    other = {p: [e for e in errors if not e.startswith("AssertionError: ")] for p, errors in found.items()}
    assert not any(other.values()), f"pages failed on something other than a sentence: {other}"
    for page, prefix in COUNTING.items():
        named = sentences(found[page])
        assert named and all(s.startswith(prefix) for s in named), f"{page}: {found[page]}"
        assert any("two" in s for s in named), f"{page} named no sentence about two articles: {named}"
    assert not found[f"book/articles/{ARTICLE_ID}"], "the new chapter itself fails"


@pytest.fixture(scope="module")
def book3(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("third")
    source, data, toc = _copy(tmp)
    add_prose_edits(source)
    poison(data)
    result = build_book(tmp / "out", env={"TROOPS_DEBATE_DATA": str(data), "CHROMIUM": str(tmp / "no-chromium")},
                        source=source, toc=toc)
    assert result.returncode == 0, f"the modified book did not build:\n{result.stdout[-4000:]}\n{result.stderr[-3000:]}"
    return tmp / "out" / "_build" / "html"


def _text(book3, page: str) -> str:
    soup = BeautifulSoup((book3 / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    specs = " ".join(s.get_text() for s in main.select("script.td-chart-spec"))
    for hidden in main.select("script, style, .cell_input"):
        hidden.decompose()
    return " ".join(main.get_text(" ").split()) + " " + specs


def test_with_its_prose_edits_the_book_builds_and_lists_the_new_article_everywhere(book3):
    missing = [page for page in LISTING if OUTLET not in _text(book3, page) and ARTICLE_ID not in _text(book3, page)]
    assert not missing, f"pages that do not list the third article: {missing}"
    assert "three opinion articles" in _text(book3, "book/index")


# ---------------------------------------------------------------- no Chromium, in the same build


def test_without_chromium_the_opening_page_offers_no_pdf(book3):
    page = (book3 / "book" / "index.html").read_text(encoding="utf-8")
    assert "Download the book as a PDF" not in page and not PDF_LINK.search(page)
    assert not (book3 / pdf_edition.PDF_NAME).exists()
    assert not list(book3.rglob("*.pdf")), "a PDF was made without Chromium"


# ---------------------------------------------------------------- untrusted text in the same build


def test_untrusted_text_shows_as_text_on_every_page(book3):
    """The poisoned text is the pages' text: its markup, Markdown and MyST as written, not interpreted."""
    shown = 0
    for file in [*toc_files(), f"book/articles/{ARTICLE_ID}"]:
        main = BeautifulSoup((book3 / f"{file}.html").read_text(encoding="utf-8"), "html.parser").find("main")
        text = main.get_text()
        shown += text.count("<script>window.__pwned=1</script>")
        if "<script>window.__pwned" in text:
            # BibTeX has no escape for braces: the bibliography writes them as parentheses
            braces = "(glue:text)" if file == "book/method/references" else "{glue:text}"
            assert "**bold**" in text and braces in text, f"{file}: Markdown/MyST in data was interpreted"
    assert shown > 0, "the poisoned text was not shown anywhere: the test did not exercise the book"


def test_untrusted_text_never_runs_where_a_script_draws_it(book3, browser):
    """Where a script builds part of the page from the data (the charts, drawn in Chromium from their JSON specs:
    labels, tooltips), nothing injected runs or becomes an element; the other pages are static HTML, which
    test_poisoned_html_holds_no_live_markup_from_the_data reads whole."""
    from conftest import Visit, serve
    drawn = [f for f in [*toc_files(), f"book/articles/{ARTICLE_ID}"]
             if "td-chart-spec" in (book3 / f"{f}.html").read_text(encoding="utf-8")]
    assert drawn, "no page draws a chart"
    poisoned = 0
    with serve(book3) as base:
        for file in drawn:
            page = Visit(browser, f"{base}/{file}.html")
            assert all(d == "true" for d in page.wait_for_charts()), f"{file}: a chart of the poisoned data failed"
            specs = page.page.eval_on_selector_all("script.td-chart-spec", "els => els.map(e => e.textContent)")
            poisoned += any("window.__pwned" in spec for spec in specs)
            assert page.page.evaluate("window.__pwned") is None, f"{file}: injected script ran"
            assert page.page.locator('img[src="x"]').count() == 0, f"{file}: injected <img> became markup"
            assert page.page.locator('a[href^="javascript:"]').count() == 0, f"{file}: javascript: link"
            page.close()
    assert poisoned, "no chart was drawn from the poisoned data: the test did not exercise the charts"


def test_poisoned_html_holds_no_live_markup_from_the_data(book3):
    assert PAYLOAD
    for page in book3.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text, page.name
        assert 'onerror="window.__pwned' not in text, page.name
        assert 'href="javascript:' not in text, page.name
