"""Reading a data file and checking it against its declaration.

`read_rows` turns the bytes into rows (UTF-8, with or without a byte-order mark, any line ending;
a ragged row, a stray quote or a NUL byte is a problem on its line). `check` then runs, in order:
the generic checks of the file's Table Schema (types, required values, labels, patterns, lengths,
unique keys) through Frictionless, and the references to other files; the project's checks of each
cell's kind (`rules.cell_problem`); the file's row rules; and the caller's checks against other
files. Every problem found is reported at once, each with the file, the line and the column.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Callable, Iterable

from ..paths import data_dir
from .errors import DataError, Problem, display_path
from .rules import cell_problem
from .schema import Schema, descriptor
from .texts import decoded

Rows = list[tuple[int, dict]]
Context = Callable[[int, dict], Iterable[tuple[str, str] | Problem]]


def read_rows(path: Path) -> tuple[list[str], Rows]:
    """Header and (line number, row) pairs of a UTF-8 CSV file, or DataError."""
    name = display_path(path)
    text = decoded(path)
    if not text.strip():
        raise DataError([Problem(name, 1, None, "the file is empty; expected a header row and data rows")])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError([Problem(name, line, None, "the file holds a NUL byte; save it as plain UTF-8 text")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader)]
        start = reader.line_num + 1
        for values in reader:
            if any(v.strip() for v in values):
                if len(values) != len(header):
                    problems.append(Problem(name, start, None, f"expected {len(header)} fields, got {len(values)}"))
                else:
                    rows.append((start, {h: v.strip() for h, v in zip(header, values)}))
            start = reader.line_num + 1
    except csv.Error as err:
        raise DataError([Problem(name, max(reader.line_num, 1), None, f"the CSV cannot be parsed: {err}")]) from None
    if problems:
        raise DataError(problems)
    return header, rows


def _header_problem(name: str, schema: Schema, header: list[str]) -> Problem | None:
    missing = [c for c in schema.names if c not in header]
    unknown = [c for c in header if c not in schema.names]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if not (missing or unknown or repeated):
        return None
    parts = ([f"missing column(s): {', '.join(missing)}"] if missing else []) + \
        ([f"unknown column(s): {', '.join(unknown)}"] if unknown else []) + \
        ([f"repeated column(s): {', '.join(repeated)}"] if repeated else [])
    return Problem(name, 1, None, "; ".join(parts) + ". Expected the columns: " + ", ".join(schema.names))


def _message(schema: Schema, error, cell: str, first_line: dict[str, int]) -> tuple[str | None, str]:
    """A Frictionless error as (column, message) in the project's words."""
    column = getattr(error, "field_name", None)
    col = schema.column(column) if column in schema.names else None
    constraint = re.match(r'constraint "(\w+)"', error.note or "")
    kind = constraint.group(1) if constraint else None
    if error.type == "primary-key":
        key = error.cells[schema.names.index(schema.key)]
        return schema.key, f"duplicate key {key!r} (first on line {first_line.get(key, '?')})"
    if col is None:
        return None, error.message
    if error.type == "type-error":
        return column, f"expected a whole number, got {cell!r}"
    if kind == "required":
        return column, "a value is required here"
    if kind == "enum":
        return column, f"expected one of {', '.join(col.allowed)}; got {cell!r}"
    if kind == "maxLength":
        return column, f"expected at most {col.max_len} characters, got {len(cell)}"
    if kind == "pattern":
        return column, f"expected a value matching {col.pattern}, got {cell!r}"
    if kind == "minimum":
        return column, f"expected a whole number of at least 0, got {cell!r}"
    return column, error.message


def _resource(schema: Schema, rows: Rows):
    """The file as a Frictionless resource, with its Table Schema less the references to other files
    (checked by reference_problems)."""
    from frictionless import Resource
    from frictionless import Schema as TableSchema
    data = [schema.names] + [[row[c] for c in schema.names] for _, row in rows]
    table = descriptor(schema, shapes=False)
    table.pop("foreignKeys", None)
    return Resource(name=schema.resource_name, data=data, schema=TableSchema.from_descriptor(table))


def reference_problems(schema: Schema, rows: Rows, schemas: dict[str, Schema]) -> list[Problem]:
    """Every value that refers to another file's key and is not among that file's keys, on its line. A file
    referred to that cannot be read, or has no rows, is not checked against (its own problems are its).
    The same rule as Frictionless's foreign-key check, from the same declaration (datapackage.json's
    foreignKeys): Frictionless opens every referenced file anew for each check, most of a check's time."""
    name, problems = display_path(data_dir() / schema.file), []
    for fk in schema.foreign_keys:
        try:
            header, other = read_rows(data_dir() / fk.file)
        except DataError:
            continue
        if _header_problem(fk.file, schemas[fk.file], header) is not None or not other:
            continue
        keys = {row[fk.key] for _, row in other}
        problems += [Problem(name, line, fk.column, f"unknown {fk.column} {row[fk.column]!r}: {fk.file} has no "
                             f"{fk.key} {row[fk.column]!r}")
                     for line, row in rows if row[fk.column] and row[fk.column] not in keys]
    return problems


def generic_problems(schema: Schema, rows: Rows, schemas: dict[str, Schema]) -> list[Problem]:
    """The Table Schema checks of Frictionless, with each problem on the file's own line, and the references
    to other files; in line order (a line's own problems first)."""
    name = display_path(data_dir() / schema.file)
    report = _resource(schema, rows).validate(limit_errors=100_000)
    first_line: dict[str, int] = {}
    for line, row in rows:
        first_line.setdefault(row[schema.key], line)
    problems = []
    for error in report.tasks[0].errors if report.tasks else report.errors:
        number = getattr(error, "row_number", None)
        line = rows[number - 2][0] if number and 2 <= number < len(rows) + 2 else 1
        cell = rows[number - 2][1].get(getattr(error, "field_name", ""), "") if line != 1 else ""
        column, message = _message(schema, error, cell, first_line)
        problems.append(Problem(name, line, column, message))
    return sorted(problems + reference_problems(schema, rows, schemas), key=lambda p: p.line or 0)


def check(path: Path, schema: Schema, schemas: dict[str, Schema], context: Context | None = None) -> Rows:
    """Read `path`, check it against `schema` and its references; return its rows or raise DataError."""
    name = display_path(path)
    header, rows = read_rows(path)
    found = _header_problem(name, schema, header)
    if found:
        raise DataError([found])
    if not rows:
        raise DataError([Problem(name, 1, None, "the file has a header but no data rows")])
    problems = generic_problems(schema, rows, schemas)
    flagged = {(p.line, p.column) for p in problems}
    for line, row in rows:
        for col in schema.columns:
            value = row[col.name]
            message = cell_problem(col, value, row) if value and (line, col.name) not in flagged else None
            if message:
                problems.append(Problem(name, line, col.name, message))
        for rule in schema.row_checks:
            problems.extend(Problem(name, line, col, msg) for col, msg in rule(row))
        if context:  # (column, message) on this line, or another file's own Problem (an unreadable text)
            problems.extend(found if isinstance(found, Problem) else Problem(name, line, *found)
                            for found in context(line, row))
    problems = list(dict.fromkeys(problems))  # a text's problem is found once per row that reads it
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.file != name, p.line or 0, schema.names.index(p.column)
                                                         if p.column in schema.names else -1)))
    return rows
