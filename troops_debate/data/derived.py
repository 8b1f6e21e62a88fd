"""Tables derived from the data, computed here and nowhere else: who each article names (from the
aliases in data/entities.csv), every codebook as one table, and the files a reader can download."""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pandas as pd

from ..paths import data_dir
from .codebooks import CODEBOOKS
from .load import load_articles, load_entities
from .texts import article_paragraphs


def _pattern(aliases: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(aliases, key=len, reverse=True)  # longest first: "United States" before "US"
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![\w])")


def count_mentions(text: str, entities: pd.DataFrame | None = None) -> dict[str, int]:
    """Occurrences of each entity in `text` (entities with none are left out). Counting is by whole
    words, case-sensitive (so "the Russian side" counts for Russia but "russian" in a URL would not), and
    an occurrence is counted once even when two aliases overlap ("Emmanuel Macron" and "Macron")."""
    entities = load_entities() if entities is None else entities
    counts = {e: len(_pattern(a).findall(text)) for e, a in zip(entities["entity"], entities["aliases"])}
    return {entity: n for entity, n in counts.items() if n}


def mentions(article_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per article × entity named: kind, count, and the paragraphs naming it."""
    entities = load_entities()
    ids = list(load_articles()["article_id"]) if article_ids is None else article_ids
    rows = []
    for article_id in ids:
        per_paragraph = [count_mentions(p, entities) for p in article_paragraphs(article_id)]
        for entity, kind in zip(entities["entity"], entities["kind"].astype(str)):
            paragraphs = [i for i, counts in enumerate(per_paragraph, start=1) if entity in counts]
            if paragraphs:
                rows.append({"article_id": article_id, "entity": entity, "kind": kind,
                             "mentions": sum(c.get(entity, 0) for c in per_paragraph),
                             "paragraphs": ", ".join(map(str, paragraphs))})
    return pd.DataFrame(rows, columns=["article_id", "entity", "kind", "mentions", "paragraphs"])


def codebook_frame() -> pd.DataFrame:
    """Every codebook as one table: the labels the loaders accept, with their definitions."""
    return pd.concat([book.table().assign(codebook=title) for title, book in CODEBOOKS.items()], ignore_index=True)[
        ["codebook", "order", "code", "label", "definition", "example"]]


# ---------------------------------------------------------------- downloads

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def export_csv(source: Path, target: Path) -> None:
    text = source.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows([neutralise_formula(cell) for cell in row] for row in rows[1:])
    target.write_text(out.getvalue(), encoding="utf-8")


DERIVED = ("mentions.csv", "codebooks.csv", "agreement.csv")  # computed at build time, published beside the data


def write_downloads(folder: Path) -> None:
    """Every data file for download (formulas neutralised), with the derived tables behind the charts."""
    from .agreement import agreement_table
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for source in sorted(data_dir().glob("*.csv")) + sorted(data_dir().glob("coding/*.csv")):
        export_csv(source, folder / source.name)
    if (data_dir() / "datapackage.json").exists():
        shutil.copy(data_dir() / "datapackage.json", folder / "datapackage.json")
    mentions().to_csv(folder / "mentions.csv", index=False)
    codebook_frame().to_csv(folder / "codebooks.csv", index=False)
    agreement_table().to_csv(folder / "agreement.csv", index=False)
