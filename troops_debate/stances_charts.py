"""The stances chapter: who stands where on a European force for Ukraine.

Everything the chapter shows is computed here from `data/stances.csv` (and, for the
separate EU-loan section, `data/teaser_positions.csv`): the order of the actors, how
each actor's coded stance moved, the dot chart on a time axis and the tables. All
text from the data is escaped (tables through `render.table`, extra cells from
`render.escape`/`render.link`); in the chart it is data, shown by the tooltip as text.
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from . import charts  # noqa: F401  (registers and enables the book theme)
from . import codebooks as cb
from .charts import phone_title, scale_for, shapes_for
from .io import midpoint, parse_partial_date
from .pages import coded_chip, human_date
from .render import Figure, HTMLOutput, Markup, escape, link, table

STANCE = cb.by_code(cb.STANCES)
RANK = {label.code: i for i, label in enumerate(cb.STANCES)}  # 0 = most supportive
HOLDER = cb.by_code(cb.HOLDERS)
QUESTION = cb.by_code(cb.QUESTIONS)
OWN = cb.by_code(cb.OWN_TROOPS)
KIND = cb.by_code(cb.SOURCE_KINDS)
CHECK = cb.by_code(cb.CHECKED)

FROM_ARTICLE = "Reported in one of the two articles"
FROM_ELSEWHERE = "Reported by another outlet"
SOURCE_LINE = "rs2024 and ac2026 texts; statements from the outlets listed in stances.csv"
TITLE_WIDTH = 42     # characters per title line: fits a 390 px phone at the theme's 16 px
SUBTITLE_WIDTH = 46  # the same for the 13 px subtitle
LEGEND_TITLE = "Stance, most supportive first"
ROW_HEIGHT = 36
BAND = "#9e9e9e"     # the shaded band behind a date known only to the month
HALO = "#ffffff"     # a pale disc behind each mark: invisible on a light page, it keeps the darkest
                     # stance colours legible on a dark one      # pixels per actor (two sub-rows: article and other outlets)


# ------------------------------------------------------------------ dates and order


def with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with their place on the time axis (`when`), the period a partial date
    covers (`start`, `end`) and a readable date, sorted by date then id."""
    out = frame.copy()
    out["when"] = [midpoint(v) for v in out["date"]]
    periods = [parse_partial_date(v) for v in out["date"]]
    out["start"] = [p[0] for p in periods]
    out["end"] = [p[1] for p in periods]
    out["date_label"] = [human_date(v) for v in out["date"]]
    return out.sort_values(["when", "stance_id"], kind="stable").reset_index(drop=True)


def actor_order(frame: pd.DataFrame) -> list[str]:
    """Actors in the order they enter the record (first dated statement, then row id)."""
    dated = with_dates(frame)
    return list(dict.fromkeys(dated["actor"]))


def by_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """All rows sorted by actor (alphabetically) and date."""
    dated = with_dates(frame)
    return dated.sort_values(["actor", "when", "stance_id"], kind="stable").reset_index(drop=True)


def the(name: str, start: bool = False) -> str:
    """'United Kingdom' -> 'the United Kingdom' (names that take an article in English)."""
    if name.startswith("United ") or name in ("Netherlands", "European Commission", "European Union"):
        return ("The " if start else "the ") + name
    return name


def join(names: list[str]) -> str:
    names = [the(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def source_name(row) -> str:
    """The source of a row in words: the article id, or the outlet."""
    return f"article {row['article_id']}" if row["article_id"] else row["source_outlet"]


# ------------------------------------------------------------------ movement


def movement(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: first and last stance on the scale ('not_stated' rows are left
    out, as they record no position), the number of statements, and the direction of the
    move between the first and the last: 'towards' (more supportive), 'away', 'unchanged',
    or 'single' (only one position recorded)."""
    dated = with_dates(frame)
    rows = []
    for actor in actor_order(frame):
        own = dated[dated["actor"] == actor]
        placed = own[own["stance"] != "not_stated"]
        if placed.empty:
            first = last = None
            direction = "none"
        else:
            first, last = placed.iloc[0], placed.iloc[-1]
            if len(placed) == 1:
                direction = "single"
            elif RANK[last["stance"]] < RANK[first["stance"]]:
                direction = "towards"
            elif RANK[last["stance"]] > RANK[first["stance"]]:
                direction = "away"
            else:
                direction = "unchanged"
        rows.append({
            "actor": actor, "statements": len(own),
            "first": None if first is None else first["stance"],
            "first_date": None if first is None else first["date_label"],
            "last": None if last is None else last["stance"],
            "last_date": None if last is None else last["date_label"],
            "direction": direction,
        })
    return pd.DataFrame(rows, columns=["actor", "statements", "first", "first_date", "last", "last_date",
                                       "direction"])


def actors_moving(moves: pd.DataFrame, direction: str) -> list[str]:
    return list(moves.loc[moves["direction"] == direction, "actor"])


def finding(moves: pd.DataFrame) -> str:
    """The chart's title: which actors moved, and which way."""
    towards, away = actors_moving(moves, "towards"), actors_moving(moves, "away")
    parts = []
    if towards:
        parts.append(f"{join(towards)} moved towards backing a European force")
    if away:
        parts.append(f"{join(away)} moved away" if towards else
                     f"{join(away)} moved away from backing a European force")
    if not parts:
        return "No actor's recorded stance on a European force changed"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def move_phrase(row) -> str:
    first, last = STANCE[row["first"]].name, STANCE[row["last"]].name
    return f"{the(row['actor'])} ({first}, {row['first_date']} \u2192 {last}, {row['last_date']})"


def trajectory(frame: pd.DataFrame, actor: str) -> str:
    """One actor's record as a line of text: date, stance and source of each statement."""
    own = with_dates(frame[frame["actor"] == actor])
    return " \u2192 ".join(f"{r['date_label']}: {STANCE[r['stance']].name} ({source_name(r)})"
                           for _, r in own.iterrows())


# ------------------------------------------------------------------ the chart


def timeline_data(frame: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows: only the columns it draws or shows in the tooltip."""
    dated = with_dates(frame)
    month = dated["date_precision"] != "day"
    return pd.DataFrame({
        "actor": dated["actor"],
        "when": [d.isoformat() for d in dated["when"]],
        "start": [s.isoformat() if m else None for s, m in zip(dated["start"], month)],
        "end": [e.isoformat() if m else None for e, m in zip(dated["end"], month)],
        "stance": [STANCE[c].name for c in dated["stance"]],
        "source": [FROM_ARTICLE if a else FROM_ELSEWHERE for a in dated["from_article"]],
        "date_label": dated["date_label"] + [" (month only)" if m else "" for m in month],
        "speaker": dated["speaker"],
        "question": [QUESTION[c].name for c in dated["question"]],
        "quote": [q if q else "(paraphrase only; no quote)" for q in dated["quote"]],
        "outlet": [source_name(r) for _, r in dated.iterrows()],
    })


def describe(frame: pd.DataFrame, moves: pd.DataFrame) -> str:
    dated = with_dates(frame)
    n_art = int(dated["from_article"].sum())
    parts = [f"Dot chart of {len(dated)} dated statements by {dated['actor'].nunique()} actors, from "
             f"{dated['date_label'].iloc[0]} to {dated['date_label'].iloc[-1]}: {n_art} reported in the two "
             f"articles (filled marks) and {len(dated) - n_art} by other outlets (hollow marks)."]
    for direction, words in (("towards", "Moved towards backing a force"), ("away", "Moved away"),
                             ("unchanged", "Same stance at first and last")):
        chosen = moves[moves["direction"] == direction]
        if not chosen.empty:
            parts.append(f"{words}: " + "; ".join(move_phrase(r) for _, r in chosen.iterrows()) + ".")
    single = moves[moves["direction"] == "single"]
    if not single.empty:
        parts.append("One position recorded: " + "; ".join(
            f"{the(r['actor'])} ({STANCE[r['last']].name}, {r['last_date']})" for _, r in single.iterrows()) + ".")
    none = actors_moving(moves, "none")
    if none:
        parts.append(f"No position recorded: {join(none)}.")
    return " ".join(parts)


def stance_timeline(frame: pd.DataFrame) -> Figure:
    """Dot chart: each actor's coded stance at each dated statement, on a time axis."""
    data = timeline_data(frame)
    moves = movement(frame)
    present = set(frame["stance"])
    names, colours = scale_for(cb.STANCES, present)
    shapes = shapes_for(cb.STANCES, present)
    order = actor_order(frame)
    sources = [s for s in (FROM_ARTICLE, FROM_ELSEWHERE) if s in set(data["source"])]
    first = min(parse_partial_date(v)[0] for v in frame["date"]) - timedelta(days=20)
    last = max(parse_partial_date(v)[1] for v in frame["date"]) + timedelta(days=20)

    y = alt.Y("actor:N", sort=order, title=None, axis=alt.Axis(labelLimit=160, labelPadding=6))
    y_offset = alt.YOffset("source:N", sort=sources, scale=alt.Scale(domain=sources, paddingInner=0.2))
    epoch = date(1970, 1, 1)
    x_scale = alt.Scale(type="utc", domain=[(d - epoch).days * 86_400_000 for d in (first, last)])
    colour = alt.Color("stance:N", scale=alt.Scale(domain=names, range=colours),
                       legend=alt.Legend(title=LEGEND_TITLE, columns=2, titleLimit=320,
                                         symbolStrokeWidth=2, symbolSize=110))
    shape = alt.Shape("stance:N", scale=alt.Scale(domain=names, range=shapes), legend=alt.Legend(title=LEGEND_TITLE, columns=2))

    periods = alt.Chart(data).transform_filter("datum.start != null").mark_rect(
        color=BAND, opacity=0.3).encode(x=alt.X("start:T"), x2="end:T", y=y, yOffset=y_offset)
    halo = alt.Chart(data).mark_circle(color=HALO, opacity=0.4, size=240).encode(
        x=alt.X("when:T"), y=y, yOffset=y_offset)
    points = alt.Chart(data).mark_point(filled=True, size=110, strokeWidth=2, opacity=1).encode(
        x=alt.X("when:T", scale=x_scale, title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True,
                                                                       labelFlush=True)),
        y=y, yOffset=y_offset, color=colour, shape=shape,
        stroke=alt.Stroke("stance:N", scale=alt.Scale(domain=names, range=colours),
                          legend=alt.Legend(title=LEGEND_TITLE, columns=2)),
        # filled = reported in an article, hollow = another outlet (said in the subtitle: Vega-Lite
        # draws no legend for fillOpacity on point marks)
        fillOpacity=alt.FillOpacity("source:O", sort=sources, scale=alt.Scale(domain=sources, range=[1, 0][:len(sources)]),
                                    legend=None),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("date_label:N", title="Date"),
                 alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("speaker:N", title="Speaker"),
                 alt.Tooltip("question:N", title="Question"), alt.Tooltip("quote:N", title="Quote"),
                 alt.Tooltip("outlet:N", title="Source")],
    )
    subtitle = ("Coded stance of each actor at each dated statement. Filled marks: reported in one of the "
                "two articles; hollow marks: other outlets. A date known only to the month sits mid-month, "
                "over a shaded band spanning the month.")
    chart = alt.layer(halo, periods, points,
                      title=phone_title(finding(moves), subtitle, TITLE_WIDTH, SUBTITLE_WIDTH)).properties(width="container", height=ROW_HEIGHT * len(order))

    dated = with_dates(frame)
    behind = pd.DataFrame({
        "Actor": dated["actor"], "Date": dated["date_label"],
        "Stance": [STANCE[c].name for c in dated["stance"]],
        "Speaker": dated["speaker"],
        "Source": [source_name(r) for _, r in dated.iterrows()],
    })
    behind["_order"] = behind["Actor"].map({a: i for i, a in enumerate(order)})
    behind = behind.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    return Figure(chart, describe(frame, moves), SOURCE_LINE, behind, download="stances.csv")


# ------------------------------------------------------------------ table cells


def source_badge(from_article: bool) -> Markup:
    """A badge that tells article rows from rows taken from other outlets (filled/hollow
    dot, as in the chart, plus words)."""
    if from_article:
        return Markup('<span class="td-badge td-source-article" title="Stated in one of the two articles">'
                      "\u25cf article</span>")
    return Markup('<span class="td-badge td-source-external" title="Reported by another outlet">'
                  "\u25cb other outlet</span>")


def source_cell(value, row) -> Markup:
    """Badge, then the article id or a link to the outlet's page, and the kind of source."""
    if row["article_id"]:
        return Markup(f"{source_badge(True)} {escape(row['article_id'])}")
    kind = KIND[row["source_kind"]].name
    return Markup(f"{source_badge(False)} {link(row['source_url'], row['source_outlet'])} "
                  f"<small>({escape(kind.lower())})</small>")


def who_cell(value, row) -> Markup:
    return Markup(f"{escape(row['speaker'])}<br><small>{escape(HOLDER[row['holder']].name)}</small>")


def quote_cell(value, row) -> Markup:
    if not row["quote"]:
        return Markup("<em>No verbatim quote (paraphrase only)</em>")
    return escape(f"\u201c{row['quote']}\u201d")


def _name(labels: dict[str, cb.Label]):
    return lambda value, row: escape(labels[value].name)


STANCE_CHIP = coded_chip(cb.STANCES)


# ------------------------------------------------------------------ tables


def snapshot_table(frame: pd.DataFrame, article_id: str, caption: str) -> HTMLOutput:
    """The stances one article records, in its own order (most to least supportive)."""
    rows = frame[frame["article_id"] == article_id].copy()
    rows["_rank"] = rows["stance"].map(RANK)
    rows = rows.sort_values(["_rank", "stance_id"], kind="stable")
    return table(rows, {"actor": "Actor", "stance": "Stance", "speaker": "Who said it",
                        "quote": "Evidence in the article", "article_id": "Source"},
                 caption=caption, formatters={"stance": STANCE_CHIP, "speaker": who_cell,
                                              "quote": quote_cell, "article_id": source_cell},
                 css_class="td-table-wide", download="stances.csv")


def actor_date_cell(value, row) -> Markup:
    return Markup(f"<strong class=\"td-chip\">{escape(row['actor'])}</strong><br>"
                  f"<small>{escape(row['date_label'])}</small>")


def terms_cell(value, row) -> Markup:
    return Markup(f"<small>Own troops:</small> {escape(OWN[row['own_troops']].name)}<br>"
                  f"<small>Question:</small> {escape(QUESTION[row['question']].name)}")


def source_checked_cell(value, row) -> Markup:
    return Markup(f"{source_cell(value, row)}<br><small>{escape(CHECK[row['checked']].name)}</small>")


def quote_speaker_cell(value, row) -> Markup:
    return Markup(f"{quote_cell(value, row)}<br><small>\u2014 {escape(row['speaker'])} "
                  f"({escape(HOLDER[row['holder']].name.lower())})</small>")


def record_table(frame: pd.DataFrame, caption: str) -> HTMLOutput:
    """Every row, by actor and date, with its source and checking status."""
    rows = by_actor(frame)
    return table(rows, {"actor": "Actor and date", "stance": "Stance", "quote": "Quote and speaker",
                        "question": "Own troops and question", "source_url": "Source and checking"},
                 caption=caption,
                 formatters={"actor": actor_date_cell, "stance": STANCE_CHIP, "quote": quote_speaker_cell,
                             "question": terms_cell, "source_url": source_checked_cell},
                 css_class="td-table-wide", download="stances.csv")


def record_list(frame: pd.DataFrame, actor: str) -> HTMLOutput:
    """One actor's statements in date order, as a short list: date, stance chip, speaker, source."""
    own = with_dates(frame[frame["actor"] == actor])
    items = "".join(
        f"<li><strong>{escape(r['date_label'])}</strong>: {STANCE_CHIP(r['stance'], r)} \u2014 "
        f"{escape(r['speaker'])} \u00b7 {source_cell(None, r)}</li>" for _, r in own.iterrows())
    return HTMLOutput(Markup(f'<ul class="td-record">{items}</ul>'),
                      f"Record of {actor}: " + trajectory(frame, actor))


def codebook_table(labels: tuple[cb.Label, ...], caption: str, chips: bool = True) -> HTMLOutput:
    """A codebook as a table, in scale order: code, name (with its chip), definition, example."""
    frame = pd.DataFrame([{"code": lab.code, "name": lab.code, "definition": lab.definition,
                           "example": lab.example} for lab in labels])
    columns = {"code": "Code", "name": "Name", "definition": "Definition"}
    if frame["example"].astype(bool).any():
        columns["example"] = "Example"
    fmt = {"name": coded_chip(labels) if chips else _name(cb.by_code(labels))}
    return table(frame, columns, caption=caption, formatters=fmt, download="codebooks.csv")


def fields_table(caption: str) -> HTMLOutput:
    """The other coded fields of a stance row (own troops, holder, question) in one table."""
    rows = [{"field": field, "code": lab.code, "name": lab.name, "definition": lab.definition}
            for field, labels in (("own_troops", cb.OWN_TROOPS), ("holder", cb.HOLDERS),
                                  ("question", cb.QUESTIONS))
            for lab in labels]
    return table(pd.DataFrame(rows), {"field": "Field", "code": "Code", "name": "Name",
                                      "definition": "Definition"}, caption=caption,
                 download="codebooks.csv")


def loan_table(positions: pd.DataFrame, caption: str) -> HTMLOutput:
    """The EU-loan positions the teaser reports, in the codebook's order."""
    rank = {lab.code: i for i, lab in enumerate(cb.LOAN_POSITIONS)}
    rows = positions.copy()
    rows["_rank"] = rows["position"].map(rank)
    rows["_n"] = range(len(rows))
    rows = rows.sort_values(["_rank", "_n"], kind="stable")
    return table(rows, {"actor": "Member or institution", "position": "Position on the loan",
                        "quote": "What the teaser says", "note": "Note"},
                 caption=caption, formatters={"position": coded_chip(cb.LOAN_POSITIONS),
                                              "quote": lambda v, r: escape(f"\u201c{v}\u201d")},
                 download="teaser_positions.csv")


# ------------------------------------------------------------------ sentences for the prose


def move_sentence(frame: pd.DataFrame, actor: str) -> str:
    """How one actor's coded stance moved, as a sentence built from the data."""
    moves = movement(frame)
    row = moves[moves["actor"] == actor].iloc[0]
    n = int(row["statements"])
    count = f"{n} recorded statement{'s' if n != 1 else ''}"
    if row["direction"] == "none":
        return f"No position is recorded in its {count}."
    first, last = STANCE[row["first"]].name, STANCE[row["last"]].name
    if row["direction"] == "single":
        return f"One position is recorded: {last} ({row['last_date']})."
    if row["direction"] == "unchanged":
        return (f"Coded {last} at the first ({row['first_date']}) and the last ({row['last_date']}) "
                f"of {count}.")
    way = "towards backing a force" if row["direction"] == "towards" else "away from backing a force"
    return f"Moved {way}: from {first} ({row['first_date']}) to {last} ({row['last_date']}), over {count}."


def latest_groups(frame: pd.DataFrame, actors: list[str]) -> str:
    """The given actors grouped by their latest coded stance, in scale order."""
    moves = movement(frame)
    moves = moves[moves["actor"].isin(actors) & moves["last"].notna()]
    parts = []
    for label in cb.STANCES:
        names = list(moves.loc[moves["last"] == label.code, "actor"])
        if names:
            parts.append(f"{label.name}: {join(names)}")
    return "; ".join(parts)


def latest_own_troops(frame: pd.DataFrame, value: str) -> list[str]:
    """Actors whose latest statement about their own troops (yes, conditional or no) is `value`."""
    dated = with_dates(frame)
    said = dated[dated["own_troops"].isin(["yes", "conditional", "no"])]
    latest = said.groupby("actor", sort=False).tail(1)
    chosen = set(latest.loc[latest["own_troops"] == value, "actor"])
    return [a for a in actor_order(frame) if a in chosen]
