"""Russia's declared red lines: the derived tables of the red-lines chapter and its record page.

Pandas only, from the typed tables (`load_red_lines()`, `load_articles()`): coded columns are
ordered categoricals in codebook order, each date has its `_start`, `_end` and `_mid`. Nothing
about a particular row or article is written here.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from ..data import codebooks as cb
from ..data.dates import window

RESPONSES, CATEGORIES, STATUSES = cb.RESPONSES, cb.RED_LINE_CATEGORIES, cb.STEP_STATUSES
TAKEN = ("taken", "partly_taken")  # the step statuses that count as the step taken
STRIKE = "strike_on_systems"


def claimed(frame: pd.DataFrame) -> pd.Series:
    """A strike on the systems that the row itself describes as a (Russian) claim."""
    text = (frame["response"] + " " + frame["note"]).str.lower()
    return (frame["response_category"] == STRIKE) & text.str.contains("claim", regex=False)


def _names(codes: pd.Series, book: cb.Codebook) -> list[str]:
    return [book.name(code) for code in codes]


def prepare(red_lines: pd.DataFrame) -> pd.DataFrame:
    """The red lines in order of warning (`order` from 1), with the codes' names and, per row,
    whether the response is a claim, whether the step was taken and whether it came first (its whole
    period over before the warning's first day). A prepared table is returned as it is."""
    if "order" in red_lines.columns:
        return red_lines
    frame = red_lines.sort_values(["warning_date_mid", "event_id"]).reset_index(drop=True)
    frame["order"] = range(1, len(frame) + 1)
    frame["response_name"] = _names(frame["response_category"], RESPONSES)
    frame["category_name"] = _names(frame["category"], CATEGORIES)
    frame["status_name"] = _names(frame["step_status"], STATUSES)
    frame["claimed"] = claimed(frame)
    frame["taken"] = frame["step_status"].isin(TAKEN)
    frame["step_first"] = [step is not None and step < warning
                           for step, warning in zip(frame["step_date_end"], frame["warning_date_start"])]
    return frame


def record_end(red_lines: pd.DataFrame) -> date:
    """The latest day anywhere in the record: the 'as of' date for the steps not taken."""
    ends = pd.concat([red_lines[f"{column}_end"] for column in ("warning_date", "step_date", "response_date")])
    return max(day for day in ends if day is not None)


def strongest_response(red_lines: pd.DataFrame) -> cb.Label:
    """The highest response on the codebook's scale that occurs in the data."""
    return RESPONSES[red_lines["response_category"].max()]


def response_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many rows were followed by each response: every level of the scale, zeros kept."""
    return {code: int((frame["response_category"] == code).sum()) for code in RESPONSES.codes}


def key_numbers(red_lines: pd.DataFrame) -> dict[str, object]:
    """The counts the chapter states, with the first and last warning (as the data writes them)
    and the record's last day."""
    frame = prepare(red_lines)
    return {
        "n_red_lines": len(frame),
        "first_warning": frame["warning_date"].iloc[0],
        "last_warning": frame["warning_date"].iloc[-1],
        "n_taken": int(frame["taken"].sum()),
        "n_partly": int((frame["step_status"] == "partly_taken").sum()),
        "n_not_taken": int((~frame["taken"]).sum()),
        **{f"n_{code}": n for code, n in response_counts(frame).items()},
        "n_claimed": int(frame["claimed"].sum()),
        "n_step_first": int(frame["step_first"].sum()),
        "n_sources": int(frame["sources"].map(len).sum()),
        **{f"n_checked_{code}": int((frame["checked"] == code).sum()) for code in cb.CHECKED.codes},
        "record_end": record_end(frame),
    }


def of_categories(red_lines: pd.DataFrame, categories) -> pd.DataFrame:
    """The prepared rows of some categories of red line, in order of warning."""
    frame = prepare(red_lines)
    return frame[frame["category"].isin(list(categories))]


def subset_numbers(red_lines: pd.DataFrame, categories) -> dict[str, object]:
    """The red lines of some categories: how many, steps taken and not taken, the steps not taken
    (in order of warning) and how many were followed by each response."""
    part = of_categories(red_lines, categories)
    return {"n": len(part), "taken": int(part["taken"].sum()), "not_taken": int((~part["taken"]).sum()),
            "not_taken_steps": list(part.loc[~part["taken"], "step"]), **response_counts(part)}


def strikes(red_lines: pd.DataFrame) -> tuple[int, int]:
    """How many responses were strikes on the delivered systems, and how many of them are claims."""
    frame = prepare(red_lines)
    rows = frame[frame["response_category"] == STRIKE]
    return len(rows), int(rows["claimed"].sum())


def category_summary(red_lines: pd.DataFrame) -> pd.DataFrame:
    """One row per category of red line present (codebook order) and a row 'All': warnings, steps
    taken, how many were followed by each response (every level, zeros kept) and whether any strike
    among them is a claim."""
    frame = prepare(red_lines)
    rows = []
    for label in CATEGORIES:
        part = frame[frame["category"] == label.code]
        if len(part):
            rows.append({"category": label.name, "warnings": len(part), "taken": int(part["taken"].sum()),
                         **response_counts(part), "claimed": bool(part["claimed"].any())})
    rows.append({"category": "All", "warnings": len(frame), "taken": int(frame["taken"].sum()),
                 **response_counts(frame), "claimed": bool(frame["claimed"].any())})
    return pd.DataFrame(rows)


def relation(day: date, first: date, last: date) -> str:
    """Where a day falls against a window: 'before', 'within' or 'after'."""
    return "before" if day < first else "after" if day > last else "within"


def in_date_order(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles, earliest first (by the first day of their date window, then id)."""
    return articles.sort_values(["date_earliest_start", "article_id"]).reset_index(drop=True)


def article_windows(articles: pd.DataFrame) -> pd.DataFrame:
    """Every article's date window, earliest first: its id, the window as the data writes it, how
    the date is known, and the band it covers on a time axis (from its first day to the start of
    the day after its last, so that the band covers the last day)."""
    frame = in_date_order(articles)
    return pd.DataFrame({
        "article": frame["article_id"],
        "window": [window(a, b) for a, b in zip(frame["date_earliest"], frame["date_latest"])],
        "basis": frame["date_basis"].astype(str),
        "start": frame["date_earliest_start"],
        "end": [day + timedelta(days=1) for day in frame["date_latest_end"]],
    })
