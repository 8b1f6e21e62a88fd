"""The chapters as notebooks: read one way, executed one way, for the book build and `make notebooks`.

- `read`: jupyter-cache's readers, as the book build uses them: nbformat for an `.ipynb` chapter, myst-nb's
  own reader (`myst_nb_md`, the plugin myst-nb registers with jupyter-cache) for a MyST Markdown chapter
  (`.md`), so that the cache's hash of its code cells is the one myst-nb computes when it reads the page.
- `unexecuted`: the notebooks whose code cells have no outputs in a jupyter-cache folder (each added to its
  project with its reader; the book build then runs jupyter-cache's own command on that project).
- `execute_all`: jupyter-cache's `local-parallel` executor into a jupyter-cache folder (one process per core;
  each notebook in its own folder, with the timeout and allow_errors given), as the book build runs it. A
  notebook that fails there is simply not cached.
- `execute`: one notebook with nbclient, through jupyter-cache's `single_nb_execution` (what myst-nb runs
  itself), naming the first failing cell.

`make notebooks` (`python -m troops_debate notebooks`) executes every chapter in _toc.yml (or those named) with
`execute_all` into a fresh cache, and writes each executed notebook at the chapter's own path under the output
folder (`_build/notebooks/`; a `.md` chapter becomes an `.ipynb`). The data files are copied to
`<output>/_static/download/` and the outputs' links made relative to them. A chapter that failed is executed
once more, alone, to name the cell; one whose cell raised or wrote to stderr (an error in the book build too)
fails the command. The committed notebooks are never written to.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .paths import ROOT
from .html import ROOT_LINK, resolve_root_links, root_prefix
from .toc import executable_path, toc_files

KERNEL = "troops-debate"  # registered in the project environment by `make env`
DEFAULT_OUTPUT = ROOT / "_build" / "notebooks"
READERS = {".ipynb": {"name": "nbformat", "type": "plugin"}, ".md": {"name": "myst_nb_md", "type": "plugin"}}
QUIET = logging.getLogger("troops_debate.notebooks")  # the executor's own log: warnings only
QUIET.setLevel(logging.WARNING)


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
    """A chapter as the book build reads it; a MyST Markdown chapter gets stable cell ids (its reader draws
    random ones) and loses the reader's source map."""
    from jupyter_cache.readers import get_reader
    notebook = get_reader(READERS[path.suffix])(str(path))
    if path.suffix == ".md":
        notebook.metadata.pop("source_map", None)
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"{path.stem}-{number:02d}"
    return notebook


def first_failure(notebook) -> str | None:
    """"code cell N of M (cell id ..., starting '...') raised X: y" for the first code cell with an error or
    with output on stderr; None if there is none."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                what = f"raised {output.get('ename')}: {output.get('evalue')}"
            elif output.get("name") == "stderr":
                what = f"wrote to stderr: {output.get('text', '').strip()[:300]}"
            else:
                continue
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} of {len(code_cells)} (cell id {cell.get('id', '?')}, starting {first[:80]!r}) {what}"
    return None


@contextlib.contextmanager
def book_output():
    """The kernels started meanwhile draw charts as the book does (charts.py), whatever process starts them."""
    from .charts import BOOK_OUTPUT
    before = os.environ.get(BOOK_OUTPUT)
    os.environ[BOOK_OUTPUT] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(BOOK_OUTPUT, None)
        else:
            os.environ[BOOK_OUTPUT] = before


def execute(path: Path, cwd: Path | None = None, timeout: int = 300,
            notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """Execute a chapter (or `notebook`, read from it) with the kernel its metadata names (the project's), in
    `cwd` (default: the chapter's own folder, as the book build and JupyterLab run it)."""
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = read(path) if notebook is None else notebook
    try:
        with book_output():
            result = single_nb_execution(notebook, cwd=str(cwd or path.parent), timeout=timeout, allow_errors=False)
    except Exception as error:  # the kernel could not start, or died: no cell to name
        raise NotebookError(f"{relative(path)}: the kernel failed: {type(error).__name__}: {error}") from None
    failure = first_failure(result.nb)
    if failure is None and result.err is not None:  # a timeout: no error output in the cell
        failure = f"{type(result.err).__name__}: {str(result.err).strip()[-300:]}"
    if failure:
        raise NotebookError(f"{relative(path)}: {failure}")
    return result.nb


def unexecuted(paths: list[Path], cache) -> list[Path]:
    """Those of `paths` whose code cells have no outputs in `cache` (a jupyter-cache folder; each is added to its
    project, with its reader)."""
    uris = {cache.add_nb_to_project(str(p), read_data=READERS[p.suffix]).uri: p for p in paths}
    return [uris[record.uri] for record in cache.list_unexecuted(filter_uris=list(uris))]


def execute_all(paths: list[Path], cache, timeout: int | None, allow_errors: bool = False) -> dict[str, list[str]]:
    """Execute, with jupyter-cache's `local-parallel` executor, those of `paths` whose code cells have no
    outputs in `cache` (a jupyter-cache folder); return the URIs that succeeded and failed."""
    from jupyter_cache.executors import load_executor

    todo = [str(p.absolute()) for p in unexecuted(paths, cache)]
    if not todo:
        return {"succeeded": [], "failed": []}
    with book_output():
        result = load_executor("local-parallel", cache, logger=QUIET).run_and_cache(
            filter_uris=todo, timeout=timeout, allow_errors=allow_errors)
    return {"succeeded": result.succeeded, "failed": result.excepted + result.errored}


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


def book_timeout() -> int:
    """The book's execution timeout (_config.yml), which `make notebooks` keeps too."""
    import yaml
    return int(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["execute"].get("timeout", 120))


def build(output: Path = DEFAULT_OUTPUT, only: list[Path] | None = None, log=print) -> list[str]:
    """Execute the chapters into `output`, in parallel; returns the failures (empty when all went well)."""
    from jupyter_cache import get_cache

    from .data.derived import write_downloads

    output = output.resolve()
    if output.exists() and not only:
        shutil.rmtree(output)
    output.mkdir(parents=True, exist_ok=True)
    write_downloads(output / "_static" / "download")
    paths, failures, timeout = only or chapters(), [], book_timeout()
    with tempfile.TemporaryDirectory(prefix="td-notebooks-") as folder:
        cache = get_cache(folder)
        started = time.perf_counter()
        execute_all(paths, cache, timeout)
        log(f"executed {len(paths)} chapter(s) in parallel in {time.perf_counter() - started:.1f} s")
        for path in paths:
            # a chapter keeps its place below the output folder; a notebook from outside the repository goes at its top
            rel = Path(relative(path)) if path.resolve().is_relative_to(ROOT) else Path(path.name)
            target = output / rel.with_suffix(".ipynb")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                try:
                    notebook = cache.merge_match_into_notebook(read(path))[1]
                except KeyError:  # it failed in the parallel run: executed again, alone, to name the cell
                    notebook = execute(path, timeout=timeout)
                failure = first_failure(notebook)
                if failure:
                    raise NotebookError(f"{relative(path)}: {failure}")
            except NotebookError as error:
                failures.append(str(error))
                log(f"FAILED {error}")
                continue
            resolve_links(notebook, root_prefix(rel.with_suffix("").as_posix()))
            nbformat.write(notebook, target)
            log(f"{rel} -> {relative(target)}")
    return failures


def main(args: list[str]) -> int:
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
