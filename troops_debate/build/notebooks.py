"""Re-execute the chapters outside the book: `make notebooks` (`python -m troops_debate notebooks`).

Every executable chapter in _toc.yml (or those named) is executed with nbconvert's
ExecutePreprocessor, several at once (one per core; TD_JOBS=N), each in its own folder and with the
project's kernel, as the book build runs it, and written as an executed notebook (`.ipynb`; a MyST Markdown chapter becomes a notebook too) at
the chapter's own path under the output folder (`_build/notebooks/`). The data files are copied
to `<output>/_static/download/`, and the outputs' links to them made relative, so a table's
download link works in the executed notebook.

There is no rendered page here: the book is the rendered edition, and JupyterLab (`make lab`, with
jupyterlab-myst) shows a chapter's MyST. The committed notebooks are never written to. If a cell
raises (or writes to stderr, which the book build also treats as an error), the chapter and the
cell are named and the command exits 1.
"""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

from ..paths import ROOT
from ..html import ROOT_LINK, resolve_root_links, root_prefix
from .toc import executable_path, toc_files

KERNEL = "troops-debate"  # registered in the project environment by `make env`
DEFAULT_OUTPUT = ROOT / "_build" / "notebooks"


class NotebookError(Exception):
    """A chapter that cannot be executed; the message names the chapter and the cell."""


def chapters(root: Path = ROOT) -> list[Path]:
    """The executable chapters, in the order of _toc.yml."""
    return [p for p in (executable_path(f, root) for f in toc_files(root / "_toc.yml")) if p is not None]


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read(path: Path) -> nbformat.NotebookNode:
    """A chapter as a notebook; a MyST Markdown chapter gets stable cell ids (the reader draws random ones)."""
    if path.suffix == ".md":
        from myst_nb.core.read import read_myst_markdown_notebook
        notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"))
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"{path.stem}-{number:02d}"
        return notebook
    return nbformat.read(path, as_version=4)


def first_failure(notebook, stderr: bool = True) -> str | None:
    """"code cell N of M (cell id ..., starting '...') raised X: y" for the first code cell with an
    error, or (with `stderr`) with output on stderr (an error in the book build too); None if there is
    none. The book's executions (execution.py) name a cell that raised with it too."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                what = f"raised {output.get('ename')}: {output.get('evalue')}"
            elif stderr and output.get("name") == "stderr":
                what = f"wrote to stderr: {output.get('text', '').strip()[:300]}"
            else:
                continue
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} of {len(code_cells)} (cell id {cell.get('id', '?')}, starting {first[:80]!r}) {what}"
    return None


def execute(path: Path, cwd: Path | None = None, timeout: int = 300,
            notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """Execute a chapter (or `notebook`, read from it) with the kernel its metadata names (the
    project's), in `cwd` (default: the chapter's own folder, as the book build and JupyterLab run it)."""
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    notebook = read(path) if notebook is None else notebook
    # no timestamps in the metadata, so that an unchanged chapter gives an identical file
    executor = ExecutePreprocessor(timeout=timeout, record_timing=False)
    try:
        executor.preprocess(notebook, {"metadata": {"path": str(cwd or path.parent)}})
    except CellExecutionError as error:
        reason = first_failure(notebook) or str(error).splitlines()[0]
        raise NotebookError(f"{relative(path)}: {reason}") from None
    failure = first_failure(notebook)
    if failure:
        raise NotebookError(f"{relative(path)}: {failure}")
    return notebook


def resolve_links(notebook, root: str) -> None:
    """The outputs' links to published files, from the book's root, made relative to the notebook; a link
    to a page of the book leads to its executed notebook, which sits where the page would."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for key, value in output.get("data", {}).items():
                if key.endswith("text/html") and isinstance(value, str):
                    value = re.sub(rf'href="{re.escape(ROOT_LINK)}(book/[^"]+)\.html"', rf'href="{ROOT_LINK}\1.ipynb"',
                                   value)
                    output["data"][key] = resolve_root_links(value, root)


def _execute(path: Path) -> tuple[nbformat.NotebookNode | None, str | None, float]:
    """One chapter, in a worker process: (the executed notebook or None, the failure or None, seconds)."""
    from .execution import restarting

    started = time.perf_counter()
    try:
        return restarting(lambda: execute(path)), None, time.perf_counter() - started
    except NotebookError as error:
        return None, str(error), time.perf_counter() - started
    except RuntimeError as error:  # the kernel failed, and not only in starting (execution.restarting)
        return None, f"{relative(path)}: the kernel failed: {error}", time.perf_counter() - started


def build(output: Path = DEFAULT_OUTPUT, only: list[Path] | None = None, log=print) -> list[str]:
    """Execute the chapters into `output`, several at once (TD_JOBS, default: every core); returns the
    failures (empty when all went well)."""
    from ..data.derived import write_downloads
    from .execution import jobs

    output = output.resolve()
    if output.exists() and not only:
        shutil.rmtree(output)
    output.mkdir(parents=True, exist_ok=True)
    write_downloads(output / "_static" / "download")
    paths, failures = only or chapters(), []
    workers = max(1, min(len(paths), jobs()))
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for path, (notebook, failure, seconds) in zip(paths, pool.map(_execute, paths)):
            # a chapter keeps its place below the output folder; a notebook from outside the repository goes at its top
            rel = Path(relative(path)) if path.resolve().is_relative_to(ROOT) else Path(path.name)
            target = output / rel.with_suffix(".ipynb")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            if failure:
                failures.append(failure)
                log(f"FAILED {failure}")
                continue
            resolve_links(notebook, root_prefix(rel.with_suffix("").as_posix()))
            nbformat.write(notebook, target)
            log(f"{rel}: executed in {seconds:.1f} s -> {relative(target)}")
    return failures


def main(args: list[str]) -> int:
    from ..charts import BOOK_OUTPUT
    os.environ[BOOK_OUTPUT] = "1"  # the executed notebooks hold the book's outputs (charts.py)
    output, only = DEFAULT_OUTPUT, []
    while args:
        arg = args.pop(0)
        if arg == "--output" and args:
            output = Path(args.pop(0))
        else:
            only.append(Path(arg).resolve())
    failures = build(output, only or None)
    if failures:
        print(f"make notebooks: {len(failures)} chapter(s) failed:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(f"make notebooks: every chapter executed into {relative(output)}/")
    return 0
