"""The debate chapter's charts: the articles side by side theme by theme (`comparison_chart`), and the
debate over time (`debate_timeline`, in `figures.timeline`). Articles come in date order, themes and kinds
in codebook order; every title and description counts the articles it shows, however many there are."""
from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from ..analysis.debate import MIXED, article_order, one_sided, shared_themes, theme_matrix
from ..data import codebooks as cb
from ..tables.html import Figure
from ..text.wording import all_of, capital, join, the_count
from .theme import AUTOSIZE, SHORT_TITLE_WIDTH, SPLIT_LABEL, chart_title, two_lines

NEUTRAL = "#888888"   # empty cells, article ranges and warnings: readable on light and dark pages
DARK_TEXT = "#08306b"  # count on a pale cell (the darkest blue of the scale)
STAR = "\u2605"
SUBTITLE_WIDTH = 44  # characters per subtitle line: fits a 390 px phone


def heading(title: str, subtitle: str) -> alt.Title:
    """A chart title and subtitle, wrapped into lines short enough for a narrow screen."""
    return chart_title(title, subtitle, width=SHORT_TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)


def months(first: date, last: date) -> str:
    """2024-12-12, 2025-01-19 -> 'Dec 2024–Jan 2025'; 2026-01-27, 2026-02-24 -> 'Jan–Feb 2026'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b %Y}"
    if first.year == last.year:
        return f"{first:%b}\u2013{last:%b %Y}"
    return f"{first:%b %Y}\u2013{last:%b %Y}"


def article_label(row: pd.Series) -> str:
    """'rs2024 · against|Dec 2024–Jan 2025': the article, its position and its date window, on two lines."""
    return (f"{row['article_id']} \u00b7 {cb.ARTICLE_POSITIONS.name(row['position']).lower()}|"
            f"{months(row['date_earliest_start'], row['date_latest_end'])}")


def source_line(articles: pd.DataFrame) -> str:
    """'Claims coded from the texts of rs2024 and ac2026'."""
    return f"Claims coded from the texts of {join(article_order(articles))}"


# ------------------------------------------------------------------ the theme × article matrix


def matrix_title(matrix: pd.DataFrame) -> str:
    """What the matrix shows, true for any number of articles: the themes they all address, and those
    only one addresses."""
    order = list(dict.fromkeys(matrix["article_id"]))
    n, n_themes = len(order), len(cb.THEMES)
    shared, only = shared_themes(matrix), one_sided(matrix)
    if len(shared) == n_themes:
        who = f"{order[0]} addresses" if n == 1 else f"{capital(all_of(n, 'article'))} address"
        return f"{who} all {n_themes} themes"
    count = f"{len(shared)} of the {n_themes}" if shared else f"none of the {n_themes}"
    if n == 1:
        return f"{order[0]} addresses {count} themes"
    head = f"{'The articles' if n == 2 else capital(all_of(n, 'article'))} share {count} themes"
    if only:
        by_article: dict[str, list[str]] = {}
        for theme, art in only:
            by_article.setdefault(art, []).append(theme)
        head += "; " + "; ".join(f"only {art} addresses {join(themes)}" for art, themes in by_article.items())
    return head


def cell_text(claims: int, kind: str, thesis: bool) -> str:
    """The two lines written in a cell ('|' breaks the line): count (with a star for a thesis), kind."""
    if claims == 0:
        return "not|addressed"
    return f"{claims}{' ' + STAR if thesis else ''}|{kind}"


def comparison_chart(arguments: pd.DataFrame, articles: pd.DataFrame, source: str | None = None) -> Figure:
    """Heat-map: themes (rows, codebook order) × articles (columns, earliest first); each cell gives the
    number of claims and the most common kind of claim, and a star marks a cell holding a thesis."""
    matrix = theme_matrix(arguments, articles)
    labels = {r["article_id"]: article_label(r) for _, r in articles.iterrows()}
    order = article_order(articles)
    vmax = max(int(matrix["claims"].max()), 1)
    data = pd.DataFrame({
        "row": matrix["theme"].map(two_lines), "theme": matrix["theme"],
        "col": matrix["article_id"].map(labels), "article": matrix["article_id"],
        "claims": matrix["claims"], "text": [cell_text(c, k, t) for c, k, t in
                                              zip(matrix["claims"], matrix["kind"], matrix["thesis"])],
        "kinds": [k or "none" for k in matrix["kinds"]],
    })
    theme_order = [two_lines(lab.name) for lab in cb.THEMES]
    base = alt.Chart(data).encode(
        x=alt.X("col:N", sort=[labels[a] for a in order], title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelExpr=SPLIT_LABEL, labelLineHeight=15,
                              labelFontSize=11, domain=False, ticks=False, labelPadding=21)),
        y=alt.Y("row:N", sort=theme_order, title=None,
                axis=alt.Axis(domain=False, ticks=False, labelExpr=SPLIT_LABEL, labelLineHeight=14,
                              labelLimit=150)),
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("article:N", title="Article"),
                 alt.Tooltip("claims:Q", title="Claims"), alt.Tooltip("kinds:N", title="Kinds of claim")],
    )
    grid = base.mark_rect(fillOpacity=0, stroke=NEUTRAL, strokeWidth=0.6)
    empty = base.transform_filter("datum.claims == 0").mark_rect(
        fillOpacity=0, stroke=NEUTRAL, strokeWidth=1.2, strokeDash=[4, 3])
    cells = base.transform_filter("datum.claims > 0").mark_rect(stroke=NEUTRAL, strokeWidth=0.6).encode(
        color=alt.Color("claims:Q", scale=alt.Scale(domain=[0, vmax], scheme="blues"), legend=None))
    words = base.transform_filter("datum.claims > 0").mark_text(lineBreak="|", fontSize=13, lineHeight=16).encode(
        text=alt.Text("text:N"),
        color=alt.condition(f"datum.claims > {vmax / 2}", alt.value("#ffffff"), alt.value(DARK_TEXT)))
    none = base.transform_filter("datum.claims == 0").mark_text(
        lineBreak="|", fontSize=11, fontStyle="italic", lineHeight=14, color=NEUTRAL).encode(text=alt.Text("text:N"))
    title = matrix_title(matrix)
    subtitle = (f"Claims coded in each article, by theme. Under each count: the most common kind of claim "
                f"(\u201c{MIXED}\u201d if kinds tie); {STAR}: the cell holds one of the article's theses")
    chart = alt.layer(grid, empty, cells, words, none).properties(
        title=heading(title, subtitle), width="container", height=48 * len(theme_order), autosize=AUTOSIZE)

    parts = []
    for theme, part in matrix.groupby("theme", sort=False):
        parts.append(f"{theme}: " + ", ".join(f"{r.article_id} none" if r.claims == 0 else
                                              f"{r.article_id} {r.claims} ({r.kinds})" for r in part.itertuples()))
    totals = matrix.groupby("article_id")["claims"].sum()
    description = (f"Matrix of the claims coded in {the_count(len(order), 'article')}, with the {len(cb.THEMES)} "
                   f"themes as rows and {'the article as its column' if len(order) == 1 else 'the articles as columns'} "
                   f"({', '.join(f'{a} {int(totals[a])} claims' for a in order)}). {title}. " + "; ".join(parts) + ".")
    behind = pd.DataFrame({"Theme": [lab.name for lab in cb.THEMES]})
    for art in order:
        mine = matrix[matrix["article_id"] == art].set_index("theme")
        behind[art] = [f"{mine.loc[t, 'claims']}: {mine.loc[t, 'kinds']}" if mine.loc[t, "claims"] else "none"
                       for t in behind["Theme"]]
    return Figure(chart, description, source or source_line(articles), behind, download="arguments.csv")
