"""The debate chapter's tables: the articles theme by theme, and the statements of other outlets
between them. Themes and kinds of claim come from the codebooks, in their order; articles come in date
order (`articles.articles_in_order`); nothing here names a particular article or row.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from ..data import codebooks as cb
from .articles import articles_in_order

MIXED = "mixed"


def article_order(articles: pd.DataFrame) -> list[str]:
    """Article ids, earliest first."""
    return list(articles_in_order(articles)["article_id"])


# ------------------------------------------------------------------ the theme × article matrix


def dominant_kind(kinds: pd.Series) -> str:
    """The most common kind of claim in words (lower case); 'mixed' when two or more kinds tie; '' for none."""
    counts = kinds.astype(str).value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()]
    return cb.CLAIM_KINDS.name(top.index[0]).lower() if len(top) == 1 else MIXED


def breakdown(kinds: pd.Series) -> str:
    """'argument 2, context 1': the kinds of claim in a cell, in codebook order."""
    counts = kinds.astype(str).value_counts()
    return ", ".join(f"{lab.name.lower()} {int(counts[lab.code])}" for lab in cb.CLAIM_KINDS if lab.code in counts)


def theme_matrix(arguments: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per theme (codebook order) and article (earliest first): claims, dominant kind, whether the
    cell holds one of the article's theses, and the kinds that make it up."""
    rows = []
    for lab in cb.THEMES:
        for art in article_order(articles):
            part = arguments[(arguments["theme"] == lab.code) & (arguments["article_id"] == art)]
            rows.append({"theme_code": lab.code, "theme": lab.name, "article_id": art, "claims": len(part),
                         "kind": dominant_kind(part["kind"]), "thesis": bool((part["kind"] == "thesis").any()),
                         "kinds": breakdown(part["kind"])})
    return pd.DataFrame(rows, columns=["theme_code", "theme", "article_id", "claims", "kind", "thesis", "kinds"])


def addressed_by(matrix: pd.DataFrame) -> dict[str, list[str]]:
    """Each theme (codebook order) with the articles that address it, earliest first."""
    present = matrix[matrix["claims"] > 0]
    return {lab.name: list(present.loc[present["theme"] == lab.name, "article_id"]) for lab in cb.THEMES}


def one_sided(matrix: pd.DataFrame) -> list[tuple[str, str]]:
    """(theme name, the only article that addresses it) for each theme just one article addresses,
    in codebook order."""
    return [(theme, arts[0]) for theme, arts in addressed_by(matrix).items() if len(arts) == 1]


def shared_themes(matrix: pd.DataFrame) -> list[str]:
    """The themes every article addresses, in codebook order."""
    n = matrix["article_id"].nunique()
    return [theme for theme, arts in addressed_by(matrix).items() if len(arts) == n]


def thesis_themes(matrix: pd.DataFrame) -> dict[str, list[str]]:
    """Each theme on which at least one article states a thesis, with those articles (codebook and date order)."""
    theses = matrix[matrix["thesis"]]
    out = {lab.name: list(theses.loc[theses["theme"] == lab.name, "article_id"]) for lab in cb.THEMES}
    return {theme: arts for theme, arts in out.items() if arts}


# ------------------------------------------------------------------ the debate over time


def window(articles: pd.DataFrame) -> tuple[date, date]:
    """From the earliest possible date of the first article to the latest of the last."""
    return min(articles["date_earliest_start"]), max(articles["date_latest_end"])


def outside_statements(stances: pd.DataFrame) -> pd.DataFrame:
    """The stance rows reported by outlets other than the articles, by date (`when`: the date's place on
    a time axis)."""
    rows = stances[~stances["from_article"]].copy()
    rows["when"] = rows["date_mid"]
    return rows.sort_values(["when", "stance_id"], kind="stable").reset_index(drop=True)


def timing(articles: pd.DataFrame, stances: pd.DataFrame) -> dict[str, object]:
    """Where the outside statements fall relative to the articles' date windows: `before` (made no later
    than the end of the first article's window), `after` (the rest, made no earlier than the start of the
    last article's), `between` (neither); `span` counts those in the stretch the debate chapter writes
    about: between the first and the last article, or after the only one. Dates as the data writes them."""
    ordered = articles_in_order(articles)
    first_end, last_start = ordered["date_latest_end"].iloc[0], ordered["date_earliest_start"].iloc[-1]
    rows = outside_statements(stances)
    before = rows["date_start"] <= first_end
    after = ~before & (rows["date_end"] >= last_start)
    between = int((~before & ~after).sum())
    days = rows[rows["date_precision"] == "day"]["date"].value_counts()
    top = days[days == days.max()].sort_index() if not days.empty else days
    return {"n": len(rows), "before": int(before.sum()), "after": int(after.sum()), "between": between,
            "span": between if len(ordered) > 1 else int(after.sum()),
            "first": rows["date"].iloc[0] if len(rows) else "", "last": rows["date"].iloc[-1] if len(rows) else "",
            "busiest": top.index[0] if len(top) else "", "busiest_n": int(top.iloc[0]) if len(top) else 0,
            "first_article": ordered["article_id"].iloc[0], "last_article": ordered["article_id"].iloc[-1]}


def troop_warnings(red_lines: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Russia's warnings about Western troops dated within the articles' window, by date (`when`)."""
    first, last = window(articles)
    rows = red_lines[red_lines["category"] == "troops"].copy()
    rows["when"] = rows["warning_date_mid"]
    return rows[(rows["when"] >= first) & (rows["when"] <= last)].reset_index(drop=True)
