"""The book cannot silently go wrong:
- untrusted text in the data cannot inject markup or script (POISON and poison() here; the build of a poisoned
  copy is in test_modified_book.py, shared with the third article);
- the build needs no network (and building twice gives identical chapter HTML: see below);
- a failing cell fails the build, naming the notebook and the cell.
Each test fails when its protection is removed (see the closing notes of issue 9)."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, build_book, session_book, toc_files

PAYLOAD = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"></table></td>'
           '{{x}} **bold** {glue:text}`n_articles` [link](javascript:alert(3)) javascript:alert(4) & done')

# file -> columns that carry free text to the reader (quotes are checked against their sources, and the names the
# chapters' checks look rows up by, a red line's step and whom a claim credits, stay); an outlet is poisoned in
# the record and in its registry alike, so that the sources still have their standing
POISON = {
    "stances.csv": ["speaker", "note", "source_outlet"],
    "outlets.csv": ["note"],
    "arguments.csv": ["claim"],
    "red_lines.csv": ["warned_by", "response", "step_description", "note"],
    "articles.csv": ["date_note", "section"],
    "teaser_positions.csv": ["note"],
}


def poison(data: Path) -> None:
    for name, columns in POISON.items():
        path = data / name
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = rows[0]
        for row in rows[1:]:
            for col in columns:
                if row[header.index(col)]:  # an empty cell stays empty (a row without a source has no outlet)
                    row[header.index(col)] = f"{row[header.index(col)]} {PAYLOAD}"
        if name == "outlets.csv":  # every outlet also under its poisoned name, with its standing
            rows += [[f"{row[0]} {PAYLOAD}", *row[1:]] for row in rows[1:]]
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


def test_the_build_passes_with_the_network_unavailable(book_output):
    """The session's build (conftest.SessionBook.html) ran in a network namespace with only loopback, or,
    where the machine allows none, with every Python process refusing outside connections."""
    how = json.loads(session_book().offline.read_text(encoding="utf-8"))
    result = session_book().html().result()
    assert how["prefix"] or how["env"].get("PYTHONPATH"), "the session's build was not kept off the network"
    assert [str(a) for a in result.args[:len(how["prefix"])]] == how["prefix"]
    assert result.returncode == 0 and (book_output / "_build" / "html" / "book" / "index.html").exists()


# Building twice gives identical chapters: shown in two halves, each on a second build the suite makes
# anyway. Executing again gives the same outputs (test_reexecute: `make notebooks` against the session's
# cache, cell for cell), and rendering the same outputs again gives the same pages, byte for byte
# (test_cache: a copy of the sources built from the session's cache).


def test_a_failing_cell_fails_the_build_and_names_notebook_and_cell(tmp_path):
    chapters = [f for f in toc_files() if (ROOT / f"{f}.ipynb").exists()]
    if not chapters:
        chapters = [f for f in toc_files() if f != toc_files()[0]]
    chapter = chapters[0]
    source = tmp_path / "src"
    for item in ("book", "_config.yml"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, source / item)
    path = next(p for p in (source / f"{chapter}.ipynb", source / f"{chapter}.md") if p.exists())
    marker = "raise RuntimeError('deliberate failure for the test')"
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.insert(1, nbformat.v4.new_code_cell(marker))
        nbformat.write(notebook, path)
    else:
        text = path.read_text()
        head, sep, body = text.partition("\n# ")
        path.write_text(f"{head}{sep}{body.split(chr(10), 1)[0]}\n\n```{{code-cell}} ipython3\n{marker}\n```\n"
                        f"{body.split(chr(10), 1)[1]}")
    toc = tmp_path / "toc.yml"
    toc.write_text(f"format: jb-book\nroot: {chapter}\n")  # the failing chapter alone: one notebook to execute
    result = build_book(tmp_path / "out", source=source, toc=toc)
    log = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed although a cell raised"
    assert path.name in log, f"the log does not name the notebook {path.name}"
    assert marker in log and "RuntimeError" in log, "the log does not show the failing cell"
