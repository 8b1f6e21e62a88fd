"""Russia's declared red lines: the chapter's table by subject, the record page's table of every red
line, and their cell formatters (every part from the data escaped)."""
from __future__ import annotations

import pandas as pd

from ..analysis import red_lines as rl
from ..data import codebooks as cb
from ..data.dates import human
from ..text.quotes import quoted
from ..text.wording import lower_first, share
from .cards import SHAPE_CHARS
from .html import HTMLOutput, Markup, escape, label_chip, link, table

DOWNLOAD = "red_lines.csv"


def chip(code: str) -> Markup:
    """A response in words with its colour and shape."""
    label = cb.RESPONSES[code]
    return label_chip(label.name, label.colour, SHAPE_CHARS.get(label.shape, "\u25cf"))


# ------------------------------------------------------------------ the chapter's table by subject


def responses_cell(value, row: pd.Series) -> Markup:
    """The responses that followed a subject's warnings, strongest first, each as a chip with its count."""
    parts = []
    for label in reversed(cb.RESPONSES):
        if row[label.code]:
            claims = " <small>(Russian claims)</small>" if label.code == rl.STRIKE and row["claimed"] else ""
            parts.append(f"{chip(label.code)}: {escape(row[label.code])}{claims}")
    return Markup("<br>".join(parts))


def category_cell(value: str, row: pd.Series) -> Markup:
    return Markup(f"<strong>{escape(value)}</strong>") if value == "All" else escape(value)


def category_table(red_lines: pd.DataFrame) -> HTMLOutput:
    """By subject of red line: the warnings, the steps taken and the strongest responses found
    (strongest first, with their counts)."""
    summary = rl.category_summary(red_lines)
    summary["responses"] = ["; ".join(f"{lab.name} {r[lab.code]}" for lab in reversed(cb.RESPONSES) if r[lab.code])
                            for _, r in summary.iterrows()]  # the same in plain text
    k = rl.key_numbers(red_lines)
    top = cb.RESPONSES[-1]
    caption = (f"What followed Russia's red lines, by subject: the step was taken in "
               f"{share(k['n_taken'], k['n_red_lines'])} cases, and an {lower_first(top.name)} followed "
               f"{share(k['n_' + top.code], k['n_red_lines'])}")
    return table(summary, {"category": "Red line about", "warnings": "Warnings", "taken": "Step taken",
                           "responses": "Strongest response found"},
                 caption=caption, download=DOWNLOAD,
                 formatters={"category": category_cell, "responses": responses_cell})


# ------------------------------------------------------------------ the record page's cells


def response_cell(value: str, row: pd.Series) -> Markup:
    if row["claimed"]:
        return Markup(f"{chip(value)} <small>(Russian claim)</small>")
    return chip(value)


def sources_cell(value: tuple, row: pd.Series) -> Markup:
    """The row's sources as links named by outlet, each with its kind when it is not an original."""
    parts = []
    for url, outlet, kind in zip(value, row["source_outlets"], row["source_kinds"]):
        badge = ("" if kind == "original" else
                 f' <span class="td-badge">{escape(cb.SOURCE_KINDS.name(kind).lower())}</span>')
        parts.append(f"<li>{link(url, outlet)}{badge}</li>")
    return Markup(f'<ul class="td-sources">{"".join(parts)}</ul>')


def checked_cell(value: str, row=None) -> Markup:
    label = cb.CHECKED[value]
    return Markup(f'<span class="td-badge" title="{escape(label.definition)}">{escape(label.name.lower())}</span>')


def step_date_cell(value: str, row: pd.Series) -> Markup:
    if not value:
        return escape(cb.STEP_STATUSES.name(row["step_status"]))
    text = human(value)
    if row["step_status"] == "partly_taken":
        text += f" ({cb.STEP_STATUSES.name('partly_taken').lower()})"
    return escape(text)


def notes_cell(value: str, row: pd.Series) -> Markup:
    return Markup("<br>".join(escape(v) for v in (row["order_note"], row["note"]) if v))


def red_line_cell(value: str, row: pd.Series) -> Markup:
    """The red line: step, id and category, then the warning (date, who, words)."""
    return Markup(f"<strong>{escape(row['step'])}</strong><br><small>{escape(value)} \u00b7 "
                  f"{escape(cb.RED_LINE_CATEGORIES.name(row['category']))}</small><br>"
                  f"Warning, {escape(human(row['warning_date']))}: {escape(quoted(row['warning_quote']))}"
                  f"<br><small>{escape(row['warned_by'])}</small>")


def step_response_cell(value: str, row: pd.Series) -> Markup:
    """What happened: the step (date, description), then the response (code, date, detail)."""
    when = f", {escape(human(row['response_date']))}" if row["response_date"] else ""
    return Markup(f"<strong>Step:</strong> {step_date_cell(row['step_date'], row)}<br>"
                  f"<small>{escape(row['step_description'])}</small><br>"
                  f"<strong>Response:</strong> {response_cell(row['response_category'], row)}{when}<br>"
                  f"<small>{escape(row['response'])}</small>")


def sources_notes_cell(value: tuple, row: pd.Series) -> Markup:
    """The sources (links named by outlet), the checking status and the row's notes."""
    notes = notes_cell("", row)
    return Markup(f"{sources_cell(value, row)}Checked: {checked_cell(row['checked'])}"
                  + (f"<br><small>{notes}</small>" if notes else ""))


def record_table(red_lines: pd.DataFrame) -> HTMLOutput:
    """The record page's table: every red line in order of warning, with its sources and notes."""
    return table(rl.prepare(red_lines), {"event_id": "Red line and warning", "response_category": "Step and response",
                                         "sources": "Sources, checking and notes"},
                 caption="Russia's declared red lines, in order of warning",
                 formatters={"event_id": red_line_cell, "response_category": step_response_cell,
                             "sources": sources_notes_cell},
                 download=DOWNLOAD)
