"""The numbers behind the key findings on the opening page, computed from the record.

The sentences are written in `book/index.md`; only the numbers and names come from here, so a
change in the data changes the findings, and a finding the data no longer supports fails its test.
"""
from __future__ import annotations

import pandas as pd

from .io import midpoint
from .stances_charts import the

SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
BACKING = ("pushing", "willing", "open")        # labels that back a force in some form
REJECTING = ("opposed", "hostile")


def number(n: int) -> str:
    """A count as a reader writes it: words up to twelve, numerals above."""
    return SMALL[n] if 0 <= n < len(SMALL) else f"{n:,}"


def names(items: list[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def latest_positions(stances: pd.DataFrame) -> pd.DataFrame:
    """Each state's latest statement that takes a position (not 'not stated'), by date then row id."""
    rows = stances[(stances["stance"] != "not_stated") & (stances["actor_type"] == "state")].copy()
    rows["when"] = rows["date"].map(midpoint)
    rows = rows.sort_values(["when", "stance_id"], kind="stable")
    return rows.groupby("actor", sort=False).tail(1).set_index("actor").sort_index()


def stance_numbers(stances: pd.DataFrame) -> dict[str, str]:
    latest = latest_positions(stances)
    backing = latest[latest["stance"].isin(BACKING) & (latest.index != "Ukraine")]
    no_troops = backing[backing["own_troops"] == "no"]
    russia = stances[stances["actor"] == "Russia"]
    russia_positions = russia[russia["stance"] != "not_stated"]
    return {
        **own_troops_numbers(stances),
        "f_russia_all_reject_cap": "All" if russia_positions["stance"].isin(REJECTING).all() else "Not all",
        "f_backing": number(len(backing)),
        "f_backing_no_troops": number(len(no_troops)),
        "f_backing_no_troops_names": names(list(no_troops.index)),
        "f_russia_rows": number(len(russia_positions)),
        "f_russia_all_reject": "all" if russia_positions["stance"].isin(REJECTING).all() else "not all",
    }


def red_line_numbers(red_lines: pd.DataFrame) -> dict[str, str]:
    taken = red_lines[red_lines["step_status"] != "not_taken"]
    responses = taken["response_category"].value_counts()
    words_or_signals = int(responses.reindex(["none_found", "rhetorical", "military_signalling",
                                              "nuclear_signalling"]).fillna(0).sum())
    troops = red_lines[red_lines["category"] == "troops"]
    from .pages import human_date
    first = min(red_lines["warning_date"], key=lambda v: midpoint(v))
    return {
        "f_first_warning": human_date(first),
        "f_red_lines": number(len(red_lines)),
        "f_taken": number(len(taken)),
        "f_taken_words_or_signals": number(words_or_signals),
        "f_taken_strikes": number(int(responses.get("strike_on_systems", 0))),
        "f_attacks_on_nato": number(int(responses.get("attack_on_nato", 0))),
        "f_troop_lines_not_taken": number(int((troops["step_status"] == "not_taken").sum())),
        "f_troop_lines": number(len(troops)),
    }


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def own_troops_numbers(stances: pd.DataFrame) -> dict[str, str]:
    """Who said their own soldiers could take part, and who rules them out in their latest word on it."""
    states = stances[stances["actor_type"] == "state"].copy()
    states["when"] = states["date"].map(midpoint)
    offers = states[states["own_troops"].isin(["yes", "conditional"])]
    offered = sorted(set(offers["actor"]))
    unconditional = sorted(set(offers.loc[offers["own_troops"] == "yes", "actor"]))
    said = states[states["own_troops"].isin(["yes", "conditional", "no"])].sort_values(["when", "stance_id"])
    latest = said.groupby("actor").tail(1).set_index("actor")
    ruled_out = latest[(latest["own_troops"] == "no") & latest["stance"].isin(BACKING + ("cool",))]
    if not unconditional:
        terms = "every one of them on conditions"
    elif len(unconditional) < len(offered) / 2:
        terms = "most of them on conditions"
    else:
        terms = f"{number(len(unconditional))} of them without conditions"
    return {"f_offered_cap": capital(number(len(offered))), "f_offered_terms": terms,
            "f_ruled_out_names": names([the(a) for a in sorted(ruled_out.index)]),
            "f_ruled_out_verb": "backs" if len(ruled_out) == 1 else "back"}


def article_numbers(articles: pd.DataFrame) -> dict[str, str]:
    """Each article's date window (as a reader writes it) and author, keyed by article id."""
    from .pages import human_date
    out = {}
    for row in articles.itertuples():
        out[f"{row.article_id}_window"] = human_date(f"{row.date_earliest}/{row.date_latest}")
        out[f"{row.article_id}_author"] = row.author or "no byline"
    return out


def reliability_numbers() -> dict[str, str]:
    from .agreement import agreement_table
    scores = agreement_table().set_index("variable")["alpha"]
    return {"f_alpha_stance": f"{scores['Stance (ordinal scale)']:.2f}",
            "f_alpha_question": f"{scores['Question (timing)']:.2f}"}
