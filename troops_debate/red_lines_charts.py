"""Russia's declared red lines: the tables and charts of the red-lines chapter.

Every function takes the loaded data (`io.load_red_lines()` and friends), works in
pandas and returns either a small DataFrame or a `render.Figure`. Labels, colours and
shapes come from the codebooks; nothing about a particular row is written here.
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from .figures import theme as _theme  # noqa: F401  (registers and enables the book theme)
from .data import codebooks as cb
from .figures.theme import chart_title, scale_for, shapes_for
from .text.wording import counted, join, share
from .text.wording import number as _number
from .data.dates import midpoint, period as parse_partial_date
from .tables.cards import SHAPE_CHARS
from .data.dates import human as human_date
from .text.quotes import quoted
from .tables.html import Figure, HTMLOutput, Markup, escape, label_chip, link, table

RESPONSE = cb.by_code(cb.RESPONSES)
CATEGORY = cb.by_code(cb.RED_LINE_CATEGORIES)
STATUS = cb.by_code(cb.STEP_STATUSES)
SOURCE_KIND = cb.by_code(cb.SOURCE_KINDS)
CHECKED = cb.by_code(cb.CHECKED)
RESPONSE_ORDER = {code: i for i, code in enumerate(cb.codes(cb.RESPONSES))}

SOURCE = ("Warnings by Russian officials and the responses reported by the outlets named in each row; the "
          "articles' dates are inferred from their texts")
NEUTRAL = "#888888"  # warning markers and reference lines: readable on light and dark backgrounds
WRAP = 32  # characters per title line on a 390 px phone ...
WRAP_WIDE = 64  # ... and on a wider screen
NARROW = 480  # plot width (px) below which the charts switch to their phone layout


def _maybe_midpoint(value: str) -> date | None:
    return midpoint(value) if value else None


def lower_first(name: str) -> str:
    """'Attack on a NATO state' -> 'attack on a NATO state' (an acronym keeps its capitals)."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def number(n: int) -> str:
    """Counts in this chapter say 'none' for zero ('none was an attack')."""
    return _number(n, zero="none")


def is_claim(row: pd.Series) -> bool:
    """A strike on the systems that the row itself describes as a (Russian) claim."""
    text = f"{row['response']} {row['note']}".lower()
    return row["response_category"] == "strike_on_systems" and "claim" in text


def prepare(red_lines: pd.DataFrame) -> pd.DataFrame:
    """The red lines ordered by warning date, with names for the codes and dates as days."""
    frame = red_lines.copy()
    frame["warning_day"] = frame["warning_date"].map(_maybe_midpoint)
    frame["step_day"] = frame["step_date"].map(_maybe_midpoint)
    frame = frame.sort_values(["warning_day", "event_id"]).reset_index(drop=True)
    frame["order"] = range(1, len(frame) + 1)
    frame["response_name"] = frame["response_category"].map(lambda c: RESPONSE[c].name)
    frame["category_name"] = frame["category"].map(lambda c: CATEGORY[c].name)
    frame["status_name"] = frame["step_status"].map(lambda c: STATUS[c].name)
    frame["claimed"] = frame.apply(is_claim, axis=1)
    return frame


def record_end(red_lines: pd.DataFrame) -> date:
    """The latest date anywhere in the red-lines record: the 'as of' date for steps not taken."""
    days = []
    for column in ("warning_date", "step_date", "response_date"):
        days += [parse_partial_date(v)[1] for v in red_lines[column] if v]
    return max(days)


def strongest_response(red_lines: pd.DataFrame) -> cb.Label:
    """The highest response on the codebook scale that occurs in the data."""
    return max((RESPONSE[c] for c in red_lines["response_category"]), key=lambda lab: RESPONSE_ORDER[lab.code])


def is_taken(frame: pd.DataFrame) -> pd.Series:
    return frame["step_status"].isin(["taken", "partly_taken"])


def key_numbers(red_lines: pd.DataFrame) -> dict[str, object]:
    """The numbers the chapter's prose quotes, all computed from the data."""
    frame = prepare(red_lines)
    counts = frame["response_category"].value_counts()
    strongest = strongest_response(frame)
    taken = is_taken(frame)
    # a step that came before its warning: over (its whole period) before the warning's first day
    step_first = [bool(s) and parse_partial_date(s)[1] < parse_partial_date(w)[0]
                  for w, s in zip(frame["warning_date"], frame["step_date"])]
    return {
        "n_red_lines": len(frame),
        "first_warning": human_date(frame["warning_date"].iloc[0]),
        "last_warning": human_date(frame["warning_date"].iloc[-1]),
        "n_taken": int(taken.sum()),
        "n_partly": int((frame["step_status"] == "partly_taken").sum()),
        "n_not_taken": int((~taken).sum()),
        "strongest": strongest.name,
        "n_strongest": int(counts.get(strongest.code, 0)),
        **{f"n_{code}": int(counts.get(code, 0)) for code in cb.codes(cb.RESPONSES)},
        "n_claimed": int(frame["claimed"].sum()),
        "n_step_first": int(sum(step_first)),
        "n_sources": int(sum(len(s) for s in frame["sources"])),
        "n_checked_yes": int((frame["checked"] == "yes").sum()),
        "n_checked_partly": int((frame["checked"] == "partly").sum()),
        "n_checked_lead": int((frame["checked"] == "lead").sum()),
        "record_end": human_date(record_end(frame).isoformat()),
    }


def subset_numbers(red_lines: pd.DataFrame, categories: list[str]) -> dict[str, object]:
    """The red lines of some categories: how many, steps taken, the steps not taken (by name, in
    order of warning) and how many were followed by each response."""
    frame = prepare(red_lines)
    part = frame[frame["category"].isin(categories)]
    taken = is_taken(part)
    out: dict[str, object] = {"n": len(part), "taken": int(taken.sum()), "not_taken": int((~taken).sum()),
                              "not_taken_steps": list(part.loc[~taken, "step"])}
    out.update({code: int((part["response_category"] == code).sum()) for code in cb.codes(cb.RESPONSES)})
    return out


def strikes_sentence(red_lines: pd.DataFrame) -> str:
    """A sentence on how far the strikes on the delivered systems rest on Russian claims ('' when none does)."""
    frame = prepare(red_lines)
    strikes = frame[frame["response_category"] == "strike_on_systems"]
    n, claimed = len(strikes), int(strikes["claimed"].sum())
    if not n or not claimed:
        return ""
    if n == 1:
        return "The one strike on the delivered systems is a Russian claim of battlefield destruction."
    if claimed == n:
        head = "Both strikes" if n == 2 else f"All {number(n)} strikes"
        return f"{head} on the delivered systems are Russian claims of battlefield destruction."
    return (f"Of the {number(n)} strikes on the delivered systems, {number(claimed)} "
            f"{'is a Russian claim' if claimed == 1 else 'are Russian claims'} of battlefield destruction.")


def prose_values(red_lines: pd.DataFrame, named: list[str]) -> dict[str, str]:
    """The chapter's glued phrases, written out: counts in words where a reader would use words.
    `named` are the categories of red line an article names (its claim about them is set beside them)."""
    k = key_numbers(red_lines)
    n = k["n_red_lines"]
    sub = subset_numbers(red_lines, named)
    troops = subset_numbers(red_lines, ["troops"])
    out = {
        "n": number(n), "first_warning": k["first_warning"], "last_warning": k["last_warning"],
        "record_end": k["record_end"],
        "taken": share(k["n_taken"], n), "not_taken": number(k["n_not_taken"]),
        "step_first": share(k["n_step_first"], k["n_taken"]),
        "strikes": strikes_sentence(red_lines),
        "named_n": number(sub["n"]), "named_taken": share(sub["taken"], sub["n"]),
        "named_share": share(sub["n"], n), "attack": share(k["n_attack_on_nato"], n),
        "named_attack": share(sub["attack_on_nato"], sub["n"]), "rhetorical": share(k["n_rhetorical"], n),
        "named_not_taken_steps": join(sub["not_taken_steps"]) or "none",
        "troops_n": number(troops["n"]), "troops_taken": share(troops["taken"], troops["n"]),
    }
    for code in cb.codes(cb.RESPONSES):
        out[f"resp_{code}"] = number(k[f"n_{code}"])
        out[f"named_{code}"] = number(sub[code])
    return out


def speaker(warned_by: str) -> str:
    """'Dmitry Peskov, Kremlin spokesman' -> 'Dmitry Peskov' (the name before the office)."""
    return warned_by.split(",")[0].strip()


# the strongest response in the words of a sentence (the codebook's name otherwise, in lower case)
RESPONSE_IN_WORDS = {"rhetorical": "words alone"}


def response_words(code: str) -> str:
    return RESPONSE_IN_WORDS.get(code, lower_first(RESPONSE[code].name))


def warnings_text(red_lines: pd.DataFrame, categories: list[str]) -> str:
    """The warnings of some categories, in order: 'from Dmitry Peskov on 27 February 2024 (“…”) and …'."""
    frame = prepare(red_lines)
    part = frame[frame["category"].isin(categories)]
    return join([f"from {speaker(w)} on {human_date(d)} ({quoted(q)})"
                 for w, d, q in zip(part["warned_by"], part["warning_date"], part["warning_quote"])])


def responses_text(red_lines: pd.DataFrame, categories: list[str]) -> str:
    """The strongest response found for each red line of some categories, in order of warning:
    'nuclear signalling (6 May 2024) and words alone (8 January 2026)'."""
    frame = prepare(red_lines)
    part = frame[frame["category"].isin(categories)]
    return join([response_words(c) + (f" ({human_date(d)})" if d else "")
                 for c, d in zip(part["response_category"], part["response_date"])])


def steps_text(red_lines: pd.DataFrame, categories: list[str]) -> str:
    """The red lines of some categories with what became of the step and the strongest response:
    'Ukraine's NATO membership (not taken; words alone) and …'."""
    frame = prepare(red_lines)
    part = frame[frame["category"].isin(categories)]
    return join([f"{s} ({STATUS[st].name.lower()}; {response_words(c)})"
                 for s, st, c in zip(part["step"], part["step_status"], part["response_category"])])


def relation(day: date, first: date, last: date) -> str:
    """Where a day falls against a window: 'before', 'within' or 'after'."""
    return "before" if day < first else "after" if day > last else "within"


def category_summary(red_lines: pd.DataFrame) -> pd.DataFrame:
    """One row per category of red line (codebook order) and a row 'All': warnings, steps taken and how
    many were followed by each response (every level of the scale, zeros kept)."""
    frame = prepare(red_lines)
    rows = []
    for lab in cb.RED_LINE_CATEGORIES:
        part = frame[frame["category"] == lab.code]
        if part.empty:
            continue
        row = {"category": lab.name, "warnings": len(part), "taken": int(is_taken(part).sum())}
        row.update({r.code: int((part["response_category"] == r.code).sum()) for r in cb.RESPONSES})
        rows.append(row)
    total = {"category": "All", **{key: sum(r[key] for r in rows) for key in rows[0] if key != "category"}}
    return pd.DataFrame(rows + [total])


def responses_cell(value, row: pd.Series) -> Markup:
    """The responses that followed a subject's warnings, strongest first, each as a chip with its count."""
    parts = []
    for lab in reversed(cb.RESPONSES):
        if row[lab.code]:
            chip = label_chip(lab.name, lab.colour, SHAPE_CHARS.get(lab.shape, "\u25cf"))
            claims = " <small>(Russian claims)</small>" if lab.code == "strike_on_systems" and row["claimed"] else ""
            parts.append(f"{chip}: {escape(row[lab.code])}{claims}")
    return Markup("<br>".join(parts))


def category_table(red_lines: pd.DataFrame) -> HTMLOutput:
    """The chapter's one table: by subject of red line, the warnings, the steps taken and the strongest
    responses found (strongest first, with their counts)."""
    summary = category_summary(red_lines)
    frame = prepare(red_lines)
    claimed = {lab.name: bool(frame.loc[frame["category"] == lab.code, "claimed"].any())
               for lab in cb.RED_LINE_CATEGORIES}
    summary["claimed"] = [claimed.get(c, bool(frame["claimed"].any())) for c in summary["category"]]
    summary["responses"] = ["; ".join(f"{lab.name} {r[lab.code]}" for lab in reversed(cb.RESPONSES) if r[lab.code])
                            for _, r in summary.iterrows()]  # the same in plain text
    k = key_numbers(red_lines)
    top = cb.RESPONSES[-1]
    caption = (f"What followed Russia's red lines, by subject: the step was taken in "
               f"{share(k['n_taken'], k['n_red_lines'])} cases, and an {lower_first(top.name)} followed "
               f"{share(k['n_' + top.code], k['n_red_lines'])}")
    return table(summary, {"category": "Red line about", "warnings": "Warnings", "taken": "Step taken",
                           "responses": "Strongest response found"},
                 caption=caption, download="red_lines.csv",
                 formatters={"category": lambda v, r: Markup(f"<strong>{escape(v)}</strong>") if v == "All"
                             else escape(v), "responses": responses_cell})


# ------------------------------------------------------------------ the timeline


def _timeline_frame(red_lines: pd.DataFrame, end: date) -> pd.DataFrame:
    frame = prepare(red_lines)
    rows = pd.DataFrame({
        "id": frame["event_id"],
        "order": frame["order"],
        "label": frame["step"],
        # the response in words, and the status when the step was not (fully) taken
        "said": [r if st == "taken" else f"{r} \u00b7 {STATUS[st].name.lower()}"
                 for r, st in zip(frame["response_name"], frame["step_status"])],
        "step": frame["step"],
        "response": frame["response_name"],
        "status": frame["status_name"],
        "troops": frame["category"] == "troops",
        # the segment: warning to step, or warning to the end of the record for a step not taken
        "start": [min(w, s) if s else w for w, s in zip(frame["warning_day"], frame["step_day"])],
        "end": [end if s is None else max(w, s) for w, s in zip(frame["warning_day"], frame["step_day"])],
        "warned": frame["warning_day"],
        # the response marker sits on the step; for a step not taken, on the warning
        "mark": [w if s is None else s for w, s in zip(frame["warning_day"], frame["step_day"])],
        "t_warning": [f"{human_date(d)}, {w}" for d, w in zip(frame["warning_date"], frame["warned_by"])],
        "t_quote": frame["warning_quote"].map(quoted),
        "t_step": [human_date(d) if d else f"not taken as of {human_date(end.isoformat())}"
                   for d in frame["step_date"]],
        "t_response": [f"{n}{' (a Russian claim)' if c else ''}: {r}"
                       for n, c, r in zip(frame["response_name"], frame["claimed"], frame["response"])],
        "t_sources": frame["source_outlets"].map("; ".join),
    })
    for column in ("start", "end", "warned", "mark"):
        rows[column] = rows[column].map(lambda d: d.isoformat())
    return rows


def timeline_title(red_lines: pd.DataFrame) -> str:
    """The finding the timeline shows: how often the step was taken, and whether any warning was followed
    by the top of the response scale."""
    k = key_numbers(red_lines)
    top = cb.RESPONSES[-1]
    n_top = k[f"n_{top.code}"]
    tail = (f"no warning was followed by an {lower_first(top.name)}" if n_top == 0 else
            f"{counted(n_top, 'warning')} {'was' if n_top == 1 else 'were'} followed by an {lower_first(top.name)}")
    return f"The step was taken in {share(k['n_taken'], k['n_red_lines'])} cases; {tail}"


def article_windows(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article's inferred date window (first and last possible day), earliest first."""
    frame = articles.sort_values(["date_earliest", "article_id"])
    return pd.DataFrame({
        "article": frame["article_id"].tolist(),
        "start": frame["date_earliest"].tolist(),
        # the window covers its last day: the band ends at the start of the next one
        "end": [(date.fromisoformat(d) + timedelta(days=1)).isoformat() for d in frame["date_latest"]],
        "t_window": [human_date(f"{a}/{b}") + " (inferred)"
                     for a, b in zip(frame["date_earliest"], frame["date_latest"])],
    })


def timeline_chart(red_lines: pd.DataFrame, articles: pd.DataFrame | None = None) -> Figure:
    """One row per declared red line: warning → step, coloured and shaped by Russia's response."""
    end = record_end(red_lines)
    frame = _timeline_frame(red_lines, end)
    present = set(red_lines["response_category"])
    names, colours = scale_for(cb.RESPONSES, present)
    shapes = shapes_for(cb.RESPONSES, present)
    dashes = {"taken": [1, 0], "partly_taken": [6, 2], "not_taken": [2, 3]}
    present_status = [code for code in cb.codes(cb.STEP_STATUSES) if code in set(red_lines["step_status"])]
    colour = alt.Color("response:N", title="Russia's response", scale=alt.Scale(domain=names, range=colours),
                       legend=alt.Legend(orient="bottom", direction="horizontal", columns=2, symbolSize=90))
    shape = alt.Shape("response:N", title="Russia's response", scale=alt.Scale(domain=names, range=shapes))
    x_scale = alt.Scale(padding=6)
    y = alt.Y("order:O", axis=None, title=None)
    y_mark = alt.Y("order:O", axis=None, title=None, bandPosition=0.8)
    tooltip = [alt.Tooltip("step:N", title="Step"), alt.Tooltip("t_warning:N", title="Warning"),
               alt.Tooltip("t_quote:N", title="Words"), alt.Tooltip("status:N", title="Step status"),
               alt.Tooltip("t_step:N", title="Step date"), alt.Tooltip("t_response:N", title="Response"),
               alt.Tooltip("t_sources:N", title="Sources")]

    base = alt.Chart(frame)
    band = base.transform_filter("datum.troops").mark_rect(color=NEUTRAL, opacity=0.14).encode(
        y=y, x=alt.value(0), x2=alt.value("width"))
    segment = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("start:T", scale=x_scale, title=None,
                axis=alt.Axis(format="%Y", tickCount="year", grid=True, orient="bottom")),
        x2="end:T", y=y_mark, color=colour,
        strokeDash=alt.StrokeDash("status:N", title="Step", scale=alt.Scale(
            domain=[STATUS[c].name for c in present_status], range=[dashes[c] for c in present_status]),
            legend=None),  # the step names say "(not taken)"
        tooltip=tooltip)
    warning = base.transform_filter("datum.status != '%s'" % STATUS["not_taken"].name).mark_point(
        shape="circle", filled=False, size=45, strokeWidth=1.5, color=NEUTRAL).encode(
        x=alt.X("warned:T"), y=y_mark, tooltip=tooltip)
    marker = base.mark_point(filled=True, size=110, opacity=1, stroke="white", strokeWidth=0.6).encode(
        x=alt.X("mark:T"), y=y_mark, color=colour, shape=shape, tooltip=tooltip)
    narrow = f"width < {NARROW}"
    step_text = base.mark_text(align="left", baseline="bottom", dy=-1, fontSize=12,
                               limit=alt.expr(f"{narrow} ? width : width - 160")).encode(
        x=alt.value(0), y=alt.Y("order:O", axis=None, bandPosition=0.42), text="label:N", tooltip=tooltip)
    # the response in words: at the right of the step's name, or under it on a phone
    response_text = base.mark_text(baseline="bottom", fontSize=11, fontStyle="italic",
                                   align=alt.expr(f"{narrow} ? 'left' : 'right'"),
                                   dy=alt.expr(f"{narrow} ? 12 : -1")).encode(
        x=alt.value(alt.expr(f"{narrow} ? 0 : width")), y=alt.Y("order:O", axis=None, bandPosition=0.42),
        text="said:N")
    layers = [band, segment, warning, marker, step_text, response_text]

    if articles is not None and len(articles):
        # each article as the window of dates inferred for it, not as a day
        pub = alt.Chart(article_windows(articles))
        pub_tip = [alt.Tooltip("article:N", title="Article"), alt.Tooltip("t_window:N", title="Published")]
        layers = [
            pub.mark_rect(color=NEUTRAL, opacity=0.22).encode(x=alt.X("start:T"), x2="end:T", tooltip=pub_tip),
            *layers,
            # the article's name just above the plot, ending at its band
            pub.mark_text(align="right", baseline="bottom", dy=-3, fontSize=11, color=NEUTRAL).encode(
                x=alt.X("end:T"), y=alt.value(0), text="article:N", tooltip=pub_tip),
        ]

    k = key_numbers(red_lines)
    subtitle = (f"Declared red lines, by date of warning. Circle: warning; line: to the step (dotted: not "
                f"taken as of {k['record_end']}); marker and italic label: Russia's response; shaded rows: "
                f"Western troops; grey bands: the articles' inferred dates")
    chart = alt.layer(*layers).properties(
        width="container", height=44 * len(frame), title=chart_title(timeline_title(red_lines), subtitle, width=WRAP, subtitle_width=44, wide=WRAP_WIDE),
    ).resolve_scale(color="shared", shape="shared").configure_legend(titleLimit=300).properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))

    data = prepare(red_lines)
    table = pd.DataFrame({
        "Warning": data["warning_date"].map(human_date),
        "Step": data["step"],
        "Category": data["category_name"],
        "Step taken": [human_date(d) if d else STATUS[s].name for d, s in zip(data["step_date"], data["step_status"])],
        "Response": [f"{n} (Russian claim)" if c else n for n, c in zip(data["response_name"], data["claimed"])],
    })
    rows = "; ".join(f"{r['Step']}: warning {r['Warning']}, step {r['Step taken']}, response {r['Response']}"
                     for _, r in table.iterrows())
    counts = ", ".join(f"{lab.name} {k['n_' + lab.code]}" for lab in cb.RESPONSES)
    description = (f"Timeline of {k['n_red_lines']} red lines declared by Russian officials, from "
                   f"{k['first_warning']} to {k['last_warning']}. {timeline_title(red_lines)}. "
                   f"Steps taken: {k['n_taken']}; not taken: {k['n_not_taken']}. Responses: {counts}. {rows}."
                   + ("" if articles is None or not len(articles) else " The articles' inferred dates: " + "; ".join(
                       f"{a}, {w}" for a, w in zip(article_windows(articles)["article"],
                                                  article_windows(articles)["t_window"])) + "."))
    return Figure(chart, description, SOURCE, table, download="red_lines.csv")


# ------------------------------------------------------------------ table cells


def response_cell(value: str, row: pd.Series) -> Markup:
    lab = RESPONSE[value]
    chip = label_chip(lab.name, lab.colour, SHAPE_CHARS.get(lab.shape, "\u25cf"))
    if is_claim(row):
        return Markup(f"{chip} <small>(Russian claim)</small>")
    return chip


def sources_cell(value: tuple, row: pd.Series) -> Markup:
    """The row's sources as links named by outlet, each with its kind when it is not an original."""
    parts = []
    for url, outlet, kind in zip(value, row["source_outlets"], row["source_kinds"]):
        badge = "" if kind == "original" else f' <span class="td-badge">{escape(SOURCE_KIND[kind].name.lower())}</span>'
        parts.append(f"<li>{link(url, outlet)}{badge}</li>")
    return Markup(f'<ul class="td-sources">{"".join(parts)}</ul>')


def checked_cell(value: str, row=None) -> Markup:
    lab = CHECKED[value]
    return Markup(f'<span class="td-badge" title="{escape(lab.definition)}">{escape(lab.name.lower())}</span>')


def step_date_cell(value: str, row: pd.Series) -> Markup:
    if not value:
        return escape(STATUS[row["step_status"]].name)
    text = human_date(value)
    if row["step_status"] == "partly_taken":
        text += f" ({STATUS['partly_taken'].name.lower()})"
    return escape(text)


def notes_cell(value: str, row: pd.Series) -> Markup:
    parts = [escape(v) for v in (row["order_note"], row["note"]) if v]
    return Markup("<br>".join(parts))


# cells of the full data table: each gathers several columns of a row, every part escaped

def red_line_cell(value: str, row: pd.Series) -> Markup:
    """The red line: step, id and category, then the warning (date, who, words)."""
    return Markup(f"<strong>{escape(row['step'])}</strong><br><small>{escape(value)} \u00b7 "
                  f"{escape(CATEGORY[row['category']].name)}</small><br>"
                  f"Warning, {escape(human_date(row['warning_date']))}: {escape(quoted(row['warning_quote']))}"
                  f"<br><small>{escape(row['warned_by'])}</small>")


def step_response_cell(value: str, row: pd.Series) -> Markup:
    """What happened: the step (date, description), then the response (code, date, detail)."""
    when = f", {escape(human_date(row['response_date']))}" if row["response_date"] else ""
    return Markup(f"<strong>Step:</strong> {step_date_cell(row['step_date'], row)}<br>"
                  f"<small>{escape(row['step_description'])}</small><br>"
                  f"<strong>Response:</strong> {response_cell(row['response_category'], row)}{when}<br>"
                  f"<small>{escape(row['response'])}</small>")


def sources_notes_cell(value: str, row: pd.Series) -> Markup:
    """The sources (links named by outlet), the checking status and the row's notes."""
    notes = notes_cell("", row)
    return Markup(f"{sources_cell(value, row)}Checked: {checked_cell(row['checked'])}"
                  + (f"<br><small>{notes}</small>" if notes else ""))
