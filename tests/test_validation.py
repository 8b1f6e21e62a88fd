"""Loud on bad input: every kind of malformed data stops validation with one message per
problem naming the file, the line and the column, and all problems of a file at once.

Each case edits a temporary copy of data/ and points the package at it with
TROOPS_DEBATE_DATA; the real data is never touched."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import clear_loader_caches
from troops_debate.data import load as tdio
from troops_debate.paths import ROOT


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path: Path, row_index: int, column: str, value: str) -> int:
    """Set one cell (row_index counts data rows from 0); return the row's line number."""
    rows = read_rows(path)
    rows[row_index + 1][rows[0].index(column)] = value
    write_rows(path, rows)
    return row_index + 2


def problems_for(data: Path) -> list[tdio.Problem]:
    clear_loader_caches()
    return tdio.validate_all()


def assert_reported(problems, file: str, line: int | None, column: str | None, *words: str):
    matching = [p for p in problems if p.file.endswith(file) and p.line == line and p.column == column]
    assert matching, f"no problem reported for {file}, line {line}, column {column!r}; got:\n" + \
        "\n".join(map(str, problems))
    text = str(matching[0]).lower()
    for word in words:
        assert word.lower() in text, f"{word!r} not in {text!r}"
    assert file in str(matching[0]) and (line is None or f"line {line}" in str(matching[0]))


# (file, column, row index, bad value, words the message must hold)
CELL_CASES = [
    ("arguments.csv", "paragraph", 3, "three", ["whole number"]),
    ("arguments.csv", "paragraph", 3, "99", ["paragraph from 1 to"]),
    ("stances.csv", "date", 5, "2025-13-40", ["real calendar date"]),
    ("stances.csv", "date", 5, "2025-02-30", ["real calendar date"]),
    ("stances.csv", "date", 5, "next spring", ["YYYY-MM-DD"]),
    ("stances.csv", "date", 5, "1066-10-14", ["between"]),
    ("stances.csv", "stance", 2, "supportive", ["expected one of", "pushing"]),
    ("red_lines.csv", "response_category", 1, "furious", ["expected one of", "rhetorical"]),
    ("red_lines.csv", "category", 1, "vibes", ["expected one of"]),
    ("stances.csv", "article_id", 0, "xx2030", ["unknown article"]),
    ("stances.csv", "actor_code", 0, "ZZ", ["unknown actor"]),
    ("stances.csv", "speaker", 4, "", ["required"]),
    ("arguments.csv", "claim", 0, "", ["required"]),
    ("stances.csv", "quote", 0, "a sentence the article never wrote", ["not verbatim", "rs2024"]),
    ("arguments.csv", "quote", 0, "a sentence the article never wrote", ["not in paragraph"]),
    ("stances.csv", "source_url", 20, "htp:/example", ["http(s) address"]),
    ("stances.csv", "source_url", 20, "javascript:alert(1)", ["http(s) address"]),
    ("red_lines.csv", "sources", 2, "https://example.org/a|ftp://example.org/b", ["http(s) address"]),
    ("articles.csv", "word_count", 0, "12", ["expected", "counted"]),
    ("teaser_positions.csv", "quote", 0, "Belgium led the supporters", ["not verbatim"]),
    ("stances.csv", "stance_runner_up", 0, "hesitant", ["expected one of", "pushing"]),
    ("stances.csv", "source_grade", 20, "excellent", ["expected one of", "wire_or_major"]),
    ("stances.csv", "source_grade", 20, "", ["required", "source_url"]),
    ("stances.csv", "source_date", 20, "2025-02-30", ["real calendar date"]),
    ("stances.csv", "source_date", 20, "2001-01-01", ["cannot be older than the statement"]),
    ("stances.csv", "source_grade", 0, "official", ["expected no source_grade", "article"]),
    ("stances.csv", "source_date", 0, "2025-01-01", ["expected no source_date", "article"]),
    ("red_lines.csv", "source_grades", 1, "official", ["as many", "source_grades"]),
    ("red_lines.csv", "source_grades", 1, "wire_or_major|primary|x|y", ["expected '|'-separated values", "primary"]),
    ("red_lines.csv", "source_dates", 1, "2022-02-24", ["one per address", "sources"]),
    ("red_lines.csv", "source_dates", 1, "2022-02-24||2022-13-01|", ["entry 3", "real calendar date"]),
    ("red_lines.csv", "sources", 2, "https://example.org/{a}|https://example.org/b", ["not allowed in a link"]),
    ("articles.csv", "seed_file", 0, "999_missing.txt", ["no raw capture", "data/raw"]),
]


@pytest.mark.parametrize("file, column, index, value, words", CELL_CASES,
                         ids=[f"{c[0]}:{c[1]}={c[3]!r}" for c in CELL_CASES])
def test_bad_cell_is_reported_with_file_line_and_column(data, file, column, index, value, words):
    path = data / file
    rows = read_rows(path)
    if file == "stances.csv" and column.startswith("source_"):  # pick a row of the right kind
        external = index != 0
        index = next(i for i, r in enumerate(rows[1:]) if bool(r[rows[0].index("source_url")]) == external)
    line = set_cell(path, index, column, value)
    assert_reported(problems_for(data), file, line, column, *words)


def test_runner_up_must_differ_from_the_stance(data):
    path = data / "stances.csv"
    rows = read_rows(path)
    line = set_cell(path, 0, "stance_runner_up", rows[1][rows[0].index("stance")])
    assert_reported(problems_for(data), "stances.csv", line, "stance_runner_up", "must differ")


@pytest.mark.parametrize("file, grade_column", [("stances.csv", "source_grade"), ("red_lines.csv", "source_grades")])
def test_a_source_graded_other_needs_a_note_saying_why(data, file, grade_column):
    path = data / file
    rows = read_rows(path)
    header = rows[0]
    index = next(i for i, r in enumerate(rows[1:]) if "other" in r[header.index(grade_column)].split("|"))
    note = rows[index + 1][header.index("note")]
    assert "Graded other:" in note
    line = set_cell(path, index, "note", note.replace("Graded other:", "Minor source:"))
    assert_reported(problems_for(data), file, line, "note", "graded other:", grade_column)
    set_cell(path, index, "note", note)
    assert not [p for p in problems_for(data) if p.file.endswith(file)]


def test_duplicate_key(data):
    path = data / "stances.csv"
    rows = read_rows(path)
    rows[3][0] = rows[1][0]
    write_rows(path, rows)
    assert_reported(problems_for(data), "stances.csv", 4, "stance_id", "duplicate", "first on line 2")


def test_step_before_warning_needs_an_explanation(data):
    path = data / "red_lines.csv"
    rows = read_rows(path)
    header = rows[0]
    index = next(i for i, r in enumerate(rows[1:]) if r[header.index("step_date")] and not r[header.index("order_note")])
    set_cell(path, index, "step_date", "2021-01-01")
    set_cell(path, index, "step_date_precision", "day")
    assert_reported(problems_for(data), "red_lines.csv", index + 2, "order_note", "explain")


@pytest.mark.parametrize("change, words", [("drop", ["missing column", "stance"]),
                                           ("misspell", ["missing column", "unknown column", "stnace"])])
def test_missing_or_misspelt_column(data, change, words):
    path = data / "stances.csv"
    rows = read_rows(path)
    col = rows[0].index("stance")
    if change == "drop":
        rows = [r[:col] + r[col + 1:] for r in rows]
    else:
        rows[0][col] = "stnace"
    write_rows(path, rows)
    assert_reported(problems_for(data), "stances.csv", 1, None, *words)


def test_file_not_utf8(data):
    path = data / "arguments.csv"
    path.write_bytes(path.read_bytes().replace("’".encode(), "’".encode("cp1252"), 1))
    assert_reported(problems_for(data), "arguments.csv", next(
        i for i, line in enumerate(path.read_bytes().split(b"\n"), 1) if b"\x92" in line), None, "not UTF-8")


def test_empty_file(data):
    (data / "red_lines.csv").write_text("")
    assert_reported(problems_for(data), "red_lines.csv", 1, None, "empty")


def test_header_only_file(data):
    path = data / "red_lines.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    assert_reported(problems_for(data), "red_lines.csv", 1, None, "no data rows")


def test_missing_file(data):
    (data / "stances.csv").unlink()
    assert_reported(problems_for(data), "stances.csv", None, None, "missing")


def test_missing_article_text(data):
    (data / "articles" / "ac2026.txt").unlink()
    problems = problems_for(data)
    assert any("ac2026" in str(p) and "no article text" in str(p) for p in problems), problems


def test_ragged_row(data):
    path = data / "stances.csv"
    lines = path.read_text().split("\n")
    lines[3] = lines[3] + ",extra"
    path.write_text("\n".join(lines))
    assert_reported(problems_for(data), "stances.csv", 4, None, "fields")


def test_all_problems_in_a_file_are_reported_at_once(data):
    path = data / "stances.csv"
    set_cell(path, 1, "stance", "supportive")
    set_cell(path, 6, "date", "2025-02-30")
    set_cell(path, 9, "speaker", "")
    problems = [p for p in problems_for(data) if p.file.endswith("stances.csv")]
    assert {(p.line, p.column) for p in problems} >= {(3, "stance"), (8, "date"), (11, "speaker")}


def test_bom_and_windows_line_endings_are_read_correctly(data):
    for name in ("stances.csv", "arguments.csv"):
        path = data / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert problems_for(data) == []
    frame = tdio.load_stances()
    assert frame.columns[0] == "stance_id" and not frame["note"].str.contains("\r").any()


def test_the_command_line_exits_non_zero_and_names_the_problem(data):
    line = set_cell(data / "stances.csv", 2, "stance", "supportive")
    result = subprocess.run([sys.executable, "-m", "troops_debate", "validate"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 1
    assert f"stances.csv, line {line}, column 'stance'" in result.stderr


def test_the_real_data_passes_the_command_line():
    result = subprocess.run([sys.executable, "-m", "troops_debate", "validate"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
