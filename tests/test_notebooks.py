"""The committed notebooks and the table of contents. That every chapter executes from top to bottom
without an error or stderr, and gives the same outputs when executed again, is checked on the executions
the suite makes anyway: the session's build (test_cache) and `make notebooks` (test_reexecute)."""
from __future__ import annotations

import nbformat

from conftest import ROOT


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
