"""Charts: one Altair theme for the whole book and one function per figure.

Each function takes the loaded data, aggregates it in pandas, and returns a
`render.Figure`: the chart, its text alternative (built from the same data), the
source line and the table behind it.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import codebooks as cb
from .render import Figure

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Okabe & Ito (2008): distinguishable with the common forms of colour-blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TEXT = "#222222"
MUTED = "#555555"


@alt.theme.register("troops_debate", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": None,
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "title": {"fontSize": 16, "fontWeight": 600, "anchor": "start", "color": TEXT,
                      "subtitleFontSize": 13, "subtitleColor": MUTED, "subtitlePadding": 4, "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 500, "labelColor": TEXT,
                     "titleColor": TEXT, "gridColor": "#e0e0e0", "domainColor": "#888888",
                     "tickColor": "#888888", "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT, "titleColor": TEXT,
                       "orient": "bottom", "direction": "horizontal", "columns": 4, "labelLimit": 220},
            "range": {"category": OKABE_ITO},
            "text": {"fontSize": 12, "color": TEXT},
        }
    }


def scale_for(labels: tuple[cb.Label, ...], present: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Domain (label names, in codebook order) and colours for a coded scale."""
    chosen = [lab for lab in labels if present is None or lab.code in present]
    return [lab.name for lab in chosen], [lab.colour for lab in chosen]


def shapes_for(labels: tuple[cb.Label, ...], present: set[str] | None = None) -> list[str]:
    return [lab.shape for lab in labels if present is None or lab.code in present]


def mentions_chart(mentions: pd.DataFrame, article_id: str, source: str, top: int = 12) -> Figure:
    """Bar chart: how often one article names each country, leader and institution."""
    frame = (mentions[mentions["article_id"] == article_id]
             .sort_values(["mentions", "entity"], ascending=[False, True]).head(top)
             [["entity", "kind", "mentions", "paragraphs"]].reset_index(drop=True))
    leader = frame.iloc[0]
    n_par = len(set(p for ps in frame["paragraphs"] for p in ps.split(", ")))
    kinds = sorted(frame["kind"].unique())
    chart = alt.Chart(frame, title=alt.Title(
        f"{leader['entity']} is the name this article uses most often",
        subtitle=f"Mentions in the text of {article_id}, counted by alias (top {len(frame)} names)",
    )).mark_bar().encode(
        x=alt.X("mentions:Q", title="Mentions in the article"),
        y=alt.Y("entity:N", sort="-x", title=None),
        color=alt.Color("kind:N", title="Kind of name", scale=alt.Scale(domain=kinds)),
        tooltip=[alt.Tooltip("entity:N", title="Name"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("mentions:Q", title="Mentions"), alt.Tooltip("paragraphs:N", title="Paragraphs")],
    ).properties(width="container", height=alt.Step(22))
    description = (f"Bar chart of the {len(frame)} names most often used in {article_id}. "
                   + "; ".join(f"{r.entity}: {r.mentions}" for r in frame.itertuples())
                   + f". Together they appear in {n_par} paragraphs.")
    table = frame.rename(columns={"entity": "Name", "kind": "Kind", "mentions": "Mentions",
                                  "paragraphs": "Paragraphs"})
    return Figure(chart, description, source, table, download="mentions.csv")
