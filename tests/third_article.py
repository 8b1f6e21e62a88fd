"""A small third article (tests/fixtures/third_article/, never in the book), added to a copy of the data
and of the book's sources the way the README tells a user to add one."""
from __future__ import annotations

import csv
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
    """The article's text, raw capture and rows, as a user adds them."""
    shutil.copy(FIXTURE / "article.txt", data / "articles" / f"{ARTICLE_ID}.txt")
    shutil.copy(FIXTURE / "raw_capture.txt", data / "raw" / "zz_fixture_capture.txt")
    for target, extra in ROWS.items():
        _append(data / target, FIXTURE / extra)


def add_to_book(source: Path) -> Path:
    """The chapter (the README's skeleton, naming the article id) and its line in the table of contents;
    returns the new _toc.yml."""
    shutil.copy(FIXTURE / "chapter.ipynb", source / "book" / "articles" / f"{ARTICLE_ID}.ipynb")
    toc_path = source / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    articles = next(part for part in toc["parts"] if part["caption"] == "The articles")
    articles["chapters"].append({"file": f"book/articles/{ARTICLE_ID}"})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return toc_path
