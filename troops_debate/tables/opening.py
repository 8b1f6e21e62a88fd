"""The opening page's list of the articles in brief, made from articles.csv (one entry per article)."""
from __future__ import annotations

import pandas as pd

from ..data import codebooks as cb
from ..text.wording import article_window
from .html import ROOT_LINK, HTMLOutput, Markup, escape


def article_briefs(articles: pd.DataFrame) -> HTMLOutput:
    """The articles in brief, earliest first: side, outlet, date window and byline, the book's summary, and
    a link to the chapter."""
    items, plain = [], []
    for _, row in articles.sort_values(["date_earliest", "article_id"]).iterrows():
        side = cb.ARTICLE_POSITIONS.name(row["position"])
        basis = cb.BASES.name(row["date_basis"]).lower()
        byline = f"by {row['author']}" if row["author"] else "no byline"
        head = f"{side}: {row['outlet']}"
        when = f"{article_window(row)}, date {basis}; {byline}"
        href = f"{ROOT_LINK}book/articles/{row['article_id']}.html"
        items.append(f"<p><strong>{escape(head)}</strong> ({escape(when)}). {escape(row['summary'])} "
                     f'<a href="{escape(href)}">Read the chapter</a>.</p>')
        plain.append(f"{head} ({when}). {row['summary']}")
    return HTMLOutput(Markup('<div class="td-briefs">' + "".join(items) + "</div>"), "\n\n".join(plain))
