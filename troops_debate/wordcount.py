"""Words a reader sees on a built page, and how many of them are prose.

"Visible" means what stands in the main column without opening anything: paragraphs, lists,
headings, tables, captions and admonitions. Left out: anything inside a collapsed
`<details>` (the data tables under charts, hidden code), code cells, chart graphics, text
kept for screen readers only, navigation and the footer (they are outside the main column).
"Prose" is the part of it in paragraphs and list items, outside tables and figure captions.

Used by the tests (the reading-path budgets) and by `make bench` (words per page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+(?:[’'.,\-–][0-9A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+)*")
WORDS_PER_MINUTE = 230  # an adult reader's pace for non-fiction

# Removed before counting: never visible in the main column without a click.
HIDDEN = (
    "details",                      # collapsed blocks: chart data and description, hidden code
    ".cell_input",                  # code cells
    "script", "style", "template", "noscript",
    "svg", "canvas", ".td-chart-vis",  # chart graphics
    ".headerlink",                  # the pilcrow link after each heading
    ".visually-hidden", ".sr-only", ".td-sr-only",
    "[hidden]", "[aria-hidden=true]",
)
PROSE = ("p", "li")
NOT_PROSE_TAGS = {"table", "figcaption"}
NOT_PROSE_CLASSES = {"caption", "td-chart-source"}


@dataclass(frozen=True)
class PageWords:
    page: str
    visible: int
    prose: int

    @property
    def minutes(self) -> float:
        return self.visible / WORDS_PER_MINUTE


def count(text: str) -> int:
    return len(WORD.findall(text))


def main_column(html: str) -> Tag:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.body or soup
    for selector in HIDDEN:
        for element in article.select(selector):
            element.decompose()
    return article


def _outside_prose(element: Tag) -> bool:
    return element.name in NOT_PROSE_TAGS or bool(NOT_PROSE_CLASSES & set(element.get("class") or ()))


def _own_text(element: Tag) -> str:
    """The element's text without that of nested prose elements (a list item inside a list item)."""
    parts = []
    for child in element.children:
        if isinstance(child, Tag):
            if child.name in PROSE:
                continue
            parts.append(_own_text(child))
        else:
            parts.append(str(child))
    return " ".join(parts)


def page_words(html: str, page: str = "") -> PageWords:
    article = main_column(html)
    visible = count(article.get_text(" "))
    prose = 0
    for element in article.find_all(PROSE):
        if any(_outside_prose(parent) for parent in element.parents):
            continue
        prose += count(_own_text(element))
    return PageWords(page, visible, prose)


def book_words(html_root: Path, pages: list[str]) -> list[PageWords]:
    """Words on each page ('book/index', 'book/articles/rs2024', ...) of a built book."""
    return [page_words((html_root / f"{page}.html").read_text(encoding="utf-8"), page) for page in pages]
