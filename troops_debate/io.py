"""Loading and validation: one loader per data file.

Each loader reads its CSV, checks it against the file's schema (columns, types,
allowed labels, dates, unique keys, references to other files, quotes verbatim in
their article) and returns a pandas DataFrame, or raises `DataError` listing every
problem in the file at once, each with the file, the line, the column and what
was expected.
"""
from __future__ import annotations

import calendar
import csv
import io as _io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import pandas as pd

from . import codebooks as cb
from .paths import ROOT, articles_dir, data_dir
from .quotes import quote_in_text

# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """A data file is malformed. `problems` lists every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in the data:" if len(problems) > 1 else "problem in the data:"
        super().__init__(head + "\n  " + "\n  ".join(str(p) for p in problems))


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- schema

DATE_FORMS = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
              "year": re.compile(r"^\d{4}$"),
              # an ISO 8601 interval of two days: a date known only to lie in a window (an article's date)
              "window": re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")}
EARLIEST, LATEST = date(1990, 1, 1), date(2026, 12, 31)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"          # text | int | enum | date | dates | url | urls | list
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None  # regular expression the whole value must match
    max_len: int | None = None
    precision: str | None = None  # for dates: the column holding day|month|year


RowCheck = Callable[[dict], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Schema:
    file: str
    columns: tuple[Column, ...]
    key: str
    row_checks: tuple[RowCheck, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def parse_partial_date(value: str) -> tuple[date, date]:
    """The first and last day of a YYYY-MM-DD, YYYY-MM or YYYY period, or of a window
    YYYY-MM-DD/YYYY-MM-DD. Raises ValueError."""
    if "/" in value:
        first, last = value.split("/")
        start, end = parse_partial_date(first)[0], parse_partial_date(last)[1]
        if len(first) != 10 or len(last) != 10 or end < start:
            raise ValueError(value)
        return start, end
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        start = end = date(*parts)
    elif len(parts) == 2:
        start = date(parts[0], parts[1], 1)
        end = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    elif len(parts) == 1:
        start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
    else:
        raise ValueError(value)
    return start, end


def midpoint(value: str) -> date:
    """Where a date sits on a time axis: a day is its own place; a month sits on the 15th, a
    year on 1 July; a window (YYYY-MM-DD/YYYY-MM-DD) at its middle day."""
    start, end = parse_partial_date(value)
    if start == end:
        return start
    if "/" in value:
        return start + (end - start) // 2
    return start.replace(day=15) if start.month == end.month else date(start.year, 7, 1)


def _precision_of(value: str) -> str | None:
    return next((p for p, form in DATE_FORMS.items() if form.match(value)), None)


def _check_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        return f"expected an http(s) address, got {value!r}"
    if any(ch in value for ch in "<>\"'`{}\\"):
        return f"the address contains a character that is not allowed in a link: {value!r}"
    return None


def _check_date(value: str) -> str | None:
    if _precision_of(value) is None:
        return f"expected a date as YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD, got {value!r}"
    try:
        start, end = parse_partial_date(value)
    except ValueError:
        return f"expected a real calendar date (a window must not end before it starts), got {value!r}"
    if start < EARLIEST or end > LATEST:
        return f"expected a date between {EARLIEST} and {LATEST}, got {value!r}"
    return None


def _check_value(col: Column, value: str, row: dict) -> str | None:
    if col.max_len and len(value) > col.max_len:
        return f"expected at most {col.max_len} characters, got {len(value)}"
    if col.pattern and not re.fullmatch(col.pattern, value):
        return f"expected a value matching {col.pattern}, got {value!r}"
    if col.kind == "int":
        if not re.fullmatch(r"\d+", value):
            return f"expected a whole number, got {value!r}"
    elif col.kind == "enum":
        if value not in col.allowed:
            return f"expected one of {', '.join(col.allowed)}; got {value!r}"
    elif col.kind == "list":
        bad = [v for v in value.split("|") if v not in col.allowed]
        if bad:
            return f"expected '|'-separated values from {', '.join(col.allowed)}; got {', '.join(map(repr, bad))}"
    elif col.kind == "date":
        problem = _check_date(value)
        if problem:
            return problem
        precision = _precision_of(value)
        if col.precision and row.get(col.precision) in DATE_FORMS and row[col.precision] != precision:
            return (f"the date {value!r} has {precision} precision but column "
                    f"'{col.precision}' says {row[col.precision]!r}")
    elif col.kind == "dates":  # '|'-separated, one per address; an empty entry is an unknown date
        for number, part in enumerate(value.split("|"), start=1):
            problem = _check_date(part) if part else None
            if problem:
                return f"entry {number}: {problem}"
    elif col.kind == "url":
        return _check_url(value)
    elif col.kind == "urls":
        for url in value.split("|"):
            problem = _check_url(url)
            if problem:
                return problem
    return None


# ---------------------------------------------------------------- reading


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and (line number, row) pairs of a UTF-8 CSV file. A byte-order mark and
    Windows line endings are accepted. Raises DataError for a missing, empty, non-UTF-8
    or ragged file."""
    name = display_path(path)
    if not path.is_file():
        raise DataError([Problem(name, None, None, "the file is missing")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError([Problem(name, line, None,
                                 f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); "
                                 "save it as UTF-8")]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataError([Problem(name, None, None, "the file is empty; expected a header row and data rows")])
    reader = csv.reader(_io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        rows: list[tuple[int, dict]] = []
        problems: list[Problem] = []
        start = reader.line_num + 1
        for values in reader:
            if any(v.strip() for v in values):
                if len(values) != len(header):
                    problems.append(Problem(name, start, None,
                                            f"expected {len(header)} fields, got {len(values)}"))
                else:
                    rows.append((start, {h: v.strip() for h, v in zip(header, values)}))
            start = reader.line_num + 1
    except csv.Error as err:
        raise DataError([Problem(name, reader.line_num, None, f"the CSV cannot be parsed: {err}")]) from None
    if problems:
        raise DataError(problems)
    return header, rows


def validate(path: Path, schema: Schema, context: Callable[[int, dict], Iterable[tuple[str, str]]] | None = None
             ) -> list[tuple[int, dict]]:
    """Read `path` and check it against `schema`; return the rows or raise DataError."""
    name = display_path(path)
    header, rows = read_csv_rows(path)
    problems: list[Problem] = []
    missing = [c for c in schema.names if c not in header]
    unknown = [c for c in header if c not in schema.names]
    if missing or unknown:
        msg = []
        if missing:
            msg.append("missing column(s): " + ", ".join(missing))
        if unknown:
            msg.append("unknown column(s): " + ", ".join(unknown))
        raise DataError([Problem(name, 1, None, "; ".join(msg) + ". Expected the columns: "
                                 + ", ".join(schema.names))])
    if not rows:
        raise DataError([Problem(name, None, None, "the file has a header but no data rows")])
    seen: dict[str, int] = {}
    for line, row in rows:
        for col in schema.columns:
            value = row[col.name]
            if not value:
                if col.required:
                    problems.append(Problem(name, line, col.name, "a value is required here"))
                continue
            problem = _check_value(col, value, row)
            if problem:
                problems.append(Problem(name, line, col.name, problem))
        key = row[schema.key]
        if key in seen:
            problems.append(Problem(name, line, schema.key, f"duplicate key {key!r} (first on line {seen[key]})"))
        elif key:
            seen[key] = line
        for check in schema.row_checks:
            problems.extend(Problem(name, line, col, msg) for col, msg in check(row))
        if context:
            problems.extend(Problem(name, line, col, msg) for col, msg in context(line, row))
    if problems:
        raise DataError(problems)
    return rows


def _frame(rows: list[tuple[int, dict]], schema: Schema) -> pd.DataFrame:
    frame = pd.DataFrame([row for _, row in rows], columns=schema.names)
    for col in schema.columns:
        if col.kind == "int":
            frame[col.name] = frame[col.name].astype(int)
    frame.attrs["source"] = schema.file
    return frame


# ---------------------------------------------------------------- row checks


def requires_if(column: str, condition: Callable[[dict], bool], why: str) -> RowCheck:
    def check(row: dict):
        if condition(row) and not row[column]:
            yield column, f"a value is required when {why}"
    return check


def same_length_lists(*columns: str) -> RowCheck:
    def check(row: dict):
        lengths = {c: len(row[c].split("|")) for c in columns if row[c]}
        if len(set(lengths.values())) > 1:
            yield columns[-1], ("expected as many '|'-separated entries as in "
                                + ", ".join(f"'{c}' ({n})" for c, n in lengths.items()))
    return check


def date_not_after(first: str, second: str, unless: str) -> RowCheck:
    def check(row: dict):
        try:
            a, b = parse_partial_date(row[first])[0], parse_partial_date(row[second])[1]
        except (ValueError, TypeError):
            return
        if a > b and not row[unless]:
            yield unless, (f"'{first}' ({row[first]}) is after '{second}' ({row[second]}); "
                           f"explain why in '{unless}'")
    return check


def explained_if_other(grade_column: str) -> RowCheck:
    """A source graded `other` is used only with a note saying why nothing better was found."""
    def check(row: dict):
        if "other" in row[grade_column].split("|") and cb.OTHER_GRADE_MARK.lower() not in row["note"].lower():
            yield "note", (f"'{grade_column}' grades a source 'other': say in the note why nothing better was "
                           f"found, in a sentence starting '{cb.OTHER_GRADE_MARK}'")
    return check


def as_many_as(column: str, of: str) -> RowCheck:
    """`column` has one '|'-separated entry (possibly empty) per entry of `of`."""
    def check(row: dict):
        want, got = len(row[of].split("|")), len(row[column].split("|"))
        if row[of] and got != want:
            yield column, f"expected {want} '|'-separated entries, one per address in '{of}' (empty = unknown), got {got}"
    return check


def page_not_before_statement(row: dict):
    """A page cannot be published before the statement it reports."""
    if not (row["source_date"] and row["date"]):
        return
    try:
        page_end, said = parse_partial_date(row["source_date"])[1], parse_partial_date(row["date"])[0]
    except ValueError:
        return
    if page_end < said:
        yield "source_date", (f"the page ({row['source_date']}) cannot be older than the statement it reports "
                              f"({row['date']})")


# ---------------------------------------------------------------- schemas

BASIS = cb.codes(cb.BASES)
ID = r"[a-z0-9]+(-[a-z0-9]+)*"

ARTICLES = Schema("articles.csv", (
    Column("article_id", pattern=ID),
    Column("outlet"), Column("section", required=False),
    Column("title", required=False), Column("title_basis", "enum", allowed=BASIS),
    Column("subtitle", required=False),
    Column("author", required=False), Column("author_basis", "enum", allowed=BASIS),
    Column("date_earliest", "date", pattern=r"\d{4}-\d{2}-\d{2}"),
    Column("date_latest", "date", pattern=r"\d{4}-\d{2}-\d{2}"),
    Column("date_basis", "enum", allowed=BASIS), Column("date_note"),
    Column("url", "url", required=False), Column("url_basis", "enum", allowed=BASIS),
    Column("metadata_sources", "urls", required=False),
    Column("seed_file", pattern=r"[0-9a-z_]+\.txt"),
    Column("word_count", "int"),
    Column("position", "enum", allowed=cb.codes(cb.ARTICLE_POSITIONS)),
    Column("licence_note"),
), key="article_id", row_checks=(
    *(requires_if(field, lambda r, f=field: r[f + "_basis"] != "not_stated", f"{field}_basis is not 'not_stated'")
      for field in ("title", "author", "url")),
    date_not_after("date_earliest", "date_latest", unless="date_note"),
    requires_if("metadata_sources", lambda r: "external" in (r["title_basis"], r["author_basis"], r["date_basis"],
                                                                r["url_basis"]),
                "a field's basis is 'external'"),
))

TEASERS = Schema("teasers.csv", (
    Column("teaser_id", pattern=ID), Column("parent_article_id", pattern=ID),
    Column("seed_file", pattern=r"[0-9a-z_]+\.txt"), Column("outlet"), Column("section", required=False),
    Column("title"), Column("event_date", "date", precision="event_date_precision"),
    Column("event_date_precision", "enum", allowed=cb.PRECISIONS), Column("date_basis"), Column("note"),
), key="teaser_id")

ARGUMENTS = Schema("arguments.csv", (
    Column("article_id", pattern=ID), Column("claim_id", pattern=ID + r"-c\d{2}"),
    Column("paragraph", "int"), Column("kind", "enum", allowed=cb.codes(cb.CLAIM_KINDS)),
    Column("theme", "enum", allowed=cb.codes(cb.THEMES)),
    Column("claim", max_len=400), Column("quote", max_len=300),
    Column("attributed_to", required=False),
), key="claim_id", row_checks=(
    lambda r: [("claim_id", f"expected the claim id to start with the article id {r['article_id']!r}")]
    if r["article_id"] and not r["claim_id"].startswith(r["article_id"] + "-") else [],
))

ACTOR_CODE = r"[A-Z]{2}|NATO|EU"
YES_NO = ("yes", "no")
ACTORS = Schema("actors.csv", (
    Column("actor_code", pattern=ACTOR_CODE), Column("actor"),
    Column("actor_type", "enum", allowed=("state", "institution")),
    Column("nato_member", "enum", allowed=YES_NO), Column("eu_member", "enum", allowed=YES_NO),
), key="actor_code")
STANCES = Schema("stances.csv", (
    Column("stance_id", pattern=r"s\d{3}"), Column("actor"), Column("actor_code", pattern=ACTOR_CODE),
    Column("actor_type", "enum", allowed=("state", "institution")),
    Column("date", "date", precision="date_precision"), Column("date_precision", "enum", allowed=cb.PRECISIONS),
    Column("holder", "enum", allowed=cb.codes(cb.HOLDERS)), Column("speaker"),
    Column("question", "enum", allowed=cb.codes(cb.QUESTIONS)),
    Column("stance", "enum", allowed=cb.codes(cb.STANCES)),
    Column("stance_runner_up", "enum", required=False, allowed=cb.codes(cb.STANCES)),
    Column("own_troops", "enum", allowed=cb.codes(cb.OWN_TROOPS)),
    Column("quote", required=False, max_len=300),
    Column("article_id", required=False, pattern=ID),
    Column("source_url", "url", required=False), Column("source_outlet", required=False),
    Column("source_kind", "enum", allowed=cb.codes(cb.SOURCE_KINDS)),
    Column("source_grade", "enum", required=False, allowed=cb.codes(cb.SOURCE_GRADES)),
    Column("source_date", "date", required=False),
    Column("checked", "enum", allowed=cb.codes(cb.CHECKED)),
    Column("note", required=False),
), key="stance_id", row_checks=(
    lambda r: [("stance_runner_up", f"the runner-up label must differ from the stance ({r['stance']!r})")]
    if r["stance_runner_up"] and r["stance_runner_up"] == r["stance"] else [],
    requires_if("source_grade", lambda r: bool(r["source_url"]), "the row has a source_url"),
    lambda r: [(c, f"expected no {c} for a row taken from an article (the article is its source)")
               for c in ("source_grade", "source_date") if r["article_id"] and r[c]],
    explained_if_other("source_grade"),
    page_not_before_statement,
    lambda r: [("source_url", "expected either an article_id or a source_url, not both")]
    if r["article_id"] and r["source_url"] else [],
    requires_if("source_url", lambda r: not r["article_id"], "the row has no article_id"),
    requires_if("source_outlet", lambda r: bool(r["source_url"]), "the row has a source_url"),
    requires_if("quote", lambda r: bool(r["article_id"]), "the row comes from an article"),
    lambda r: [("source_kind", "expected 'article' for a row taken from an article")]
    if r["article_id"] and r["source_kind"] != "article" else [],
    lambda r: [("source_kind", "'article' is only for rows with an article_id")]
    if not r["article_id"] and r["source_kind"] == "article" else [],
))

RED_LINES = Schema("red_lines.csv", (
    Column("event_id", pattern=r"rl\d{2}"), Column("step"),
    Column("category", "enum", allowed=cb.codes(cb.RED_LINE_CATEGORIES)),
    Column("warning_date", "date", precision="warning_date_precision"),
    Column("warning_date_precision", "enum", allowed=cb.PRECISIONS),
    Column("warned_by"), Column("warning_quote", max_len=300),
    Column("step_status", "enum", allowed=cb.codes(cb.STEP_STATUSES)),
    Column("step_date", "date", required=False, precision="step_date_precision"),
    Column("step_date_precision", "enum", required=False, allowed=cb.PRECISIONS),
    Column("step_description"), Column("response"),
    Column("response_category", "enum", allowed=cb.codes(cb.RESPONSES)),
    Column("response_date", "date", required=False),
    Column("sources", "urls"), Column("source_outlets"),
    Column("source_kinds", "list", allowed=cb.codes(cb.SOURCE_KINDS)),
    Column("source_grades", "list", allowed=cb.codes(cb.SOURCE_GRADES)),
    Column("source_dates", "dates", required=False),
    Column("checked", "enum", allowed=cb.codes(cb.CHECKED)),
    Column("order_note", required=False), Column("note", required=False),
), key="event_id", row_checks=(
    requires_if("step_date", lambda r: r["step_status"] != "not_taken", "the step was taken"),
    requires_if("step_date_precision", lambda r: bool(r["step_date"]), "there is a step_date"),
    lambda r: [("step_date", "expected no step_date for a step that was not taken")]
    if r["step_status"] == "not_taken" and r["step_date"] else [],
    same_length_lists("sources", "source_outlets", "source_kinds", "source_grades"),
    as_many_as("source_dates", of="sources"),
    explained_if_other("source_grades"),
    date_not_after("warning_date", "step_date", unless="order_note"),
))

TEASER_POSITIONS = Schema("teaser_positions.csv", (
    Column("teaser_id", pattern=ID), Column("actor"), Column("actor_code", pattern=ACTOR_CODE),
    Column("position", "enum", allowed=cb.codes(cb.LOAN_POSITIONS)),
    Column("quote", max_len=300), Column("note", required=False),
), key="actor")

SCHEMAS = {s.file: s for s in (ARTICLES, ACTORS, TEASERS, ARGUMENTS, STANCES, RED_LINES, TEASER_POSITIONS)}

# ---------------------------------------------------------------- texts


def raw_dir() -> Path:
    """The raw captures, byte for byte as they were taken (data/raw/); data/articles/ holds the cleaned texts."""
    return data_dir() / "raw"


def read_text(path: Path) -> str:
    name = display_path(path)
    if not path.is_file():
        raise DataError([Problem(name, None, None, "the article text is missing")])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError([Problem(name, None, None, f"the file is not UTF-8 (offset {err.start})")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def article_paragraphs(article_id: str) -> list[str]:
    """The paragraphs of data/articles/<article_id>.txt (separated by blank lines)."""
    return split_paragraphs(read_text(articles_dir() / f"{article_id}.txt"))


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- loaders


def _copying(func):
    """Cache a loader per data folder, and hand out copies so callers can't change the cache."""
    cached = lru_cache(maxsize=8)(lambda folder: func())

    def load() -> pd.DataFrame:
        return cached(str(data_dir())).copy()
    load.__doc__, load.__name__, load.cache_clear = func.__doc__, func.__name__, cached.cache_clear
    return load


@_copying
def load_articles() -> pd.DataFrame:
    """data/articles.csv: one row per article, checked against its text in data/articles/."""
    def context(line: int, row: dict):
        path = articles_dir() / f"{row['article_id']}.txt"
        if not path.is_file():
            yield "article_id", f"no article text at {display_path(path)}"
            return
        counted = word_count(read_text(path))
        if row["word_count"].isdigit() and int(row["word_count"]) != counted:
            yield "word_count", f"expected {counted} (counted in {path.name}), got {row['word_count']}"
        seed = raw_dir() / row["seed_file"]
        if not seed.is_file():
            yield "seed_file", f"no raw capture at {display_path(seed)}"
    return _frame(validate(data_dir() / ARTICLES.file, ARTICLES, context), ARTICLES)


@_copying
def load_actors() -> pd.DataFrame:
    """data/actors.csv: the states and institutions the data codes, with their codes (ISO 3166 where one exists)."""
    return _frame(validate(data_dir() / ACTORS.file, ACTORS), ACTORS)


def _actor_check():
    """A context check: the actor is in actors.csv under the same name and code (read once per file)."""
    frame = load_actors()
    actors = dict(zip(frame["actor_code"], frame["actor"]))

    def check(line: int, row: dict):
        code = row["actor_code"]
        if code not in actors:
            yield "actor_code", (f"unknown actor {code!r}; add it to actors.csv or use one of "
                                 f"{', '.join(sorted(actors))}")
        elif actors[code] != row["actor"]:
            yield "actor", f"actors.csv names {code!r} {actors[code]!r}, here {row['actor']!r}"
    return check


def _article_window_check():
    """A context check: a row taken from an article carries the article's date window, as in articles.csv."""
    frame = load_articles()
    windows = {a: f"{e}/{l}" for a, e, l in zip(frame["article_id"], frame["date_earliest"], frame["date_latest"])}

    def check(line: int, row: dict):
        expected = windows.get(row["article_id"])
        if expected and (row["date"], row["date_precision"]) != (expected, "window"):
            yield "date", (f"a row from {row['article_id']} carries the article's date window {expected!r} "
                           f"(date_precision 'window'), got {row['date']!r} ({row['date_precision']})")
    return check


def _article_ids() -> set[str]:
    return set(load_articles()["article_id"])


def _quote_check(column: str, article_column: str, paragraph_column: str | None = None):
    """A context check: the quote appears verbatim in its article (and paragraph, if given)."""
    ids = _article_ids()

    def context(line: int, row: dict):
        article = row[article_column]
        if not article:
            return
        if article not in ids:
            yield article_column, f"unknown article {article!r}; expected one of {', '.join(sorted(ids))}"
            return
        paragraphs = article_paragraphs(article)
        quote = row[column]
        if paragraph_column and row[paragraph_column].isdigit():
            number = int(row[paragraph_column])
            if not 1 <= number <= len(paragraphs):
                yield paragraph_column, f"expected a paragraph from 1 to {len(paragraphs)} of {article}, got {number}"
                return
            if quote and not quote_in_text(quote, paragraphs[number - 1]):
                where = "in the article" if quote_in_text(quote, "\n".join(paragraphs)) else "anywhere in the article"
                yield column, f"the quote is not in paragraph {number} of {article} (checked {where}): {quote!r}"
        elif quote and not quote_in_text(quote, "\n\n".join(paragraphs)):
            yield column, f"the quote is not verbatim in {article}: {quote!r}"
    return context


@_copying
def load_teasers() -> pd.DataFrame:
    """data/teasers.csv: teasers for other articles that a capture also holds (not part of any article)."""
    ids = _article_ids()

    def context(line: int, row: dict):
        if row["parent_article_id"] not in ids:
            yield "parent_article_id", f"unknown article {row['parent_article_id']!r}"
        path = articles_dir() / f"{row['teaser_id']}.txt"
        if not path.is_file():
            yield "teaser_id", f"no teaser text at {display_path(path)}"
    return _frame(validate(data_dir() / TEASERS.file, TEASERS, context), TEASERS)


@_copying
def load_arguments() -> pd.DataFrame:
    """data/arguments.csv: the claims of each article, each with a verbatim quote from its paragraph."""
    return _frame(validate(data_dir() / ARGUMENTS.file, ARGUMENTS,
                           _quote_check("quote", "article_id", "paragraph")), ARGUMENTS)


@_copying
def load_stances() -> pd.DataFrame:
    """data/stances.csv: dated, coded, sourced stances of states and institutions."""
    checks = (_quote_check("quote", "article_id"), _actor_check(), _article_window_check())

    def context(line: int, row: dict):
        for check in checks:
            yield from check(line, row)
    frame = _frame(validate(data_dir() / STANCES.file, STANCES, context), STANCES)
    frame["from_article"] = frame["article_id"] != ""
    return frame


@_copying
def load_red_lines() -> pd.DataFrame:
    """data/red_lines.csv: Russia's declared red lines, the steps taken and the responses observed."""
    return _frame(validate(data_dir() / RED_LINES.file, RED_LINES), RED_LINES)


@_copying
def load_teaser_positions() -> pd.DataFrame:
    """data/teaser_positions.csv: member states' positions on the EU loan, as the teaser reports them."""
    ids, check_actor = set(load_teasers()["teaser_id"]), _actor_check()

    def context(line: int, row: dict):
        yield from check_actor(line, row)
        if row["teaser_id"] not in ids:
            yield "teaser_id", f"unknown teaser {row['teaser_id']!r}"
            return
        text = read_text(articles_dir() / f"{row['teaser_id']}.txt")
        if not quote_in_text(row["quote"], text):
            yield "quote", f"the quote is not verbatim in {row['teaser_id']}: {row['quote']!r}"
    return _frame(validate(data_dir() / TEASER_POSITIONS.file, TEASER_POSITIONS, context), TEASER_POSITIONS)


LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "articles.csv": load_articles, "actors.csv": load_actors, "teasers.csv": load_teasers, "arguments.csv": load_arguments,
    "stances.csv": load_stances, "red_lines.csv": load_red_lines, "teaser_positions.csv": load_teaser_positions,
}


def validate_all() -> list[Problem]:
    """Run every loader; return all problems found (an empty list when the data is sound)."""
    problems: list[Problem] = []
    for name, loader in LOADERS.items():
        try:
            loader()
        except DataError as err:
            problems.extend(err.problems)
    return problems
