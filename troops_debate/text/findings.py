"""The numbers behind the key findings on the opening page, computed from the record.

The sentences are written in `book/index.md`; only the numbers and names come from here, so a
change in the data changes the findings. The groupings are the chapters' own (the stances chapter's
`own_troops_groups`, the red-lines chapter's response scale), so the opening page and the chapter
behind each finding cannot disagree.
"""
from __future__ import annotations

import pandas as pd

from ..data import codebooks as cb
from ..data.dates import midpoint
from ..data.dates import human as human_date
from ..analysis.stances import own_troops_groups
from .wording import article_window, join_names, number

REJECTING = ("opposed", "hostile")
# the responses below a strike on the delivered systems on the codebook's scale: words or signals
RESPONSES = cb.RESPONSES.codes
WORDS_OR_SIGNALS = RESPONSES[:RESPONSES.index("strike_on_systems")]


def stance_numbers(stances: pd.DataFrame) -> dict[str, str]:
    groups = own_troops_groups(stances)
    russia = stances[(stances["actor"] == "Russia") & (stances["stance"] != "not_stated")]
    all_reject = russia["stance"].isin(REJECTING).all()
    return {
        "f_offered": number(len(groups["offered"]) + len(groups["yes"])),
        "f_offered_terms": ("all on stated conditions" if not groups["yes"] else
                            f"{join_names(groups['yes'])} without conditions"),
        "f_conditions": number(len(groups["conditions"])),
        "f_ruled_out_names": join_names(groups["no"]) or "no state",
        "f_russia_rows": number(len(russia)),
        "f_russia_all_reject_cap": "All" if all_reject else "Not all",
    }


def red_line_numbers(red_lines: pd.DataFrame) -> dict[str, str]:
    taken = red_lines[red_lines["step_status"] != "not_taken"]
    responses = taken["response_category"].value_counts()
    return {
        "f_first_warning": human_date(min(red_lines["warning_date"], key=midpoint)),
        "f_red_lines": number(len(red_lines)),
        "f_taken": number(len(taken)),
        "f_taken_words_or_signals": number(int(responses.reindex(WORDS_OR_SIGNALS).fillna(0).sum())),
        "f_taken_strikes": number(int(responses.get("strike_on_systems", 0))),
        "f_attacks_on_nato": number(int(responses.get("attack_on_nato", 0))),
    }


def article_numbers(articles: pd.DataFrame) -> dict[str, str]:
    """How many articles there are and on which sides ('one against sending European troops and one for'),
    and each article's date window (as a reader writes it) and author, keyed by article id."""
    sides = articles["position"].astype(str).value_counts()
    names = {"against": "against sending European troops", "for": "for"}
    out = {"f_n_articles": number(len(articles)),
           "f_sides": " and ".join(f"{number(int(sides[code]))} {names[code]}" for code in cb.ARTICLE_POSITIONS.codes
                                   if code in sides)}
    for _, row in articles.iterrows():
        out[f"{row['article_id']}_window"] = article_window(row)
        out[f"{row['article_id']}_author"] = row["author"] or "no byline"
    return out


def reliability_numbers() -> dict[str, str]:
    from ..data.agreement import agreement_table
    scores = agreement_table().set_index("variable")["alpha"]
    return {"f_alpha_stance": f"{scores['Stance (ordinal scale)']:.2f}",
            "f_alpha_question": f"{scores['Question (timing)']:.2f}"}
