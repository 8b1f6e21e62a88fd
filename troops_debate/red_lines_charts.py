"""Russia's declared red lines: the tables and charts of the red-lines chapter.

Every function takes the loaded data (`io.load_red_lines()` and friends), works in
pandas and returns either a small DataFrame or a `render.Figure`. Labels, colours and
shapes come from the codebooks; nothing about a particular row is written here.
"""
from __future__ import annotations

import json
import textwrap
from datetime import date

import altair as alt
import pandas as pd

from . import charts  # noqa: F401  (registers and enables the book's theme)
from . import codebooks as cb
from .charts import scale_for, shapes_for
from .io import midpoint, parse_partial_date
from .pages import SHAPE_CHARS, human_date
from .render import Figure, Markup, escape, label_chip, link

RESPONSE = cb.by_code(cb.RESPONSES)
CATEGORY = cb.by_code(cb.RED_LINE_CATEGORIES)
STATUS = cb.by_code(cb.STEP_STATUSES)
SOURCE_KIND = cb.by_code(cb.SOURCE_KINDS)
CHECKED = cb.by_code(cb.CHECKED)
RESPONSE_ORDER = {code: i for i, code in enumerate(cb.codes(cb.RESPONSES))}

SOURCE = ("data/red_lines.csv: official Russian warnings and the responses found in the outlets named in each row; "
          "article dates from articles.csv")
NEUTRAL = "#888888"  # warning markers and reference lines: readable on light and dark backgrounds
WRAP = 32  # characters per title line on a 390 px phone ...
WRAP_WIDE = 64  # ... and on a wider screen
NARROW = 480  # plot width (px) below which the charts switch to their phone layout


def _maybe_midpoint(value: str) -> date | None:
    return midpoint(value) if value else None


def _lines(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width)


def responsive_title(text: str, subtitle: str | list[str]) -> alt.Title:
    """A title wrapped for the width it is drawn at (phone or wider); the subtitle is kept short."""
    narrow, wide = json.dumps(_lines(text, WRAP)), json.dumps(_lines(text, WRAP_WIDE))
    parts = [subtitle] if isinstance(subtitle, str) else subtitle
    return alt.Title(text=alt.expr(f"width < {NARROW} ? {narrow} : {wide}"),
                     subtitle=[line for part in parts for line in _lines(part, 44)],
                     subtitlePadding=6, offset=18)


def lower_first(name: str) -> str:
    """'Attack on a NATO state' -> 'attack on a NATO state' (an acronym keeps its capitals)."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


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


def key_numbers(red_lines: pd.DataFrame) -> dict[str, object]:
    """The numbers the chapter's prose quotes, all computed from the data."""
    frame = prepare(red_lines)
    counts = frame["response_category"].value_counts()
    strongest = strongest_response(frame)
    taken = frame["step_status"].isin(["taken", "partly_taken"])
    return {
        "n_red_lines": len(frame),
        "first_warning": human_date(frame["warning_date"].iloc[0]),
        "last_warning": human_date(frame["warning_date"].iloc[-1]),
        "first_year": frame["warning_date"].iloc[0][:4],
        "last_year": frame["warning_date"].iloc[-1][:4],
        "n_taken": int(taken.sum()),
        "n_partly": int((frame["step_status"] == "partly_taken").sum()),
        "n_not_taken": int((~taken).sum()),
        "strongest": strongest.name,
        "n_strongest": int(counts.get(strongest.code, 0)),
        **{f"n_{code}": int(counts.get(code, 0)) for code in cb.codes(cb.RESPONSES)},
        "n_claimed": int(frame["claimed"].sum()),
        "n_sources": int(sum(len(s.split("|")) for s in frame["sources"])),
        "n_checked_yes": int((frame["checked"] == "yes").sum()),
        "n_checked_partly": int((frame["checked"] == "partly").sum()),
        "n_checked_lead": int((frame["checked"] == "lead").sum()),
        "n_order_note": int((frame["order_note"] != "").sum()),
        "record_end": human_date(record_end(frame).isoformat()),
    }


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
        "t_quote": "\u201c" + frame["warning_quote"] + "\u201d",
        "t_step": [human_date(d) if d else f"not taken as of {human_date(end.isoformat())}"
                   for d in frame["step_date"]],
        "t_response": [f"{n}{' (a Russian claim)' if c else ''}: {r}"
                       for n, c, r in zip(frame["response_name"], frame["claimed"], frame["response"])],
        "t_sources": frame["source_outlets"].str.replace("|", "; ", regex=False),
    })
    for column in ("start", "end", "warned", "mark"):
        rows[column] = rows[column].map(lambda d: d.isoformat())
    return rows


def timeline_title(red_lines: pd.DataFrame) -> str:
    k = key_numbers(red_lines)
    frame = prepare(red_lines)
    strongest = strongest_response(frame)
    part = frame[frame["response_category"] == strongest.code]
    claims = ", all Russian claims" if len(part) and part["claimed"].all() else ""
    top = cb.RESPONSES[-1]
    none_top = (f"; none was an {lower_first(top.name)}" if k[f"n_{top.code}"] == 0 else "")
    return (f"In {k['n_taken']} of {k['n_red_lines']} cases the step was taken; the strongest response found was "
            f"\u201c{lower_first(strongest.name)}\u201d ({_plural(len(part), 'case')}{claims}){none_top}")


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
        pubs = pd.DataFrame({"article": articles["article_id"],
                             "day": articles["date_earliest"]}).sort_values("day")
        pub = alt.Chart(pubs)
        layers += [
            pub.mark_rule(color=NEUTRAL, strokeDash=[2, 2], strokeWidth=1).encode(
                x=alt.X("day:T"),
                tooltip=[alt.Tooltip("article:N", title="Article"), alt.Tooltip("day:T", title="Earliest date",
                                                                                 format="%d %B %Y")]),
            pub.mark_text(align="right", baseline="bottom", dx=-3, dy=-2, fontSize=11, color=NEUTRAL).encode(
                x=alt.X("day:T"), y=alt.value(0), text="article:N"),
        ]

    k = key_numbers(red_lines)
    subtitle = (f"Declared red lines, by date of warning. Circle: warning; line: to the step (dotted: not "
                f"taken as of {k['record_end']}); marker and italic label: Russia's response; shaded: Western troops")
    chart = alt.layer(*layers).properties(
        width="container", height=44 * len(frame), title=responsive_title(timeline_title(red_lines), subtitle),
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
                   f"Steps taken: {k['n_taken']}; not taken: {k['n_not_taken']}. Responses: {counts}. {rows}.")
    return Figure(chart, description, SOURCE, table, download="red_lines.csv")


# ------------------------------------------------------------------ responses


def response_counts(red_lines: pd.DataFrame) -> pd.DataFrame:
    """How many warnings were followed by each response, in the codebook's order (zeros kept)."""
    frame = prepare(red_lines)
    rows = []
    for lab in cb.RESPONSES:
        part = frame[frame["response_category"] == lab.code]
        rows.append({"code": lab.code, "response": lab.name, "warnings": len(part),
                     "taken": int(part["step_status"].isin(["taken", "partly_taken"]).sum()),
                     "claimed": int(part["claimed"].sum()),
                     "steps": "; ".join(part["step"])})
    return pd.DataFrame(rows)


def response_chart(red_lines: pd.DataFrame) -> Figure:
    """Bars: the number of warnings followed by each kind of response, on the codebook's scale."""
    counts = response_counts(red_lines)
    names, colours = scale_for(cb.RESPONSES)
    shapes = shapes_for(cb.RESPONSES)
    total = int(counts["warnings"].sum())
    top = counts.sort_values(["warnings", "code"], ascending=[False, True]).iloc[0]
    claims = counts.loc[counts["code"] == "strike_on_systems"].iloc[0]
    frame = counts[["response", "warnings"]].copy()
    frame["text"] = [f"{n} *" if code == "strike_on_systems" and c else str(n)
                     for code, n, c in zip(counts["code"], counts["warnings"], counts["claimed"])]
    frame["label"] = counts["response"]
    last = counts.iloc[-1]
    title = (f"{top['response']} was the strongest response found for {top['warnings']} of {total} warnings"
             + (f"; none was followed by an {lower_first(last['response'])}" if last["warnings"] == 0 else ""))
    subtitle = ["Declared red lines by the strongest Russian response found, on the book's scale from none "
                f"to an {lower_first(last['response'])}"]
    if claims["claimed"]:
        subtitle.append(f"* {claims['claimed']} of {claims['warnings']} strikes on the systems are Russian "
                        "battlefield claims")
    colour = alt.Color("response:N", scale=alt.Scale(domain=names, range=colours), legend=None)
    y = alt.Y("response:N", sort=names, title=None, axis=alt.Axis(labelLimit=170))
    x = alt.X("warnings:Q", title="Warnings", axis=alt.Axis(tickMinStep=1, format="d"),
              scale=alt.Scale(domainMax=int(counts["warnings"].max()) + 1))
    tooltip = [alt.Tooltip("response:N", title="Response"), alt.Tooltip("warnings:Q", title="Warnings")]
    base = alt.Chart(frame)
    chart = alt.layer(
        base.mark_bar(height={"band": 0.6}).encode(x=x, y=y, color=colour, tooltip=tooltip),
        base.mark_point(filled=True, size=80, stroke="white", strokeWidth=0.6, opacity=1).encode(
            x=x, y=y, color=colour, tooltip=tooltip,
            shape=alt.Shape("response:N", scale=alt.Scale(domain=names, range=shapes), legend=None)),
        base.mark_text(align="left", dx=9).encode(x=x, y=y, text="text:N"),
    ).properties(width="container", height=30 * len(frame),
                 autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
                 title=responsive_title(title, subtitle))
    description = (f"Bar chart of {total} declared red lines by the strongest Russian response found: "
                   + "; ".join(f"{r.response}: {r.warnings}" for r in counts.itertuples())
                   + (f". {claims['claimed']} of the {claims['warnings']} strikes on the systems are Russian "
                      "battlefield claims." if claims["claimed"] else "."))
    table = counts.rename(columns={"response": "Response", "warnings": "Warnings", "taken": "Step taken",
                                   "claimed": "Russian claims", "steps": "Steps"}).drop(columns="code")
    return Figure(chart, description, SOURCE, table, download="red_lines.csv")


def response_by_category(red_lines: pd.DataFrame, categories: list[str] | None = None) -> pd.DataFrame:
    """Warnings per red-line category (rows) and response (columns), on the codebook's scales."""
    frame = prepare(red_lines)
    if categories is not None:
        frame = frame[frame["category"].isin(categories)]
    cats = [lab for lab in cb.RED_LINE_CATEGORIES if lab.code in set(frame["category"])]
    rows = []
    for lab in cats:
        part = frame[frame["category"] == lab.code]
        row = {"category": lab.name, "warnings": len(part),
               "not_taken": int((part["step_status"] == "not_taken").sum())}
        row.update({r.name: int((part["response_category"] == r.code).sum()) for r in cb.RESPONSES})
        rows.append(row)
    if len(cats) > 1:
        total = {"category": "All", "warnings": sum(r["warnings"] for r in rows),
                 "not_taken": sum(r["not_taken"] for r in rows)}
        total.update({r.name: sum(x[r.name] for x in rows) for r in cb.RESPONSES})
        rows.append(total)
    return pd.DataFrame(rows, columns=["category", "warnings", "not_taken", *[r.name for r in cb.RESPONSES]])


# ------------------------------------------------------------------ the troops question


def troops_milestones(red_lines: pd.DataFrame, stances: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The troops question on the red-line timeline: the red lines about Western troops (warnings and
    responses), Russia's stances, the stances of the force's two co-leads (France, UK) and the two
    articles, in date order. `origin` says whether a row comes from one of the articles."""
    rows = []
    chosen = stances[(stances["actor_code"].isin(["RU", "FR", "GB"]))]
    russian_dates = set(chosen.loc[chosen["actor_code"] == "RU", "date"])
    for r in red_lines[red_lines["category"] == "troops"].itertuples():
        rows.append({"date": r.warning_date, "who": r.warned_by,
                     "what": f"Warning about \u201c{r.step}\u201d: \u201c{r.warning_quote}\u201d",
                     "about": r.step, "origin": "record", "ref": r.event_id})
        if r.response_date and r.response_date not in russian_dates:  # else a stance row below says it
            rows.append({"date": r.response_date, "who": "Russia (response)",
                         "what": f"Response ({RESPONSE[r.response_category].name.lower()}): {r.response}",
                         "about": r.step, "origin": "record", "ref": r.event_id})
    for r in chosen.itertuples():
        what = (f"Stance: {lower_first(cb.by_code(cb.STANCES)[r.stance].name)} "
                f"({lower_first(cb.by_code(cb.QUESTIONS)[r.question].name)})")
        if r.quote:
            what += f": \u201c{r.quote}\u201d"
        rows.append({"date": r.date, "who": f"{r.actor}: {r.speaker}", "what": what,
                     "about": cb.by_code(cb.QUESTIONS)[r.question].name,
                     "origin": r.article_id or "record", "ref": r.stance_id})
    for r in articles.itertuples():
        rows.append({"date": r.date_earliest, "who": r.outlet, "what": f"Article {r.article_id} published "
                     f"(earliest date; {lower_first(cb.by_code(cb.ARTICLE_POSITIONS)[r.position].definition)})",
                     "about": "", "origin": r.article_id, "ref": r.article_id})
    frame = pd.DataFrame(rows)
    frame["sort"] = frame["date"].map(lambda d: parse_partial_date(d)[0])
    frame = frame.sort_values(["sort", "ref"]).drop(columns="sort").reset_index(drop=True)
    frame["when"] = frame["date"].map(human_date)
    return frame


# ------------------------------------------------------------------ table cells


def origin_badge(value: str, row=None) -> Markup:
    """'record' or an article id, as a badge: rows from the articles stand out from the rest."""
    if value == "record":
        return Markup('<span class="td-badge" title="From a source outside the two articles">other source</span>')
    return Markup(f'<span class="td-badge td-badge-article" title="Taken from the text of this article">'
                  f"article {escape(value)}</span>")


def response_cell(value: str, row: pd.Series) -> Markup:
    lab = RESPONSE[value]
    chip = label_chip(lab.name, lab.colour, SHAPE_CHARS.get(lab.shape, "\u25cf"))
    if is_claim(row):
        return Markup(f"{chip} <small>(Russian claim)</small>")
    return chip


def sources_cell(value: str, row: pd.Series) -> Markup:
    """The row's sources as links named by outlet, each with its kind when it is not an original."""
    parts = []
    for url, outlet, kind in zip(value.split("|"), row["source_outlets"].split("|"), row["source_kinds"].split("|")):
        badge = "" if kind == "original" else f' <span class="td-badge">{escape(SOURCE_KIND[kind].name.lower())}</span>'
        parts.append(f"<li>{link(url, outlet)}{badge}</li>")
    return Markup(f'<ul class="td-sources">{"".join(parts)}</ul>')


def checked_cell(value: str, row=None) -> Markup:
    lab = CHECKED[value]
    return Markup(f'<span class="td-badge" title="{escape(lab.definition)}">{escape(lab.name.lower())}</span>')


def date_cell(value: str, row=None) -> Markup:
    return escape(human_date(value)) if value else escape("")


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


def category_cell(value: str, row=None) -> Markup:
    return escape(CATEGORY[value].name)


def source_kind_counts(red_lines: pd.DataFrame) -> pd.DataFrame:
    """How many of the cited sources are of each kind (original, wire, repost, state media …)."""
    kinds = [k for value in red_lines["source_kinds"] for k in value.split("|")]
    return pd.DataFrame([{"code": lab.code, "kind": lab.name, "definition": lab.definition,
                          "sources": kinds.count(lab.code)} for lab in cb.SOURCE_KINDS])


# cells of the full data table: each gathers several columns of a row, every part escaped

def red_line_cell(value: str, row: pd.Series) -> Markup:
    """The red line: step, id and category, then the warning (date, who, words)."""
    return Markup(f"<strong>{escape(row['step'])}</strong><br><small>{escape(value)} \u00b7 "
                  f"{escape(CATEGORY[row['category']].name)}</small><br>"
                  f"Warning, {escape(human_date(row['warning_date']))}: \u201c{escape(row['warning_quote'])}\u201d"
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


def codebook_frame(labels: tuple[cb.Label, ...]) -> pd.DataFrame:
    return pd.DataFrame([{"code": lab.code, "name": lab.name, "definition": lab.definition,
                          "example": lab.example} for lab in labels])
