"""The debate chapter's timeline: the articles' date windows as ranges, the dated statements from other
outlets in lanes by coded stance (codebook colours and shapes), and Russia's warnings about troops, on one
time axis from the first article to the last."""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from ..analysis.debate import outside_statements, timing, troop_warnings, window
from ..analysis.articles import articles_in_order
from ..data import codebooks as cb
from ..data.dates import human as human_date
from ..tables.html import Figure
from ..text.quotes import quoted
from ..text.wording import between_articles
from .debate import NEUTRAL, heading
from .theme import AUTOSIZE, scale_for, shapes_for

ARTICLES_LANE = "The articles"
WARNING_LANE = "Russian warning"
STATEMENTS = "statements from the outlets named in each row; Russian warnings from the red-lines record"


def _iso(d: date) -> str:
    return d.isoformat()


def basis(code: str) -> str:
    """How an article's date is known, after the date: '' when the text states it, else ' (inferred)', ..."""
    return "" if code == "text" else f" ({cb.BASES.name(code).lower()})"


def dates_note(articles: pd.DataFrame, source: bool = False) -> str:
    """What the articles' ranges mean: 'the articles' dates are inferred, so each is a range'."""
    if (articles["date_basis"] == "inferred").all():
        if len(articles) == 1:
            return "The article's date is inferred from its text, so it is a range" if source else \
                "the article's date is inferred, so it is a range"
        return "The articles' dates are inferred from their texts, so each is a range" if source else \
            "the articles' dates are inferred, so each is a range"
    return "An article's date is a range where it is known only to a window" if source else \
        "an article's date is a range where it is known only to a window"


def timeline_title(articles: pd.DataFrame, stances: pd.DataFrame) -> str:
    t = timing(articles, stances)
    where = between_articles(len(articles))
    if t["n"] and t["span"] == t["n"]:
        head = f"All {t['n']} statements from other outlets fall {where}"
    else:
        head = f"{t['span']} of {t['n']} statements from other outlets fall {where}"
    if t["busiest_n"] > 1:
        head += f"; {t['busiest_n']} were made on {human_date(t['busiest'])}"
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
        last[lane] = (when, slot)  # a cluster is measured from its latest member
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
    arts = articles_in_order(articles)
    starts, ends = arts["date_earliest_start"], arts["date_latest_end"]
    ranges = pd.DataFrame({
        "lane": ARTICLES_LANE, "article": arts["article_id"].tolist(),
        "start": [_iso(d) for d in starts], "end": [_iso(d) for d in ends],
        "label": [f"{a}|{cb.ARTICLE_POSITIONS.name(p).lower()}" for a, p in zip(arts["article_id"], arts["position"])],
        "t_when": [(human_date(_iso(a)) if a == b else f"{human_date(_iso(a))} to {human_date(_iso(b))}") + basis(c)
                   for a, b, c in zip(starts, ends, arts["date_basis"])],
        "t_outlet": arts["outlet"].tolist(),
        "t_position": [cb.ARTICLE_POSITIONS[p].definition for p in arts["position"]],
        "right": [s - first < last - e for s, e in zip(starts, ends)],
    })
    rows = outside_statements(stances)
    stmts = pd.DataFrame({
        "lane": [cb.STANCES.name(c) for c in rows["stance"]], "when": rows["when"],
        "stance": [cb.STANCES.name(c) for c in rows["stance"]],
        "month": (rows["date_precision"] != "day").tolist(),
        "start": [_iso(d) for d in rows["date_start"]], "end": [_iso(d) for d in rows["date_end"]],
        "t_when": [human_date(v) + (" (month only)" if p != "day" else "")
                   for v, p in zip(rows["date"], rows["date_precision"])],
        "t_who": [f"{a}: {s}" for a, s in zip(rows["actor"], rows["speaker"])],
        "t_question": [cb.QUESTIONS.name(q) for q in rows["question"]],
        "t_quote": [quoted(q) if q else "(paraphrase only; no quote)" for q in rows["quote"]],
        "t_source": rows["source_outlet"].tolist(),
    })
    warnings = troop_warnings(red_lines, articles)
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
                    source: str | None = None) -> Figure:
    """The debate from the first article to the last: the articles' date windows as ranges, the dated
    statements from other outlets in lanes by coded stance (codebook colours and shapes), and Russia's
    warnings about troops, on one time axis."""
    ranges, stmts, warns = timeline_frames(articles, stances, red_lines)
    first, last = window(articles)
    pad, epoch = timedelta(days=12), date(1970, 1, 1)
    x_scale = alt.Scale(type="utc", domain=[((d - epoch).days) * 86_400_000 for d in (first - pad, last + pad)])
    present = set(outside_statements(stances)["stance"].astype(str))
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
    subtitle = (f"Statements on a European force reported by other outlets, in lanes by coded stance; "
                f"{dates_note(articles)}. A grey line spans a date known only to "
                "the month; open circle: a Russian warning about Western troops")
    chart = alt.layer(*layers).properties(title=heading(title, subtitle), width="container",
                                          height=max(30, 12 * n_slots + 8) * len(lanes), autosize=AUTOSIZE)
    return Figure(chart, _description(articles, stances, ranges, stmts, warns, names, title),
                  source or f"{dates_note(articles, source=True)}; {STATEMENTS}", _behind(ranges, stmts, warns),
                  download="stances.csv")


def _description(articles, stances, ranges, stmts, warns, names, title) -> str:
    t = timing(articles, stances)
    first, last = window(articles)
    by_lane = []
    for name in names:
        mine = stmts[stmts["lane"] == name]
        who = "; ".join(f"{w.split(':')[0]} {d}" for w, d in zip(mine["t_who"], mine["t_when"]))
        by_lane.append(f"{name} {len(mine)} ({who})")
    arts = "; ".join(f"{r['article']} ({r['label'].split('|')[1]}), {r['t_when']}" for _, r in ranges.iterrows())
    warn_text = ("; Russian warnings about troops in the window: " + "; ".join(
        f"{w} ({d})" for w, d in zip(warns["t_who"], warns["t_when"]))) if len(warns) else ""
    return (f"Timeline from {human_date(_iso(first))} to {human_date(_iso(last))}. {title}. "
            f"{'The article' if len(ranges) == 1 else 'The articles'}: {arts}. The {t['n']} statements from other "
            f"outlets, dated {human_date(t['first']) if t['n'] else ''} to {human_date(t['last']) if t['n'] else ''}, "
            f"by coded stance: " + "; ".join(by_lane) + warn_text + ".")


def _behind(ranges, stmts, warns) -> pd.DataFrame:
    """The table behind the chart: every mark, lane by lane."""
    return pd.concat([
        pd.DataFrame({"Date": ranges["t_when"], "Lane": ARTICLES_LANE,
                      "Who": [f"{a}, {o}" for a, o in zip(ranges["article"], ranges["t_outlet"])],
                      "Source": "articles.csv"}),
        pd.DataFrame({"Date": stmts["t_when"], "Lane": stmts["lane"], "Who": stmts["t_who"],
                      "Source": stmts["t_source"]}),
        pd.DataFrame({"Date": warns["t_when"], "Lane": WARNING_LANE, "Who": warns["t_who"],
                      "Source": "red_lines.csv"}),
    ], ignore_index=True)
