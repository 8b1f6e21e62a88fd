"""The stances chapter's derived tables, from the typed stances and articles tables: the order of
the actors, how each actor's coded stance moved over the whole record, each actor's position at the
time of each article (one snapshot per article, in date order), the change from the first article's
snapshot to the last one's, and each actor's latest word on its own troops.

A derived row points at the statement it rests on by its `stance_id`; the words, tables and charts
that show them are in text/, tables/ and figures/stances.py.
"""
from __future__ import annotations

import pandas as pd

from ..data import codebooks as cb
from .articles import articles_in_order

STANCES = cb.STANCES
NO_POSITION = "not_stated"  # a row that records no position on a force
# Labels at least open to a force (more supportive than "cool"): what the prose calls backing.
BACKING = STANCES.codes[:STANCES.rank("cool")]
# Labels that offer the actor's own troops ("willing" and anything more supportive).
OFFERING = STANCES.codes[:STANCES.rank("willing") + 1]
SAID_OWN = ("yes", "conditional", "no")  # own_troops values that say something about the actor's soldiers

MOVEMENT_COLUMNS = ["actor", "statements", "placed", "same_throughout", "first", "first_id", "last", "last_id",
                    "direction"]
SNAPSHOT_COLUMNS = ["actor", "stance", "own_troops", "stance_id", "date", "in_article"]


def in_time_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by their place on the time axis (`date_mid`: a day, mid-month, or the middle of an
    article's window), then by the first day their date covers, then by id."""
    return frame.sort_values(["date_mid", "date_start", "stance_id"], kind="stable").reset_index(drop=True)


def actor_order(frame: pd.DataFrame) -> list[str]:
    """Actors in the order they enter the record (first dated statement, then row id)."""
    return list(dict.fromkeys(in_time_order(frame)["actor"]))


def by_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """All rows sorted by actor (alphabetically), then in time order."""
    return frame.sort_values(["actor", "date_mid", "date_start", "stance_id"], kind="stable").reset_index(drop=True)


def placed(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that record a position (all but 'not_stated')."""
    return frame[frame["stance"] != NO_POSITION]


def _direction(first: str, last: str, same: str = "unchanged") -> str:
    """'towards' when `last` is more supportive than `first` on the scale, 'away' when less, else `same`."""
    a, b = STANCES.rank(first), STANCES.rank(last)
    return "towards" if b < a else "away" if b > a else same


# ------------------------------------------------------------------ movement over the whole record


def movement(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor, in order of entry: the number of statements and of placed ones, whether
    every placed row has the same label, the first and last position on the scale with the ids of
    their rows ('not_stated' rows are left out: they record no position), and the direction of the
    move between them: 'towards' (more supportive), 'away', 'unchanged', 'single' (one position
    recorded) or 'none' (no position recorded)."""
    dated = in_time_order(frame)
    rows = []
    for actor in actor_order(frame):
        own = dated[dated["actor"] == actor]
        where = placed(own)
        first = last = None
        if where.empty:
            direction = "none"
        else:
            first, last = where.iloc[0], where.iloc[-1]
            direction = "single" if len(where) == 1 else _direction(first["stance"], last["stance"])
        rows.append({
            "actor": actor, "statements": len(own), "placed": len(where),
            "same_throughout": bool(len(where)) and where["stance"].nunique() == 1,
            "first": None if first is None else first["stance"],
            "first_id": None if first is None else first["stance_id"],
            "last": None if last is None else last["stance"],
            "last_id": None if last is None else last["stance_id"],
            "direction": direction,
        })
    return pd.DataFrame(rows, columns=MOVEMENT_COLUMNS)


def actors_moving(moves: pd.DataFrame, direction: str) -> list[str]:
    return list(moves.loc[moves["direction"] == direction, "actor"])


def silent_actors(frame: pd.DataFrame) -> pd.DataFrame:
    """The actors that articles name but the record never places (every row 'not_stated'): the
    ids of the articles that name them (in time order), whether other outlets report them too, and
    the id of the first article row."""
    dated = in_time_order(frame)
    none = movement(frame)
    rows = []
    for actor in actors_moving(none, "none"):
        own = dated[dated["actor"] == actor]
        mine = own[own["from_article"]]
        if mine.empty:
            continue
        rows.append({"actor": actor, "articles": tuple(dict.fromkeys(mine["article_id"])),
                     "elsewhere": bool((~own["from_article"]).any()), "first_id": mine["stance_id"].iloc[0]})
    return pd.DataFrame(rows, columns=["actor", "articles", "elsewhere", "first_id"])


# ------------------------------------------------------------------ positions at each article


def snapshot(frame: pd.DataFrame, article) -> pd.DataFrame:
    """Each actor's position at the time of one article: the article's own row when it records a
    position, otherwise the actor's latest position on record before the article's window opened; an
    actor the article names without a position, and with none on record, keeps its 'not_stated' row.
    Columns: actor, stance, own_troops, stance_id and date (of the row it rests on), in_article."""
    dated = in_time_order(frame)
    own = dated["article_id"] == article["article_id"]
    before = placed(dated[(dated["date_end"] < article["date_earliest_start"]) & ~own])
    mine = dated[own]
    rows = []
    for actor in actor_order(frame):
        here = mine[mine["actor"] == actor]
        placed_here, earlier = placed(here), before[before["actor"] == actor]
        if not placed_here.empty:
            chosen, in_article = placed_here.iloc[-1], True
        elif not earlier.empty:
            chosen, in_article = earlier.iloc[-1], False
        elif not here.empty:
            chosen, in_article = here.iloc[-1], True
        else:
            continue
        rows.append({**{c: chosen[c] for c in SNAPSHOT_COLUMNS[:-1]}, "in_article": in_article})
    return pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS)


def snapshots(frame: pd.DataFrame, articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A snapshot per article in the articles table, in the articles' date order."""
    return {a["article_id"]: snapshot(frame, a) for _, a in articles_in_order(articles).iterrows()}


def shift(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How each actor's position changed from the first article's snapshot to the last one's:
    'towards', 'away', 'held', 'entered' (no position at the first, one at the last) or 'none'.
    (With one article, the first snapshot is the last: nobody moves or enters.)"""
    snaps = list(snapshots(frame, articles).values())
    first, last = snaps[0].set_index("actor"), snaps[-1].set_index("actor")
    rows = []
    for actor in actor_order(frame):
        a, b = first["stance"].get(actor), last["stance"].get(actor)
        a = None if a in (None, NO_POSITION) else a
        b = None if b in (None, NO_POSITION) else b
        direction = _direction(a, b, "held") if a and b else "entered" if b else "none"
        rows.append({"actor": actor, "at_first": a, "at_last": b, "direction": direction})
    return pd.DataFrame(rows, columns=["actor", "at_first", "at_last", "direction"])


def windowed_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles dated only to a window (no day of publication), in date order."""
    ordered = articles_in_order(articles)
    return ordered[ordered["date_earliest"] != ordered["date_latest"]].reset_index(drop=True)


# ------------------------------------------------------------------ own troops


def latest_own(frame: pd.DataFrame) -> pd.DataFrame:
    """Each actor's latest statement that says something about its own troops (yes, conditional
    or no), with that statement's stance, in the actors' order of entry."""
    dated = in_time_order(frame)
    latest = dated[dated["own_troops"].isin(SAID_OWN)].groupby("actor", sort=False).tail(1)
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
