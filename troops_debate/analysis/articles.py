"""The articles and what each holds, as tables: the articles in date order, one article's claims,
the facts and views it cites, its claims by theme and kind, the names it uses most, and the teasers
its capture holds. Every chapter that lists or compares articles takes them from here, in date order.
"""
from __future__ import annotations

import pandas as pd

from ..data import codebooks as cb

NO_SOURCE = "No source named in the article"
CITED_KINDS = ("evidence", "context")  # what an article reports rather than argues


def articles_in_order(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles by the first day of their date window (then the last day, then the id)."""
    return articles.sort_values(["date_earliest_start", "date_latest_end", "article_id"],
                                kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------ one article's claims


def article_claims(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The claims of one article in paragraph order, with theme and kind in words."""
    frame = arguments[arguments["article_id"] == article_id].copy()
    frame["theme_name"] = [cb.THEMES.name(code) for code in frame["theme"]]
    frame["kind_name"] = [cb.CLAIM_KINDS.name(code) for code in frame["kind"]]
    return frame.sort_values(["paragraph", "claim_id"], kind="stable").reset_index(drop=True)


def cited(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """What the article reports as fact, background or someone else's view: its evidence and
    context rows, and any other row it credits to someone (`credited`: whom, or NO_SOURCE)."""
    frame = article_claims(arguments, article_id)
    credited = frame["attributed_to"].fillna("")
    frame = frame[frame["kind"].isin(CITED_KINDS) | (credited != "")].reset_index(drop=True)
    frame["credited"] = frame["attributed_to"].fillna("").replace("", NO_SOURCE)
    return frame


def claim_matrix(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Claims per theme × kind for one article (names in words), every cell of the codebooks present,
    zeros included, in codebook order."""
    frame = arguments[arguments["article_id"] == article_id]
    counts = frame.groupby(["theme", "kind"], observed=True).size()
    rows = [{"theme": t.name, "kind": k.name, "claims": int(counts.get((t.code, k.code), 0))}
            for t in cb.THEMES for k in cb.CLAIM_KINDS]
    return pd.DataFrame(rows)


def leading_themes(arguments: pd.DataFrame, article_id: str, kind: str) -> tuple[list[str], int, int]:
    """The theme(s) holding most of one article's claims of `kind` (codebook order, ties kept),
    their count and the total of that kind."""
    matrix = claim_matrix(arguments, article_id)
    part = matrix[matrix["kind"] == cb.CLAIM_KINDS.name(kind)]
    total, best = int(part["claims"].sum()), int(part["claims"].max())
    if total == 0:
        return [], 0, 0
    return list(part.loc[part["claims"] == best, "theme"]), best, total


# ------------------------------------------------------------------ names and captures


def top_mentions(mentions: pd.DataFrame, article_id: str, top: int = 12) -> pd.DataFrame:
    """The `top` names one article uses most (most mentions first, then by name), with the number of
    paragraphs naming each."""
    frame = (mentions[mentions["article_id"] == article_id]
             .sort_values(["mentions", "entity"], ascending=[False, True]).head(top)
             [["entity", "kind", "mentions", "paragraphs"]].reset_index(drop=True))
    frame["n_paragraphs"] = [len(p.split(", ")) for p in frame["paragraphs"]]
    return frame


def teaser_rows(positions: pd.DataFrame, teaser_id: str) -> pd.DataFrame:
    """The positions one teaser reports, in the codebook's order (then as listed)."""
    rows = positions[positions["teaser_id"] == teaser_id].copy()
    rows["_rank"] = [cb.LOAN_POSITIONS.rank(p) for p in rows["position"]]
    rows["_n"] = range(len(rows))
    return rows.sort_values(["_rank", "_n"], kind="stable").drop(columns=["_rank", "_n"])


def read_from_group(rows: pd.DataFrame, group: str = "Baltic") -> pd.DataFrame:
    """Rows whose quote does not name their actor but names a group it belongs to (the teaser says "the
    three Baltic countries"): the book's reading, not the teaser's words."""
    return rows[[actor not in quote and group in quote for actor, quote in zip(rows["actor"], rows["quote"])]]
