"""The data's documentation, generated from the declarations the loaders check against: the column
and codebook tables in data/README.md and the Frictionless data/datapackage.json. `make book`
rewrites both (`write_docs`) before it builds; a test checks that the committed files are in step.
"""
from __future__ import annotations

import json
import re

from ..paths import data_dir
from . import codebooks as cb
from . import dates
from .coding import CODING_SCHEMAS
from .load import load_articles
from .schema import descriptor
from .schemas import SCHEMAS

FILED = {**SCHEMAS, **CODING_SCHEMAS}  # every CSV file of the data, in the order the docs list them

LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}


def article_sources() -> list[dict]:
    """Each article as a source of the data package: outlet, date window and id, with its address when confirmed."""
    out = []
    for row in load_articles().itertuples():
        title = f"{row.outlet}, {dates.human(dates.window(row.date_earliest, row.date_latest))} ({row.article_id})"
        out.append({"title": title, "path": row.url} if row.url else {"title": title + "; address not confirmed"})
    return out


def datapackage() -> dict:
    resources = []
    for name, schema in FILED.items():
        resources.append({
            "name": schema.resource_name, "path": name, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "description": schema.description,
            "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True},
            "schema": descriptor(schema),
        })
    return {
        "name": "european-troops-for-ukraine", "profile": "tabular-data-package",
        "title": "European troops for Ukraine: the arguments and the record (data)",
        "description": "The curated data behind the book: article metadata, the argument structure of the "
                       "opinion articles, coded country stances and Russia's declared red lines, with sources.",
        "licenses": [LICENCE],
        "sources": [*article_sources(),
                    {"title": "Outside sources: the addresses in stances.csv (source_url) and red_lines.csv "
                              "(sources)"}],
        "resources": resources,
    }


def column_tables() -> str:
    parts = []
    for name, schema in FILED.items():
        parts.append(f"### `{name}`\n\n{schema.description} Key: `{schema.key}`.\n\n| column | required | type | meaning |\n"
                     "|---|---|---|---|")
        for col in schema.columns:
            kind = {"enum": "label: " + ", ".join(f"`{a}`" for a in col.allowed)}.get(col.kind, col.kind)
            parts.append(f"| `{col.name}` | {'yes' if col.required else 'no'} | {kind} | {col.description} |")
        parts.append("")
    return "\n".join(parts)


def codebook_tables() -> str:
    parts = []
    for title, labels in cb.CODEBOOKS.items():
        parts.append(f"### {title}\n\n| code | label | definition | example |\n|---|---|---|---|")
        parts += [f"| `{lab.code}` | {lab.name} | {lab.definition} | {lab.example} |" for lab in labels]
        parts.append("")
        if title in cb.CODEBOOK_RULES:
            parts += [f"**Rule.** {cb.CODEBOOK_RULES[title]}", ""]
    return "\n".join(parts)


BEGIN, END = "<!-- generated: begin (make book) -->", "<!-- generated: end -->"


def readme_with_tables(readme: str) -> str:
    generated = f"{BEGIN}\n\n## Columns\n\n{column_tables()}\n## Codebooks\n\n{codebook_tables()}\n{END}"
    return re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: generated, readme, flags=re.S)


def write_docs() -> list[str]:
    """Rewrite data/datapackage.json and data/README.md's tables; return the names of those that changed."""
    folder, changed = data_dir(), []
    readme = folder / "README.md"
    for path, text in ((folder / "datapackage.json", json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"),
                       (readme, readme_with_tables(readme.read_text(encoding="utf-8")))):
        if path.read_text(encoding="utf-8") != text if path.exists() else True:
            path.write_text(text, encoding="utf-8")
            changed.append(path.name)
    return changed

