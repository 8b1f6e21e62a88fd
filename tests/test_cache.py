"""Cached execution (troops_debate/sphinx/execution.py: myst-nb's cache mode, the cache folder named by one digest
of what a chapter can read outside its notebook), shown by what the builds do, in both directions:

- after a data edit no page shows an old output: the incremental build executes every chapter again and reads
  every page again, and the edit shows wherever the data does (a copied _build/ folder builds, too);
- after a prose edit nothing executes: jupyter-cache's records are those of before, no notebook is executed
  (neither by jupyter-cache nor by myst-nb), only the edited pages are read again, and they show the edit.
"""
from __future__ import annotations

import csv
import re
import shutil
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, build_book, failed, jupyter_cache, notebook_paths, session_book, toc_files

INCREMENTAL = ["-W", "-n", "--keep-going"]  # as `make book` runs it: no --all, the cache kept
MYST_NB_EXECUTING = "Executing notebook using"  # what myst-nb logs when it executes a notebook itself
STANCES = "book/analysis/stances"


def records(out: Path) -> set[tuple[int, str, datetime]]:
    """The executed notebooks jupyter-cache holds for a build: (id, hash of the code cells, when cached, UTC)."""
    from jupyter_cache import get_cache
    return {(r.pk, r.hashkey, r.created) for r in get_cache(str(jupyter_cache(out))).list_cache_records()}


def log_of(result) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def pages_read(log: str) -> list[str]:
    return sorted(line.split()[-1] for line in log.splitlines() if "reading sources..." in line and "%]" in line)


def executed_in_parallel(log: str) -> int:
    """How many notebooks the build executed before reading (its `execution:` line; none without one)."""
    found = re.search(r"execution: (\d+) of \d+ notebook", log)
    return int(found.group(1)) if found else 0


def page_text(path: Path) -> str:
    """A built page without the cache-busting checksums Sphinx appends to asset links (`?v=8cd3d715`): a page
    written by a later build links myst-nb's stylesheet with one, the first build's pages without."""
    return re.sub(r'(\.(?:css|js))\?v=[0-9a-f]{8}"', r'\1"', path.read_text(encoding="utf-8"))


def recode(data: Path, stance_id: str, value: str, column: str = "stance") -> None:
    """The README's worked example: one cell of data/stances.csv changed."""
    path = data / "stances.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["stance_id"] == stance_id for row in rows)
    for row in rows:
        if row["stance_id"] == stance_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ------------------------------------------------------------------ the session's build


def test_the_forced_build_executed_every_chapter_once_in_parallel_and_myst_nb_none(book_output):
    log = log_of(session_book().html().result())
    assert executed_in_parallel(log) == len(notebook_paths()), log[-3000:]
    assert len(records(book_output)) == len(notebook_paths())
    assert MYST_NB_EXECUTING not in log, "myst-nb executed a notebook itself: the cache's hash did not match"


# ------------------------------------------------------------------ a data edit


@pytest.fixture(scope="module")
def data_edit(book_output, tmp_path_factory):
    """The session's _build/ copied elsewhere, then a change to the data that no sentence depends on (a
    speaker's office written out, which the chart, the record and the bibliography show, and a note's wording),
    and one incremental HTML build of the edited data, as `make html` runs it."""
    session_book().settled()  # the session's single-page build and PDF print write into its _build/ too
    tmp = tmp_path_factory.mktemp("data-edit")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    incremental = tmp / "incremental"
    shutil.copytree(book_output / "_build", incremental / "_build", ignore=shutil.ignore_patterns("*.pdf"))
    before, edited = records(incremental), datetime.utcnow()
    recode(data, "s013", "Emmanuel Macron, President of France", column="speaker")
    note = next(r for r in csv.DictReader((data / "stances.csv").open(encoding="utf-8")) if r["stance_id"] == "s013")["note"]
    recode(data, "s013", note.replace("Interview with", "An interview with"), column="note")
    html = build_book(incremental, env={"TROOPS_DEBATE_DATA": str(data)}, force=False, flags=INCREMENTAL)
    assert html.returncode == 0, failed(html, "the incremental HTML build of the edited data, in a copied _build/")
    return {"out": incremental, "html": log_of(html), "before": before, "edited": edited,
            "after": records(incremental)}


def test_a_data_edit_executes_every_chapter_again_and_reads_every_page(data_edit, book_output):
    """No page can show an old output: the digest of the data changed, so every chapter's output was made again
    after the edit (in parallel, none by myst-nb) and every page was read again."""
    assert data_edit["before"] == records(book_output), "the copy's cache is not the session's"
    assert executed_in_parallel(data_edit["html"]) == len(notebook_paths())
    assert len(data_edit["after"]) == len(notebook_paths())
    assert all(created >= data_edit["edited"] for _, _, created in data_edit["after"]), \
        "an output made from the old data was kept"
    assert pages_read(data_edit["html"]) == sorted(toc_files()), "not every page was read again"
    assert MYST_NB_EXECUTING not in data_edit["html"], "myst-nb executed a notebook itself: the cache's hash did not match"


def test_after_a_data_edit_the_edit_shows_wherever_the_data_does(data_edit, built_book):
    """A change no sentence depends on builds (the chapters' checks hold), and shows in the chart's table, the
    record and the bibliography; the data offered for download is the edited data."""
    html = data_edit["out"] / "_build" / "html"
    for page in (STANCES, "book/record/stances", "book/method/references"):
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        assert "Emmanuel Macron, President of France" in text, f"{page} shows old outputs"
        assert page_text(html / f"{page}.html") != page_text(built_book / f"{page}.html")
    assert "An interview with Le Parisien" in (html / "book/record/stances.html").read_text(encoding="utf-8")
    download = Path("_static", "download", "stances.csv")
    assert b"President of France" in (html / download).read_bytes()


# ------------------------------------------------------------------ a prose edit


def replace_in_prose(path: Path, old: str, new: str) -> None:
    """Change the first Markdown cell (or Markdown line, outside code cells) holding `old`."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        cell = next(c for c in notebook.cells if c.cell_type == "markdown" and old in c.source)
        cell.source = cell.source.replace(old, new, 1)
        nbformat.write(notebook, path)
        return
    lines, fenced = path.read_text(encoding="utf-8").split("\n"), False
    for number, line in enumerate(lines):
        fenced = fenced != line.startswith("```")
        if not fenced and not line.startswith(("```", "---", ":")) and f" {old} " in line and number > 10:
            lines[number] = line.replace(f" {old} ", f" {new} ", 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"no prose line with {old!r} in {path}")


@pytest.fixture(scope="module")
def prose_edit(book_output, tmp_path_factory):
    """A copy of the book's sources with the session's cache: built once, then again after a one-word
    edit in the prose of a notebook chapter and of a MyST Markdown chapter."""
    session_book().settled()
    tmp = tmp_path_factory.mktemp("prose-edit")
    source, out = tmp / "src", tmp / "out"
    for item in ("book", "_config.yml", "_toc.yml"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, source / item)
    cache = jupyter_cache(book_output)
    shutil.copytree(cache, out / "_build" / ".jupyter_cache" / cache.name)
    first = build_book(out, source=source, force=False, flags=INCREMENTAL)
    assert first.returncode == 0, failed(first, "the build of the copied sources")
    before = records(out)
    pages = {file: page_text(out / "_build" / "html" / f"{file}.html") for file in toc_files()}
    for path in (source / f"{STANCES}.ipynb", source / "book" / "method" / "method.md"):
        replace_in_prose(path, "the", "the zzedited")
    second = build_book(out, source=source, force=False, flags=INCREMENTAL)
    assert second.returncode == 0, failed(second, "the build after the prose edit")
    return {"out": out, "first": log_of(first), "second": log_of(second), "pages": pages, "before": before,
            "after": records(out), "session": records(book_output)}


def test_the_cache_holds_for_a_copy_of_the_sources(prose_edit):
    """The cache matches a chapter by its code cells, wherever its sources are: a copy executes nothing."""
    assert executed_in_parallel(prose_edit["first"]) == 0 and MYST_NB_EXECUTING not in prose_edit["first"]
    assert prose_edit["before"] == prose_edit["session"]


def test_rendering_the_same_outputs_again_gives_identical_pages(prose_edit, built_book):
    """Half of "building twice gives identical chapters" (test_integrity): the copy's first build, which
    executed nothing, wrote every page as the session's build did (Sphinx's cache-busting suffixes aside).
    The other half, executing again gives the same outputs, is in test_reexecute."""
    for file, page in prose_edit["pages"].items():
        assert page == page_text(built_book / f"{file}.html"), f"{file}.html differs between two builds"


def test_a_prose_edit_executes_nothing_and_rereads_only_the_edited_pages(prose_edit):
    log = prose_edit["second"]
    assert prose_edit["after"] == prose_edit["before"], "a prose edit changed jupyter-cache's records"
    assert executed_in_parallel(log) == 0 and MYST_NB_EXECUTING not in log, "a prose edit executed a chapter"
    assert pages_read(log) == [STANCES, "book/method/method"], pages_read(log)


def test_a_prose_edit_shows_in_the_pages(prose_edit):
    html = prose_edit["out"] / "_build" / "html"
    for page in (f"{STANCES}.html", "book/method/method.html"):
        assert "the zzedited" in (html / page).read_text(encoding="utf-8"), f"{page} does not show the edit"
