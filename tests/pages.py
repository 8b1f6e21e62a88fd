"""Executing some of the book's pages against a copy of the data, as the build executes them (their own folder as
working directory, the book's chart output), without building the book: what the claim checks need to see which
sentences a change to the data makes false."""
from __future__ import annotations

import concurrent.futures
import csv
import io
import os
import re
import shutil
from pathlib import Path

import nbclient
import nbformat
from myst_nb.core.read import read_myst_markdown_notebook

from troops_debate.charts import BOOK_OUTPUT
from troops_debate.paths import ROOT

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def source(page: str, root: Path = ROOT) -> Path:
    """A page of the table of contents ('book/index') as its file (in the repository, or in a copy at `root`)."""
    return next(p for p in (root / f"{page}.ipynb", root / f"{page}.md") if p.exists())


def read(path: Path) -> nbformat.NotebookNode:
    if path.suffix == ".ipynb":
        return nbformat.read(path, as_version=4)
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"))


def errors(page: str, data: Path | None = None, root: Path = ROOT) -> list[str]:
    """Every error the page's cells raise (`AssertionError: <page>: '<sentence>'` for a false sentence), in
    order; execution goes on past an error, so that every false sentence of the page is named."""
    path = source(page, root)
    notebook = read(path)
    env = {**os.environ, BOOK_OUTPUT: "1", **({"TROOPS_DEBATE_DATA": str(data)} if data else {})}
    client = nbclient.NotebookClient(notebook, timeout=300, allow_errors=True,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    return [ANSI.sub("", f"{o['ename']}: {o['evalue']}") for cell in notebook.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def errors_each(page: str, datas: list[Path]) -> list[list[str]]:
    """`errors` for one page against several copies of the data, in one kernel: the page's cells are executed
    again for each copy, after pointing the kernel at it (the loaders read TROOPS_DEBATE_DATA at every call and
    cache by folder), which spares a kernel's start and imports per copy."""
    path = source(page)
    notebook = read(path)
    client = nbclient.NotebookClient(notebook, timeout=300, allow_errors=True,
                                     resources={"metadata": {"path": str(path.parent)}})
    found = []
    with client.setup_kernel(env={**os.environ, BOOK_OUTPUT: "1"}):
        for data in datas:
            pointer = nbformat.v4.new_code_cell(f"import os; os.environ['TROOPS_DEBATE_DATA'] = {str(data)!r}")
            client.execute_cell(pointer, 0)
            errors_here = []
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                cell.outputs = []
                client.execute_cell(cell, index)
                errors_here += [ANSI.sub("", f"{o['ename']}: {o['evalue']}") for o in cell.outputs
                                if o.get("output_type") == "error"]
            found.append(errors_here)
    return found


def run(pages: list[str], data: Path | None = None, root: Path = ROOT, workers: int = 2) -> dict[str, list[str]]:
    """`errors` for several pages, two kernels at a time."""
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        found = dict(zip(pages, pool.map(lambda page: errors(page, data, root), pages)))
    return found


def sentences(found: list[str]) -> list[str]:
    """The sentences the assertion errors name."""
    return [e.split(": ", 1)[1] for e in found if e.startswith("AssertionError: ")]


# ---------------------------------------------------------------- editing a copy of the data


def copy_data(target: Path) -> Path:
    shutil.copytree(ROOT / "data", target)
    return target


def validated(data: Path) -> None:
    """`make validate` on a copy of the data, as `make notebooks` and `make book` run it before executing: the copy
    must pass (a page should fail on its sentence, not on the data), and the chapters then trust the files it
    passed. (In this process, before any kernel starts: it points TROOPS_DEBATE_DATA at the copy meanwhile.)"""
    from troops_debate.data.coding import coding_problems
    from troops_debate.data.load import trust, validate_all
    before = os.environ.get("TROOPS_DEBATE_DATA")
    os.environ["TROOPS_DEBATE_DATA"] = str(data)
    try:
        problems = validate_all()
        problems += coding_problems() if not problems else []
        assert not problems, f"the copy of the data at {data} does not pass validation:\n" + \
            "\n".join(map(str, problems))
        trust()
    finally:
        if before is None:
            del os.environ["TROOPS_DEBATE_DATA"]
        else:
            os.environ["TROOPS_DEBATE_DATA"] = before


def edit(path: Path, key: str, changes: dict[str, dict[str, str]]) -> None:
    """Change cells of rows of a CSV by their key (the first column)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    seen = set()
    for row in rows[1:]:
        if row[0] in changes:
            for column, value in changes[row[0]].items():
                row[rows[0].index(column)] = value
            seen.add(row[0])
    assert seen == set(changes), f"no rows {set(changes) - seen} in {path.name}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def cell(path: Path, key: str, column: str) -> str:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return next(r[column] for r in rows if next(iter(r.values())) == key)
