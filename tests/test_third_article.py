"""A third article, added as the README says, appears everywhere the book lists or compares articles,
and no sentence that counts or compares articles turns false (the book was written with two)."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_book
from third_article import ARTICLE_ID, add_to_book, add_to_data

# Phrases that are true of two articles only.
TWO_ONLY = re.compile(r"\b(both|the two|two|either)\s+(of the\s+)?(articles?|snapshots|pieces|texts|arguments)\b",
                      re.IGNORECASE)
PAGES = ["book/index", "book/articles/rs2024", "book/articles/ac2026", f"book/articles/{ARTICLE_ID}",
         "book/analysis/stances", "book/analysis/red_lines", "book/analysis/debate", "book/record/claims",
         "book/record/stances", "book/method/method", "book/method/references"]


@pytest.fixture(scope="module")
def book3(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("third")
    source, data = tmp / "src", tmp / "data"
    source.mkdir()
    shutil.copytree(ROOT / "book", source / "book")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "data", data)
    add_to_data(data)
    toc = add_to_book(source)
    result = build_book(tmp / "out", env={"TROOPS_DEBATE_DATA": str(data)}, source=source, toc=toc)
    assert result.returncode == 0, f"the three-article book did not build:\n{result.stdout[-4000:]}\n{result.stderr[-3000:]}"
    return tmp / "out" / "_build" / "html"


def _main(book3, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((book3 / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("main") or soup


def _text(book3, page: str) -> str:
    main = _main(book3, page)
    for hidden in main.select("script, style, .cell_input, .highlight"):
        hidden.decompose()
    return " ".join(main.get_text(" ").split())


def _specs(book3, page: str) -> str:
    return " ".join(s.get_text() for s in _main(book3, page).select("script.td-chart-spec"))


def test_the_new_chapter_is_built_with_its_card_and_charts(book3):
    text = _text(book3, f"book/articles/{ARTICLE_ID}")
    assert "A fixture article for the third-article test" in text and "Fixture Review" in text
    assert ARTICLE_ID in _specs(book3, f"book/articles/{ARTICLE_ID}"), "the chapter's charts do not show the article"
    assert "horrible idea" not in text, "the new chapter still describes the article it was copied from"


@pytest.mark.parametrize("page", ["book/index", "book/analysis/stances", "book/analysis/debate", "book/method/method",
                                  "book/method/references", "book/record/claims"])
def test_every_page_that_lists_articles_lists_the_new_one(book3, page):
    text = _text(book3, page) + _specs(book3, page)
    assert ARTICLE_ID in text or "Fixture Review" in text, f"{page} does not list the third article"


def test_the_charts_that_place_the_articles_place_the_new_one(book3):
    for page in ("book/analysis/debate", "book/analysis/red_lines", "book/analysis/stances"):
        specs = _specs(book3, page)
        assert ARTICLE_ID in specs or "Fixture Review" in specs, f"{page}: no chart places the third article"


@pytest.mark.parametrize("page", PAGES)
def test_no_sentence_counts_or_compares_two_articles(book3, page):
    text = _text(book3, page)
    found = sorted({m.group(0) for m in TWO_ONLY.finditer(text)})
    assert not found, f"{page}: phrases only true of two articles: {found}"


def test_the_opening_page_counts_three_articles(book3):
    text = _text(book3, "book/index")
    assert re.search(r"\bthree (opinion )?articles\b", text, re.IGNORECASE), "the opening page does not say three"


def test_the_debate_matrix_has_a_column_per_article(book3):
    specs = [json.loads(s.get_text()) for s in _main(book3, "book/analysis/debate").select("script.td-chart-spec")]
    rows = [r for spec in specs for data in spec.get("datasets", {}).values() for r in data]
    seen = {value for row in rows for value in row.values() if value in ("rs2024", "ac2026", ARTICLE_ID)}
    assert seen == {"rs2024", "ac2026", ARTICLE_ID}
