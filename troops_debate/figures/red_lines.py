"""Russia's declared red lines: the chapter's one chart, a timeline from warning to step.

Altair only: the rows and the articles' date windows come prepared from `analysis.red_lines`;
labels, colours and shapes from the codebooks. Every article in the articles table is drawn.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis import red_lines as rl
from ..data import codebooks as cb
from ..data.dates import human
from ..tables.html import Figure
from ..text.quotes import quoted
from ..text.wording import capital, counted, lower_first, share
from .theme import NARROW, chart_title, scale_for, shapes_for

NEUTRAL = "#888888"  # warning markers, article bands and labels: readable on light and dark backgrounds
# Characters per title line. On a 390 px phone this chart is 326 px wide, and theme.TITLE_WIDTH (42)
# cuts its title off at the right (measured in Chromium): 32 fits. WIDE: once the plot is wider than
# theme.NARROW. (The subtitle takes theme.SUBTITLE_WIDTH, which fits.)
TITLE_WIDTH, WIDE = 32, 64
DASHES = {"taken": [1, 0], "partly_taken": [6, 2], "not_taken": [2, 3]}  # by step status
SOURCE = "Warnings by Russian officials and the responses reported by the outlets named in each row"
INFERRED = "inferred"  # the date basis (codebook BASES) of a date worked out from the article's text


def _windows(articles: pd.DataFrame | None) -> pd.DataFrame:
    """The articles' date windows with their tooltip text: '27 January – 24 February 2026 (inferred)'."""
    if articles is None or not len(articles):
        return pd.DataFrame(columns=["article", "start", "end", "t_window", "basis"])
    frame = rl.article_windows(articles)
    frame["t_window"] = [f"{human(w)} ({cb.BASES.name(b).lower()})" for w, b in zip(frame["window"], frame["basis"])]
    for column in ("start", "end"):
        frame[column] = frame[column].map(lambda d: d.isoformat())
    return frame[["article", "start", "end", "t_window", "basis"]]


def _whose(windows: pd.DataFrame) -> str:
    """'the articles' inferred dates', or 'the article's date': as many as there are, and 'inferred'
    only when every one is."""
    one = len(windows) == 1
    kind = f"{INFERRED} " if (windows["basis"] == INFERRED).all() else ""
    return ("the article's " if one else "the articles' ") + kind + ("date" if one else "dates")


def source_line(windows: pd.DataFrame) -> str:
    """The source line, with how the articles' dates are known when any is inferred."""
    inferred = int((windows["basis"] == INFERRED).sum())
    if not inferred:
        return SOURCE
    if inferred < len(windows):
        return f"{SOURCE}; the dates marked ({INFERRED}) are inferred from the articles' texts"
    if len(windows) == 1:
        return f"{SOURCE}; the article's date is inferred from its text"
    return f"{SOURCE}; the articles' dates are inferred from their texts"


def timeline_title(red_lines: pd.DataFrame) -> str:
    """The finding the timeline shows: how often the step was taken, and whether any warning was followed
    by the top of the response scale."""
    k = rl.key_numbers(red_lines)
    top = cb.RESPONSES[-1]
    n_top = k[f"n_{top.code}"]
    tail = (f"no warning was followed by an {lower_first(top.name)}" if n_top == 0 else
            f"{counted(n_top, 'warning')} {'was' if n_top == 1 else 'were'} followed by an {lower_first(top.name)}")
    return f"The step was taken in {share(k['n_taken'], k['n_red_lines'])} cases; {tail}"


def _timeline_frame(frame: pd.DataFrame, end) -> pd.DataFrame:
    """One row per red line: the segment (warning to step, or to the record's end for a step not taken),
    where the markers sit, and the tooltip's words."""
    warned, stepped = frame["warning_date_mid"], frame["step_date_mid"]
    rows = pd.DataFrame({
        "id": frame["event_id"], "order": frame["order"], "label": frame["step"],
        # the response in words, and the status when the step was not (fully) taken
        "said": [r if st == "taken" else f"{r} \u00b7 {cb.STEP_STATUSES.name(st).lower()}"
                 for r, st in zip(frame["response_name"], frame["step_status"])],
        "step": frame["step"], "response": frame["response_name"], "status": frame["status_name"],
        "troops": frame["category"] == "troops",
        "start": [w if s is None else min(w, s) for w, s in zip(warned, stepped)],
        "end": [end if s is None else max(w, s) for w, s in zip(warned, stepped)],
        "warned": warned,
        # the response marker sits on the step; for a step not taken, on the warning
        "mark": [w if s is None else s for w, s in zip(warned, stepped)],
        "t_warning": [f"{human(d)}, {w}" for d, w in zip(frame["warning_date"], frame["warned_by"])],
        "t_quote": frame["warning_quote"].map(quoted),
        "t_step": [human(d) if d else f"not taken as of {human(end.isoformat())}" for d in frame["step_date"]],
        "t_response": [f"{n}{' (a Russian claim)' if c else ''}: {r}"
                       for n, c, r in zip(frame["response_name"], frame["claimed"], frame["response"])],
        "t_sources": frame["source_outlets"].map("; ".join),
    })
    for column in ("start", "end", "warned", "mark"):
        rows[column] = rows[column].map(lambda d: d.isoformat())
    return rows


def _data_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Warning": frame["warning_date"].map(human),
        "Step": frame["step"],
        "Category": frame["category_name"],
        "Step taken": [human(d) if d else s for d, s in zip(frame["step_date"], frame["status_name"])],
        "Response": [f"{n} (Russian claim)" if c else n for n, c in zip(frame["response_name"], frame["claimed"])],
    })


def _description(frame: pd.DataFrame, table: pd.DataFrame, windows: pd.DataFrame, title: str) -> str:
    k = rl.key_numbers(frame)
    rows = "; ".join(f"{r['Step']}: warning {r['Warning']}, step {r['Step taken']}, response {r['Response']}"
                     for _, r in table.iterrows())
    counts = ", ".join(f"{lab.name} {k['n_' + lab.code]}" for lab in cb.RESPONSES)
    n = k["n_red_lines"]
    out = (f"Timeline of {n} red line{'' if n == 1 else 's'} declared by Russian officials, from "
           f"{human(k['first_warning'])} to {human(k['last_warning'])}. {title}. "
           f"Steps taken: {k['n_taken']}; not taken: {k['n_not_taken']}. Responses: {counts}. {rows}.")
    if len(windows):
        out += (f" {capital(_whose(windows))}: "
                + "; ".join(f"{a}, {w}" for a, w in zip(windows["article"], windows["t_window"])) + ".")
    return out


def timeline_chart(red_lines: pd.DataFrame, articles: pd.DataFrame | None = None) -> Figure:
    """One row per declared red line: warning → step, coloured and shaped by Russia's response; each
    article of `articles` as the band of its date window."""
    frame = rl.prepare(red_lines)
    end = rl.record_end(frame)
    present = set(frame["response_category"])
    names, colours = scale_for(cb.RESPONSES, present)
    statuses = [code for code in cb.STEP_STATUSES.codes if code in set(frame["step_status"])]
    colour = alt.Color("response:N", title="Russia's response", scale=alt.Scale(domain=names, range=colours),
                       legend=alt.Legend(orient="bottom", direction="horizontal", columns=2, symbolSize=90))
    shape = alt.Shape("response:N", title="Russia's response",
                      scale=alt.Scale(domain=names, range=shapes_for(cb.RESPONSES, present)))
    y = alt.Y("order:O", axis=None, title=None)
    y_mark = alt.Y("order:O", axis=None, title=None, bandPosition=0.8)
    y_text = alt.Y("order:O", axis=None, bandPosition=0.42)
    tooltip = [alt.Tooltip("step:N", title="Step"), alt.Tooltip("t_warning:N", title="Warning"),
               alt.Tooltip("t_quote:N", title="Words"), alt.Tooltip("status:N", title="Step status"),
               alt.Tooltip("t_step:N", title="Step date"), alt.Tooltip("t_response:N", title="Response"),
               alt.Tooltip("t_sources:N", title="Sources")]

    base = alt.Chart(_timeline_frame(frame, end))
    band = base.transform_filter("datum.troops").mark_rect(color=NEUTRAL, opacity=0.14).encode(
        y=y, x=alt.value(0), x2=alt.value("width"))
    segment = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("start:T", scale=alt.Scale(padding=6), title=None,
                axis=alt.Axis(format="%Y", tickCount="year", grid=True, orient="bottom")),
        x2="end:T", y=y_mark, color=colour,
        strokeDash=alt.StrokeDash("status:N", title="Step", scale=alt.Scale(
            domain=[cb.STEP_STATUSES.name(c) for c in statuses], range=[DASHES[c] for c in statuses]),
            legend=None),  # the step names say "(not taken)"
        tooltip=tooltip)
    warning = base.transform_filter("datum.status != '%s'" % cb.STEP_STATUSES.name("not_taken")).mark_point(
        shape="circle", filled=False, size=45, strokeWidth=1.5, color=NEUTRAL).encode(
        x=alt.X("warned:T"), y=y_mark, tooltip=tooltip)
    marker = base.mark_point(filled=True, size=110, opacity=1, stroke="white", strokeWidth=0.6).encode(
        x=alt.X("mark:T"), y=y_mark, color=colour, shape=shape, tooltip=tooltip)
    narrow = f"width < {NARROW}"
    step_text = base.mark_text(align="left", baseline="bottom", dy=-1, fontSize=12,
                               limit=alt.expr(f"{narrow} ? width : width - 160")).encode(
        x=alt.value(0), y=y_text, text="label:N", tooltip=tooltip)
    # the response in words: at the right of the step's name, or under it on a phone
    response_text = base.mark_text(baseline="bottom", fontSize=11, fontStyle="italic",
                                   align=alt.expr(f"{narrow} ? 'left' : 'right'"),
                                   dy=alt.expr(f"{narrow} ? 12 : -1")).encode(
        x=alt.value(alt.expr(f"{narrow} ? 0 : width")), y=y_text, text="said:N")
    layers = [band, segment, warning, marker, step_text, response_text]

    windows = _windows(articles)
    if len(windows):
        # each article as the window of dates known for it, not as a day
        pub = alt.Chart(windows.drop(columns="basis"))
        pub_tip = [alt.Tooltip("article:N", title="Article"), alt.Tooltip("t_window:N", title="Published")]
        layers = [
            pub.mark_rect(color=NEUTRAL, opacity=0.22).encode(x=alt.X("start:T"), x2="end:T", tooltip=pub_tip),
            *layers,
            # the article's name just above the plot, ending at its band
            pub.mark_text(align="right", baseline="bottom", dy=-3, fontSize=11, color=NEUTRAL).encode(
                x=alt.X("end:T"), y=alt.value(0), text="article:N", tooltip=pub_tip),
        ]

    title = timeline_title(frame)
    bands = f"; grey band{'' if len(windows) == 1 else 's'}: {_whose(windows)}" if len(windows) else ""
    subtitle = (f"Declared red lines, by date of warning. Circle: warning; line: to the step (dotted: not "
                f"taken as of {human(end.isoformat())}); marker and italic label: Russia's response; shaded rows: "
                f"Western troops{bands}")
    chart = alt.layer(*layers).properties(
        width="container", height=44 * len(frame), title=chart_title(title, subtitle, width=TITLE_WIDTH, wide=WIDE),
    ).resolve_scale(color="shared", shape="shared").configure_legend(titleLimit=300).properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    table = _data_table(frame)
    return Figure(chart, _description(frame, table, windows, title), source_line(windows), table,
                  download="red_lines.csv")
