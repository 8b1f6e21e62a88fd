"""Checks of a data file against other files: quotes verbatim in their article (and paragraph),
actors named as actors.csv names them, a row from an article dated by the article's window, every
article's text, word count and raw capture present. `CONTEXTS` says which file gets which."""
from __future__ import annotations

import re
from typing import Callable

from ..paths import articles_dir, data_dir
from .codebooks import GRADE_OF_STANDING, LANGUAGES, THE_BOOK
from .errors import DataError, display_path
from .read import Context, read_rows
from .texts import article_paragraphs, is_file, quote_in_text, raw_dir, read_text, word_count

WHOLE = re.compile(r"[0-9]+")  # a whole number in ASCII digits (str.isdigit also takes '²')


def _actor_check() -> Context:
    """The actor is named as actors.csv names its code."""
    (_, codes), (_, actors) = read_rows_columns("actors.csv", "actor_code", "actor")
    names = dict(zip(codes, actors))

    def context(line: int, row: dict):
        code = row["actor_code"]
        if code in names and names[code] != row["actor"]:
            yield "actor", f"actors.csv names {code!r} {names[code]!r}, here {row['actor']!r}"
    return context


def read_rows_columns(file: str, *columns: str):
    """Some columns of a file as read (unchecked: its own loader reports its problems); empty if unreadable."""
    try:
        _, rows = read_rows(data_dir() / file)
    except DataError:
        rows = []
    return [(c, [row.get(c, "") for _, row in rows]) for c in columns]


def _quote_context(column: str, article_column: str, paragraph_column: str | None = None) -> Context:
    """The quote appears verbatim in its article (and paragraph, if given)."""
    ids = set(read_rows_columns("articles.csv", "article_id")[0][1])

    def context(line: int, row: dict):
        article, quote = row[article_column], row[column]
        if not article or article not in ids:
            return
        try:
            paragraphs = article_paragraphs(article)
        except DataError as err:  # the text's own problem, on the text's line
            yield from err.problems
            return
        if paragraph_column and WHOLE.fullmatch(row[paragraph_column]):
            number = int(row[paragraph_column])
            if not 1 <= number <= len(paragraphs):
                yield paragraph_column, f"expected a paragraph from 1 to {len(paragraphs)} of {article}, got {number}"
            elif quote and not quote_in_text(quote, paragraphs[number - 1]):
                where = "in the article" if quote_in_text(quote, "\n".join(paragraphs)) else "anywhere in the article"
                yield column, f"the quote is not in paragraph {number} of {article} (checked {where}): {quote!r}"
        elif quote and not paragraph_column and not quote_in_text(quote, "\n\n".join(paragraphs)):
            yield column, f"the quote is not verbatim in {article}: {quote!r}"
    return context


def _window_context() -> Context:
    """A row taken from an article carries the article's date window, as in articles.csv."""
    (_, ids), (_, first), (_, last) = read_rows_columns("articles.csv", "article_id", "date_earliest", "date_latest")
    windows = {a: f"{e}/{l}" for a, e, l in zip(ids, first, last)}

    def context(line: int, row: dict):
        expected = windows.get(row["article_id"])
        if expected and (row["date"], row["date_precision"]) != (expected, "window"):
            yield "date", (f"a row from {row['article_id']} carries the article's date window {expected!r} "
                           f"(date_precision 'window'), got {row['date']!r} ({row['date_precision']})")
    return context


def _both(*contexts: Context) -> Context:
    def context(line: int, row: dict):
        for each in contexts:
            yield from each(line, row)
    return context


def _article_context() -> Context:
    def context(line: int, row: dict):
        path = articles_dir() / f"{row['article_id']}.txt"
        if not is_file(path):
            yield "article_id", f"no article text at {display_path(path)}"
            return
        try:
            counted = word_count(read_text(path))
        except DataError as err:
            yield from err.problems
            return
        if WHOLE.fullmatch(row["word_count"]) and int(row["word_count"]) != counted:
            yield "word_count", f"expected {counted} (counted in {path.name}), got {row['word_count']}"
        if not is_file(raw_dir() / row["seed_file"]):
            yield "seed_file", f"no raw capture at {display_path(raw_dir() / row['seed_file'])}"
    return context


def _teaser_context() -> Context:
    def context(line: int, row: dict):
        if not is_file(articles_dir() / f"{row['teaser_id']}.txt"):
            yield "teaser_id", f"no teaser text at {display_path(articles_dir() / (row['teaser_id'] + '.txt'))}"
    return context


def _teaser_quote_context() -> Context:
    def context(line: int, row: dict):
        path = articles_dir() / f"{row['teaser_id']}.txt"
        if is_file(path) and not quote_in_text(row["quote"], read_text(path)):
            yield "quote", f"the quote is not verbatim in {row['teaser_id']}: {row['quote']!r}"
    return context


def _excerpts_by_url() -> dict[str, list[tuple[str, str]]]:
    """The stored excerpts (excerpts.csv) by page: (language, text) pairs."""
    (_, urls), (_, languages), (_, texts) = read_rows_columns("excerpts.csv", "url", "language", "excerpt")
    found: dict[str, list[tuple[str, str]]] = {}
    for url, language, text in zip(urls, languages, texts):
        found.setdefault(url, []).append((language, text))
    return found


def _language(code: str) -> str:
    return LANGUAGES.name(code) if code in LANGUAGES.codes else repr(code)


def _quote_source_context(quote: str, url: str, language: str, translated_by: str, translation: str | None,
                          original: str, original_url: str, article: str | None = None) -> Context:
    """A quote from outside the articles stands verbatim in a stored excerpt of the page it cites, and says
    whose words it is: the speaker's own (in `language`), or a translation, whose (`translated_by`); the
    speaker's own words, where given, stand in an excerpt of their page, in the speaker's language; a quote
    not in English carries an English `translation`, with whose it is."""
    by_url = _excerpts_by_url()
    english = [text for pairs in by_url.values() for lang, text in pairs if lang == "en"]

    def context(line: int, row: dict):
        said, spoken = row[quote], row[language]
        rendered = row[translation] if translation else ""
        page = None
        if article and row.get(article):
            page = "en"  # the articles are in English
        elif said:
            where = row[url]
            held = [lang for lang, text in by_url.get(where, []) if quote_in_text(said, text)]
            if not held:
                yield quote, (f"the quote is not in any stored excerpt of its page ({where}) in excerpts.csv, "
                              f"checked word for word: {said!r}")
            else:
                page = held[0]
        if page and spoken:
            if page == spoken and row[translated_by] and not rendered:
                yield translated_by, (f"the quote is the speaker's own {_language(spoken)}: there is no translator "
                                      "to name")
            if page != spoken and page != "en":
                yield language, (f"the page quotes the words in {_language(page)}, the speaker used "
                                 f"{_language(spoken)}: quote the speaker's own words or an English translation")
            if page != spoken and page == "en" and not row[translated_by]:
                yield translated_by, (f"the quote is an English translation of the speaker's {_language(spoken)}: "
                                      "say whose (the page's outlet, or whom it credits)")
            if translation and page != "en" and not rendered:
                yield translation, f"the quote is in {_language(page)}: give an English translation, and whose it is"
            if translation and page != "en" and rendered and not row[translated_by]:
                yield translated_by, f"say whose the translation is ({THE_BOOK!r} for the book's own)"
            if translation and page == "en" and rendered:
                yield translation, "the quote is in English: it needs no translation"
            if row[original] and page == spoken:
                yield original, "the quote is already the speaker's own words"
        if rendered and row[translated_by] and row[translated_by] != THE_BOOK \
                and not any(quote_in_text(rendered, text) for text in english):
            yield translation, (f"the translation is not in any stored English excerpt (excerpts.csv): store the "
                                f"page's sentence, or mark it as {THE_BOOK!r}'s: {rendered!r}")
        if row[original]:
            held = [lang for lang, text in by_url.get(row[original_url], []) if quote_in_text(row[original], text)]
            if not held:
                yield original, (f"the original words are not in any stored excerpt of {row[original_url]} in "
                                 f"excerpts.csv: {row[original]!r}")
            elif spoken and held[0] != spoken:
                yield original, (f"the original words should be the speaker's {_language(spoken)}; the excerpt is "
                                 f"in {_language(held[0])}")
    return context


def _grade_context(outlets: str, grades: str, many: bool = False) -> Context:
    """Each source's grade is the one its outlet's standing gives (outlets.csv; codebooks.GRADE_OF_STANDING)."""
    (_, names), (_, standings) = read_rows_columns("outlets.csv", "outlet", "standing")
    standing = dict(zip(names, standings))

    def context(line: int, row: dict):
        pairs = zip(row[outlets].split("|"), row[grades].split("|")) if many else [(row[outlets], row[grades])]
        for number, (outlet, grade) in enumerate(pairs, start=1):
            where = f"entry {number}: " if many else ""
            if not outlet or not grade:
                continue
            if outlet not in standing:
                yield outlets, f"{where}the outlet {outlet!r} is not in outlets.csv: add it with its standing"
            elif GRADE_OF_STANDING.get(standing[outlet]) not in (None, grade):
                yield grades, (f"{where}{outlet!r} is a {standing[outlet]} outlet (outlets.csv), so its grade is "
                               f"{GRADE_OF_STANDING[standing[outlet]]!r}, got {grade!r}")
    return context


def _page_date_context(url: str, date: str, urls: str | None = None, dates: str | None = None) -> Context:
    """The page's date is the one its stored copy shows (excerpts.csv: page_date): a row citing a page whose
    copy shows a date carries it."""
    (_, pages), (_, shown) = read_rows_columns("excerpts.csv", "url", "page_date")
    page_date = {u: d for u, d in zip(pages, shown) if d}

    def context(line: int, row: dict):
        page = row[url]
        if urls and dates:  # the date of the quote's page, in the row's list of sources
            listed = row[urls].split("|")
            given = row[dates].split("|")
            got = given[listed.index(page)] if page in listed and len(given) == len(listed) else None
            column = dates
        else:
            got, column = row[date], date
        if page in page_date and got is not None and got != page_date[page]:
            yield column, (f"the stored copy of {page} shows the date {page_date[page]} (excerpts.csv), got "
                           f"{got or 'none'!r}")
    return context


CONTEXTS: dict[str, Callable[[], Context]] = {
    "articles.csv": _article_context, "teasers.csv": _teaser_context,
    "arguments.csv": lambda: _quote_context("quote", "article_id", "paragraph"),
    "stances.csv": lambda: _both(_quote_context("quote", "article_id"), _actor_check(), _window_context(),
                                 _quote_source_context("quote", "source_url", "quote_language", "translated_by",
                                                       "translation", "original_quote", "original_source_url",
                                                       article="article_id"),
                                 _grade_context("source_outlet", "source_grade"),
                                 _page_date_context("source_url", "source_date")),
    "teaser_positions.csv": lambda: _both(_actor_check(), _teaser_quote_context()),
    "red_lines.csv": lambda: _both(
        _quote_source_context("warning_quote", "warning_quote_source", "warning_quote_language", "warning_translated_by",
                              None, "warning_original_quote", "warning_original_source_url"),
        _grade_context("source_outlets", "source_grades", many=True),
        _page_date_context("warning_quote_source", "", urls="sources", dates="source_dates")),
}

