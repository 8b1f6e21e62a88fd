"""The data's documentation, generated from the schemas the loaders check against:
the column tables in data/README.md and the Frictionless data/datapackage.json.

    python -m troops_debate docs     # rewrite both from the schemas and the descriptions below

A test checks that both files are in step with the schemas.
"""
from __future__ import annotations

import json
import re

from . import codebooks as cb
from .io import SCHEMAS, Column, Schema
from .paths import ROOT, data_dir

FILES: dict[str, str] = {
    "articles.csv": "One row per article: outlet, title, author, date window, address, and for each the basis "
                    "on which it is known (stated in the text, inferred, found elsewhere, not stated).",
    "actors.csv": "The states and institutions that the data codes, with their codes.",
    "teasers.csv": "Teasers for other articles that a capture also holds; not part of any article.",
    "arguments.csv": "The argument structure of each article: one row per claim, in the book's own words, "
                     "with a short verbatim quote from the paragraph it comes from.",
    "stances.csv": "One row per actor per dated statement on a European force in Ukraine, coded by the "
                   "stance codebook, with a verbatim quote and its source (an article or an outside outlet).",
    "red_lines.csv": "Russia's declared red lines since 2022: the warning, the step, and the response observed, "
                     "coded by the response scale, with source addresses.",
    "teaser_positions.csv": "Member states' positions on the EU 'reparations loan' (December 2025) as the teaser in "
                            "the rs2024 capture reports them: a different question from troops.",
}

DOCS: dict[str, dict[str, str]] = {
    "articles.csv": {
        "article_id": "Short id; the text is data/articles/<article_id>.txt.",
        "outlet": "Publisher.", "section": "Section or blog as the capture shows it.",
        "title": "Title, if known.", "title_basis": "How the title is known (basis codebook).",
        "subtitle": "Subtitle, if the capture has one.",
        "author": "Author, if known.", "author_basis": "How the author is known.",
        "date_earliest": "Earliest possible publication date.", "date_latest": "Latest possible publication date.",
        "date_basis": "How the date window is known.", "date_note": "The reasoning and evidence for the date "
                                                                     "window and any other metadata caveat.",
        "url": "Address of the article, if confirmed.", "url_basis": "How the address is known.",
        "metadata_sources": "Addresses ('|'-separated) where metadata was found elsewhere.",
        "seed_file": "The raw capture in data/raw/ (kept byte for byte) from which the clean text was made.",
        "word_count": "Words in the clean text (checked against the text).",
        "position": "The article's side: for or against sending European troops.",
        "licence_note": "Terms under which the text is quoted.",
    },
    "actors.csv": {
        "actor_code": "ISO 3166-1 alpha-2 code, or NATO / EU.", "actor": "Name in English.",
        "actor_type": "state or institution.", "nato_member": "Member of NATO in 2026.",
        "eu_member": "Member of the EU in 2026.",
    },
    "teasers.csv": {
        "teaser_id": "Id; the text is data/articles/<teaser_id>.txt.",
        "parent_article_id": "The article whose capture holds the teaser.",
        "seed_file": "The raw capture in data/raw/.",
        "outlet": "Publisher.", "section": "Section label.", "title": "The teaser's headline.",
        "event_date": "Date of the event it reports.", "event_date_precision": "day, month or year.",
        "date_basis": "How the date is known.", "note": "What the teaser is, and that it is not the article.",
    },
    "arguments.csv": {
        "article_id": "The article.", "claim_id": "Stable id: <article_id>-cNN, in reading order.",
        "paragraph": "Paragraph number (1-based) in the clean text.",
        "kind": "Claim kind (codebook).", "theme": "Shared theme (codebook).",
        "claim": "The claim in the book's own words, attributed to the article.",
        "quote": "Short verbatim quote from that paragraph (checked).",
        "attributed_to": "Whom the article credits for a fact (empty: the author's own voice).",
    },
    "stances.csv": {
        "stance_id": "Stable id sNNN.", "actor": "State or institution (as in actors.csv).",
        "actor_code": "Its code (actors.csv).", "actor_type": "state or institution.",
        "date": "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY; for a row from an article, the article's date window YYYY-MM-DD/YYYY-MM-DD.", "date_precision": "day, month, year or window.",
        "holder": "Who holds the stance (codebook).", "speaker": "Person and office.",
        "question": "The question the statement answers (codebook).", "stance": "Stance label (codebook).",
        "stance_runner_up": "The other label, when two fit (codebook; must differ from stance; see the tie rule).",
        "own_troops": "Whether the actor's own troops would take part (codebook).",
        "quote": "Short verbatim quote (checked against the article for article rows).",
        "article_id": "Set when the row is taken from one of the two articles.",
        "source_url": "Outside source address (http/https), for rows not from an article.",
        "source_outlet": "The outside source's outlet.", "source_kind": "Kind of source (codebook).",
        "source_grade": "Grade of the outside source (codebook): official, wire_or_major or other (other only with "
                        "a note saying why); empty for a row from an article.",
        "source_date": "The page's own publication date (YYYY-MM-DD, YYYY-MM or YYYY), not the statement's; "
                       "empty when the stored copy does not show it (cited as n.d.).",
        "checked": "Whether the source was reached and supports the row (codebook).",
        "note": "Caveats: basis of the date, why a label was chosen, translations.",
    },
    "red_lines.csv": {
        "event_id": "Stable id rlNN, given in order of the warning and never reused (rl04 was merged into rl06).", "step": "The Western or Ukrainian step.",
        "category": "Red-line category (codebook).", "warning_date": "Date of the warning.",
        "warning_date_precision": "day, month or year.", "warned_by": "Who gave the warning (name, office).",
        "warning_quote": "Short quote of the warning as the source prints it.",
        "step_status": "Taken, partly taken or not taken (codebook).", "step_date": "Date the step was taken.",
        "step_date_precision": "day, month or year.", "step_description": "What was done, or why not.",
        "response": "The observed Russian response, in the book's words.",
        "response_category": "Response on the ordered scale (codebook).",
        "response_date": "Date of the response, if one.",
        "sources": "Source addresses, '|'-separated.", "source_outlets": "Their outlets, same order.",
        "source_kinds": "Their kinds (codebook), same order.",
        "source_grades": "Their grades (codebook), same order; 'other' only with a note saying why.",
        "source_dates": "The pages' own publication dates, '|'-separated in the same order; an empty entry is "
                        "an unknown date (cited as n.d.).",
        "checked": "Checking status (codebook).",
        "order_note": "Why the warning came after the step, where it did.", "note": "Caveats.",
    },
    "teaser_positions.csv": {
        "teaser_id": "The teaser.", "actor": "Member state or institution (actors.csv).",
        "actor_code": "Its code.", "position": "Position on the loan proposal (codebook).",
        "quote": "Verbatim words of the teaser (checked).", "note": "Caveats.",
    },
}

_TYPES = {"int": "integer", "text": "string", "enum": "string", "url": "string", "urls": "string",
          "list": "string", "date": "string", "dates": "string"}
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}


def field_schema(schema: Schema, col: Column) -> dict:
    field = {"name": col.name, "type": _TYPES[col.kind], "description": DOCS[schema.file][col.name]}
    constraints: dict = {"required": True} if col.required else {}
    if col.kind == "int":
        constraints["minimum"] = 0
    if col.kind == "enum":
        constraints["enum"] = list(col.allowed)
    if col.kind == "date":
        constraints["pattern"] = r"\d{4}(-\d{2}(-\d{2})?)?|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}"
    if col.kind == "dates":
        constraints["pattern"] = f"({_DATE})?(\\|({_DATE})?)*"
    if col.pattern:
        constraints["pattern"] = col.pattern
    if col.kind == "url":
        constraints["pattern"] = r"https?://\S+"
    if col.max_len:
        constraints["maxLength"] = col.max_len
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage() -> dict:
    resources = []
    for name, schema in SCHEMAS.items():
        resources.append({
            "name": name.removesuffix(".csv").replace("_", "-"), "path": name, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "description": FILES[name],
            "schema": {"fields": [field_schema(schema, c) for c in schema.columns], "primaryKey": [schema.key],
                       "missingValues": [""]},
        })
    return {
        "name": "european-troops-for-ukraine", "profile": "tabular-data-package",
        "title": "European troops for Ukraine: two arguments and the record (data)",
        "description": "The curated data behind the book: article metadata, the argument structure of two "
                       "opinion articles, coded country stances and Russia's declared red lines, with sources.",
        "licenses": [LICENCE],
        "sources": [{"title": "Responsible Statecraft, December 2024 (rs2024)",
                     "path": "https://responsiblestatecraft.org/ukraine-peacekeepers"},
                    {"title": "Atlantic Council UkraineAlert, early 2026 (ac2026); address not confirmed"},
                    {"title": "Outside sources: the addresses in stances.csv (source_url) and red_lines.csv "
                              "(sources)"}],
        "resources": resources,
    }


def column_tables() -> str:
    parts = []
    for name, schema in SCHEMAS.items():
        parts.append(f"### `{name}`\n\n{FILES[name]} Key: `{schema.key}`.\n\n| column | required | type | meaning |\n"
                     "|---|---|---|---|")
        for col in schema.columns:
            kind = {"enum": "label: " + ", ".join(f"`{a}`" for a in col.allowed)}.get(col.kind, col.kind)
            parts.append(f"| `{col.name}` | {'yes' if col.required else 'no'} | {kind} | {DOCS[name][col.name]} |")
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


BEGIN, END = "<!-- generated: begin (python -m troops_debate docs) -->", "<!-- generated: end -->"


def readme_with_tables(readme: str) -> str:
    generated = f"{BEGIN}\n\n## Columns\n\n{column_tables()}\n## Codebooks\n\n{codebook_tables()}\n{END}"
    return re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: generated, readme, flags=re.S)


def write_docs() -> None:
    folder = data_dir()
    (folder / "datapackage.json").write_text(json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    readme = folder / "README.md"
    readme.write_text(readme_with_tables(readme.read_text(encoding="utf-8")), encoding="utf-8")
    BIB_PATH.write_text(bibtex(), encoding="utf-8")




# ------------------------------------------------------------------ references.bib

BIB_PATH = ROOT / "book" / "references.bib"


def _bib_escape(text: str) -> str:
    """Text made safe for a braced BibTeX field: no stray braces or backslashes, LaTeX's special
    characters escaped (pybtex, which reads the file for the book, decodes them back)."""
    text = text.replace("\\", "").replace("{", "(").replace("}", ")")
    for char in "&%#_$":
        text = text.replace(char, "\\" + char)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _bib_value(name: str, value: str) -> str:
    if name == "url":
        return value
    if name == "author" and value.startswith("{"):  # a corporate author stays one name
        return "{" + _bib_escape(value[1:-1]) + "}"
    if name == "title":  # keep the capitals as written
        return "{" + _bib_escape(value) + "}"
    return _bib_escape(value)


def source_key(url: str) -> str:
    import hashlib
    return "src-" + hashlib.sha256(url.encode()).hexdigest()[:8]


NO_DATE = "n.d."


def page_year(page_date: str) -> str:
    """The year of a page's own date, or n.d. when the date is unknown (never the event's year)."""
    return page_date[:4] if page_date else NO_DATE


def external_sources() -> list[dict]:
    """Every outside address the data cites, once, with its outlet, the page's own date ('' when unknown)
    and a title. An article's own address is the article's entry, not a second one."""
    from .io import load_articles, load_red_lines, load_stances
    articles = load_articles()
    article_urls = set(articles.url) - {""}
    found: dict[str, dict] = {}

    def add(url: str, outlet: str, page_date: str, title: str) -> None:
        if url in article_urls:
            return
        entry = found.setdefault(url, {"outlet": outlet, "date": page_date, "title": title})
        entry["date"] = entry["date"] or page_date

    for row in load_stances().itertuples():
        if row.source_url:
            add(row.source_url, row.source_outlet, row.source_date, f"{row.speaker} on a European force in Ukraine")
    for row in load_red_lines().itertuples():
        dates = row.source_dates.split("|")
        for url, outlet, page_date in zip(row.sources.split("|"), row.source_outlets.split("|"), dates):
            add(url, outlet.strip(), page_date, f"Report cited for: {row.step}")
    for row in articles.itertuples():
        for url in filter(None, row.metadata_sources.split("|")):
            add(url, url.split("/")[2].removeprefix("www."), "", f"Cited for the metadata of {row.article_id}")
    return [{"url": url, "key": source_key(url), "year": page_year(meta["date"]), **meta}
            for url, meta in sorted(found.items())]


def bibtex() -> str:
    from .io import load_articles
    entries = []
    for row in load_articles().itertuples():
        author = row.author if row.author else row.outlet  # no byline: the outlet stands as corporate author
        author = author if row.author else "{" + author + "}"
        fields = {"author": author, "title": row.title or f"Untitled in the capture ({row.section})",
                  "journal": f"{row.outlet}, {row.section}", "year": row.date_latest[:4] if row.date_earliest[:4] ==
                  row.date_latest[:4] else row.date_earliest[:4],
                  "note": f"Date inferred: {row.date_earliest} to {row.date_latest}."
                          + ("" if row.author else " No byline in the capture.")}
        if row.url:
            fields["url"] = row.url
        entries.append(("article", row.article_id, fields))
    for src in external_sources():
        entries.append(("misc", src["key"], {"author": "{" + src["outlet"] + "}", "title": src["title"],
                                             "year": src["year"], "url": src["url"]}))
    out = ["% Generated by `python -m troops_debate docs` from the data; do not edit by hand.\n"]
    for kind, key, fields in entries:
        body = ",\n".join(f"  {name} = {{{_bib_value(name, value)}}}" for name, value in fields.items())
        out.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(out)
