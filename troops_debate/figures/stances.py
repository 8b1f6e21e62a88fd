"""The stances chapter's figure: each actor's coded stance at each dated statement, on a time axis.

Text from the data is data in the chart, shown by the tooltip as text (never markup).
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from . import theme as _theme  # noqa: F401  (registers and enables the book theme)
from ..analysis import stances as an
from ..data import codebooks as cb
from ..data.dates import human
from ..tables.html import Figure
from ..text.quotes import quoted
from ..text.stances import finding
from ..text.wording import join_names as join, the
from .theme import chart_title, scale_for, shapes_for

FROM_ARTICLE = "Reported in one of the articles"
FROM_ELSEWHERE = "Reported by another outlet"
SOURCE_LINE = "the articles' texts; for other statements, the outlet each row cites (see The record)"
TITLE_WIDTH = 42     # characters per title line: fits a 390 px phone at the theme's 16 px
SUBTITLE_WIDTH = 46  # the same for the 13 px subtitle
LEGEND_TITLE = "Stance, most supportive first"
ROW_HEIGHT = 36      # pixels per actor (two sub-rows: articles and other outlets)
BAND = "#9e9e9e"     # the shaded band behind a date known only to the month
HALO = "#ffffff"     # a pale disc behind each mark: invisible on a light page, it keeps the darkest
                     # stance colours legible on a dark one
NOTES = {"window": " (the article's publication window)", "month": " (month only)"}
SUBTITLE = ("Coded stance of each actor at each dated statement. Filled marks: reported in an article; "
            "hollow marks: other outlets. A bar spans the window in which an article appeared, the date "
            "its rows carry; a grey band spans a month when only the month is known.")
EPOCH = date(1970, 1, 1)


def source_name(row) -> str:
    """The source of a row in words: the article id, or the outlet."""
    return f"article {row['article_id']}" if row["article_id"] else row["source_outlet"]


def timeline_data(frame: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows, in time order: only the columns it draws or shows in the tooltip. `start`
    and `end` are set for a month (drawn as a grey band) and for an article's window (drawn as a bar
    spanning the window)."""
    dated = an.in_time_order(frame)
    spans = dated["date_precision"] != "day"
    return pd.DataFrame({
        "actor": dated["actor"],
        "precision": dated["date_precision"].astype(str),
        "when": [d.isoformat() for d in dated["date_mid"]],
        "start": [s.isoformat() if m else None for s, m in zip(dated["date_start"], spans)],
        "end": [e.isoformat() if m else None for e, m in zip(dated["date_end"], spans)],
        "stance": [cb.STANCES.name(c) for c in dated["stance"]],
        "source": [FROM_ARTICLE if a else FROM_ELSEWHERE for a in dated["from_article"]],
        "date_label": [human(d) + NOTES.get(p, "") for d, p in zip(dated["date"], dated["date_precision"])],
        "speaker": dated["speaker"],
        "question": [cb.QUESTIONS.name(c) for c in dated["question"]],
        "quote": [quoted(q) if q else "(paraphrase only; no quote)" for q in dated["quote"]],
        "outlet": [source_name(r) for _, r in dated.iterrows()],
    })


def describe(frame: pd.DataFrame, moves: pd.DataFrame) -> str:
    """The chart's text alternative: what it draws, and every actor's first and last position."""
    dated = an.in_time_order(frame)
    when = dict(zip(dated["stance_id"], (human(d) for d in dated["date"])))
    n_art = int(dated["from_article"].sum())
    n_window = int((dated["date_precision"] == "window").sum())
    parts = [f"Dot chart of {len(dated)} dated statements by {dated['actor'].nunique()} actors: {n_art} reported "
             f"in the articles (filled marks) and {len(dated) - n_art} by other outlets (hollow marks). The "
             f"earliest are dated {human(dated['date'].iloc[0])}, the latest {human(dated['date'].iloc[-1])}."]
    if n_window:
        parts.append(f"{n_window} rows from the articles are dated to an article's publication window, drawn as "
                     f"a bar spanning the window.")
    name = cb.STANCES.name
    for direction, words in (("towards", "Moved towards backing a force"), ("away", "Moved away"),
                             ("unchanged", "Same stance at first and last")):
        chosen = moves[moves["direction"] == direction]
        if not chosen.empty:
            parts.append(f"{words}: " + "; ".join(
                f"{the(r['actor'])} ({name(r['first'])}, {when[r['first_id']]} \u2192 {name(r['last'])}, "
                f"{when[r['last_id']]})" for _, r in chosen.iterrows()) + ".")
    single = moves[moves["direction"] == "single"]
    if not single.empty:
        parts.append("One position recorded: " + "; ".join(
            f"{the(r['actor'])} ({name(r['last'])}, {when[r['last_id']]})" for _, r in single.iterrows()) + ".")
    if none := an.actors_moving(moves, "none"):
        parts.append(f"No position recorded: {join(none)}.")
    return " ".join(parts)


def _data_table(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The table behind the chart: every row, by actor (in order of entry) and date."""
    dated = an.in_time_order(frame)
    behind = pd.DataFrame({
        "Actor": dated["actor"], "Date": [human(d) for d in dated["date"]],
        "Stance": [cb.STANCES.name(c) for c in dated["stance"]],
        "Speaker": dated["speaker"],
        "Source": [source_name(r) for _, r in dated.iterrows()],
    })
    behind["_order"] = behind["Actor"].map({a: i for i, a in enumerate(order)})
    return behind.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def stance_timeline(frame: pd.DataFrame) -> Figure:
    """Dot chart: each actor's coded stance at each dated statement, on a time axis. A row dated
    to an article's window is drawn as a bar across the window, with the stance's mark at its
    middle; a row known to the month sits mid-month over a grey band spanning the month."""
    data = timeline_data(frame)
    moves = an.movement(frame)
    present = set(frame["stance"])
    names, colours = scale_for(cb.STANCES, present)
    shapes = shapes_for(cb.STANCES, present)
    order = an.actor_order(frame)
    sources = [s for s in (FROM_ARTICLE, FROM_ELSEWHERE) if s in set(data["source"])]
    first = min(frame["date_start"]) - timedelta(days=20)
    last = max(frame["date_end"]) + timedelta(days=20)

    y = alt.Y("actor:N", sort=order, title=None, axis=alt.Axis(labelLimit=160, labelPadding=6))
    y_offset = alt.YOffset("source:N", sort=sources, scale=alt.Scale(domain=sources, paddingInner=0.2))
    x_scale = alt.Scale(type="utc", domain=[(d - EPOCH).days * 86_400_000 for d in (first, last)])
    stance_scale = alt.Scale(domain=names, range=colours)
    colour = alt.Color("stance:N", scale=stance_scale,
                       legend=alt.Legend(title=LEGEND_TITLE, columns=2, titleLimit=320,
                                         symbolStrokeWidth=2, symbolSize=110))
    shape = alt.Shape("stance:N", scale=alt.Scale(domain=names, range=shapes),
                      legend=alt.Legend(title=LEGEND_TITLE, columns=2))
    tooltip = [alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("date_label:N", title="Date"),
               alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("speaker:N", title="Speaker"),
               alt.Tooltip("question:N", title="Question"), alt.Tooltip("quote:N", title="Quote"),
               alt.Tooltip("outlet:N", title="Source")]

    months = alt.Chart(data).transform_filter("datum.precision == 'month'").mark_rect(
        color=BAND, opacity=0.3).encode(x=alt.X("start:T"), x2="end:T", y=y, yOffset=y_offset)
    windows = alt.Chart(data).transform_filter("datum.precision == 'window'").mark_bar(
        opacity=0.55, height=10, cornerRadius=2).encode(
        x=alt.X("start:T"), x2="end:T", y=y, yOffset=y_offset,
        color=alt.Color("stance:N", scale=stance_scale, legend=None), tooltip=tooltip)
    halo = alt.Chart(data).mark_circle(color=HALO, opacity=0.4, size=240).encode(
        x=alt.X("when:T"), y=y, yOffset=y_offset)
    points = alt.Chart(data).mark_point(filled=True, size=110, strokeWidth=2, opacity=1).encode(
        x=alt.X("when:T", scale=x_scale, title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True,
                                                                       labelFlush=True)),
        y=y, yOffset=y_offset, color=colour, shape=shape,
        stroke=alt.Stroke("stance:N", scale=stance_scale, legend=alt.Legend(title=LEGEND_TITLE, columns=2)),
        # filled = reported in an article, hollow = another outlet (said in the subtitle: Vega-Lite
        # draws no legend for fillOpacity on point marks)
        fillOpacity=alt.FillOpacity("source:O", sort=sources,
                                    scale=alt.Scale(domain=sources, range=[1, 0][:len(sources)]), legend=None),
        tooltip=tooltip,
    )
    title = chart_title(finding(moves), SUBTITLE, width=TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)
    chart = alt.layer(months, windows, halo, points, title=title).properties(
        width="container", height=ROW_HEIGHT * len(order))
    return Figure(chart, describe(frame, moves), SOURCE_LINE, _data_table(frame, order), download="stances.csv")
