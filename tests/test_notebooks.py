"""Every notebook in _toc.yml executes from top to bottom without an error (nbclient),
in its own folder as the build runs it, and writes nothing to stderr."""
from __future__ import annotations

import nbformat
import pytest
from troops_debate.build.notebooks import read
from nbclient import NotebookClient

from conftest import notebook_paths, ROOT


def execute(path):
    notebook = read(path)
    NotebookClient(notebook, timeout=120,  # the kernel the notebook names: the project's
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def outputs(notebook) -> list:
    """Every code cell's outputs, without execution timings and counters."""
    return [[{k: v for k, v in out.items() if k not in ("execution_count",)} for out in cell.get("outputs", [])]
            for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_executes_cleanly_and_identically_twice(path):
    first = execute(path)
    stderr = [out.get("text", "") for cell in first.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("name") == "stderr"]
    assert not stderr, f"{path.name} wrote to stderr: {stderr}"
    second = execute(path)
    for number, (a, b) in enumerate(zip(outputs(first), outputs(second)), start=1):
        assert a == b, f"{path.name}: code cell {number} gives different outputs on re-execution"


def test_committed_notebooks_have_no_outputs():
    """Notebooks are committed stripped: the build executes them."""
    for path in ROOT.glob("book/**/*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        dirty = [i for i, cell in enumerate(notebook.cells)
                 if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))]
        assert not dirty, f"{path.relative_to(ROOT)} carries outputs in cells {dirty}"


def test_toc_lists_only_existing_chapters():
    from conftest import toc_files
    missing = [f for f in toc_files() if not any((ROOT / (f + s)).exists() for s in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml lists chapters that do not exist: {missing}"
