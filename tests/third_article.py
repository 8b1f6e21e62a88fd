"""A small third article (tests/fixtures/third_article/, never in the book), added to a copy of the data
and of the book's sources the way the README tells a user to add one."""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import yaml

FIXTURE = Path(__file__).parent / "fixtures" / "third_article"
ARTICLE_ID = "zz2025"
# data file -> fixture rows appended to it (matched by column name)
ROWS = {"articles.csv": "articles.csv", "arguments.csv": "arguments.csv", "stances.csv": "stances.csv",
        "coding/stances_coder1.csv": "coding/stances_coder1.csv",
        "coding/stances_coder2.csv": "coding/stances_coder2.csv"}


def _append(target: Path, extra: Path) -> None:
    text = target.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    header = next(csv.reader(io.StringIO(text)))
    rows = list(csv.DictReader(io.StringIO(extra.read_text(encoding="utf-8"))))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=newline)
    writer.writerows([[row.get(col, "") for col in header] for row in rows])
    target.write_bytes((text.rstrip("\r\n") + newline + out.getvalue()).encode("utf-8"))


def add_to_data(data: Path) -> None:
    """The article's text, raw capture (with its checksum) and rows, as a user adds them."""
    shutil.copy(FIXTURE / "article.txt", data / "articles" / f"{ARTICLE_ID}.txt")
    capture = data / "raw" / "zz_fixture_capture.txt"
    shutil.copy(FIXTURE / "raw_capture.txt", capture)
    sums = data / "raw" / "SHA256SUMS"
    listed = sums.read_text(encoding="utf-8")
    sums.write_text(listed.rstrip("\n") + f"\n{hashlib.sha256(capture.read_bytes()).hexdigest()}  {capture.name}\n",
                    encoding="utf-8")
    for target, extra in ROWS.items():
        _append(data / target, FIXTURE / extra)


def add_to_book(source: Path) -> Path:
    """The chapter (a MyST notebook naming the article id), its section of the claims record (its headings and
    tables, and the line that tells the page's last check the section is there) and its line in the table of
    contents; returns the new _toc.yml."""
    import nbformat
    shutil.copy(FIXTURE / f"{ARTICLE_ID}.md", source / "book" / "articles" / f"{ARTICLE_ID}.md")
    record = source / "book" / "record" / "claims.ipynb"
    notebook = nbformat.read(record, as_version=4)
    check = nbformat.v4.new_code_cell(f"sections.append({ARTICLE_ID!r})", metadata={"tags": ["remove-cell"]})
    section = nbformat.v4.new_markdown_cell((FIXTURE / "record_section.md").read_text(encoding="utf-8"))
    check["id"], section["id"] = f"{ARTICLE_ID}-check", f"{ARTICLE_ID}-record"
    # in date order: the fixture (June 2025) comes before the Atlantic Council article's section
    at = next(i for i, c in enumerate(notebook.cells) if 'sections.append("ac2026")' in c.source)
    notebook.cells[at:at] = [check, section]
    nbformat.write(notebook, record)
    toc_path = source / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    articles = next(part for part in toc["parts"] if part["caption"] == "The articles")
    articles["chapters"].append({"file": f"book/articles/{ARTICLE_ID}"})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return toc_path


def add_prose_edits(source: Path) -> None:
    """The sentences that compare the articles, rewritten for three (prose_edits.yml: each edit names its file,
    the words as the book has them and the words for three articles; an edit whose words are not found fails)."""
    import nbformat
    edits = yaml.safe_load((FIXTURE / "prose_edits.yml").read_text(encoding="utf-8"))
    for edit in edits:
        path = source / edit["file"]
        if path.suffix == ".ipynb":
            notebook = nbformat.read(path, as_version=4)
            hits = [c for c in notebook.cells if edit["old"] in c.source]
            assert hits, f"prose_edits.yml: {edit['old'][:60]!r} is not in {edit['file']}"
            for cell in hits:
                cell.source = cell.source.replace(edit["old"], edit["new"])
            nbformat.write(notebook, path)
        else:
            text = path.read_text(encoding="utf-8")
            assert edit["old"] in text, f"prose_edits.yml: {edit['old'][:60]!r} is not in {edit['file']}"
            path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
