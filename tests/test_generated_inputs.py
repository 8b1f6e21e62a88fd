"""Loud on any bad input, proven by generation: Hypothesis mutates each valid data file (cells,
rows, columns, quoting, line endings, encodings, truncation, stray bytes, the file removed) and
every mutant must either load (the loader returns a DataFrame) or be rejected with
`troops_debate.DataError`. Never another exception: no KeyError, no OSError, no ValueError that is
not a DataError, no pandas or csv error.

What a rejection must say. Every problem in `DataError.problems`
- names a file (`problem.file` is that file's path, or ends with its path inside the data folder):
  the mutated file; for a mutated article text, that text or a CSV file the loader reads (the row
  whose quote or word count no longer matches the text); for the coding files, a file of
  data/coding/ (a new disagreement may be reported where its resolution is missing);
- names a line: an int from 1 to the number of lines of the file it names. A problem about the
  file as a whole (it is empty, it has a header and no rows, a column is missing, unknown or
  doubled, rows that should be there are not) names line 1, where the file and its header begin.
  Only a file that does not exist has no line (`None`).

Some mutants must be rejected, whatever the schema: a removed file; an empty file; a file that is
not UTF-8, reported at the line of its first undecodable byte (LF, CRLF and CR line ends counted
alike, as the loaders read them; any line for a UTF-16 or UTF-32 file, whose line ends are not
those bytes); a duplicated data row (every file has a unique key), at the line of either copy; a
renamed, dropped or doubled column, at line 1; an article text whose word count changed. Some
must load unchanged: a byte-order mark, Windows line endings and every field quoted (data/README.md:
"a byte-order mark and Windows line endings are fine").

The data folder is copied once for this module (TROOPS_DEBATE_DATA points at the copy); each
example rewrites one file of the copy and puts its bytes back afterwards. Runs are reproducible
(`derandomize=True`, no example database): a failure prints the mutation that caused it. FOUND, at
the end, keeps the minimal cases the generation found in the loaders as explicit cases.
"""
from __future__ import annotations

import csv
import io
import operator
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import troops_debate as td
from troops_debate.data import coding as agreement
from troops_debate.data import load as tdio
from troops_debate.paths import ROOT

BOM = "\ufeff"

# ---------------------------------------------------------------- the files and their loaders

# Each CSV file of the data folder and the call that loads it (the seven loaders of the package
# and the coding files of the agreement study).
LOADERS: dict[str, Callable[[], object]] = {
    "articles.csv": td.load_articles,
    "actors.csv": td.load_actors,
    "entities.csv": td.load_entities,
    "teasers.csv": td.load_teasers,
    "arguments.csv": td.load_arguments,
    "stances.csv": td.load_stances,
    "red_lines.csv": td.load_red_lines,
    "teaser_positions.csv": td.load_teaser_positions,
    "coding/stances_coder1.csv": partial(agreement.load_coding, "stances", 1),
    "coding/stances_coder2.csv": partial(agreement.load_coding, "stances", 2),
    "coding/red_lines_coder1.csv": partial(agreement.load_coding, "red_lines", 1),
    "coding/red_lines_coder2.csv": partial(agreement.load_coding, "red_lines", 2),
    "coding/resolutions.csv": agreement.load_resolutions,
}
CSV_FILES = list(LOADERS)
CODING = "coding/"

# The article texts, and the loaders that read each (with the CSV files those loaders read).
TEXT_READERS = {
    "articles/rs2024.txt": (td.load_articles, td.load_arguments, td.load_stances),
    "articles/ac2026.txt": (td.load_articles, td.load_arguments, td.load_stances),
    "articles/rs2024-sidebar.txt": (td.load_teasers, td.load_teaser_positions),
}
READS = {
    td.load_articles: ("articles.csv",),
    td.load_arguments: ("arguments.csv", "articles.csv"),
    td.load_stances: ("stances.csv", "articles.csv", "actors.csv"),
    td.load_teasers: ("teasers.csv", "articles.csv"),
    td.load_teaser_positions: ("teaser_positions.csv", "teasers.csv", "articles.csv", "actors.csv"),
}
# The texts whose word count articles.csv records (checked by load_articles).
COUNTED = ("articles/rs2024.txt", "articles/ac2026.txt")


def clear_caches() -> None:
    for loader in tdio.LOADERS.values():
        loader.cache_clear()


def original(rel: str) -> bytes:
    return (ROOT / "data" / rel).read_bytes()


# ---------------------------------------------------------------- mutations

def _pick(index: int, size: int, first: int = 1) -> int | None:
    """A valid index >= first into a list of `size` items, or None when there is none."""
    return None if size <= first else first + (index - first) % (size - first)


def _col(header: list[str], column: str, row: list[str]) -> int | None:
    if not row:
        return None
    return (header.index(column) if column in header else 0) % len(row)


@dataclass(frozen=True)
class SetCell:
    row: int
    column: str
    value: str

    def rows(self, rows, header):
        r = _pick(self.row, len(rows))
        c = None if r is None else _col(header, self.column, rows[r])
        if c is not None:
            rows[r][c] = self.value


@dataclass(frozen=True)
class InsertCell:
    row: int
    column: str
    value: str

    def rows(self, rows, header):
        r = _pick(self.row, len(rows))
        if r is not None:
            rows[r].insert(_col(header, self.column, rows[r]) or 0, self.value)


@dataclass(frozen=True)
class DeleteCell:
    row: int
    column: str

    def rows(self, rows, header):
        r = _pick(self.row, len(rows))
        c = None if r is None else _col(header, self.column, rows[r])
        if c is not None:
            del rows[r][c]


@dataclass(frozen=True)
class DropRow:
    row: int

    def rows(self, rows, header):
        r = _pick(self.row, len(rows))
        if r is not None:
            del rows[r]


@dataclass(frozen=True)
class DuplicateRow:
    row: int

    def rows(self, rows, header):
        r = _pick(self.row, len(rows))
        if r is not None:
            rows.insert(r + 1, list(rows[r]))


@dataclass(frozen=True)
class SwapRows:
    row: int
    other: int  # 0 is the header

    def rows(self, rows, header):
        a, b = _pick(self.row, len(rows)), _pick(self.other, len(rows), first=0)
        if a is not None and b is not None:
            rows[a], rows[b] = rows[b], rows[a]


@dataclass(frozen=True)
class InsertRow:
    row: int
    values: tuple[str, ...]

    def rows(self, rows, header):
        rows.insert(_pick(self.row, len(rows) + 1) or len(rows), list(self.values))


@dataclass(frozen=True)
class RenameColumn:
    column: str
    name: str

    def rows(self, rows, header):
        c = _col(header, self.column, rows[0]) if rows else None
        if c is not None:
            rows[0][c] = self.name


@dataclass(frozen=True)
class DropColumn:
    column: str

    def rows(self, rows, header):
        c = header.index(self.column)
        for row in rows:
            if c < len(row):
                del row[c]


@dataclass(frozen=True)
class DuplicateColumn:
    """A second column named `column`, holding the values of `values_of` (itself or another)."""
    column: str
    values_of: str

    def rows(self, rows, header):
        c = header.index(self.values_of)
        for i, row in enumerate(rows):
            row.append(self.column if i == 0 else (row[c] if c < len(row) else ""))


@dataclass(frozen=True)
class SwapValues:
    """The values of two columns swapped under an unchanged header."""
    column: str
    other: str

    def rows(self, rows, header):
        a, b = header.index(self.column), header.index(self.other)
        for row in rows[1:]:
            if max(a, b) < len(row):
                row[a], row[b] = row[b], row[a]


@dataclass(frozen=True)
class QuoteAll:
    """Every field written between double quotes."""


@dataclass(frozen=True)
class EditParagraphs:
    """An article text's paragraphs (separated by blank lines): drop, duplicate, swap or join."""
    how: str
    index: int
    other: int = 0

    def text(self, text: str) -> str:
        paragraphs = text.split("\n\n")
        i, j = self.index % len(paragraphs), self.other % len(paragraphs)
        if self.how == "drop":
            del paragraphs[i]
        elif self.how == "duplicate":
            paragraphs.insert(i, paragraphs[i])
        elif self.how == "swap":
            paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
        elif self.how == "join" and i + 1 < len(paragraphs):
            paragraphs[i:i + 2] = [paragraphs[i] + " " + paragraphs[i + 1]]
        return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class ReplaceWord:
    index: int
    value: str

    def text(self, text: str) -> str:
        words = list(re.finditer(r"\S+", text))
        if not words:
            return text
        word = words[self.index % len(words)]
        return text[:word.start()] + self.value + text[word.end():]


@dataclass(frozen=True)
class InsertText:
    at: int
    value: str

    def text(self, text: str) -> str:
        at = self.at % (len(text) + 1)
        return text[:at] + self.value + text[at:]


@dataclass(frozen=True)
class DeleteText:
    at: int
    length: int

    def text(self, text: str) -> str:
        at = self.at % (len(text) + 1)
        return text[:at] + text[at + self.length:]


@dataclass(frozen=True)
class DropQuoteMark:
    """Remove the n-th double quote: an opened field left unclosed, or a closed one opened."""
    index: int

    def text(self, text: str) -> str:
        marks = [m.start() for m in re.finditer('"', text)]
        if not marks:
            return text
        at = marks[self.index % len(marks)]
        return text[:at] + text[at + 1:]


@dataclass(frozen=True)
class LineEndings:
    newline: str  # "\r\n" or "\r"

    def text(self, text: str) -> str:
        return text.replace("\r\n", "\n").replace("\n", self.newline)


@dataclass(frozen=True)
class Encode:
    codec: str  # the last one applied wins; characters a codec lacks become '?'


@dataclass(frozen=True)
class Truncate:
    at: int

    def bytes(self, data: bytes) -> bytes:
        return data[:self.at % (len(data) + 1)]


@dataclass(frozen=True)
class InsertBytes:
    at: int
    value: bytes

    def bytes(self, data: bytes) -> bytes:
        at = self.at % (len(data) + 1)
        return data[:at] + self.value + data[at:]


@dataclass(frozen=True)
class ReplaceByte:
    at: int
    value: int

    def bytes(self, data: bytes) -> bytes:
        if not data:
            return data
        at = self.at % len(data)
        return data[:at] + bytes([self.value]) + data[at + 1:]


@dataclass(frozen=True)
class RemoveFile:
    pass


ROW_OPS = (SetCell, InsertCell, DeleteCell, DropRow, DuplicateRow, SwapRows, InsertRow, RenameColumn,
           DropColumn, DuplicateColumn, SwapValues)
TEXT_OPS = (EditParagraphs, ReplaceWord, InsertText, DeleteText, DropQuoteMark, LineEndings)
BYTE_OPS = (Truncate, InsertBytes, ReplaceByte)


@dataclass(frozen=True)
class Mutation:
    """Operations on one file, applied in stages: rows and columns (CSV), text, encoding, bytes."""
    ops: tuple

    def apply(self, data: bytes) -> bytes | None:
        if any(isinstance(op, RemoveFile) for op in self.ops):
            return None
        text = data.decode("utf-8-sig")
        row_ops = [op for op in self.ops if isinstance(op, ROW_OPS)]
        if row_ops or any(isinstance(op, QuoteAll) for op in self.ops):
            rows = list(csv.reader(io.StringIO(text, newline="")))
            header = list(rows[0])
            for op in row_ops:
                op.rows(rows, header)
            out = io.StringIO(newline="")
            quoting = csv.QUOTE_ALL if any(isinstance(op, QuoteAll) for op in self.ops) else csv.QUOTE_MINIMAL
            csv.writer(out, lineterminator="\n", quoting=quoting).writerows(rows)
            text = out.getvalue()
        for op in self.ops:
            if isinstance(op, TEXT_OPS):
                text = op.text(text)
        codec = next((op.codec for op in reversed(self.ops) if isinstance(op, Encode)), "utf-8")
        data = text.encode(codec, errors="replace")
        for op in self.ops:
            if isinstance(op, BYTE_OPS):
                data = op.bytes(data)
        return data

    def __repr__(self) -> str:
        return "Mutation(" + ", ".join(map(repr, self.ops)) + ")"


# ---------------------------------------------------------------- strategies

NASTY = (
    '"', '""', "'", ",", ",,", "\n", "\r\n", "\r", '"a,b"', 'a"b', "\\", "\t", " ", "|", "||", "a|", "|a",
    "<script>alert(1)</script>", "<b>bold</b>", "<!--", "&amp;", "&lt;p&gt;", "[link](javascript:alert(1))",
    "\x00", BOM, "\u2028", "\u200b", "\u00a0", "\x85", "\x1b[31m", "e\u0301", "\U0001F600", "\u202e",
    "²", "٣", "３", "1e3", "-1", "0", "00", "+1", "1.0", "99999999999999999999", "nan", "NaN", "None", "null",
    "NA", "#N/A", "True", "=1+1", "2025-02-30", "0000-01-01", "9999-12-31", "2025-01-01/2024-12-31",
    "2025-1-1", "2025-01-01/2025-02-01/2025-03-01", "٢٠٢٥-٠١-٠١", "https://", "javascript:alert(1)",
    "https://example.org/a b", "https://example.org/<x>", "http://a|", "../../etc/passwd", "/", ".", "..",
)
SUFFIXES = (" ", "x", "-", "|", "|x", "0", "9", "²", "\n", '"', "’", "<br>", "\x00", "/", ".txt")
LONG = st.builds(operator.mul, st.sampled_from(("a", "9", "é", '"', "<", "a-", ",", "\n")),
                 st.sampled_from((256, 301, 401, 4096, 140_000)))
CODECS = ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "ascii")
STRAY_BYTES = st.one_of(st.sampled_from((b"\x00", b"\xff", b"\xc3", b"\xe2\x80", b"\xef\xbb\xbf", b"\r", b"\n",
                                         b'"', b"\x92")), st.binary(min_size=1, max_size=4))
TOKENS = re.compile(r"\d+|[^\W\d_]+|[^\w]|_")
REPLACEMENTS = ("", "0", "00", "13", "32", "9999", "99999999999999999999", "-1", "٢", "²", "１", "x", "[", "]",
                "<", "%", '"', "|", "/", " ", "\n", "\x00")


def tweak(value: str, index: int, replacement: str) -> str:
    """`value` with one of its tokens (a run of digits, of letters, or one other character) replaced."""
    tokens = list(TOKENS.finditer(value))
    if not tokens:
        return value + replacement
    token = tokens[index % len(tokens)]
    return value[:token.start()] + replacement + value[token.end():]


def values(own: tuple[str, ...], cells: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A cell's new value: empty, awkward, a value of its own column with one part changed or
    something added, another cell's value (a valid label or id in the wrong place), random text,
    or very long."""
    return st.one_of(st.just(""), st.sampled_from(NASTY),
                     st.builds(tweak, st.sampled_from(own), st.integers(0, 12), st.sampled_from(REPLACEMENTS)),
                     st.builds(operator.add, st.sampled_from(own), st.sampled_from(SUFFIXES)),
                     st.builds(operator.add, st.sampled_from(SUFFIXES), st.sampled_from(own)),
                     st.sampled_from(cells), st.text(max_size=12), LONG)


def byte_and_file_ops(size: int) -> st.SearchStrategy:
    at = st.integers(0, size)
    return st.one_of(st.builds(Truncate, at), st.builds(InsertBytes, at, STRAY_BYTES),
                     st.builds(ReplaceByte, at, st.integers(0, 255)),
                     st.builds(Encode, st.sampled_from(CODECS)), st.builds(RemoveFile))


def text_ops(size: int) -> st.SearchStrategy:
    at = st.integers(0, size)
    return st.one_of(st.builds(InsertText, at, st.one_of(st.sampled_from(NASTY), st.text(max_size=8))),
                     st.builds(DeleteText, at, st.integers(1, 200)), st.builds(DropQuoteMark, st.integers(0, 400)),
                     st.builds(LineEndings, st.sampled_from(("\r\n", "\r"))))


@lru_cache(maxsize=None)
def csv_mutations(rel: str) -> st.SearchStrategy[Mutation]:
    data = original(rel)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = tuple(rows[0])
    cells = tuple(sorted({c for row in rows for c in row}))
    own = {name: tuple(sorted({row[i] for row in rows[1:] if i < len(row)} | {""})) for i, name in enumerate(header)}
    row, column = st.integers(1, len(rows) - 1), st.sampled_from(header)
    value_of = {name: values(own[name], cells) for name in header}  # built once: drawing stays cheap
    value = st.one_of(list(value_of.values()))

    def in_column(op):
        return st.one_of([st.builds(op, row, st.just(name), value_of[name]) for name in header])
    new_names = st.one_of(value, st.sampled_from(header), st.sampled_from(header).map(str.upper),
                          st.sampled_from(header).map(lambda h: f" {h} "),
                          st.sampled_from(header).map(lambda h: h + "_"))
    new_row = st.one_of([st.lists(value, min_size=n, max_size=n).map(tuple)
                         for n in (len(header) - 1, len(header), len(header), len(header) + 1)])
    op = st.one_of(
        in_column(SetCell), in_column(SetCell), in_column(SetCell), in_column(InsertCell),
        st.builds(DeleteCell, row, column),
        st.builds(DropRow, row), st.builds(DuplicateRow, row), st.builds(SwapRows, row, st.integers(0, len(rows) - 1)),
        st.builds(InsertRow, row, new_row),
        st.builds(RenameColumn, column, new_names), st.builds(DropColumn, column),
        st.builds(DuplicateColumn, column, column), st.builds(SwapValues, column, column),
        st.builds(QuoteAll), text_ops(len(data)), byte_and_file_ops(len(data)))
    return st.lists(op, min_size=1, max_size=4).map(lambda ops: Mutation(tuple(ops)))


@lru_cache(maxsize=None)
def text_mutations(rel: str) -> st.SearchStrategy[Mutation]:
    data = original(rel)
    text = data.decode("utf-8-sig")
    words = tuple(sorted(set(text.split())))
    paragraphs = text.count("\n\n") + 1
    index = st.integers(0, paragraphs - 1)
    word = st.one_of(st.sampled_from(words), st.sampled_from(NASTY), st.text(max_size=8), st.just(""),
                     st.builds(operator.add, st.sampled_from(words), st.sampled_from(SUFFIXES)))
    op = st.one_of(
        st.builds(EditParagraphs, st.sampled_from(("drop", "duplicate", "swap", "join")), index, index),
        st.builds(ReplaceWord, st.integers(0, len(text.split()) - 1), word),
        st.builds(ReplaceWord, st.integers(0, len(text.split()) - 1), word),
        text_ops(len(data)), byte_and_file_ops(len(data)))
    return st.lists(op, min_size=1, max_size=3).map(lambda ops: Mutation(tuple(ops)))


# ---------------------------------------------------------------- the checks

def names(problem_file: str, rel: str) -> bool:
    path = str(problem_file).replace("\\", "/")
    return path == rel or path.endswith("/" + rel)


def line_breaks(data: bytes) -> list[int]:
    """Where each line ends, counting LF, CRLF and CR alike."""
    return [m.end() for m in re.finditer(rb"\r\n|\r|\n", data)]


def first_bad_byte_line(data: bytes) -> int | None:
    """The line of the first byte that is not UTF-8 (after an optional byte-order mark): 1 + the line
    ends before it. 0 for a file in UTF-16 or UTF-32 (NUL bytes before it), whose line ends are not
    the bytes LF and CR; None for a UTF-8 file."""
    body = data[3:] if data.startswith(BOM.encode()) else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = len(data) - len(body) + err.start
        if b"\x00" in data[:offset]:
            return 0
        return 1 + len(line_breaks(data[:offset]))
    return None


def named_file(problem_file, allowed: tuple[str, ...]) -> str | None:
    """Which of the `allowed` files (paths inside the data folder; one ending in '/' stands for any
    file of that folder) a problem's `file` names, or None."""
    path = str(problem_file or "").replace("\\", "/")
    for rel in allowed:
        if rel.endswith("/"):
            found = re.search(r"(?:^|/)(" + re.escape(rel) + r"[^/]+)$", path)
            if found:
                return found.group(1)
        elif names(path, rel):
            return rel
    return None


def check_problems(problems, folder: Path, allowed: tuple[str, ...]) -> None:
    """Every problem names one of the `allowed` files and a line of it, as the module's docstring says."""
    assert problems, "a DataError without problems"
    for problem in problems:
        rel = named_file(getattr(problem, "file", None), allowed)
        assert rel, f"the problem names none of {allowed}: {problem}"
        assert str(getattr(problem, "message", "")).strip(), f"a problem without a message: {problem!r}"
        path, line = folder / rel, getattr(problem, "line", None)
        if not path.is_file():
            assert line in (None, 1), f"a missing file has no line {line!r}: {problem}"
            continue
        lines = len(line_breaks(path.read_bytes())) + 1
        assert type(line) is int, f"the problem names no line (line={line!r}): {problem}"
        assert 1 <= line <= lines, f"line {line} is not a line of {rel} ({lines} lines): {problem}"


def outcome(load: Callable[[], object], folder: Path, allowed: tuple[str, ...]):
    """Run a loader: the DataFrame it returns, or the DataError it raises (after checking it).
    Any other exception propagates and fails the test."""
    try:
        result = load()
    except td.DataError as err:
        check_problems(err.problems, folder, allowed)
        return err
    assert isinstance(result, pd.DataFrame), f"the loader returned {type(result).__name__}, not a DataFrame"
    return result


def must_be_rejected(mutant: bytes | None) -> tuple[str, int | None] | None:
    """Why a mutant must be rejected whatever its schema, and at which line (None: no line)."""
    if mutant is None:
        return "the file was removed", None
    bad = first_bad_byte_line(mutant)
    if bad is not None:
        return "the file is not UTF-8", bad
    if not mutant.decode("utf-8-sig").strip():
        return "the file is empty", 1
    return None


def assert_rejected(result, why: tuple[str, int | None], folder: Path, rel: str) -> None:
    reason, line = why
    assert isinstance(result, td.DataError), f"{rel}: {reason}, yet it loaded"
    if line:  # None or 0: any line
        at = [p for p in result.problems if names(p.file, rel) and p.line == line]
        assert at, f"{rel}: {reason}: expected a problem at line {line}, got:\n{result}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """One copy of data/ for the module, with TROOPS_DEBATE_DATA pointing at it."""
    copy = tmp_path_factory.mktemp("generated") / "data"
    shutil.copytree(ROOT / "data", copy)
    before = os.environ.get("TROOPS_DEBATE_DATA")
    os.environ["TROOPS_DEBATE_DATA"] = str(copy)
    clear_caches()
    yield copy
    if before is None:
        del os.environ["TROOPS_DEBATE_DATA"]
    else:
        os.environ["TROOPS_DEBATE_DATA"] = before
    clear_caches()


class mutated:
    """Write a mutant over one file of the copy; put the original back on exit. The loaders' caches
    that may hold the mutated file are cleared on entry and on exit: the given loader's (a loader
    calls only loaders of other files), or all of them for an article text. (A file is removed
    before it is written: rewriting a file in place is much slower on some file systems.)"""

    def __init__(self, folder: Path, rel: str, mutant: bytes | None):
        self.path, self.mutant, self.original = folder / rel, mutant, (folder / rel).read_bytes()
        if rel.startswith(CODING):
            self.caches = ()  # no loader of troops_debate.io reads data/coding/
        elif rel in LOADERS:
            self.caches = (LOADERS[rel],)
        else:
            self.caches = tuple(tdio.LOADERS.values())

    def _write(self, data: bytes | None) -> None:
        self.path.unlink(missing_ok=True)
        if data is not None:
            self.path.write_bytes(data)
        for loader in self.caches:
            loader.cache_clear()

    def __enter__(self):
        self._write(self.mutant)
        return self

    def __exit__(self, *exc):
        self._write(self.original)


def run_csv(folder: Path, rel: str, mutation: Mutation):
    """One mutant of a CSV file: it loads or is rejected with file and line; and it is rejected if it must be."""
    mutant = mutation.apply(original(rel))
    allowed = (CODING,) if rel.startswith(CODING) else (rel,)
    with mutated(folder, rel, mutant):
        result = outcome(LOADERS[rel], folder, (rel,))
        if rel.startswith(CODING) and isinstance(result, pd.DataFrame):
            # the file loads: how the coding files and the record fit together is checked as well
            found = agreement.coding_problems()
            assert isinstance(found, list), f"coding_problems() returned {type(found).__name__}"
            if found:
                check_problems(found, folder, allowed)
    why = must_be_rejected(mutant)
    if why:
        assert_rejected(result, why, folder, rel)
    return result


def run_header_change(folder: Path, rel: str, change) -> None:
    """A renamed, dropped or doubled column: rejected, with a problem at line 1."""
    result = run_csv(folder, rel, Mutation((change,)))
    assert isinstance(result, td.DataError), f"{rel}: {change}, yet the file loaded"
    assert any(names(p.file, rel) and p.line == 1 for p in result.problems), \
        f"{rel}: {change}: expected a problem at line 1 (the header), got:\n{result}"


def run_text(folder: Path, rel: str, mutation: Mutation) -> None:
    """One mutant of an article text: every loader that reads it loads or rejects it with file and
    line; a text removed, not UTF-8, or with another word count is rejected."""
    mutant = mutation.apply(original(rel))
    results = {}
    with mutated(folder, rel, mutant):
        for load in TEXT_READERS[rel]:
            results[load.__name__] = outcome(load, folder, (rel, *READS[load]))
    if rel in COUNTED:  # load_articles reads the text and counts its words
        why = must_be_rejected(mutant)
        if why and why[0] == "the file is empty":
            why = (why[0], None)  # the word count in articles.csv, or the text, may be named
        if why is None:
            before, after = len(original(rel).decode("utf-8-sig").split()), len(mutant.decode("utf-8-sig").split())
            why = (f"the text has {after} words, articles.csv says {before}", None) if before != after else None
        if why:
            assert_rejected(results["load_articles"], why, folder, rel)
    elif mutant is None:  # the teaser's text
        assert_rejected(results["load_teasers"], ("the teaser's text was removed", None), folder, rel)
    elif first_bad_byte_line(mutant) is not None:
        assert_rejected(results["load_teaser_positions"], ("the text is not UTF-8", first_bad_byte_line(mutant)),
                        folder, rel)


# No example database and a fixed seed: reproducible. No "explain" phase: it traces every line, slowly.
SETTINGS = dict(deadline=None, derandomize=True, database=None, print_blob=False,
                phases=(Phase.explicit, Phase.generate, Phase.shrink),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_the_copy_is_valid(folder):
    """The properties below start from valid files: the unmutated copy loads everywhere."""
    assert tdio.validate_all() == [] and agreement.coding_problems() == []
    for rel, load in LOADERS.items():
        assert isinstance(load(), pd.DataFrame), rel


@pytest.mark.parametrize("rel", CSV_FILES)
@settings(max_examples=30, **SETTINGS)
@given(data=st.data())
def test_a_mutated_csv_loads_or_is_rejected_with_file_and_line(folder, rel, data):
    run_csv(folder, rel, data.draw(csv_mutations(rel), label="mutation"))


@pytest.mark.parametrize("rel", CSV_FILES)
@settings(max_examples=20, **SETTINGS)
@given(data=st.data())
def test_a_duplicated_row_is_rejected_at_its_line(folder, rel, data):
    rows = list(csv.reader(io.StringIO(original(rel).decode("utf-8-sig"), newline="")))
    index = data.draw(st.integers(1, len(rows) - 1), label="row")
    extra = data.draw(st.lists(st.sampled_from((QuoteAll(), LineEndings("\r\n"), Encode("utf-8-sig"))),
                               max_size=2, unique=True), label="harmless")
    result = run_csv(folder, rel, Mutation((DuplicateRow(index), *extra)))
    # the copy's line, or the original's; a row that spans several lines counts from where it starts
    reader = csv.reader(io.StringIO(Mutation((DuplicateRow(index),)).apply(original(rel)).decode(), newline=""))
    starts, line = [], 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    lines = {starts[index], starts[index + 1]}
    assert isinstance(result, td.DataError), f"{rel}: row {index} duplicated, yet the file loaded"
    assert any(names(p.file, rel) and p.line in lines for p in result.problems), \
        f"{rel}: row {index} duplicated, expected a problem at line {sorted(lines)}, got:\n{result}"


@pytest.mark.parametrize("rel", CSV_FILES)
@settings(max_examples=20, **SETTINGS)
@given(data=st.data())
def test_a_renamed_dropped_or_doubled_column_is_rejected_at_line_1(folder, rel, data):
    header = next(csv.reader(io.StringIO(original(rel).decode("utf-8-sig"), newline="")))
    column = data.draw(st.sampled_from(header), label="column")
    change = data.draw(st.one_of(
        st.builds(RenameColumn, st.just(column), st.one_of(st.text(min_size=1, max_size=8).map(str.strip),
                                                           st.just(column.upper()), st.just(column + "_"))
                  .filter(lambda name: name and name not in header)),
        st.builds(DropColumn, st.just(column)),
        st.builds(DuplicateColumn, st.just(column), st.sampled_from(header))), label="change")
    run_header_change(folder, rel, change)


# each harmless change alone, and all three as a spreadsheet saving as "CSV UTF-8" on Windows would make them
HARMLESS = [(QuoteAll(),), (LineEndings("\r\n"),), (Encode("utf-8-sig"),),
            (QuoteAll(), LineEndings("\r\n"), Encode("utf-8-sig"))]


@pytest.mark.parametrize("harmless", HARMLESS, ids=["quoted", "crlf", "bom", "all-three"])
@pytest.mark.parametrize("rel", CSV_FILES)
def test_a_byte_order_mark_crlf_and_quoting_change_nothing(folder, rel, harmless):
    expected = LOADERS[rel]()
    result = run_csv(folder, rel, Mutation(harmless))
    assert isinstance(result, pd.DataFrame), f"{rel} with {harmless} was rejected:\n{result}"
    pd.testing.assert_frame_equal(result, expected)


@pytest.mark.parametrize("rel", list(TEXT_READERS))
@settings(max_examples=25, **SETTINGS)
@given(data=st.data())
def test_a_mutated_article_text_loads_or_is_rejected_with_file_and_line(folder, rel, data):
    run_text(folder, rel, data.draw(text_mutations(rel), label="mutation"))


# Minimal cases the generation found in the loaders of troops_debate/io.py and agreement.py as they
# stood when this file was written (each shrunk by Hypothesis, or by hand from what it found). They
# are kept as explicit cases: the generated tests above are not bound to draw them again.
LONG_ID = "a" * 252  # with ".txt", one more than a file name may have (255 bytes)
HUGE = "9" * 20      # a year that does not fit in a C long
FOUND = [
    # another exception than DataError
    ("csv", "arguments.csv", Mutation((SetCell(1, "paragraph", "3²"),))),  # ValueError: int('3²')
    ("csv", "articles.csv", Mutation((SetCell(1, "word_count", "²"),))),  # ValueError: int('²')
    ("csv", "articles.csv", Mutation((SetCell(1, "article_id", LONG_ID),))),  # OSError: file name too long
    ("csv", "articles.csv", Mutation((SetCell(1, "seed_file", LONG_ID + ".txt"),))),  # OSError
    ("csv", "teasers.csv", Mutation((SetCell(1, "teaser_id", LONG_ID),))),  # OSError
    ("csv", "articles.csv", Mutation((SetCell(1, "date_earliest", HUGE),))),  # OverflowError
    ("csv", "stances.csv", Mutation((SetCell(21, "source_date", HUGE),))),  # OverflowError
    ("csv", "red_lines.csv", Mutation((SetCell(1, "warning_date", HUGE),))),  # OverflowError
    ("csv", "articles.csv", Mutation((SetCell(1, "url", "https://[x"),))),  # ValueError: Invalid IPv6 URL
    ("csv", "stances.csv", Mutation((SetCell(21, "source_url", "https://[x"),))),  # ValueError
    ("csv", "red_lines.csv", Mutation((SetCell(1, "sources", "https://[a]/"),))),  # ValueError
    # a problem without a line
    ("csv", "actors.csv", Mutation((Truncate(0),))),  # the file is empty
    ("csv", "actors.csv", Mutation((Truncate(50),))),  # the file has a header but no data rows
    ("text", "articles/ac2026.txt", Mutation((InsertBytes(0, b"\xff"),))),  # the text is not UTF-8
    ("text", "articles/rs2024-sidebar.txt", Mutation((Encode("utf-16"),))),  # the text is not UTF-8
    ("csv", "coding/stances_coder1.csv", Mutation((SetCell(1, "stance_id", "s999"),))),  # no such row
    ("csv", "coding/stances_coder1.csv", Mutation((DropRow(3),))),  # a row of the record left uncoded
    ("csv", "coding/stances_coder2.csv", Mutation((SetCell(38, "own_troops", "not_stated"),))),  # unresolved
    ("csv", "coding/resolutions.csv", Mutation((SetCell(7, "coder1", "x"),))),  # no longer matches
    ("csv", "coding/resolutions.csv", Mutation((DropRow(1),))),  # a disagreement left unresolved
    # the wrong line for a byte that is not UTF-8
    ("csv", "actors.csv", Mutation((LineEndings("\r"), InsertBytes(60, b"\xff")))),  # CR line ends not counted
    ("csv", "actors.csv", Mutation((Encode("utf-8-sig"), InsertBytes(53, b"\xff")))),  # offset after the BOM
    # a doubled column: loads (the second copy wins), or is reported row by row
    ("header", "actors.csv", DuplicateColumn("actor", "actor_code")),
    ("header", "stances.csv", DuplicateColumn("stance", "stance_runner_up")),
]


@pytest.mark.parametrize("check, rel, mutation", FOUND, ids=[f"{c[1]}:{c[2]!r}"[:90] for c in FOUND])
def test_a_case_the_generation_found(folder, check, rel, mutation):
    if check == "csv":
        run_csv(folder, rel, mutation)
    elif check == "text":
        run_text(folder, rel, mutation)
    else:
        run_header_change(folder, rel, mutation)
