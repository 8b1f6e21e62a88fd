"""Page pieces that several chapters share: article cards, labelled tables, badges."""
from __future__ import annotations

import pandas as pd

from ..data import codebooks as cb
from ..data.dates import human as human_date  # noqa: F401  (the readable date, as cards write it)
from ..text.wording import date_range
from .html import HTMLOutput, Markup, escape, label_chip, link

SHAPE_CHARS = {"diamond": "\u25c6", "triangle-up": "\u25b2", "square": "\u25a0", "circle": "\u25cf",
               "triangle-down": "\u25bc", "cross": "\u271a", "triangle-right": "\u25b6", "stroke": "\u2013"}


def basis_badge(code: str) -> Markup:
    label = cb.BASES[code]
    return Markup(f'<span class="td-badge td-basis-{escape(code)}" title="{escape(label.definition)}">'
                  f"{escape(label.name.lower())}</span>")


def article_card(row: pd.Series) -> Markup:
    title = escape(row["title"]) if row["title"] else Markup("<em>No title in the capture</em>")
    author = escape(row["author"]) if row["author"] else Markup("<em>No byline in the capture</em>")
    url = link(row["url"], row["url"]) if row["url"] else Markup("<em>Not confirmed</em>")
    outlet = Markup(f"{escape(row['outlet'])} ({escape(row['section'])})") if row["section"] else escape(row["outlet"])
    items = [
        ("Outlet", outlet),
        ("Title", Markup(f"{title} {basis_badge(row['title_basis'])}")),
        ("Author", Markup(f"{author} {basis_badge(row['author_basis'])}")),
        ("Published", Markup(f"{escape(date_range(row['date_earliest'], row['date_latest']))} "
                             f"{basis_badge(row['date_basis'])}")),
        ("Address", Markup(f"{url} {basis_badge(row['url_basis'])}")),
        ("Position", escape(cb.ARTICLE_POSITIONS[row["position"]].definition)),
        ("Length", escape(f"{row['word_count']:,} words")),
        ("How we know", escape(row["date_note"])),
    ]
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in items)
    return Markup(f'<div class="td-card" id="card-{escape(row["article_id"])}">'
                  f'<p class="td-card-id"><strong>{escape(row["article_id"])}</strong></p><dl>{body}</dl></div>')


def article_cards(articles: pd.DataFrame) -> HTMLOutput:
    cards = "".join(article_card(row) for _, row in articles.iterrows())
    text = "\n".join(f"{r.article_id}: {r.outlet}, {r.title or '(no title in the capture)'}"
                     for r in articles.itertuples())
    return HTMLOutput(cards, text)


def coded_chip(labels: tuple[cb.Label, ...]):
    """A table formatter that shows a coded label in words, with its colour and shape."""
    lookup = {label.code: label for label in labels}

    def fmt(value, row) -> Markup:
        label = lookup[value]
        return label_chip(label.name, label.colour, SHAPE_CHARS.get(label.shape, "\u25cf"))
    return fmt
