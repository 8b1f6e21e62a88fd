"""Russia's declared red lines: the glued values of the chapter and of its record page.

`chapter_values` and `record_values` return every value the pages' prose glues, keyed by glue
name. Counts are words where a reader would use words ('none' for zero, as in 'an attack followed
none'); every phrase is computed from the data, and the articles are taken from the articles table
in date order, so the sentences stay true whatever the record and however many articles it holds.
"""
from __future__ import annotations

import pandas as pd

from ..analysis import red_lines as rl
from ..data import codebooks as cb
from ..data.dates import human
from .quotes import quoted
from .wording import join, lower_first, number_alone as number, share

# The kinds of red line that the Atlantic Council article (ac2026) names when it calls Russia's threats
# empty: supplies of military aid to Ukraine and Western long-range weapons used inside Russia (claim
# ac2026-c26). The chapter sets the record of these categories beside that claim ('named_*' values).
NAMED = ("weapons_supply", "weapons_use")
TROOPS, ALLIANCE = ("troops",), ("alliance",)  # the categories the chapter sets beside the other article

# a response or a date basis in the words of a sentence (otherwise the codebook's name, in lower case)
RESPONSE_IN_WORDS = {"rhetorical": "words alone"}
BASIS_IN_WORDS = {"inferred": "inferred from its text"}


def speaker(warned_by: str) -> str:
    """'Dmitry Peskov, Kremlin spokesman' -> 'Dmitry Peskov' (the name before the office)."""
    return warned_by.split(",")[0].strip()


def response_words(code: str) -> str:
    return RESPONSE_IN_WORDS.get(code, lower_first(cb.RESPONSES.name(code)))


def strikes_sentence(red_lines: pd.DataFrame) -> str:
    """How far the strikes on the delivered systems rest on Russian claims ('' when none does)."""
    n, claimed = rl.strikes(red_lines)
    if not n or not claimed:
        return ""
    if n == 1:
        return "The one strike on the delivered systems is a Russian claim of battlefield destruction."
    if claimed == n:
        head = "Both strikes" if n == 2 else f"All {number(n)} strikes"
        return f"{head} on the delivered systems are Russian claims of battlefield destruction."
    return (f"Of the {number(n)} strikes on the delivered systems, {number(claimed)} "
            f"{'is a Russian claim' if claimed == 1 else 'are Russian claims'} of battlefield destruction.")


def warnings_text(red_lines: pd.DataFrame, categories) -> str:
    """The warnings of some categories, in order: 'from Dmitry Peskov on 27 February 2024 (“…”) and …'."""
    part = rl.of_categories(red_lines, categories)
    return join(f"from {speaker(w)} on {human(d)} ({quoted(q)})"
                for w, d, q in zip(part["warned_by"], part["warning_date"], part["warning_quote"]))


def responses_text(red_lines: pd.DataFrame, categories) -> str:
    """The strongest response found for each red line of some categories, in order of warning:
    'nuclear signalling (6 May 2024) and words alone (8 January 2026)'."""
    part = rl.of_categories(red_lines, categories)
    return join(response_words(c) + (f" ({human(d)})" if d else "")
                for c, d in zip(part["response_category"], part["response_date"]))


def steps_text(red_lines: pd.DataFrame, categories) -> str:
    """The red lines of some categories with what became of the step and the strongest response:
    'Ukraine's NATO membership (not taken; words alone) and …'."""
    part = rl.of_categories(red_lines, categories)
    return join(f"{s} ({cb.STEP_STATUSES.name(st).lower()}; {response_words(c)})"
                for s, st, c in zip(part["step"], part["step_status"], part["response_category"]))


def prose_values(red_lines: pd.DataFrame, named=NAMED) -> dict[str, str]:
    """The chapter's phrases about the record (keys without the 'rl_' of their glue names);
    `named` are the categories set beside an article's claim about them."""
    k = rl.key_numbers(red_lines)
    n = k["n_red_lines"]
    sub, troops = rl.subset_numbers(red_lines, named), rl.subset_numbers(red_lines, TROOPS)
    out = {
        "n": number(n), "first_warning": human(k["first_warning"]), "last_warning": human(k["last_warning"]),
        "record_end": human(k["record_end"].isoformat()),
        "taken": share(k["n_taken"], n), "not_taken": number(k["n_not_taken"]),
        "step_first": share(k["n_step_first"], k["n_taken"]),
        "strikes": strikes_sentence(red_lines),
        "named_n": number(sub["n"]), "named_taken": share(sub["taken"], sub["n"]),
        "named_share": share(sub["n"], n), "attack": share(k["n_attack_on_nato"], n),
        "named_attack": share(sub["attack_on_nato"], sub["n"]), "rhetorical": share(k["n_rhetorical"], n),
        "named_not_taken_steps": join(sub["not_taken_steps"]) or "none",
        "troops_n": number(troops["n"]), "troops_taken": share(troops["taken"], troops["n"]),
        "troops_warnings": warnings_text(red_lines, TROOPS), "troops_responses": responses_text(red_lines, TROOPS),
        "alliance_steps": steps_text(red_lines, ALLIANCE),
    }
    for code in cb.RESPONSES.codes:
        out[f"resp_{code}"] = number(k[f"n_{code}"])
        out[f"named_{code}"] = number(sub[code])
    return out


def latest_article_values(red_lines: pd.DataFrame, articles: pd.DataFrame) -> dict[str, str]:
    """Where the record ends against the date window of the latest article: its outlet, its window,
    how the window is known, and 'before', 'within' or 'after'."""
    latest = rl.in_date_order(articles).iloc[-1]
    basis = str(latest["date_basis"])
    return {"latest_outlet": latest["outlet"],
            "latest_window": human(rl.article_windows(articles)["window"].iloc[-1]),
            "latest_basis": BASIS_IN_WORDS.get(basis, cb.BASES.name(basis).lower()),
            "end_relation": rl.relation(rl.record_end(red_lines), latest["date_earliest_start"],
                                        latest["date_latest_end"])}


def claim_quotes(arguments: pd.DataFrame) -> dict[str, str]:
    """Every claim's quote, ready for the prose: glue name 'q_ac2026_c25' for claim 'ac2026-c25'."""
    return {"q_" + cid.replace("-", "_"): quoted(q) for cid, q in zip(arguments["claim_id"], arguments["quote"])}


def chapter_values(red_lines: pd.DataFrame, articles: pd.DataFrame, arguments: pd.DataFrame) -> dict[str, str]:
    """Every value the chapter glues, by glue name."""
    values = {**prose_values(red_lines), **latest_article_values(red_lines, articles)}
    return {**{f"rl_{key}": value for key, value in values.items()}, **claim_quotes(arguments)}


def record_values(red_lines: pd.DataFrame) -> dict[str, str]:
    """The record page's counts in words: rows, sources and how many rows are checked, partly, leads."""
    k = rl.key_numbers(red_lines)
    return {"rec_n": number(k["n_red_lines"]), "rec_sources": number(k["n_sources"]),
            **{f"rec_{code}": number(k[f"n_checked_{code}"]) for code in cb.CHECKED.codes}}
