"""The article chapters' and the claims record page's HTML: an article's card, every claim with the
article's words, the facts and views it cites with whom it credits, and the positions a teaser reports.
Every string from the data is escaped (`html.table`, `html.escape`)."""
from __future__ import annotations

import pandas as pd

from ..analysis.articles import NO_SOURCE, article_claims, cited, teaser_rows
from ..data import codebooks as cb
from ..text.quotes import quoted
from .cards import article_cards, coded_chip
from .html import HTMLOutput, Markup, escape, table

TEASER_CAPTION = "Positions on the EU reparations loan, as the teaser reports them (not positions on troops)"


def card(articles: pd.DataFrame, article_id: str) -> HTMLOutput:
    """The card of one article: outlet, title, author, date, address and position, each with its basis."""
    return article_cards(articles[articles["article_id"] == article_id])


def _claim_and_quote(value, row) -> Markup:
    """Our summary of the claim, with the article's own words under it."""
    return Markup(f"{escape(value)}<br><em>In the article:</em> {escape(quoted(row['quote']))}")


def _kind_and_theme(value, row) -> Markup:
    return Markup(f"<strong>{escape(row['kind_name'])}</strong><br>{escape(row['theme_name'])}")


def _credit(value, row) -> Markup:
    if value == NO_SOURCE:
        return Markup(f"<em>{escape(value)}</em>")
    return escape(value)


def claims_table(arguments: pd.DataFrame, article_id: str) -> HTMLOutput:
    """Every claim of one article: paragraph, kind and theme, the claim in our words, the quote."""
    frame = article_claims(arguments, article_id)
    return table(frame, {"paragraph": "¶", "kind_name": "Kind and theme",
                         "claim": "The claim (our summary) and the article's words"},
                 caption=f"The {len(frame)} claims coded in {article_id}, in the order of the text",
                 formatters={"claim": _claim_and_quote, "kind_name": _kind_and_theme}, css_class="td-claims",
                 download="arguments.csv")


def cited_table(arguments: pd.DataFrame, article_id: str) -> HTMLOutput:
    """The facts, background and views one article reports, with whom it credits for each."""
    return table(cited(arguments, article_id),
                 {"paragraph": "¶", "kind_name": "Kind", "claim": "What the article reports, and its words",
                  "credited": "Credited in the article to"},
                 caption=f"Facts, background and views that {article_id} reports, with whom it credits",
                 formatters={"claim": _claim_and_quote, "credited": _credit}, css_class="td-cited",
                 download="arguments.csv")


def teaser_table(positions: pd.DataFrame, teaser_id: str, caption: str = TEASER_CAPTION) -> HTMLOutput:
    """The positions one teaser reports (on the EU loan, not on troops), in the codebook's order."""
    return table(teaser_rows(positions, teaser_id),
                 {"actor": "Member or institution", "position": "Position on the loan",
                  "quote": "What the teaser says", "note": "Note"},
                 caption=caption, formatters={"position": coded_chip(cb.LOAN_POSITIONS),
                                              "quote": lambda v, r: escape(f"\u201c{v}\u201d")},
                 download="teaser_positions.csv")
