"""The stances chapter and its record page: who stands where on a European force for Ukraine.

Everything they show is computed here from `data/stances.csv` and `data/articles.csv`: the
order of the actors, how each actor's coded stance moved, each actor's position at the time of
each article, the split between backing a force and sending one's own troops, the timeline
chart and the tables. (`loan_table`, for the EU-loan teaser, serves the claims record page.)

All text from the data is escaped (tables through `render.table`, extra cells from
`render.escape`/`render.link`); in the chart it is data, shown by the tooltip as text.
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from .figures import theme as _theme  # noqa: F401  (registers and enables the book theme)
from .data import codebooks as cb
from .figures.theme import chart_title, scale_for, shapes_for
from .text.wording import capital, number, the
from .text.wording import join_names as join
from .data.dates import midpoint, period as parse_partial_date
from .tables.cards import coded_chip
from .data.dates import human as human_date
from .text.quotes import quoted
from .tables.html import Figure, HTMLOutput, Markup, escape, link, table

STANCE = cb.by_code(cb.STANCES)
RANK = {label.code: i for i, label in enumerate(cb.STANCES)}  # 0 = most supportive
HOLDER = cb.by_code(cb.HOLDERS)
QUESTION = cb.by_code(cb.QUESTIONS)
OWN = cb.by_code(cb.OWN_TROOPS)
KIND = cb.by_code(cb.SOURCE_KINDS)
CHECK = cb.by_code(cb.CHECKED)

# Labels at least open to a force (more supportive than "cool"): what the prose calls backing.
BACKING = tuple(lab.code for lab in cb.STANCES[:RANK["cool"]])
# Labels that offer the actor's own troops ("willing" and anything more supportive).
OFFERING = tuple(lab.code for lab in cb.STANCES[:RANK["willing"] + 1])
SAID_OWN = ("yes", "conditional", "no")  # own_troops values that say something about the actor's soldiers

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
WINDOW_NOTE = " (the article's publication window)"
MONTH_NOTE = " (month only)"

def label(code: str) -> str:
    """A stance label as it reads inside a sentence: 'not stated', 'pushing'."""
    return STANCE[code].name.lower()


def source_name(row) -> str:
    """The source of a row in words: the article id, or the outlet."""
    return f"article {row['article_id']}" if row["article_id"] else row["source_outlet"]


# ------------------------------------------------------------------ dates and order


def with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with their place on the time axis (`when`: a day, mid-month, or the middle of
    an article's window), the period a date covers (`start`, `end`) and a readable date, sorted
    by place on the axis, then by start, then by id."""
    out = frame.copy()
    out["when"] = [midpoint(v) for v in out["date"]]
    periods = [parse_partial_date(v) for v in out["date"]]
    out["start"] = [p[0] for p in periods]
    out["end"] = [p[1] for p in periods]
    out["date_label"] = [human_date(v) for v in out["date"]]
    return out.sort_values(["when", "start", "stance_id"], kind="stable").reset_index(drop=True)


def actor_order(frame: pd.DataFrame) -> list[str]:
    """Actors in the order they enter the record (first dated statement, then row id)."""
    return list(dict.fromkeys(with_dates(frame)["actor"]))


def by_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """All rows sorted by actor (alphabetically) and date."""
    dated = with_dates(frame)
    return dated.sort_values(["actor", "when", "start", "stance_id"], kind="stable").reset_index(drop=True)


def articles_in_order(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles by the first day of their date window."""
    return articles.sort_values(["date_earliest", "date_latest", "article_id"], kind="stable").reset_index(drop=True)


def article_window(article) -> str:
    """An article's date window in words: '27 January – 24 February 2026'."""
    if article["date_earliest"] == article["date_latest"]:
        return human_date(article["date_earliest"])
    return human_date(f"{article['date_earliest']}/{article['date_latest']}")


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def article_names(articles: pd.DataFrame) -> dict[str, str]:
    """Each article as the prose names it: 'the first article', 'the second article', ..."""
    ordered = articles_in_order(articles)
    return {a: f"the {ORDINALS[i] if i < len(ORDINALS) else f'{i + 1}th'} article"
            for i, a in enumerate(ordered["article_id"])}


# ------------------------------------------------------------------ movement over the whole record


def movement(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: first and last stance on the scale ('not_stated' rows are left
    out, as they record no position), the number of statements, whether every placed row
    has the same label, and the direction of the move between the first and the last:
    'towards' (more supportive), 'away', 'unchanged', 'single' (one position recorded) or
    'none' (no position recorded)."""
    dated = with_dates(frame)
    rows = []
    for actor in actor_order(frame):
        own = dated[dated["actor"] == actor]
        placed = own[own["stance"] != "not_stated"]
        first = last = None
        if placed.empty:
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
            "actor": actor, "statements": len(own), "placed": len(placed),
            "same_throughout": bool(len(placed)) and placed["stance"].nunique() == 1,
            "first": None if first is None else first["stance"],
            "first_date": None if first is None else first["date_label"],
            "first_article": None if first is None else first["article_id"],
            "last": None if last is None else last["stance"],
            "last_date": None if last is None else last["date_label"],
            "last_article": None if last is None else last["article_id"],
            "direction": direction,
        })
    return pd.DataFrame(rows, columns=["actor", "statements", "placed", "same_throughout", "first", "first_date",
                                       "first_article", "last", "last_date", "last_article", "direction"])


def actors_moving(moves: pd.DataFrame, direction: str) -> list[str]:
    return list(moves.loc[moves["direction"] == direction, "actor"])


def finding(moves: pd.DataFrame) -> str:
    """The chart's title: which actors moved, and which way."""
    towards, away = actors_moving(moves, "towards"), actors_moving(moves, "away")
    parts = []
    if towards:
        parts.append(f"{join(towards)} moved towards backing a European force")
    if away:
        parts.append(f"{join(away)} became less supportive" if towards else
                     f"{join(away)} became less supportive of a European force")
    if not parts:
        return "No actor's recorded stance on a European force changed"
    return capital("; ".join(parts))


def _when(date_label: str, article_id: str, names: dict[str, str]) -> str:
    """Where a row sits in time, as a phrase: 'in the first article', 'on 6 January 2026',
    'in March 2025', or the window itself."""
    if article_id and article_id in names:
        return f"in {names[article_id]}"
    if date_label[:1].isdigit() and "–" not in date_label:
        return f"on {date_label}"
    return f"in {date_label}"


def move_sentence(frame: pd.DataFrame, actor: str, articles: pd.DataFrame | None = None) -> str:
    """How one actor's coded stance moved over the whole record, as a plain sentence. With the
    articles, a row from an article is dated 'in the first article' rather than by its window."""
    names = article_names(articles) if articles is not None else {}
    row = movement(frame).set_index("actor").loc[actor]
    who, n = the(actor, start=True), int(row["statements"])
    said = f"{number(n)} recorded statement{'s' if n != 1 else ''}"
    if row["direction"] == "none":
        return f"{who} has {said}, none of them a position on a force."
    first = f"{label(row['first'])} {_when(row['first_date'], row['first_article'], names)}"
    last = f"{label(row['last'])} {_when(row['last_date'], row['last_article'], names)}"
    if row["direction"] == "single":
        return f"{who} has one recorded position: {last}."
    if row["direction"] == "unchanged":
        if row["same_throughout"]:
            every = "both" if row["placed"] == 2 else f"all {number(int(row['placed']))}"
            return f"{who} held one position, {label(row['last'])}, in {every} of its recorded statements."
        return f"{who} ended where it began, {first} and {last}."
    if row["direction"] == "away":
        return f"{who} became less supportive, from {first} to {last}."
    way = "towards" if row["last"] in BACKING else "closer to"
    return f"{who} moved {way} backing a force, from {first} to {last}."


# ------------------------------------------------------------------ positions at each article


def snapshot(frame: pd.DataFrame, article) -> pd.DataFrame:
    """Each actor's position at the time of one article: the article's own row when it records
    a position, otherwise the actor's latest position on record before the article's window
    opened; an actor the article names without a position, and with none on record, keeps its
    'not_stated' row. Columns: actor, stance, own_troops, date_label, in_article."""
    dated = with_dates(frame)
    opened = date.fromisoformat(article["date_earliest"])
    own = dated["article_id"] == article["article_id"]
    before = dated[(dated["end"] < opened) & ~own]
    mine = dated[own]
    rows = []
    for actor in actor_order(frame):
        here = mine[mine["actor"] == actor]
        placed_here = here[here["stance"] != "not_stated"]
        earlier = before[(before["actor"] == actor) & (before["stance"] != "not_stated")]
        if not placed_here.empty:
            chosen, in_article = placed_here.iloc[-1], True
        elif not earlier.empty:
            chosen, in_article = earlier.iloc[-1], False
        elif not here.empty:
            chosen, in_article = here.iloc[-1], True
        else:
            continue
        rows.append({"actor": actor, "stance": chosen["stance"], "own_troops": chosen["own_troops"],
                     "date_label": chosen["date_label"], "in_article": in_article})
    return pd.DataFrame(rows, columns=["actor", "stance", "own_troops", "date_label", "in_article"])


def snapshots(frame: pd.DataFrame, articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A snapshot per article, in the articles' date order."""
    return {a["article_id"]: snapshot(frame, a) for _, a in articles_in_order(articles).iterrows()}


def shift(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How each actor's position changed from the first article's snapshot to the last one's:
    'towards', 'away', 'held', 'entered' (no position at the first, one at the last) or 'none'."""
    snaps = list(snapshots(frame, articles).values())
    first, last = snaps[0].set_index("actor"), snaps[-1].set_index("actor")
    rows = []
    for actor in actor_order(frame):
        a = first["stance"].get(actor)
        b = last["stance"].get(actor)
        a = None if a in (None, "not_stated") else a
        b = None if b in (None, "not_stated") else b
        if a and b:
            direction = "towards" if RANK[b] < RANK[a] else "away" if RANK[b] > RANK[a] else "held"
        elif b:
            direction = "entered"
        else:
            direction = "none"
        rows.append({"actor": actor, "at_first": a, "at_last": b, "direction": direction})
    return pd.DataFrame(rows, columns=["actor", "at_first", "at_last", "direction"])


def shift_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """Who moved towards backing a force between the first article and the last, who held and
    who moved away, in one sentence."""
    ordered = articles_in_order(articles)
    moves = shift(frame, articles)
    first, last = ordered.iloc[0], ordered.iloc[-1]
    pick = lambda d: list(moves.loc[moves["direction"] == d, "actor"])  # noqa: E731
    parts = []
    if pick("towards"):
        parts.append(f"{join(pick('towards'))} moved towards backing a European force")
    if pick("held"):
        parts.append(f"{join(pick('held'))} held {'its' if len(pick('held')) == 1 else 'their'} "
                     f"position{'' if len(pick('held')) == 1 else 's'}")
    if pick("away"):
        parts.append(f"{join(pick('away'))} became less supportive" if pick("towards") else
                     f"{join(pick('away'))} became less supportive of a European force")
    if len(parts) > 1:
        body = "; ".join(parts[:-1]) + "; and " + parts[-1]
    else:
        body = parts[0] if parts else "no actor's position changed"
    second = "second" if len(ordered) == 2 else "last"
    return (f"Between the first article ({first['outlet']}, {article_window(first)}) and the {second} "
            f"({last['outlet']}, {article_window(last)}), {body}.")


def entered_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """How many actors without a position at the first article had one by the last, and how
    many of those were at least open to a force."""
    moves = shift(frame, articles)
    new = moves[moves["direction"] == "entered"]
    if new.empty:
        return "No actor took a first position between the articles."
    backing = int(new["at_last"].isin(BACKING).sum())
    names = " or ".join([", ".join(label(c) for c in BACKING[:-1]), label(BACKING[-1])]) \
        if len(BACKING) > 1 else label(BACKING[0])
    n = len(new)
    share = ("all of them" if backing == n else "none of them" if backing == 0 else
             f"{number(backing)} of them")
    last = "second" if len(articles) == 2 else "last"
    return (f"By the {last} article, {number(n)} more actor{'s' if n != 1 else ''} had taken a position, "
            f"{share} {names}.")


def snapshot_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """How many actors had a position at the time of each article, and how many of those
    positions the article itself records."""
    names = article_names(articles)
    parts = []
    for article_id, snap in snapshots(frame, articles).items():
        placed = snap[snap["stance"] != "not_stated"]
        n, own = len(placed), int(placed["in_article"].sum())
        whose = ("all of them in the article" if own == n else "none of them in the article" if own == 0 else
                 f"{number(own)} of them in the article itself and the rest from earlier statements")
        parts.append(f"at {names[article_id]}, {number(n)} actor{'s' if n != 1 else ''} had a position, {whose}")
    return capital("; ".join(parts)) + "."


def snapshot_table(frame: pd.DataFrame, articles: pd.DataFrame, caption: str) -> HTMLOutput:
    """One row per actor, one column per article: the actor's position at the time of that
    article (a filled dot when the article itself records it, otherwise the date of the
    statement it rests on; a dash when the actor had no position on record yet)."""
    snaps = snapshots(frame, articles)
    ordered = articles_in_order(articles).set_index("article_id")
    wide = pd.DataFrame({"actor": actor_order(frame)})
    columns = {"actor": "Actor"}
    formatters = {}
    for article_id, snap in snaps.items():
        key = f"at_{article_id}"
        cells = snap.set_index("actor")
        wide[key] = [cells.loc[a].to_dict() if a in cells.index else None for a in wide["actor"]]
        art = ordered.loc[article_id]
        columns[key] = f"At the {art['outlet']} article ({article_window(art)})"
        formatters[key] = _snapshot_cell
    shown = wide[[any(wide.loc[i, k] is not None for k in columns if k != "actor") for i in wide.index]]
    formatters["actor"] = lambda value, row: Markup(f'<strong class="td-chip">{escape(value)}</strong>')
    out = table(shown, columns, caption=caption, formatters=formatters, css_class="td-table-snapshot",
                download="stances.csv")
    plain = "\n".join(
        f"{r['actor']}: " + "; ".join(
            f"{columns[k]}: {_snapshot_text(r[k])}" for k in columns if k != "actor")
        for _, r in shown.iterrows())
    return HTMLOutput(out.html, plain)


def _snapshot_text(cell) -> str:
    if cell is None:
        return "no position on record yet"
    where = "in the article" if cell["in_article"] else cell["date_label"]
    return f"{STANCE[cell['stance']].name} ({where})"


def _snapshot_cell(cell, row) -> Markup:
    if cell is None:
        return Markup('<span title="No position on record yet">\u2014</span>')
    chip = STANCE_CHIP(cell["stance"], row)
    if cell["in_article"]:
        return Markup(f"{chip} {source_badge(True)}")
    return Markup(f"{chip}<br><small>{escape(cell['date_label'])}</small>")


# ------------------------------------------------------------------ own troops


def latest_own(frame: pd.DataFrame) -> pd.DataFrame:
    """Each actor's latest statement that says something about its own troops (yes,
    conditional or no), with that statement's stance."""
    dated = with_dates(frame)
    said = dated[dated["own_troops"].isin(SAID_OWN)]
    latest = said.groupby("actor", sort=False).tail(1)
    order = {a: i for i, a in enumerate(actor_order(frame))}
    return latest.assign(_o=latest["actor"].map(order)).sort_values("_o").drop(columns="_o").reset_index(drop=True)


def latest_own_troops(frame: pd.DataFrame, value: str) -> list[str]:
    """Actors whose latest statement about their own troops (yes, conditional or no) is `value`."""
    latest = latest_own(frame)
    return list(latest.loc[latest["own_troops"] == value, "actor"])


def own_troops_groups(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The actors by their latest word on their own troops:
    'yes' (troops without conditions), 'offered' (troops on stated conditions, in a statement coded
    willing or more supportive), 'conditions' (conditions on any part for their own troops, in a
    statement that offers none), 'no' (ruled out), 'no_backing' (ruled out their own troops while
    their latest stance backs a force: open or more supportive)."""
    latest = latest_own(frame)
    conditional = latest[latest["own_troops"] == "conditional"]
    last_stance = movement(frame).set_index("actor")["last"]
    no = list(latest.loc[latest["own_troops"] == "no", "actor"])
    return {
        "yes": list(latest.loc[latest["own_troops"] == "yes", "actor"]),
        "offered": list(conditional.loc[conditional["stance"].isin(OFFERING), "actor"]),
        "conditions": list(conditional.loc[~conditional["stance"].isin(OFFERING), "actor"]),
        "no": no,
        "no_backing": [a for a in no if last_stance.get(a) in BACKING],
    }


def own_troops_sentence(frame: pd.DataFrame) -> str:
    """The split between backing a force and sending one's own troops, one sentence a group."""
    g = own_troops_groups(frame)
    out = []
    if g["offered"]:
        whose = "its" if len(g["offered"]) == 1 else "their"
        out.append(f"{capital(join(g['offered']))} offered {whose} own troops, on stated conditions.")
    if g["conditions"]:
        whose = "its" if len(g["conditions"]) == 1 else "their"
        out.append(f"{capital(join(g['conditions']))} set conditions on any part for {whose} own troops, "
                   f"without offering them.")
    if g["no"]:
        whose = "its" if len(g["no"]) == 1 else "their"
        backing = f", {join(g['no_backing'])} while at least open to a force" if g["no_backing"] else ""
        out.append(f"{capital(join(g['no']))} ruled {whose} own troops out{backing}.")
    out.append("No actor promised troops without conditions." if not g["yes"] else
               f"{capital(join(g['yes']))} promised troops without conditions.")
    return " ".join(out)


def own_troops_counts(frame: pd.DataFrame) -> str:
    """The same split as counts, for the chapter's opening box (two sentences)."""
    g = own_troops_groups(frame)
    bits = []
    if g["offered"]:
        n = len(g["offered"])
        bits.append(f"{number(n)} actor{'s' if n != 1 else ''} offered {'its' if n == 1 else 'their'} own troops "
                    f"on stated conditions")
    if g["conditions"]:
        bits.append(f"{number(len(g['conditions']))} {'more ' if bits else 'actors '}set conditions without an offer")
    first = " and ".join(bits) if bits else "no actor offered its own troops"
    yes = ("none promised troops without conditions" if not g["yes"] else
           f"{join(g['yes'])} promised troops without conditions")
    text = f"Backing a force is not sending one's own soldiers: in their latest statements on the point, {first}, but {yes}."
    if g["no"]:
        extra = f", {join(g['no_backing'])} while at least open to a force" if g["no_backing"] else ""
        whose = "its" if len(g["no"]) == 1 else "their"
        text += f" {capital(join(g['no']))} ruled {whose} own troops out{extra}."
    return text


# ------------------------------------------------------------------ one actor's line


def line_sentence(frame: pd.DataFrame, actor: str, code: str, gloss: str) -> str:
    """'All four Russian statements are hostile: <gloss>.' or 'Three of the four ...'"""
    own = frame[frame["actor"] == actor]
    n, k = len(own), int((own["stance"] == code).sum())
    if n == 0:
        return f"No statement by {the(actor)} is recorded."
    if k == n:
        count = "The only" if n == 1 else ("Both" if n == 2 else f"All {number(n)}")
    elif k == 0:
        count = f"None of the {number(n)}"
    else:
        count = f"{capital(number(k))} of the {number(n)}"
    noun = "statement" if n == 1 else "statements"
    verb = "is" if k == 1 or n == 1 else "are"
    return f"{count} {actor_adjective(actor)} {noun} on record {verb} {label(code)}: {gloss}."


ADJECTIVES = {"Russia": "Russian", "Ukraine": "Ukrainian", "United States": "US", "United Kingdom": "British",
              "France": "French", "Germany": "German", "Poland": "Polish", "Italy": "Italian"}


def actor_adjective(actor: str) -> str:
    return ADJECTIVES.get(actor, actor)


def group_sentence(frame: pd.DataFrame, actors: list[str]) -> str:
    """The given actors grouped by their latest coded stance, in scale order."""
    moves = movement(frame)
    moves = moves[moves["actor"].isin(actors) & moves["last"].notna()]
    parts = []
    for lab in cb.STANCES:
        names = list(moves.loc[moves["last"] == lab.code, "actor"])
        if names:
            parts.append(f"{lab.name.lower()}: {join(names)}")
    return "; ".join(parts)


# ------------------------------------------------------------------ the chart


def _precision(value: str, precision: str) -> str:
    return "window" if "/" in value else precision


def timeline_data(frame: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows: only the columns it draws or shows in the tooltip. `start` and `end`
    are set for a month (drawn as a grey band) and for an article's window (drawn as a bar
    spanning the window)."""
    dated = with_dates(frame)
    kind = [_precision(v, p) for v, p in zip(dated["date"], dated["date_precision"])]
    spans = [k != "day" for k in kind]
    return pd.DataFrame({
        "actor": dated["actor"],
        "precision": kind,
        "when": [d.isoformat() for d in dated["when"]],
        "start": [s.isoformat() if m else None for s, m in zip(dated["start"], spans)],
        "end": [e.isoformat() if m else None for e, m in zip(dated["end"], spans)],
        "stance": [STANCE[c].name for c in dated["stance"]],
        "source": [FROM_ARTICLE if a else FROM_ELSEWHERE for a in dated["from_article"]],
        "date_label": [d + (WINDOW_NOTE if k == "window" else MONTH_NOTE if k == "month" else "")
                       for d, k in zip(dated["date_label"], kind)],
        "speaker": dated["speaker"],
        "question": [QUESTION[c].name for c in dated["question"]],
        "quote": [quoted(q) if q else "(paraphrase only; no quote)" for q in dated["quote"]],
        "outlet": [source_name(r) for _, r in dated.iterrows()],
    })


def move_phrase(row) -> str:
    first, last = STANCE[row["first"]].name, STANCE[row["last"]].name
    return f"{the(row['actor'])} ({first}, {row['first_date']} \u2192 {last}, {row['last_date']})"


def describe(frame: pd.DataFrame, moves: pd.DataFrame) -> str:
    dated = with_dates(frame)
    n_art = int(dated["from_article"].sum())
    n_window = sum(_precision(v, p) == "window" for v, p in zip(dated["date"], dated["date_precision"]))
    parts = [f"Dot chart of {len(dated)} dated statements by {dated['actor'].nunique()} actors: {n_art} reported "
             f"in the articles (filled marks) and {len(dated) - n_art} by other outlets (hollow marks). The "
             f"earliest are dated {dated['date_label'].iloc[0]}, the latest {dated['date_label'].iloc[-1]}."]
    if n_window:
        parts.append(f"{n_window} rows from the articles are dated to an article's publication window, drawn as "
                     f"a bar spanning the window.")
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
    """Dot chart: each actor's coded stance at each dated statement, on a time axis. A row dated
    to an article's window is drawn as a bar across the window, with the stance's mark at its
    middle; a row known to the month sits mid-month over a grey band spanning the month."""
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
    subtitle = ("Coded stance of each actor at each dated statement. Filled marks: reported in an article; "
                "hollow marks: other outlets. A bar spans the window in which an article appeared, the date "
                "its rows carry; a grey band spans a month when only the month is known.")
    chart = alt.layer(months, windows, halo, points,
                      title=chart_title(finding(moves), subtitle, width=TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)).properties(
        width="container", height=ROW_HEIGHT * len(order))

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
        return Markup('<span class="td-badge td-source-article" title="Stated in one of the articles">'
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


def quote_cell(value, row) -> Markup:
    if not row["quote"]:
        return Markup("<em>No verbatim quote (paraphrase only)</em>")
    return escape(quoted(row["quote"]))


STANCE_CHIP = coded_chip(cb.STANCES)


def _optional(row, column: str) -> str:
    """A column that not every version of the data has (e.g. `stance_runner_up`): '' when absent."""
    value = row.get(column, "") if hasattr(row, "get") else ""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def actor_date_cell(value, row) -> Markup:
    return Markup(f"<strong class=\"td-chip\">{escape(row['actor'])}</strong><br>"
                  f"<small>{escape(row['date_label'])}</small>")


def stance_cell(value, row) -> Markup:
    """The stance chip, and the runner-up label when the data records one."""
    runner = _optional(row, "stance_runner_up")
    if runner in STANCE:
        return Markup(f"{STANCE_CHIP(value, row)}<br><small>runner-up: {escape(STANCE[runner].name)}</small>")
    return STANCE_CHIP(value, row)


def terms_cell(value, row) -> Markup:
    return Markup(f"<small>Own troops:</small> {escape(OWN[row['own_troops']].name)}<br>"
                  f"<small>Question:</small> {escape(QUESTION[row['question']].name)}")


def source_checked_cell(value, row) -> Markup:
    extra = []
    grade, when = _optional(row, "source_grade"), _optional(row, "source_date")
    if grade:
        extra.append(grade.replace("_", " "))
    if when:
        extra.append(f"source dated {human_date(when)}" if _is_date(when) else when)
    more = f"<br><small>{escape(' · '.join(extra))}</small>" if extra else ""
    return Markup(f"{source_cell(value, row)}<br><small>{escape(CHECK[row['checked']].name)}</small>{more}")


def _is_date(value: str) -> bool:
    try:
        parse_partial_date(value)
    except ValueError:
        return False
    return True


def quote_speaker_cell(value, row) -> Markup:
    """The quote, the speaker and office, and the row's note (the reading, a translation) folded away."""
    note = (f'<details class="td-note"><summary>Note</summary><small>{escape(row["note"])}</small></details>'
            if row["note"] else "")
    return Markup(f"{quote_cell(value, row)}<br><small>\u2014 {escape(row['speaker'])} "
                  f"({escape(HOLDER[row['holder']].name.lower())})</small>{note}")


# ------------------------------------------------------------------ the record table


def record_table(frame: pd.DataFrame, caption: str) -> HTMLOutput:
    """Every row, by actor and date, with its source, checking status and note (folded under the
    quote), and, when the data has them, the runner-up label, the grade and the date of the source."""
    rows = by_actor(frame)
    return table(rows, {"actor": "Actor and date", "stance": "Stance", "quote": "Quote and speaker",
                        "question": "Own troops and question", "source_url": "Source and checking"},
                 caption=caption,
                 formatters={"actor": actor_date_cell, "stance": stance_cell, "quote": quote_speaker_cell,
                             "question": terms_cell, "source_url": source_checked_cell},
                 css_class="td-table-wide", download="stances.csv")


def checking_sentence(frame: pd.DataFrame) -> str:
    """The rows' checking status in a sentence: each status with its count, in the codebook's order."""
    counts = [(lab, int((frame["checked"] == lab.code).sum())) for lab in cb.CHECKED]
    counts = [(lab, n) for lab, n in counts if n]
    if len(counts) == 1:
        lab = counts[0][0]
        return f"Every row is marked \u201c{lab.name}\u201d: {lab.definition[:1].lower()}{lab.definition[1:]}"
    return "Checking: " + "; ".join(f"{lab.name.lower()}, {n} ({lab.definition[:1].lower()}"
                                    f"{lab.definition[1:].rstrip('.')})" for lab, n in counts) + "."


# ------------------------------------------------------------------ the EU-loan teaser (claims record page)


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
