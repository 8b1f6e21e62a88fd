"""The article chapters' charts: each article's claims by theme and kind, and the names it uses most.

Every article's chapter calls the same functions, with scales fixed across the articles, so that their
figures can be set side by side: the claim matrix always shows every theme and every kind of claim
with one colour scale, and the mentions chart uses one axis and one set of colours for every article.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis.articles import claim_matrix, leading_themes, top_mentions
from ..data import codebooks as cb
from ..data.texts import article_paragraphs
from ..tables.html import Figure
from ..text.wording import join
from . import theme
from .theme import AUTOSIZE, SHORT_TITLE_WIDTH, SPLIT_LABEL, chart_title, two_lines

MENTION_KINDS = ("country", "region", "institution", "leader", "media")
CLAIMS_SOURCE = "Claims coded by the book from the article texts"
MENTIONS_SOURCE = "Names counted by the book from the article texts, adjectives and capitals included"
SUBTITLE_WIDTH = 48
PROPER = ("Russia", "Europe", "Ukraine", "US", "NATO")  # theme names that open with a proper name


def heading(title: str, subtitle: str) -> alt.Title:
    """A chart title and subtitle, wrapped into lines short enough for a narrow screen."""
    return chart_title(title, subtitle, width=SHORT_TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)


def in_sentence(name: str) -> str:
    """A theme name as it reads inside a sentence: 'Escalation and Russian threats' ->
    'escalation and Russian threats', 'The US role' -> 'the US role', 'European will' unchanged."""
    return name if name.startswith(PROPER) else name[:1].lower() + name[1:]


# ------------------------------------------------------------------ claims by theme and kind


def theme_totals(arguments: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Claims per theme (codebook order), with the kinds that make them up in words: the table behind the chart."""
    matrix = claim_matrix(arguments, article_id)
    out = []
    for name, part in matrix.groupby("theme", sort=False):
        nonzero = part[part["claims"] > 0]
        out.append({"Theme": name, "Claims": int(part["claims"].sum()),
                    "Of which": ", ".join(f"{r.kind.lower()} {r.claims}" for r in nonzero.itertuples()) or "none"})
    return pd.DataFrame(out)


def claims_title(arguments: pd.DataFrame, article_id: str) -> tuple[str, str]:
    """The claims chart's title (where the arguments and the evidence lie) and subtitle (the counts)."""
    said = []
    for kind, verb, one, many in (("argument", "argues most on", "argument", "arguments"),
                                  ("evidence", "cites most evidence on", "piece of evidence", "pieces of evidence")):
        themes, best, total = leading_themes(arguments, article_id, kind)
        if not themes:
            said.append(("makes no argument" if kind == "argument" else "cites no evidence", ""))
            continue
        if best == total:
            count = f"its only {one}" if total == 1 else f"all {total} {many}"
        else:
            count = f"{best} of its {total} {many}" + (" each" if len(themes) > 1 else "")
        said.append((f"{verb} {join([in_sentence(t) for t in themes])}", count))
    title = f"{article_id} {said[0][0]}, and {said[1][0]}"
    counts = "; ".join(c for _, c in said if c)
    subtitle = f"Claims in {article_id} by theme and kind" + (f": {counts}" if counts else "")
    return title, subtitle


def claims_chart(arguments: pd.DataFrame, article_id: str, source: str = CLAIMS_SOURCE) -> Figure:
    """Heat-map of one article's claims by theme and kind, on scales shared by every article;
    its title says which theme the article argues most about and which it cites most evidence on.

    `arguments` should hold every article, so that the colour scale (0 to the largest
    cell in any article) is the same in each chapter."""
    matrix = claim_matrix(arguments, article_id)
    matrix["row"] = matrix["theme"].map(two_lines)
    vmax = max(int(claim_matrix(arguments, a)["claims"].max()) for a in arguments["article_id"].unique())
    totals = theme_totals(arguments, article_id)
    total = int(totals["Claims"].sum())
    kinds = matrix.groupby("kind", sort=False)["claims"].sum()
    theme_order = [two_lines(t.name) for t in cb.THEMES]
    kind_order = [k.name for k in cb.CLAIM_KINDS]
    base = alt.Chart(matrix).encode(
        x=alt.X("kind:N", sort=kind_order, title=None,
                axis=alt.Axis(orient="top", labelAngle=-45, labelAlign="left", domain=False, ticks=False)),
        y=alt.Y("row:N", sort=theme_order, title=None,
                axis=alt.Axis(domain=False, ticks=False, labelExpr=SPLIT_LABEL, labelLineHeight=14)),
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("claims:Q", title="Claims")],
    )
    grid = base.mark_rect(fillOpacity=0, stroke="#9a9a9a", strokeWidth=0.5)
    cells = base.transform_filter("datum.claims > 0").mark_rect(stroke="#9a9a9a", strokeWidth=0.5).encode(
        color=alt.Color("claims:Q", title="Claims", scale=alt.Scale(domain=[0, vmax], scheme="blues"),
                        legend=None))
    labels = base.transform_filter("datum.claims > 0").mark_text(fontSize=13, fontWeight=600).encode(
        text=alt.Text("claims:Q"),
        color=alt.condition(f"datum.claims > {vmax / 2}", alt.value("#ffffff"), alt.value("#08306b")))
    chart = alt.layer(grid, cells, labels).properties(
        title=heading(*claims_title(arguments, article_id)), width="container", height=34 * len(theme_order),
        autosize=AUTOSIZE)
    description = (f"Heat-map of the {total} claims coded in {article_id}, with themes as rows and kinds of claim "
                   f"as columns; each filled cell shows its count. By theme: "
                   + "; ".join(f"{r.Theme} {r.Claims}" for r in totals.itertuples())
                   + ". By kind: " + "; ".join(f"{k} {int(v)}" for k, v in kinds.items()) + ".")
    return Figure(chart, description, source, totals, download="arguments.csv")


# ------------------------------------------------------------------ the names an article uses


def mentions_figure(mentions: pd.DataFrame, article_id: str, source: str = MENTIONS_SOURCE,
                    top: int = 12) -> Figure:
    """Bar chart of the names one article uses most, with the kind of name written beside
    each bar; the axis and colours are shared by every article in `mentions`."""
    n_paragraphs = len(article_paragraphs(article_id))
    frame = top_mentions(mentions, article_id, top)
    frame["row"] = frame["entity"] + "|" + frame["kind"]
    xmax = int(mentions["mentions"].max())
    leader = frame.iloc[0]
    present = set(mentions["kind"])
    kinds = [k for k in MENTION_KINDS if k in present] + sorted(present - set(MENTION_KINDS))
    colours = dict(zip(MENTION_KINDS, theme.OKABE_ITO))
    title = (f"{leader['entity']} is the name {article_id} uses most: {leader['mentions']} mentions, "
             f"in {leader['n_paragraphs']} of its {n_paragraphs} paragraphs")
    header = heading(title, f"Mentions of countries, leaders, institutions and media in {article_id}: "
                            f"the {len(frame)} most named (adjectives and capitals count)")
    base = alt.Chart(frame[["entity", "kind", "mentions", "n_paragraphs", "row"]]).encode(
        y=alt.Y("row:N", sort=frame["row"].tolist(), title=None,
                axis=alt.Axis(labelExpr=SPLIT_LABEL, labelLineHeight=14)),
        x=alt.X("mentions:Q", title="Mentions in the article", scale=alt.Scale(domain=[0, xmax + 2]),
                axis=alt.Axis(tickMinStep=1, values=list(range(0, xmax + 1, 5)))),
        tooltip=[alt.Tooltip("entity:N", title="Name"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("mentions:Q", title="Mentions"),
                 alt.Tooltip("n_paragraphs:Q", title="Paragraphs naming it")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "kind:N", title="Kind of name",
        scale=alt.Scale(domain=kinds, range=[colours.get(k, "#888888") for k in kinds]), legend=None))
    text = base.mark_text(align="left", dx=4).encode(text="mentions:Q")
    chart = alt.layer(bars, text).properties(title=header, width="container", height=32 * len(frame),
                                             autosize=AUTOSIZE)
    description = (f"Bar chart of the {len(frame)} names most often used in {article_id}, each labelled with its "
                   f"kind and count. " + "; ".join(f"{r.entity} ({r.kind}): {r.mentions}" for r in frame.itertuples())
                   + ".")
    shown = frame.rename(columns={"entity": "Name", "kind": "Kind", "mentions": "Mentions",
                                  "paragraphs": "Paragraphs"})[["Name", "Kind", "Mentions", "Paragraphs"]]
    return Figure(chart, description, source, shown, download="mentions.csv")
