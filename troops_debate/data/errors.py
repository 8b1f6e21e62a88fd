"""The project's data error: every problem in the data, each naming the file, the line and the column."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT


@dataclass(frozen=True)
class Problem:
    """One problem in a data file. `line` is the file's line (1 is the header); a problem with the
    whole file (empty, not UTF-8 at the start, a wrong header) is on line 1; only a missing file has none."""
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
    """A data file's path as messages name it: relative to the repository when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
