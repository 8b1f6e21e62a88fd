"""Tables and counts for the data-and-method chapter."""
from __future__ import annotations

import pandas as pd

from . import codebooks as cb
from .io import article_paragraphs, load_teaser_positions
from .paths import data_dir
from .render import HTMLOutput, Markup, data_link, escape, table


def counts(articles, arguments, stances, red_lines) -> dict[str, int]:
    external = stances[~stances.from_article]
    outlets = set(external.source_outlet) | {o.strip() for v in red_lines.source_outlets for o in v.split("|")}
    return {
        "n_quotes": int(len(arguments) + stances.from_article.sum()),
        "n_teaser_quotes": int(len(load_teaser_positions())),
        "n_external_rows": int(len(external) + len(red_lines)),
        "n_outlets": len(outlets),
        "n_addresses": len(set(external.source_url) | {u for v in red_lines.sources for u in v.split("|")}),
        "n_checked": int((external.checked == "yes").sum() + (red_lines.checked == "yes").sum()),
        "n_paragraphs": sum(len(article_paragraphs(a)) for a in articles.article_id),
    }


def capture_table(articles: pd.DataFrame) -> HTMLOutput:
    frame = articles.assign(
        paragraphs=[len(article_paragraphs(a)) for a in articles.article_id],
        text_file=[f"data/articles/{a}.txt" for a in articles.article_id])
    return table(frame, {"article_id": "Article", "outlet": "Outlet", "seed_file": "Capture (seed file)",
                         "text_file": "Clean text", "paragraphs": "Paragraphs", "word_count": "Words"},
                 caption="The two captures and their clean texts", download="articles.csv")


def codebook_tables() -> HTMLOutput:
    parts, plain = [], []
    for title, labels in cb.CODEBOOKS.items():
        frame = pd.DataFrame([{"code": lab.code, "name": lab.name, "definition": lab.definition,
                               "example": lab.example} for lab in labels])
        columns = {"code": "Code", "name": "Label", "definition": "Definition"}
        if frame.example.any():
            columns["example"] = "Typical example"
        out = table(frame, columns, caption=title, download="codebooks.csv")
        parts.append(out.html)
        plain.append(out.text)
    return HTMLOutput("".join(parts), "\n\n".join(plain))


def source_summary(stances: pd.DataFrame, red_lines: pd.DataFrame) -> HTMLOutput:
    kinds = cb.by_code(cb.SOURCE_KINDS)
    rows = [{"file": "stances.csv", "kind": k} for k in stances.source_kind]
    rows += [{"file": "red_lines.csv", "kind": k} for v in red_lines.source_kinds for k in v.split("|")]
    frame = (pd.DataFrame(rows).value_counts().rename("citations").reset_index()
             .assign(kind=lambda f: f.kind.map(lambda k: kinds[k].name))
             .sort_values(["file", "citations"], ascending=[False, False]))
    checked = pd.concat([stances[["checked"]].assign(file="stances.csv"),
                         red_lines[["checked"]].assign(file="red_lines.csv")])
    status = (checked.value_counts().rename("rows").reset_index()
              .assign(checked=lambda f: f.checked.map(lambda c: cb.by_code(cb.CHECKED)[c].name)))
    first = table(frame, {"file": "File", "kind": "Kind of source", "citations": "Citations"},
                  caption="Where the rows come from (one count per citation)",
                  download=("stances.csv", "red_lines.csv"))
    second = table(status, {"file": "File", "checked": "Checking", "rows": "Rows"},
                   caption="How far each row was checked against its source",
                   download=("stances.csv", "red_lines.csv"))
    return HTMLOutput(first.html + second.html, first.text + "\n\n" + second.text)


def download_table() -> HTMLOutput:
    from .sphinx_ext import DERIVED
    files = sorted(p.name for p in data_dir().glob("*.csv")) + ["datapackage.json", *DERIVED]
    cells = "".join(f'<tr><td><a href="{escape(data_link(name))}" download>{escape(name)}</a></td></tr>'
                    for name in files)
    markup = Markup(f'<div class="td-table-wrap"><table class="td-table"><caption>The data files</caption>'
                    f'<thead><tr><th scope="col">File</th></tr></thead><tbody>{cells}</tbody></table></div>')
    return HTMLOutput(markup, "\n".join(files))
