"""The book's bibliography, written with pybtex from the data: one entry per article and one per
outside address the data cites (once, however many rows cite it), dated by the page's own date or
n.d. Every build writes it beside its output (`troops_debate.sphinx.static`), from the data it builds from."""
from __future__ import annotations

import hashlib

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from pathlib import Path

from .codebooks import BASES
from .load import load_articles, load_red_lines, load_stances

NO_DATE = "n.d."


def source_key(url: str) -> str:
    return "src-" + hashlib.sha256(url.encode()).hexdigest()[:8]


def page_year(page_date: str) -> str:
    """The year of a page's own date, or n.d. when the date is unknown (never the event's year)."""
    return page_date[:4] if page_date else NO_DATE


def external_sources() -> list[dict]:
    """Every outside address the data cites, once, with its outlet, the page's own date ('' when unknown)
    and a title. An article's own address is the article's entry, not a second one."""
    articles = load_articles()
    article_urls = set(articles.url) - {""}
    found: dict[str, dict] = {}

    def add(url: str, outlet: str, page_date: str, title: str) -> None:
        if url in article_urls:
            return
        entry = found.setdefault(url, {"outlet": outlet, "date": page_date, "title": title})
        entry["date"] = entry["date"] or page_date

    for row in load_stances().itertuples():
        if row.source_url:
            add(row.source_url, row.source_outlet, row.source_date, f"{row.speaker} on a European force in Ukraine")
    for row in load_red_lines().itertuples():
        dates = row.source_dates or ("",) * len(row.sources)
        for url, outlet, page_date in zip(row.sources, row.source_outlets, dates):
            add(url, outlet.strip(), page_date, f"Report cited for: {row.step}")
    for row in articles.itertuples():
        for url in row.metadata_sources:
            add(url, url.split("/")[2].removeprefix("www."), "", f"Cited for the metadata of {row.article_id}")
    return [{"url": url, "key": source_key(url), "year": page_year(meta["date"]), **meta}
            for url, meta in sorted(found.items())]


def _corporate(name: str) -> Person:
    """An organisation as author: one name, never split into first and last."""
    return Person("{" + braces_out(name) + "}")


def _article_entry(row) -> Entry:
    author = [Person(braces_out(row.author))] if row.author else [_corporate(row.outlet)]  # no byline: the outlet stands
    year = row.date_earliest[:4]  # the earliest the article can be
    if row.date_earliest == row.date_latest:
        when = f"Dated {row.date_earliest} ({BASES.name(row.date_basis).lower()})."
    else:
        when = f"Date {BASES.name(row.date_basis).lower()}: {row.date_earliest} to {row.date_latest}."
    fields = {"title": "{" + braces_out(row.title or f"Untitled in the capture ({row.section or row.outlet})") + "}",
              "journal": braces_out(", ".join(filter(None, (row.outlet, row.section)))), "year": year,
              "note": braces_out(when + ("" if row.author else " No byline in the capture."))}
    if row.url:
        fields["url"] = row.url
    return Entry("article", fields=fields, persons={"author": author})


def bibliography() -> BibliographyData:
    entries = {row.article_id: _article_entry(row) for row in load_articles().itertuples()}
    for src in external_sources():
        entries[src["key"]] = Entry("misc", fields={"title": "{" + braces_out(src["title"]) + "}", "year": src["year"],
                                                    "url": src["url"]},
                                    persons={"author": [_corporate(src["outlet"])]})
    return BibliographyData(entries)


def braces_out(text: str) -> str:
    """BibTeX reads braces as grouping and has no escape for them: a brace in the data is written as a
    parenthesis, so the text reads the same and no group swallows it."""
    return text.replace("{", "(").replace("}", ")")


class _Writer(Writer):
    """pybtex's BibTeX writer, leaving addresses as they are: the book's bibliography style prints a
    url field raw, so an escaped underscore would show as '\\_'. (The data's checks keep quotes,
    braces, spaces and backslashes out of addresses.)"""

    def _write_field(self, stream, type, value):
        if type == "url":
            stream.write(f",\n    {type} = {{{value}}}")
        else:
            super()._write_field(stream, type, value)


def bibtex() -> str:
    return "% Written by `make book` from the data (troops_debate/data/bibliography.py); do not edit.\n\n" + \
        _Writer().to_string(bibliography())


def write_bibliography(path: Path) -> bool:
    """Write the bibliography to `path` when it differs from the data; True when it changed."""
    text = bibtex()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
