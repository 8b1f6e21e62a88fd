"""The HTML tables of the stances chapter (positions at each article) and of its record page (every
coded stance), with their cell formatters; and the EU-loan teaser's table of the claims record page.

All text from the data is escaped: tables through `html.table`, extra cells through `escape`/`link`.
"""
from __future__ import annotations

import pandas as pd

from ..analysis import stances as an
from ..analysis.articles import articles_in_order
from ..data import codebooks as cb
from ..data.dates import human
from ..text.quotes import quoted
from ..text.wording import article_window
from .cards import coded_chip
from .html import HTMLOutput, Markup, escape, link, table

STANCE_CHIP = coded_chip(cb.STANCES)


# ------------------------------------------------------------------ cells


def source_badge(from_article: bool) -> Markup:
    """A badge that tells article rows from rows taken from other outlets (filled/hollow
    dot, as in the chart, plus words)."""
    if from_article:
        return Markup('<span class="td-badge td-source-article" title="Stated in one of the articles">'
                      "\u25cf article</span>")
    return Markup('<span class="td-badge td-source-external" title="Reported by another outlet">'
                  "\u25cb other outlet</span>")


def source_cell(value, row) -> Markup:
    """Badge, then the article id or a link to the outlet's page, and the kind of source."""
    if row["article_id"]:
        return Markup(f"{source_badge(True)} {escape(row['article_id'])}")
    kind = cb.SOURCE_KINDS.name(row["source_kind"])
    return Markup(f"{source_badge(False)} {link(row['source_url'], row['source_outlet'])} "
                  f"<small>({escape(kind.lower())})</small>")


def quote_cell(value, row) -> Markup:
    if not row["quote"]:
        return Markup("<em>No verbatim quote (paraphrase only)</em>")
    return escape(quoted(row["quote"]))


def _optional(row, column: str) -> str:
    """A column that not every row fills (e.g. `stance_runner_up`): '' when empty or absent."""
    value = row.get(column, "") if hasattr(row, "get") else ""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def actor_date_cell(value, row) -> Markup:
    return Markup(f"<strong class=\"td-chip\">{escape(row['actor'])}</strong><br>"
                  f"<small>{escape(human(row['date']))}</small>")


def stance_cell(value, row) -> Markup:
    """The stance chip, and the runner-up label when the data records one."""
    runner = _optional(row, "stance_runner_up")
    if runner in cb.STANCES.codes:
        return Markup(f"{STANCE_CHIP(value, row)}<br><small>runner-up: {escape(cb.STANCES.name(runner))}</small>")
    return STANCE_CHIP(value, row)


def terms_cell(value, row) -> Markup:
    return Markup(f"<small>Own troops:</small> {escape(cb.OWN_TROOPS.name(row['own_troops']))}<br>"
                  f"<small>Question:</small> {escape(cb.QUESTIONS.name(row['question']))}")


def source_checked_cell(value, row) -> Markup:
    """The source, its checking status, and its grade and date when the data records them."""
    extra = []
    grade = _optional(row, "source_grade")
    if grade:
        extra.append(grade.replace("_", " "))
    if _optional(row, "source_date"):
        extra.append(f"source dated {human(row['source_date'])}")
    more = f"<br><small>{escape(' · '.join(extra))}</small>" if extra else ""
    return Markup(f"{source_cell(value, row)}<br><small>{escape(cb.CHECKED.name(row['checked']))}</small>{more}")


def quote_speaker_cell(value, row) -> Markup:
    """The quote, the speaker and office, and the row's note (the reading, a translation) folded away."""
    note = (f'<details class="td-note"><summary>Note</summary><small>{escape(row["note"])}</small></details>'
            if row["note"] else "")
    return Markup(f"{quote_cell(value, row)}<br><small>\u2014 {escape(row['speaker'])} "
                  f"({escape(cb.HOLDERS.name(row['holder']).lower())})</small>{note}")


# ------------------------------------------------------------------ the record page


def record_table(frame: pd.DataFrame, caption: str) -> HTMLOutput:
    """Every row, by actor and date, with its source, checking status and note (folded under the
    quote), and, when the row has them, the runner-up label, the grade and the date of the source."""
    return table(an.by_actor(frame), {"actor": "Actor and date", "stance": "Stance", "quote": "Quote and speaker",
                                      "question": "Own troops and question", "source_url": "Source and checking"},
                 caption=caption,
                 formatters={"actor": actor_date_cell, "stance": stance_cell, "quote": quote_speaker_cell,
                             "question": terms_cell, "source_url": source_checked_cell},
                 css_class="td-table-wide", download="stances.csv")


# ------------------------------------------------------------------ positions at each article


def _snapshot_text(cell) -> str:
    if cell is None:
        return "no position on record yet"
    where = "in the article" if cell["in_article"] else human(cell["date"])
    return f"{cb.STANCES.name(cell['stance'])} ({where})"


def _snapshot_cell(cell, row) -> Markup:
    if cell is None:
        return Markup('<span title="No position on record yet">\u2014</span>')
    chip = STANCE_CHIP(cell["stance"], row)
    if cell["in_article"]:
        return Markup(f"{chip} {source_badge(True)}")
    return Markup(f"{chip}<br><small>{escape(human(cell['date']))}</small>")


def snapshot_table(frame: pd.DataFrame, articles: pd.DataFrame, caption: str) -> HTMLOutput:
    """One row per actor, one column per article in the articles table (in date order): the actor's
    position at the time of that article (a filled dot when the article itself records it, otherwise
    the date of the statement it rests on; a dash when the actor had no position on record yet)."""
    ordered = articles_in_order(articles).set_index("article_id")
    wide = pd.DataFrame({"actor": an.actor_order(frame)})
    columns, formatters = {"actor": "Actor"}, {}
    for article_id, snap in an.snapshots(frame, articles).items():
        key, cells = f"at_{article_id}", snap.set_index("actor")
        wide[key] = [cells.loc[a].to_dict() if a in cells.index else None for a in wide["actor"]]
        columns[key] = f"At the {ordered.loc[article_id, 'outlet']} article ({article_window(ordered.loc[article_id])})"
        formatters[key] = _snapshot_cell
    keys = [k for k in columns if k != "actor"]
    shown = wide[[any(wide.loc[i, k] is not None for k in keys) for i in wide.index]]
    formatters["actor"] = lambda value, row: Markup(f'<strong class="td-chip">{escape(value)}</strong>')
    out = table(shown, columns, caption=caption, formatters=formatters, css_class="td-table-snapshot",
                download="stances.csv")
    plain = "\n".join(f"{r['actor']}: " + "; ".join(f"{columns[k]}: {_snapshot_text(r[k])}" for k in keys)
                      for _, r in shown.iterrows())
    return HTMLOutput(out.html, plain)


# ------------------------------------------------------------------ the EU-loan teaser (claims record page)
