"""The synthesis chapter: the two articles side by side, theme by theme, and the debate over time.

Every function takes the loaded data (`load_arguments()`, `load_articles()`, `load_stances()`,
`load_red_lines()`), works in pandas and returns a small DataFrame, an escaped HTML table or a
`render.Figure`. Themes, kinds of claim and stances come from the codebooks, in their order;
nothing about a particular row is written here.
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from .figures import theme as _theme  # noqa: F401  (registers and enables the book theme)
from .data import codebooks as cb
from .articles_charts import AUTOSIZE, SPLIT_LABEL, TITLE_WIDTH, two_lines
from .figures.theme import chart_title, scale_for, shapes_for
from .data.dates import midpoint, period as parse_partial_date
from .data.texts import article_paragraphs
from .data.dates import human as human_date
from .data.texts import quote_in_text
from .text.quotes import quoted
from .text.wording import number_alone as number, share
from .tables.html import Figure

THEME = cb.by_code(cb.THEMES)
KIND = cb.by_code(cb.CLAIM_KINDS)
STANCE = cb.by_code(cb.STANCES)
POSITION = cb.by_code(cb.ARTICLE_POSITIONS)
MIXED = "mixed"
NEUTRAL = "#888888"   # empty cells, article ranges and warnings: readable on light and dark pages
DARK_TEXT = "#08306b"  # count on a pale cell (the darkest blue of the scale)
MATRIX_SOURCE = "Claims coded from the texts of rs2024 and ac2026"
TIMELINE_SOURCE = ("The articles' dates are inferred from their texts, so each is a range; statements from the "
                   "outlets named in each row; Russian warnings from the red-lines record")
ARTICLES_LANE = "The articles"
WARNING_LANE = "Russian warning"
STAR = "\u2605"


SUBTITLE_WIDTH = 44  # characters per subtitle line: fits a 390 px phone


def heading(title: str, subtitle: str) -> alt.Title:
    """A chart title and subtitle, wrapped into lines short enough for a narrow screen."""
    return chart_title(title, subtitle, width=TITLE_WIDTH, subtitle_width=SUBTITLE_WIDTH)


# ------------------------------------------------------------------ the articles


def article_order(articles: pd.DataFrame) -> list[str]:
    """Article ids, earliest first."""
    return list(articles.sort_values(["date_earliest", "article_id"])["article_id"])


def _months(first: str, last: str) -> str:
    """'2024-12-12', '2025-01-19' -> 'Dec 2024–Jan 2025'; '2026-01-27', '2026-02-24' -> 'Jan–Feb 2026'."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a:%b %Y}"
    if a.year == b.year:
        return f"{a:%b}\u2013{b:%b %Y}"
    return f"{a:%b %Y}\u2013{b:%b %Y}"


def article_label(row: pd.Series) -> str:
    """'rs2024 · against|Dec 2024–Jan 2025': the article, its position and its date window, on two lines."""
    return (f"{row['article_id']} \u00b7 {POSITION[row['position']].name.lower()}|"
            f"{_months(row['date_earliest'], row['date_latest'])}")


# ------------------------------------------------------------------ the theme × article matrix


def dominant_kind(kinds: pd.Series) -> str:
    """The most common kind of claim in words (lower case); 'mixed' when two or more kinds tie; '' for none."""
    counts = kinds.astype(str).value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()]
    return KIND[top.index[0]].name.lower() if len(top) == 1 else MIXED


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
    return pd.DataFrame(rows)


def one_sided(arguments: pd.DataFrame, articles: pd.DataFrame) -> list[tuple[str, str]]:
    """(theme name, the only article that addresses it) for each theme just one article addresses,
    in codebook order."""
    matrix = theme_matrix(arguments, articles)
    out = []
    for theme, part in matrix.groupby("theme", sort=False):
        present = part[part["claims"] > 0]
        if len(present) == 1:
            out.append((theme, present["article_id"].iloc[0]))
    return out


def shared_themes(arguments: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """The themes every article addresses, in codebook order."""
    matrix = theme_matrix(arguments, articles)
    n = len(article_order(articles))
    counts = matrix[matrix["claims"] > 0].groupby("theme", sort=False).size()
    return [lab.name for lab in cb.THEMES if counts.get(lab.name, 0) == n]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def matrix_title(arguments: pd.DataFrame, articles: pd.DataFrame) -> str:
    shared = shared_themes(arguments, articles)
    only = one_sided(arguments, articles)
    n = len(cb.THEMES)
    if not only and len(shared) == n:
        return f"Both articles address all {n} themes"
    head = f"The articles share {len(shared)} of the {n} themes"
    if only:
        by_article: dict[str, list[str]] = {}
        for theme, art in only:
            by_article.setdefault(art, []).append(theme)
        head += "; " + "; ".join(f"only {art} addresses {_join(themes)}" for art, themes in by_article.items())
    return head


def cell_text(claims: int, kind: str, thesis: bool) -> str:
    """The two lines written in a cell ('|' breaks the line): count (with a star for a thesis), kind."""
    if claims == 0:
        return "not|addressed"
    return f"{claims}{' ' + STAR if thesis else ''}|{kind}"


def comparison_chart(arguments: pd.DataFrame, articles: pd.DataFrame, source: str = MATRIX_SOURCE) -> Figure:
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
    col_order = [labels[a] for a in order]
    base = alt.Chart(data).encode(
        x=alt.X("col:N", sort=col_order, title=None,
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
    title = matrix_title(arguments, articles)
    subtitle = (f"Claims coded in each article, by theme. Under each count: the most common kind of claim "
                f"(\u201c{MIXED}\u201d if kinds tie); {STAR}: the cell holds one of the article's theses")
    chart = alt.layer(grid, empty, cells, words, none).properties(
        title=heading(title, subtitle), width="container", height=48 * len(theme_order), autosize=AUTOSIZE)

    parts = []
    for theme, part in matrix.groupby("theme", sort=False):
        cells_text = []
        for r in part.itertuples():
            if r.claims == 0:
                cells_text.append(f"{r.article_id} none")
            else:
                cells_text.append(f"{r.article_id} {r.claims} ({r.kinds})")
        parts.append(f"{theme}: " + ", ".join(cells_text))
    totals = matrix.groupby("article_id")["claims"].sum()
    description = (f"Matrix of the claims coded in the two articles, with the {len(cb.THEMES)} themes as rows and "
                   f"the articles as columns ({', '.join(f'{a} {int(totals[a])} claims' for a in order)}). "
                   f"{title}. " + "; ".join(parts) + ".")
    behind = pd.DataFrame({"Theme": [lab.name for lab in cb.THEMES]})
    for art in order:
        mine = matrix[matrix["article_id"] == art].set_index("theme")
        behind[art] = [f"{mine.loc[t, 'claims']}: {mine.loc[t, 'kinds']}" if mine.loc[t, "claims"] else "none"
                       for t in behind["Theme"]]
    return Figure(chart, description, source, behind, download="arguments.csv")


# ------------------------------------------------------------------ the articles' words


def quote_of(arguments: pd.DataFrame, claim_id: str) -> str:
    """A claim's quote (checked verbatim against its article when the data is loaded), in double marks."""
    return quoted(arguments.set_index("claim_id").loc[claim_id, "quote"])


def verbatim(article_id: str, words: str) -> str:
    """A few words of an article, in double marks, after checking that they stand in its text."""
    if not any(quote_in_text(words, p) for p in article_paragraphs(article_id)):
        raise ValueError(f"not in {article_id}: {words!r}")
    return quoted(words)


# ------------------------------------------------------------------ the debate over time


def _iso(d: date) -> str:
    return d.isoformat()


def window(articles: pd.DataFrame) -> tuple[date, date]:
    """From the earliest possible date of the first article to the latest of the last."""
    return (min(date.fromisoformat(v) for v in articles["date_earliest"]),
            max(date.fromisoformat(v) for v in articles["date_latest"]))


def outside_statements(stances: pd.DataFrame) -> pd.DataFrame:
    """The stance rows reported by outlets other than the two articles, by date."""
    rows = stances[stances["article_id"] == ""].copy()
    rows["when"] = rows["date"].map(midpoint)
    return rows.sort_values(["when", "stance_id"], kind="stable").reset_index(drop=True)


def timing(articles: pd.DataFrame, stances: pd.DataFrame) -> dict[str, object]:
    """Where the outside statements fall relative to the two articles' date windows."""
    order = article_order(articles)
    by_id = articles.set_index("article_id")
    first_end = date.fromisoformat(by_id.loc[order[0], "date_latest"])
    last_start = date.fromisoformat(by_id.loc[order[-1], "date_earliest"])
    rows = outside_statements(stances)
    starts = [parse_partial_date(v)[0] for v in rows["date"]]
    ends = [parse_partial_date(v)[1] for v in rows["date"]]
    before = sum(s <= first_end for s in starts)
    after = sum(e >= last_start for e in ends)
    days = rows[rows["date_precision"] == "day"]["date"].value_counts()
    top = days[days == days.max()].sort_index() if not days.empty else days
    return {"n": len(rows), "before": before, "after": after, "between": len(rows) - before - after,
            "first": human_date(rows["date"].iloc[0]) if len(rows) else "",
            "last": human_date(rows["date"].iloc[-1]) if len(rows) else "",
            "busiest_day": human_date(top.index[0]) if len(top) else "",
            "busiest_n": int(top.iloc[0]) if len(top) else 0,
            "busiest_iso": top.index[0] if len(top) else "",
            "first_article": order[0], "last_article": order[-1]}


def timeline_title(articles: pd.DataFrame, stances: pd.DataFrame) -> str:
    t = timing(articles, stances)
    if t["n"] and t["between"] == t["n"]:
        head = f"All {t['n']} statements from other outlets fall between the two articles"
    else:
        head = f"{t['between']} of {t['n']} statements from other outlets fall between the two articles"
    if t["busiest_n"] > 1:
        head += f"; {t['busiest_n']} were made on {t['busiest_day']}"
    return head


def _slots(frame: pd.DataFrame, gap_days: int) -> list[int]:
    """Within each lane, marks closer than `gap_days` to the previous one take the next slot
    (0, 1, 2 …), so that they sit one above the other instead of on top of each other."""
    slots = [0] * len(frame)
    last: dict[str, tuple[date, int]] = {}
    for i, (lane, when) in enumerate(zip(frame["lane"], frame["when"])):
        prev = last.get(lane)
        slot = prev[1] + 1 if prev and (when - prev[0]).days < gap_days else 0
        slots[i] = slot
        # a cluster is measured from its latest member
        last[lane] = (when, slot)
    return slots


def centred(n: int) -> list[int]:
    """Slots in drawing order, top to bottom, with slot 0 in the middle: 3, 1, 0, 2, 4 for n = 5."""
    upper = [s for s in range(n) if s % 2 == 1][::-1]
    lower = [s for s in range(n) if s % 2 == 0 and s > 0]
    return upper + [0] + lower


def timeline_frames(articles: pd.DataFrame, stances: pd.DataFrame, red_lines: pd.DataFrame,
                    gap_days: int = 14) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chart's three small datasets: article ranges, outside statements, Russian warnings on troops
    within the window."""
    first, last = window(articles)
    arts = articles.sort_values("date_earliest")
    ranges = pd.DataFrame({
        "lane": ARTICLES_LANE, "article": arts["article_id"].tolist(),
        "start": arts["date_earliest"].tolist(), "end": arts["date_latest"].tolist(),
        "label": [f"{a}|{POSITION[p].name.lower()}" for a, p in zip(arts["article_id"], arts["position"])],
        "t_when": [f"{human_date(a)} to {human_date(b)} (inferred)"
                   for a, b in zip(arts["date_earliest"], arts["date_latest"])],
        "t_outlet": arts["outlet"].tolist(),
        "t_position": [POSITION[p].definition for p in arts["position"]],
    })
    ranges["right"] = [date.fromisoformat(s) - first < last - date.fromisoformat(e)
                       for s, e in zip(ranges["start"], ranges["end"])]

    rows = outside_statements(stances)
    stmts = pd.DataFrame({
        "lane": [STANCE[c].name for c in rows["stance"]], "when": rows["when"],
        "stance": [STANCE[c].name for c in rows["stance"]],
        "month": rows["date_precision"] != "day",
        "start": [_iso(parse_partial_date(v)[0]) for v in rows["date"]],
        "end": [_iso(parse_partial_date(v)[1]) for v in rows["date"]],
        "t_when": [human_date(v) + (" (month only)" if p != "day" else "")
                   for v, p in zip(rows["date"], rows["date_precision"])],
        "t_who": [f"{a}: {s}" for a, s in zip(rows["actor"], rows["speaker"])],
        "t_question": [cb.by_code(cb.QUESTIONS)[q].name for q in rows["question"]],
        "t_quote": [quoted(q) if q else "(paraphrase only; no quote)" for q in rows["quote"]],
        "t_source": rows["source_outlet"].tolist(),
    })
    warnings = red_lines[red_lines["category"] == "troops"].copy()
    warnings["when"] = warnings["warning_date"].map(midpoint)
    warnings = warnings[(warnings["when"] >= first) & (warnings["when"] <= last)]
    warns = pd.DataFrame({
        "lane": WARNING_LANE, "when": warnings["when"].tolist(),
        "t_when": [human_date(v) for v in warnings["warning_date"]],
        "t_who": warnings["warned_by"].tolist(), "t_step": warnings["step"].tolist(),
        "t_quote": [quoted(q) for q in warnings["warning_quote"]],
    })
    both = pd.concat([stmts[["lane", "when"]], warns[["lane", "when"]]], ignore_index=True)
    slots = _slots(both, gap_days)
    stmts["slot"], warns["slot"] = slots[:len(stmts)], slots[len(stmts):]
    for frame in (stmts, warns):
        frame["when"] = frame["when"].map(_iso)
    return ranges, stmts, warns


def debate_timeline(articles: pd.DataFrame, stances: pd.DataFrame, red_lines: pd.DataFrame,
                    source: str = TIMELINE_SOURCE) -> Figure:
    """The debate from the first article to the second: the articles' date windows as ranges, the dated
    statements from other outlets in lanes by coded stance (codebook colours and shapes), and Russia's
    warnings about troops, on one time axis."""
    ranges, stmts, warns = timeline_frames(articles, stances, red_lines)
    first, last = window(articles)
    pad = timedelta(days=12)
    epoch = date(1970, 1, 1)
    x_scale = alt.Scale(type="utc", domain=[((d - epoch).days) * 86_400_000 for d in (first - pad, last + pad)])
    present = set(stances.loc[stances["article_id"] == "", "stance"])
    names, colours = scale_for(cb.STANCES, present)
    shapes = shapes_for(cb.STANCES, present)
    lanes = [ARTICLES_LANE, *names] + ([WARNING_LANE] if len(warns) else [])
    n_slots = int(max([0, *stmts["slot"], *warns["slot"]])) + 1
    y = alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
              axis=alt.Axis(labelLimit=150, domain=False, ticks=False, labelPadding=6))
    y_offset = alt.YOffset("slot:O", scale=alt.Scale(domain=centred(n_slots)))
    x = alt.X("when:T", scale=x_scale, title=None,
              axis=alt.Axis(format="%b %Y", labelOverlap=True, labelFlush=True, grid=True, tickCount=6))

    lanes_bg = alt.Chart(pd.DataFrame({"lane": lanes[1::2]})).mark_rect(color=NEUTRAL, opacity=0.08).encode(
        y=y, x=alt.value(0), x2=alt.value("width"))
    art_tip = [alt.Tooltip("article:N", title="Article"), alt.Tooltip("t_outlet:N", title="Outlet"),
               alt.Tooltip("t_when:N", title="Published"), alt.Tooltip("t_position:N", title="Position")]
    bars = alt.Chart(ranges).mark_bar(color=NEUTRAL, opacity=0.85, height={"band": 0.5}).encode(
        x=alt.X("start:T", title=None), x2="end:T", y=y, tooltip=art_tip)
    right = alt.Chart(ranges).transform_filter("datum.right").mark_text(
        align="left", dx=5, fontSize=12, lineBreak="|").encode(x="end:T", y=y, text="label:N", tooltip=art_tip)
    left = alt.Chart(ranges).transform_filter("!datum.right").mark_text(
        align="right", dx=-5, fontSize=12, lineBreak="|").encode(x="start:T", y=y, text="label:N", tooltip=art_tip)
    stmt_tip = [alt.Tooltip("t_who:N", title="Who"), alt.Tooltip("t_when:N", title="Date"),
                alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("t_question:N", title="When a force deploys"),
                alt.Tooltip("t_quote:N", title="Words"), alt.Tooltip("t_source:N", title="Reported by")]
    months = alt.Chart(stmts).transform_filter("datum.month").mark_rule(color=NEUTRAL, strokeWidth=2).encode(
        x=alt.X("start:T"), x2="end:T", y=y, yOffset=y_offset, tooltip=stmt_tip)
    points = alt.Chart(stmts).mark_point(filled=True, size=85, opacity=1, stroke="#ffffff",
                                         strokeWidth=0.7).encode(
        x=x, y=y, yOffset=y_offset,
        color=alt.Color("stance:N", scale=alt.Scale(domain=names, range=colours), legend=None),
        shape=alt.Shape("stance:N", scale=alt.Scale(domain=names, range=shapes), legend=None),
        tooltip=stmt_tip)
    layers = [lanes_bg, bars, right, left, months, points]
    if len(warns):
        layers.append(alt.Chart(warns).mark_point(shape="circle", filled=False, size=85, strokeWidth=2,
                                                  color=NEUTRAL).encode(
            x=alt.X("when:T"), y=y, yOffset=y_offset,
            tooltip=[alt.Tooltip("t_who:N", title="Warned by"), alt.Tooltip("t_when:N", title="Date"),
                     alt.Tooltip("t_step:N", title="About"), alt.Tooltip("t_quote:N", title="Words")]))
    title = timeline_title(articles, stances)
    subtitle = ("Statements on a European force reported by other outlets, in lanes by coded stance; the "
                "articles' dates are inferred, so each is a range. A grey line spans a date known only to "
                "the month; open circle: a Russian warning about Western troops")
    row_height = max(30, 12 * n_slots + 8)
    chart = alt.layer(*layers).properties(
        title=heading(title, subtitle), width="container", height=row_height * len(lanes), autosize=AUTOSIZE)

    t = timing(articles, stances)
    by_lane = []
    for name in names:
        mine = stmts[stmts["lane"] == name]
        who = "; ".join(f"{w.split(':')[0]} {d}" for w, d in zip(mine["t_who"], mine["t_when"]))
        by_lane.append(f"{name} {len(mine)} ({who})")
    arts = "; ".join(f"{r['article']} ({r['label'].split('|')[1]}), {r['t_when']}" for _, r in ranges.iterrows())
    warn_text = ("; Russian warnings about troops in the window: " + "; ".join(
        f"{w} ({d})" for w, d in zip(warns["t_who"], warns["t_when"]))) if len(warns) else ""
    description = (f"Timeline from {human_date(_iso(first))} to {human_date(_iso(last))}. {title}. The articles: "
                   f"{arts}. The {t['n']} statements from other outlets, dated {t['first']} to {t['last']}, by "
                   f"coded stance: " + "; ".join(by_lane) + warn_text + ".")
    behind = pd.concat([
        pd.DataFrame({"Date": ranges["t_when"], "Lane": ARTICLES_LANE,
                      "Who": [f"{a}, {o}" for a, o in zip(ranges["article"], ranges["t_outlet"])],
                      "Source": "articles.csv"}),
        pd.DataFrame({"Date": stmts["t_when"], "Lane": stmts["lane"], "Who": stmts["t_who"],
                      "Source": stmts["t_source"]}),
        pd.DataFrame({"Date": warns["t_when"], "Lane": WARNING_LANE, "Who": warns["t_who"],
                      "Source": "red_lines.csv"}),
    ], ignore_index=True)
    return Figure(chart, description, source, behind, download="stances.csv")


# ------------------------------------------------------------------ numbers for the prose


def key_numbers(arguments: pd.DataFrame, articles: pd.DataFrame, stances: pd.DataFrame) -> dict[str, object]:
    """Every number and computed phrase the chapter's prose states (keys become glue names)."""
    matrix = theme_matrix(arguments, articles)
    only = one_sided(arguments, articles)
    t = timing(articles, stances)
    out: dict[str, object] = {
        "n_themes": len(cb.THEMES),
        "n_shared": len(shared_themes(arguments, articles)),
        "n_one_sided": len(only),
        "one_sided": "; ".join(f"{theme} (only {art})" for theme, art in only) or "none",
        "n_outside": t["n"], "n_between": t["between"], "outside_first": t["first"], "outside_last": t["last"],
        "busiest_day": t["busiest_day"], "busiest_n": t["busiest_n"],
        "busiest_after_ceasefire": int(((outside_statements(stances)["date"] == t["busiest_iso"])
                                        & (outside_statements(stances)["question"] == "after_ceasefire")).sum()),
        "thesis_shared": "; ".join(
            name for name, part in matrix.groupby("theme", sort=False) if part["thesis"].all()) or "none",
    }
    outside = outside_statements(stances)
    for lab in cb.STANCES:
        out[f"out_{lab.code}"] = int((outside["stance"] == lab.code).sum())
    for lab in cb.QUESTIONS:
        out[f"out_q_{lab.code}"] = int((outside["question"] == lab.code).sum())
    russia = stances[stances["actor_code"] == "RU"]
    out["n_russia"] = len(russia)
    out["n_russia_hostile"] = int((russia["stance"] == "hostile").sum())
    for art in article_order(articles):
        mine = matrix[matrix["article_id"] == art]
        out[f"{art}_claims"] = int(mine["claims"].sum())
        out[f"{art}_themes"] = int((mine["claims"] > 0).sum())
        top = mine[mine["claims"] == mine["claims"].max()]
        out[f"{art}_top"] = _join(top["theme"].tolist())
        out[f"{art}_top_n"] = int(mine["claims"].max())
        out[f"{art}_top_share"] = share(int(mine["claims"].max()), int(mine["claims"].sum()))
        out[f"only_{art}"] = _join([theme for theme, who in only if who == art]) if any(
            who == art for _, who in only) else "none"
        for r in mine.itertuples():
            out[f"{art}_{r.theme_code}"] = int(r.claims)
            out[f"{art}_{r.theme_code}_share"] = share(int(r.claims), int(mine["claims"].sum()))
            part = arguments[(arguments["article_id"] == art) & (arguments["theme"] == r.theme_code)]
            for lab in cb.CLAIM_KINDS:
                out[f"{art}_{r.theme_code}_{lab.code}"] = number(int((part["kind"] == lab.code).sum()))
    # phrases for sentences: counts in words where a reader would use words
    out["between_share"] = share(t["between"], t["n"])
    out["shared_share"] = share(out["n_shared"], out["n_themes"])
    for lab in cb.QUESTIONS:
        out[f"out_q_{lab.code}_share"] = share(out[f"out_q_{lab.code}"], t["n"])
    out["busiest_after_ceasefire_share"] = share(out["busiest_after_ceasefire"], t["busiest_n"])
    out["busiest_n_words"] = number(t["busiest_n"])
    return out
