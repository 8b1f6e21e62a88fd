"""The reader's edition: the reading path within its word budgets, findings first, every table once,
prose that a person would write. Measured on the built pages, as a reader meets them."""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup

from conftest import toc_files
from troops_debate import wordcount
from troops_debate.toc import reading_path

# The budgets of the reading path (issue 14): visible words and prose, in all and per article chapter.
READING_PATH_VISIBLE, READING_PATH_PROSE, ARTICLE_CHAPTER_VISIBLE = 10_000, 7_000, 1_500
FINDINGS = range(5, 8)


def html(built_book, file: str) -> str:
    return (built_book / f"{file}.html").read_text(encoding="utf-8")


def visible_text(built_book, file: str) -> str:
    return re.sub(r"\s+", " ", wordcount.main_column(html(built_book, file)).get_text(" "))


# ---------------------------------------------------------------- the counter itself


def test_the_counter_leaves_out_what_a_reader_does_not_see():
    page = """<html><body><nav>Site navigation words</nav><article class="bd-article">
      <h1>Two words<a class="headerlink" href="#x">#</a></h1>
      <p>One two three.</p><ul><li>four five <ul><li>six</li></ul></li></ul>
      <table><caption>Cap tion</caption><tr><td>cell words here</td></tr></table>
      <figure><figcaption><p>caption text</p></figcaption></figure>
      <details><summary>Show data</summary><p>hidden hidden hidden</p></details>
      <div class="cell_input"><pre>import pandas</pre></div>
      <svg><text>axis label</text></svg></article><footer>footer words</footer></body></html>"""
    words = wordcount.page_words(page)
    # visible: 2 (heading) + 3 + 2 + 1 + 2 (caption) + 3 (cell) + 2 (figure caption)
    assert words.visible == 15
    # prose: the paragraph and the two list items, not the table or the figure caption
    assert words.prose == 6


def test_apostrophes_and_hyphens_do_not_split_words():
    assert wordcount.count("Russia’s long-range missiles, 40,000 troops") == 5


# ---------------------------------------------------------------- budgets


@pytest.fixture(scope="module")
def words(built_book):
    return {w.page: w for w in wordcount.book_words(built_book, reading_path())}


def test_the_reading_path_is_within_its_budgets(words):
    visible = sum(w.visible for w in words.values())
    prose = sum(w.prose for w in words.values())
    report = ", ".join(f"{page}: {w.visible}/{w.prose}" for page, w in words.items())
    assert visible <= READING_PATH_VISIBLE, f"{visible} visible words on the reading path ({report})"
    assert prose <= READING_PATH_PROSE, f"{prose} words of prose on the reading path ({report})"


def test_each_article_chapter_is_within_its_budget(words):
    articles = [page for page in words if page.startswith("book/articles/")]
    assert articles
    for page in articles:
        assert words[page].visible <= ARTICLE_CHAPTER_VISIBLE, f"{page}: {words[page].visible} visible words"


def test_the_appendix_holds_the_record_outside_the_reading_path():
    appendix = [f for f in toc_files() if f not in reading_path()]
    assert {"book/record/claims", "book/record/stances", "book/record/red_lines", "book/method/method"} <= set(appendix)


# ---------------------------------------------------------------- findings first


def test_the_opening_page_leads_with_linked_key_findings(built_book):
    page = BeautifulSoup(html(built_book, reading_path()[0]), "html.parser")
    heading = next((h for h in page.select("article.bd-article h2") if h.get_text(" ", strip=True)
                    .rstrip("#").strip() == "Key findings"), None)
    assert heading is not None, "no 'Key findings' heading on the opening page"
    section = heading.find_parent("section")
    findings = section.find(["ol", "ul"], recursive=True).find_all("li", recursive=False)
    assert len(findings) in FINDINGS, f"{len(findings)} findings"
    for item in findings:
        links = [a["href"] for a in item.find_all("a", href=True) if not a["href"].startswith("http")]
        assert links, f"a finding links nowhere: {item.get_text(' ', strip=True)[:80]}"
        for href in links:
            target, anchor = urldefrag(href)
            path = (built_book / reading_path()[0]).parent / target if target else built_book / f"{reading_path()[0]}.html"
            assert path.exists(), f"{href}: no such page"
            if anchor:
                assert re.search(rf'id="{re.escape(anchor)}"', path.read_text(encoding="utf-8")), f"{href}: no such anchor"
    # the key findings come before any other section of the page
    first_section = page.select_one("article.bd-article section section")
    assert first_section is section


def test_every_chapter_opens_with_what_it_found(built_book):
    for file in reading_path()[1:]:
        article = wordcount.main_column(html(built_book, file))
        first = article.find(["p", "div", "aside", "section"], class_=re.compile("admonition"))
        assert first is not None and "What this chapter finds" in first.get_text(" "), file
        # nothing but the title stands before it
        before = [el for el in first.find_all_previous(["p", "table", "figure"]) if article in el.parents]
        assert not before, f"{file}: {before[0].get_text(' ', strip=True)[:60]!r} comes before the findings"


# ---------------------------------------------------------------- every table once


TABLES = "table, .td-card"  # rendered tables, and the article cards


def test_no_table_appears_on_two_pages(built_book):
    seen = defaultdict(set)
    for file in toc_files():
        for table in wordcount.main_column(html(built_book, file)).select(TABLES):
            text = re.sub(r"\s+", " ", table.get_text(" ")).strip()
            if text:
                seen[text].add(file)
    repeated = {text[:80]: sorted(files) for text, files in seen.items() if len(files) > 1}
    assert not repeated, repeated


def test_no_page_shows_the_same_table_twice(built_book):
    for file in toc_files():
        tables = [re.sub(r"\s+", " ", t.get_text(" ")).strip()
                  for t in wordcount.main_column(html(built_book, file)).select(TABLES)]
        assert len(tables) == len(set(tables)), file


# ---------------------------------------------------------------- prose a person would write

NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
MECHANICAL = re.compile(rf"\b(all\s+)?(\d+|{NUMBER_WORDS}) of the \2\b", re.I)


def test_the_mechanical_patterns_are_caught():
    for phrase in ("28 of the 28 rows", "All 3 of the 3", "4 of the 4 Russian rows", "all four of the four"):
        assert MECHANICAL.search(phrase), phrase
    for phrase in ("3 of the 17 rows", "all four Russian statements", "one of the two articles"):
        assert not MECHANICAL.search(phrase), phrase


def test_no_count_reads_n_of_the_n(built_book):
    for file in toc_files():
        found = MECHANICAL.search(visible_text(built_book, file))
        assert not found, f"{file}: {found.group(0)!r}"


def test_no_small_count_opens_a_sentence_as_a_numeral(built_book):
    for file in reading_path():
        article = wordcount.main_column(html(built_book, file))
        for p in article.find_all(["p", "li"]):
            if p.find_parent("table"):
                continue
            text = p.get_text(" ", strip=True)
            found = re.search(r"(?:^|(?<!\bFig)(?<!\bTable)[.!?]\s+)([1-9])\s+[a-z]", text)
            assert not found, f"{file}: a sentence opens with the numeral {found.group(1)!r}: {text[:80]!r}"


def test_quotes_inside_quotes_take_single_marks(built_book):
    for file in toc_files():
        text = visible_text(built_book, file)
        nested = re.search(r"“[^”]{0,300}“", text)
        assert not nested, f"{file}: double marks inside double marks: {nested.group(0)[-120:]!r}"


@pytest.mark.parametrize("page", reading_path())
def test_every_quotation_on_the_reading_path_is_verbatim_in_its_source(built_book, page):
    """A quotation in the prose is the articles' or the record's words, or a translation the record credits."""
    from troops_debate.data import load as td_io
    from troops_debate.data.texts import article_paragraphs, quote_in_text
    stances, red_lines = td_io.load_stances(), td_io.load_red_lines()
    texts = ["\n\n".join(article_paragraphs(a)) for a in td_io.load_articles()["article_id"]]
    texts += list(stances["quote"]) + list(stances["translation"]) + list(red_lines["warning_quote"])
    texts += list(td_io.load_excerpts()["excerpt"])  # the stored sentences of the pages the record cites
    corpus = "\n".join(texts)
    # a quotation inside a quotation takes single marks in the prose (wording.quoted), double in its source
    quoted = [re.sub(r"‘([^’]*)’(?!\w)", r"“\1”", q) for q in re.findall(r"“([^”]+)”", visible_text(built_book, page))]
    if page == reading_path()[0]:
        assert quoted, "the opening page quotes nothing"
    for quote in quoted:
        assert quote_in_text(quote, corpus), f"{page}: not verbatim in the articles or the record: {quote!r}"


def test_the_readme_is_for_newcomers_and_points_on():
    """At most 150 lines (issue 25), with the two commands, and the rest in CONTRIBUTING.md and data/README.md."""
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "make book" in readme and "make test" in readme
    for target in ("CONTRIBUTING.md", "data/README.md", "CITATION.cff"):
        assert target in readme and (ROOT / target).exists(), target
