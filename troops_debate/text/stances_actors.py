"""What the stances chapter says about each actor: how its coded stance moved over the record, its
word on its own troops, one actor's line, and the other governments summed up together.

Which actors have a section of their own is set here (`MAIN_ACTORS`), not in the notebook.
"""
from __future__ import annotations

import pandas as pd

from ..analysis import stances as an
from ..data import codebooks as cb
from ..data.dates import human
from .wording import article_names, capital, join_names as join, number, the

# The actors the chapter gives a section of their own ("The main actors" in book/analysis/stances.ipynb,
# one section each); the other governments (state actors) are summed up together after them.
MAIN_ACTORS = ("France", "United Kingdom", "Germany", "Poland", "United States", "Russia", "Ukraine")
# The chapter's third finding: one actor's line, its label and what that label means for it.
LINE = ("Russia", "hostile", "they treat a Western force in Ukraine as an adversary or a target")
ADJECTIVES = {"Russia": "Russian", "Ukraine": "Ukrainian", "United States": "US", "United Kingdom": "British",
              "France": "French", "Germany": "German", "Poland": "Polish", "Italy": "Italian"}


def label(code: str) -> str:
    """A stance label as it reads inside a sentence: 'not stated', 'pushing'."""
    return cb.STANCES[code].name.lower()


def its(n: int) -> str:
    """'its' of one, 'their' of more."""
    return "its" if n == 1 else "their"


def _when(row, names: dict[str, str]) -> str:
    """Where a row sits in time, as a phrase: 'in the first article', 'on 6 January 2026',
    'in March 2025', or the window itself."""
    if row["article_id"] in names:
        return f"in {names[row['article_id']]}"
    return f"{'on' if row['date_precision'] == 'day' else 'in'} {human(row['date'])}"


def move_sentence(frame: pd.DataFrame, actor: str, articles: pd.DataFrame | None = None) -> str:
    """How one actor's coded stance moved over the whole record, as a plain sentence. With the
    articles, a row from an article is dated 'in the first article' rather than by its window."""
    names = article_names(articles) if articles is not None else {}
    rows = frame.set_index("stance_id", drop=False)
    row = an.movement(frame).set_index("actor").loc[actor]
    who, n = the(actor, start=True), int(row["statements"])
    if row["direction"] == "none":
        return f"{who} has {number(n)} recorded statement{'s' if n != 1 else ''}, none of them a position on a force."
    first = f"{label(row['first'])} {_when(rows.loc[row['first_id']], names)}"
    last = f"{label(row['last'])} {_when(rows.loc[row['last_id']], names)}"
    if row["direction"] == "single":
        return f"{who} has one recorded position: {last}."
    if row["direction"] == "unchanged":
        if row["same_throughout"]:
            every = "both" if row["placed"] == 2 else f"all {number(int(row['placed']))}"
            return f"{who} held one position, {label(row['last'])}, in {every} of its recorded statements."
        return f"{who} ended where it began, {first} and {last}."
    if row["direction"] == "away":
        return f"{who} became less supportive, from {first} to {last}."
    way = "towards" if row["last"] in an.BACKING else "closer to"
    return f"{who} moved {way} backing a force, from {first} to {last}."




# ------------------------------------------------------------------ own troops


def own_troops_sentence(frame: pd.DataFrame) -> str:
    """The split between backing a force and sending one's own troops, one sentence a group."""
    g = an.own_troops_groups(frame)
    out = []
    if g["offered"]:
        out.append(f"{capital(join(g['offered']))} offered {its(len(g['offered']))} own troops, on stated conditions.")
    if g["conditions"]:
        out.append(f"{capital(join(g['conditions']))} set conditions on any part for {its(len(g['conditions']))} "
                   f"own troops, without offering them.")
    if g["no"]:
        backing = f", {join(g['no_backing'])} while at least open to a force" if g["no_backing"] else ""
        out.append(f"{capital(join(g['no']))} ruled {its(len(g['no']))} own troops out{backing}.")
    out.append("No actor promised troops without conditions." if not g["yes"] else
               f"{capital(join(g['yes']))} promised troops without conditions.")
    return " ".join(out)


def own_troops_counts(frame: pd.DataFrame) -> str:
    """The same split as counts, for the chapter's opening box (two sentences)."""
    g = an.own_troops_groups(frame)
    bits = []
    if g["offered"]:
        n = len(g["offered"])
        bits.append(f"{number(n)} actor{'s' if n != 1 else ''} offered {its(n)} own troops on stated conditions")
    if g["conditions"]:
        bits.append(f"{number(len(g['conditions']))} {'more ' if bits else 'actors '}set conditions without an offer")
    first = " and ".join(bits) if bits else "no actor offered its own troops"
    yes = ("none promised troops without conditions" if not g["yes"] else
           f"{join(g['yes'])} promised troops without conditions")
    text = f"Backing a force is not sending one's own soldiers: in their latest statements on the point, {first}, but {yes}."
    if g["no"]:
        extra = f", {join(g['no_backing'])} while at least open to a force" if g["no_backing"] else ""
        text += f" {capital(join(g['no']))} ruled {its(len(g['no']))} own troops out{extra}."
    return text


# ------------------------------------------------------------------ one actor's line, the other governments


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
    return f"{count} {ADJECTIVES.get(actor, actor)} {noun} on record {verb} {label(code)}: {gloss}."


def group_sentence(frame: pd.DataFrame, actors: list[str]) -> str:
    """The given actors grouped by their latest coded stance, in scale order."""
    moves = an.movement(frame)
    moves = moves[moves["actor"].isin(actors) & moves["last"].notna()]
    parts = [f"{lab.name.lower()}: {join(moves.loc[moves['last'] == lab.code, 'actor'])}"
             for lab in cb.STANCES if (moves["last"] == lab.code).any()]
    return "; ".join(parts)


def other_governments(frame: pd.DataFrame) -> list[str]:
    """The state actors without a section of their own, in order of entry."""
    states = set(frame.loc[frame["actor_type"] == "state", "actor"])
    return [a for a in an.actor_order(frame) if a in states and a not in MAIN_ACTORS]


def others_sentence(frame: pd.DataFrame, articles: pd.DataFrame) -> str:
    """The other governments: whether any article records them, and where they stand by their latest statements."""
    others = other_governments(frame)
    govs = f"{number(len(others))} other government{'s' if len(others) != 1 else ''}"
    if set(frame.loc[frame["from_article"], "actor"]) & set(others):
        head = f"The record holds {govs}"
    else:
        n = len(articles)
        head = ("The article records no position" if n == 1 else "Neither article records a position" if n == 2
                else "No article records a position") + f" for the {govs} in the record"
    return f"{head}. By their latest statements they stand as follows: {group_sentence(frame, others)}."
