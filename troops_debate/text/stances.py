"""The sentences and glued values of the stances chapter and of its record page: the movement over
the whole record, the positions at each article, the articles' windows (what each actor is said to
have done is in `stances_actors`).

`chapter_values` and `record_values` give every value the two notebooks glue. Every sentence is
computed from the data and stays true for one, two or more articles: articles are named by their
place in date order ('the first article', 'the last'), and counts of articles are counted.
"""
from __future__ import annotations

import pandas as pd

from ..analysis.articles import articles_in_order
from ..analysis import stances as an
from ..data import codebooks as cb
from ..data.dates import human
from .quotes import quoted
from . import stances_actors as actors
from .stances_actors import its, label
from .wording import article_names, article_window, capital, join_names as join, number, the


# ------------------------------------------------------------------ movement over the whole record


def _clauses(towards: list[str], away: list[str], held: list[str] = ()) -> list[str]:
    """'X moved towards backing a European force', 'Y held its position', 'Z became less supportive'."""
    parts = [f"{join(towards)} moved towards backing a European force"] if towards else []
    if held:
        parts.append(f"{join(held)} held {its(len(held))} position{'' if len(held) == 1 else 's'}")
    if away:
        parts.append(f"{join(away)} became less supportive" + ("" if towards else " of a European force"))
    return parts


def _moved(moves: pd.DataFrame) -> str:
    """Which actors moved over the whole record, and which way, as a clause."""
    parts = _clauses(an.actors_moving(moves, "towards"), an.actors_moving(moves, "away"))
    return "; ".join(parts) if parts else "no actor's recorded stance on a European force changed"


def finding(moves: pd.DataFrame) -> str:
    """The chart's title: which actors moved, and which way."""
    return capital(_moved(moves))


def held_sentence(moves: pd.DataFrame) -> str:
    held = an.actors_moving(moves, "unchanged")
    if not held:
        return "Every actor with more than one position ended somewhere else."
    return f"{capital(join(held))} ended where {'it' if len(held) == 1 else 'they'} began."


# ------------------------------------------------------------------ positions at each article


def _later(articles: pd.DataFrame) -> str:
    """The last article, named against the first: 'second' of two, 'last' of more."""
    return "second" if len(articles) == 2 else "last"


def shift_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """Who moved towards backing a force between the first article and the last, who held and
    who moved away, in one sentence."""
    ordered = articles_in_order(articles)
    first, last = ordered.iloc[0], ordered.iloc[-1]
    if len(ordered) == 1:
        return (f"The record holds one article ({first['outlet']}, {article_window(first)}), so it shows no "
                f"change from one article to another.")
    moves = an.shift(frame, articles)
    parts = _clauses(*(an.actors_moving(moves, d) for d in ("towards", "away", "held")))
    body = ("; ".join(parts[:-1]) + "; and " + parts[-1] if len(parts) > 1 else
            parts[0] if parts else "no actor's position changed")
    return (f"Between the first article ({first['outlet']}, {article_window(first)}) and the {_later(ordered)} "
            f"({last['outlet']}, {article_window(last)}), {body}.")


def entered_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """How many actors without a position at the first article had one by the last, and how
    many of those were at least open to a force."""
    if len(articles) == 1:
        return "With one article, no actor can take a position between articles."
    moves = an.shift(frame, articles)
    new = moves[moves["direction"] == "entered"]
    if new.empty:
        return f"No actor took a first position between the first article and the {_later(articles)}."
    backing = int(new["at_last"].isin(an.BACKING).sum())
    names = " or ".join([", ".join(label(c) for c in an.BACKING[:-1]), label(an.BACKING[-1])]) \
        if len(an.BACKING) > 1 else label(an.BACKING[0])
    n = len(new)
    share = "all of them" if backing == n else "none of them" if backing == 0 else f"{number(backing)} of them"
    return (f"By the {_later(articles)} article, {number(n)} more actor{'s' if n != 1 else ''} had taken a "
            f"position, {share} {names}.")


def snapshot_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """How many actors had a position at the time of each article, and how many of those
    positions the article itself records."""
    names = article_names(articles)
    parts = []
    for article_id, snap in an.snapshots(frame, articles).items():
        where = an.placed(snap)
        n, own = len(where), int(where["in_article"].sum())
        whose = ("all of them in the article" if own == n else "none of them in the article" if own == 0 else
                 f"{number(own)} of them in the article itself and the rest from earlier statements")
        parts.append(f"at {names[article_id]}, {number(n)} actor{'s' if n != 1 else ''} had a position, {whose}")
    return capital("; ".join(parts)) + "."


def silent_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """The actors that articles name without a position, and none on record: where they appear and
    what the first article row says (or that there is no such actor)."""
    names, quotes = article_names(articles), frame.set_index("stance_id")["quote"]
    out = []
    for _, r in an.silent_actors(frame).iterrows():
        where = join(names[a] for a in r["articles"] if a in names)
        also = " and in other outlets" if r["elsewhere"] else ""
        said = f": {quoted(quotes[r['first_id']])}" if quotes[r["first_id"]] else ""
        text = (f"{the(r['actor'], start=True)} appears {'' if also else 'only '}in {where}{also}, "
                f"with no position recorded for it{said}")
        out.append(text if text.endswith((".", ".\u201d")) else text + ".")
    return " ".join(out) or "Every actor the articles name has a position on record."


IS_DATED = ("is dated", "is not dated", "are not dated")
CARRIES_A_DATE = ("carries a date", "carries no date", "carry no date")


def undated_subject(articles: pd.DataFrame, verbs: tuple[str, str, str]) -> tuple[str, int]:
    """How many articles are dated only to a window, as a sentence's subject and verb: with IS_DATED,
    'The article is not dated', 'Neither article is dated', 'No article is dated' (of more), 'Two of
    the five articles are not dated'; and that number."""
    k, n = len(an.windowed_articles(articles)), len(articles)
    positive, one, many = verbs
    if k == n:
        return {1: f"The article {one}", 2: f"Neither article {positive}"}.get(n, f"No article {positive}"), k
    return f"{capital(number(k))} of the {number(n)} articles {one if k == 1 else many}", k


def chart_windows(articles: pd.DataFrame) -> str:
    """Which articles are dated only to a window, whose rows the chart draws as a bar across it."""
    subject, k = undated_subject(articles, IS_DATED)
    if k == 0:
        return f"{'Every' if len(articles) > 1 else 'The'} article is dated to the day."
    whose = "its rows carry its" if k == 1 else "their rows carry the article's"
    return f"{subject}, so {whose} publication window, drawn as a bar across it."


# ------------------------------------------------------------------ what the chapter glues


def chapter_values(frame: pd.DataFrame, articles: pd.DataFrame) -> dict[str, str]:
    """Every sentence the chapter glues, by its key: the opening box (find_*), the movement over the
    record, the snapshots, own troops, each actor's move (move_<actor>) and the other governments."""
    moves = an.movement(frame)
    values = {
        "find_shift": shift_sentence(frame, articles), "find_own": actors.own_troops_counts(frame),
        "find_russia": actors.line_sentence(frame, *actors.LINE),
        "record_moves": f"Over the whole record, {_moved(moves)}.", "record_held": held_sentence(moves),
        "fig_windows": chart_windows(articles),
        "snap_counts": snapshot_sentence(frame, articles), "snap_entered": entered_sentence(frame, articles),
        "snap_silent": silent_sentence(frame, articles),
        "own_split": actors.own_troops_sentence(frame), "others": actors.others_sentence(frame, articles),
    }
    return values | {f"move_{a}": actors.move_sentence(frame, a, articles) for a in an.actor_order(frame)}


# ------------------------------------------------------------------ the record page


def record_windows(articles: pd.DataFrame) -> str:
    """Which articles carry no date, so that their rows carry the article's window, with each window."""
    subject, k = undated_subject(articles, CARRIES_A_DATE)
    if k == 0:
        return f"{'Every' if len(articles) > 1 else 'The'} article carries its day of publication."
    windows = "; ".join(f"{a['article_id']}: {article_window(a)}" for _, a in an.windowed_articles(articles).iterrows())
    rows = ("an article carry its publication window" if k == len(articles) > 1 else
            "it carry its publication window" if k == 1 else "them carry their publication windows")
    return f"{subject}, so the rows taken from {rows} ({windows})."


def checking_sentence(frame: pd.DataFrame) -> str:
    """The rows' checking status in a sentence: each status with its count, in the codebook's order."""
    counts = [(lab, int((frame["checked"] == lab.code).sum())) for lab in cb.CHECKED]
    counts = [(lab, n) for lab, n in counts if n]
    if len(counts) == 1:
        lab = counts[0][0]
        return f"Every row is marked \u201c{lab.name}\u201d: {lab.definition[:1].lower()}{lab.definition[1:]}"
    return "Checking: " + "; ".join(f"{lab.name.lower()}, {n} ({lab.definition[:1].lower()}"
                                    f"{lab.definition[1:].rstrip('.')})" for lab, n in counts) + "."


def record_values(frame: pd.DataFrame, articles: pd.DataFrame) -> dict[str, object]:
    """Every value the record page glues: the counts of rows, actors and outlets, the dates of the
    other outlets' rows, the articles' windows and the checking status."""
    external = an.in_time_order(frame[~frame["from_article"]])
    return {
        "n_rows": len(frame), "n_actors": frame["actor"].nunique(),
        "n_article": int(frame["from_article"].sum()), "n_external": len(external),
        "n_outlets": external["source_outlet"].nunique(),
        "ext_first": human(external["date"].iloc[0]), "ext_last": human(external["date"].iloc[-1]),
        "undated": record_windows(articles), "checking": checking_sentence(frame),
    }
