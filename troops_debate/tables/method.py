"""The method appendix's tables: the captures, every codebook (with its rule), where the sources come
from and how good they are, the second coding's agreement and disagreements, the downloads."""
from __future__ import annotations

import pandas as pd

from ..data import agreement, coding
from ..data import codebooks as cb
from ..data.derived import DERIVED
from ..data.texts import article_paragraphs
from ..paths import data_dir
from .html import HTMLOutput, Markup, data_link, escape, table


def capture_table(articles: pd.DataFrame) -> HTMLOutput:
    frame = articles.assign(
        paragraphs=[len(article_paragraphs(a)) for a in articles.article_id],
        text_file=[f"data/articles/{a}.txt" for a in articles.article_id])
    return table(frame, {"article_id": "Article", "outlet": "Outlet", "seed_file": "Capture (seed file)",
                         "text_file": "Clean text", "paragraphs": "Paragraphs", "word_count": "Words"},
                 caption="The captures and their clean texts", download="articles.csv")


def codebook_tables() -> HTMLOutput:
    parts, plain = [], []
    for title, book in cb.CODEBOOKS.items():
        frame = book.table()
        columns = {"code": "Code", "label": "Label", "definition": "Definition"}
        if frame.example.any():
            columns["example"] = "Typical example"
        out = table(frame, columns, caption=title, download="codebooks.csv")
        rule = cb.CODEBOOK_RULES.get(title)
        parts.append(out.html + (f'<p class="td-codebook-rule"><strong>Rule.</strong> {escape(rule)}</p>'
                                 if rule else ""))
        plain.append(out.text + (f"\nRule. {rule}" if rule else ""))
    return HTMLOutput("".join(parts), "\n\n".join(plain))


def source_summary(stances: pd.DataFrame, red_lines: pd.DataFrame) -> HTMLOutput:
    rows = [{"file": "stances.csv", "kind": k} for k in stances.source_kind]
    rows += [{"file": "red_lines.csv", "kind": k} for v in red_lines.source_kinds for k in v]
    frame = (pd.DataFrame(rows).value_counts().rename("citations").reset_index()
             .assign(kind=lambda f: f.kind.map(cb.SOURCE_KINDS.name))
             .sort_values(["file", "citations"], ascending=[False, False]))
    checked = pd.concat([stances[["checked"]].assign(file="stances.csv"),
                         red_lines[["checked"]].assign(file="red_lines.csv")])
    status = (checked.astype({"checked": str}).value_counts().rename("rows").reset_index()
              .assign(checked=lambda f: f.checked.map(cb.CHECKED.name)))
    graded = [{"file": "stances.csv", "grade": g} for g in stances.source_grade.dropna()]
    graded += [{"file": "red_lines.csv", "grade": g} for v in red_lines.source_grades for g in v]
    grade_frame = (pd.DataFrame(graded).value_counts().rename("citations").reset_index()
                   .assign(order=lambda f: f.grade.map(cb.SOURCE_GRADES.rank),
                           grade=lambda f: f.grade.map(cb.SOURCE_GRADES.name))
                   .sort_values(["file", "order"], ascending=[False, True]))
    graded_table = table(grade_frame, {"file": "File", "grade": "Grade of source", "citations": "Citations"},
                         caption="How good the outside sources are (one count per citation)",
                         download=("stances.csv", "red_lines.csv"))
    first = table(frame, {"file": "File", "kind": "Kind of source", "citations": "Citations"},
                  caption="Where the rows come from (one count per citation)",
                  download=("stances.csv", "red_lines.csv"))
    second = table(status, {"file": "File", "checked": "Checking", "rows": "Rows"},
                   caption="How far each row was checked against its source",
                   download=("stances.csv", "red_lines.csv"))
    return HTMLOutput(graded_table.html + first.html + second.html,
                      "\n\n".join([graded_table.text, first.text, second.text]))


def download_table() -> HTMLOutput:
    files = (sorted(p.name for p in data_dir().glob("*.csv")) + sorted(p.name for p in data_dir().glob("coding/*.csv"))
             + ["datapackage.json", *DERIVED])
    cells = "".join(f'<tr><td><a href="{escape(data_link(name))}" download>{escape(name)}</a></td></tr>'
                    for name in files)
    markup = Markup(f'<div class="td-table-wrap"><table class="td-table"><caption>The data files</caption>'
                    f'<thead><tr><th scope="col">File</th></tr></thead><tbody>{cells}</tbody></table></div>')
    return HTMLOutput(markup, "\n".join(files))


def agreement_tables() -> HTMLOutput:
    """Krippendorff's alpha per coded variable, and every disagreement with its resolution."""
    scores = agreement.agreement_table().assign(
        interval=lambda f: [f"{lo:.2f} to {hi:.2f}" for lo, hi in zip(f["low"], f["high"])],
        alpha=lambda f: f["alpha"].map(lambda a: f"{a:.2f}"))
    first = table(scores, {"variable": "Variable", "items": "Items compared", "agreed": "Same label",
                           "alpha": "Alpha", "interval": "95 % interval", "verdict": "Reading"},
                  caption="Agreement between two independent codings (Krippendorff's alpha; ordinal for the "
                          "stance scale, nominal for the rest)",
                  download=("agreement.csv", "stances_coder1.csv", "stances_coder2.csv",
                            "red_lines_coder1.csv", "red_lines_coder2.csv"))
    found = coding.disagreements().assign(
        item=lambda f: f["item_id"] + " · " + f["variable"].str.replace("_", " "),
        labels=lambda f: [f"first {a}, second {b}; now {r}" for a, b, r in zip(f["coder1"], f["coder2"],
                                                                              f["resolved"])])
    second = table(found, {"item": "Row", "labels": "Labels", "reason": "Why"},
                   caption="Every disagreement between the coders, and how it was resolved",
                   download="resolutions.csv")
    since = agreement.recoded_since()
    if since.empty:
        return HTMLOutput(first.html + second.html, first.text + "\n\n" + second.text)
    third = table(since, {"item_id": "Row", "variable": "Variable", "study": "After the second coding",
                          "record": "The record now"},
                  caption="Rows recoded since the second coding (the agreement figures describe the study)",
                  download=("stances.csv", "red_lines.csv"))
    return HTMLOutput(first.html + second.html + third.html, "\n\n".join([first.text, second.text, third.text]))
